import ArgumentParser
import Foundation
import Stevedore

struct ContainerInspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display detailed information on one or more containers")

    @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
    var format: String?

    @Flag(name: [.customShort("s"), .long], help: "Display total file sizes")
    var size = false

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            var found: [ContainerInspectResponse] = []
            try await forEachContainer(self.containers, print: false) { name in
                found.append(try await client.inspectContainer(name, options: .init(size: self.size)))
            }
            try self.print(found)
        }
    }

    /// docker prints a JSON array indented by four spaces, or each container with `--format`.
    private func print(_ containers: [ContainerInspectResponse]) throws {
        if let format = self.format, format != "json" {
            printOut(try CommandOutput.render(containers, format: format, defaultFormat: format))
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(containers), as: UTF8.self)
        printOut(Self.reindented(text) + "\n")
    }

    /// Foundation indents by two spaces; docker by four.
    static func reindented(_ json: String) -> String {
        let lines: [Substring] = json.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            let spaces = line.prefix(while: { $0 == " " }).count
            return String(repeating: " ", count: spaces * 2) + String(line.dropFirst(spaces))
        }.joined(separator: "\n")
    }
}
