import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The output flags of `node`, `secret` and `config inspect`: `--format`, and `--pretty` for
/// docker's human layout.
struct PrettyInspectOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .long], parsing: .unconditional, help: "Format output using a custom template: 'json' or a Go template")
    var format: String?

    @Flag(name: .long, help: "Print the information in a human friendly format") var pretty = false

    /// `pretty` with `--pretty` (which wins over `--format`), else `--format`, an empty one
    /// meaning the default JSON as for docker. A format that starts with `pretty` but adds to
    /// it fails, as docker's does: the pretty layout takes no template.
    func resolvedFormat() throws -> String? {
        if self.pretty { return "pretty" }
        guard let format, !format.isEmpty else { return nil }
        if format.hasBytePrefix("pretty"), format != "pretty" {
            throw CommandFailure(description: "cannot supply extra formatting options to the pretty template")
        }
        return format
    }

    /// Inspects each of `names` and prints them: in the pretty `layout` (as docker, the first
    /// failure stops everything and nothing is printed), or as the daemon's JSON through the
    /// format (see ``inspectEach(_:format:keepsDaemonJSON:_:)``).
    func printInspected<Value: Encodable>(
        _ names: [String],
        layout: (Value) -> ByteBuffer,
        keepsDaemonJSON: Bool = true,
        _ inspect: (String) async throws -> (value: Value, raw: Data)
    ) async throws {
        let format = try self.resolvedFormat()
        guard format == "pretty" else {
            try await inspectEach(names, format: format, keepsDaemonJSON: keepsDaemonJSON, inspect)
            return
        }
        var output = ByteBuffer()
        for name in names {
            var text = layout(try await inspect(name).value)
            output.writeBuffer(&text)
        }
        printOut(output)
    }
}
