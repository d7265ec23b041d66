import Foundation
import Stevedore

/// `--format`: `json` prints the value as one line of JSON (what the docker CLI prints for
/// `--format json`); anything else is a Go template evaluated over the value.
enum OutputFormat {
    /// The value rendered as `format` asks, or `nil` when no format was given.
    static func render<Value: Encodable>(_ value: Value, format: String?) throws -> String? {
        guard let format, !format.isEmpty else { return nil }
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        }
        throw DockerError(category: .invalidInput, message: "templates are not supported yet")
    }
}
