import ArgumentParser
import Foundation
import Stevedore

struct ImageInspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display detailed information on one or more images")

    @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
    var format: String?

    @Argument(help: "Images") var images: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            var found: [Stevedore.ImageInspect] = []
            var failed = false
            for name in self.images {
                do {
                    found.append(try await client.inspectImage(name))
                } catch let error as DockerError where error.category == .notFound {
                    // docker names the argument before the daemon's message.
                    failed = true
                    FileHandle.standardError.write(Data("Error response from daemon: no such image: \(name): \(error.message)\n".utf8))
                }
            }
            try CommandOutput.printInspected(found, format: self.format)
            if failed { throw CommandFailure(description: "", exitCode: 1) }
        }
    }
}
