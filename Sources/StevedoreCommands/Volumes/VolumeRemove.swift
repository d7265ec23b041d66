import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Volume {
    /// `stevedore volume rm` (also `remove`): each volume's name once removed, failures on stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove one or more volumes. You cannot remove a volume that is in use by a container.",
            aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force the removal of one or more volumes") var force = false

        @Argument(help: "VOLUME") var volumes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.volumes) { try await client.volumes.remove($0, force: self.force) }
            }
        }
    }
}
