import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Secret {
    /// `stevedore secret inspect`: the secrets as the daemon's JSON array, each through
    /// `--format`, or in docker's human layout with `--pretty` (never the data, which the daemon
    /// does not return).
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more secrets")

        @Argument(help: "SECRET") var secrets: [String]
        @OptionGroup var output: PrettyInspectOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await self.output.printInspected(self.secrets, layout: { ByteBuffer(string: prettySecret($0)) }) {
                    try await client.secrets.inspectWithRaw($0)
                }
            }
        }
    }
}

/// One secret in docker's `--pretty` layout, values aligned with spaces, ending with a newline.
func prettySecret(_ secret: Secret) -> String {
    let spec = secret.spec
    let lines =
        ["ID:              \(secret.id ?? "")", "Name:              \(spec?.name ?? "")"]
        + prettyLabelLines(spec?.labels)
        + [
            "Driver:            \(spec?.driver?.name ?? "")",
            "Created at:        \(prettySwarmTime(secret.createdAt))",
            "Updated at:        \(prettySwarmTime(secret.updatedAt))",
        ]
    return lines.joined(separator: "\n") + "\n"
}

/// The labels block of docker's `--pretty` layouts: nothing without labels, else `Labels:` and
/// a ` - KEY=VALUE` line each (` - KEY` for an empty value), keys sorted as Go templates range
/// over maps.
func prettyLabelLines(_ labels: [String: String]?) -> [String] {
    guard let labels, !labels.isEmpty else { return [] }
    let entries = labels.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? " - \($0.key)" : " - \($0.key)=\($0.value)" }
    return ["Labels:"] + entries
}

/// A swarm object's time as docker's `--pretty` layouts print it (`PrettyPrint` of a Go time):
/// Go's `time.Time.String()` in UTC, where swarm keeps its times, then the first letter
/// upper-cased and the rest lower-cased as `PrettyPrint` treats any text:
/// `2025-06-01 09:30:00.25 +0000 utc`. An absent or unreadable time is Go's zero time
/// (`0001-01-01 00:00:00 +0000 utc`), as docker decodes it.
func prettySwarmTime(_ text: String?) -> String {
    let timestamp = text.flatMap { DockerTimestamp($0) } ?? .zero
    let rendered = GoTime(secondsSince1970: timestamp.secondsSince1970, nanoseconds: Int64(timestamp.nanoseconds)).string
    return rendered.prefix(1).uppercased() + rendered.dropFirst().lowercased()
}
