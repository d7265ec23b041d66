import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Secret {
    /// `stevedore secret create SECRET [file|-]`: creates a secret holding the file's content
    /// (stdin for `-`), or one an external store provides (`--driver`), and prints its id. The
    /// content goes to the daemon only: it is never printed.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a secret from a file or STDIN as content")

        @Option(name: [.customShort("d"), .long], parsing: .unconditional, help: "Secret driver") var driver: String?
        @Option(name: [.customShort("l"), .long], parsing: .unconditionalSingleValue, help: "Secret labels") var label: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Template driver") var templateDriver: String?

        @Argument(help: "SECRET") var name: String
        @Argument(help: "file|-") var file: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let labels = try swarmObjectLabels(self.label)
            var spec: SecretSpec
            // An empty driver name means no driver, as docker reads the flag.
            if let driver = self.driver, !driver.isEmpty {
                guard (self.file ?? "").isEmpty else {
                    throw CommandFailure(description: "When using secret driver secret data must be empty")
                }
                spec = SecretSpec(name: self.name, labels: labels, driver: Driver(name: driver))
            } else {
                // docker reads up to twice the daemon's limit (500 KB) and lets the daemon refuse more.
                let content = try readSwarmObjectContent(self.file ?? "", limit: 2 * 500 * 1024, missing: "secret file is required")
                spec = SecretSpec(name: self.name, data: content, labels: labels)
            }
            if let templateDriver = self.templateDriver, !templateDriver.isEmpty {
                spec.templating = Driver(name: templateDriver)
            }
            try await withClient(self.global) { client in
                printOut(try await client.secrets.create(spec) + "\n")
            }
        }
    }
}

/// The `-l, --label` values of `secret create` and `config create` as the spec's labels
/// (`KEY=VALUE`; a bare `KEY` has an empty value), `nil` when there are none. Each is checked
/// as docker checks it, failing with exit code 125: its name, leading spaces and tabs aside,
/// must be neither empty nor contain spaces or tabs.
func swarmObjectLabels(_ texts: [String]) throws -> [String: String]? {
    for text in texts {
        _ = try FlagValue.parse(text, for: "-l, --label", OptsFlagParsers.label)
    }
    return keyValueMap(texts)
}

/// The content of a secret or config as docker's `create` commands read it: the file `source`,
/// or stdin for `-`, at most `limit` bytes (docker reads twice the daemon's maximum and leaves
/// refusing anything larger to the daemon). Fails with docker's words: `missing` when no file
/// was named, `error reading from NAME: …` when it cannot be read or is empty.
func readSwarmObjectContent(_ source: String, limit: Int, missing: String) throws -> Data {
    guard !source.isEmpty else { throw CommandFailure(description: missing) }
    let name = source == "-" ? "STDIN" : source
    let content: Data
    do {
        content = try LocalFiles.contents(ofFile: source == "-" ? nil : source, limit: limit)
    } catch {
        throw CommandFailure(description: "error reading from \(name): \(error)")
    }
    guard !content.isEmpty else { throw CommandFailure(description: "error reading from \(name): data is empty") }
    return content
}
