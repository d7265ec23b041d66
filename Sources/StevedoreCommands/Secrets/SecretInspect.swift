import ArgumentParser
import Stevedore
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
    var days = timestamp.secondsSince1970 / 86_400
    var secondOfDay = timestamp.secondsSince1970 % 86_400
    if secondOfDay < 0 {
        days -= 1
        secondOfDay += 86_400
    }
    // The proleptic Gregorian date of a day count (Howard Hinnant's civil_from_days): Go's
    // calendar, which Foundation's date formatting leaves for the Julian one before 1582.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let marchMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
    let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

    func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    var fraction = ""
    if timestamp.nanoseconds != 0 {
        fraction = "." + padded(Int64(timestamp.nanoseconds), 9)
        while fraction.hasByteSuffix("0") { fraction.removeLast() }
    }
    let rendered =
        "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2)) "
        + "\(padded(secondOfDay / 3_600, 2)):\(padded(secondOfDay / 60 % 60, 2)):\(padded(secondOfDay % 60, 2))"
        + "\(fraction) +0000 UTC"
    return rendered.prefix(1).uppercased() + rendered.dropFirst().lowercased()
}
