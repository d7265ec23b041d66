import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container update`: update configuration of one or more containers.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update configuration of one or more containers")

        @OptionGroup var resources: ContainerResourceOptions

        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var body = ContainerUpdateBody()
            try self.resources.apply(to: &body)
            try await withClient(self.global) { client in
                try await forEachName(self.containers) { name in
                    let response = try await client.containers.update(name, body)
                    printWarnings(response.warnings ?? [])
                }
            }
        }
    }
}
