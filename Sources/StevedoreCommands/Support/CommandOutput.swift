import Foundation
import Stevedore
import StevedoreFormatting

/// Renders values for stdout with the user's `--format` or a command's default layout.
enum CommandOutput {
    /// `values` rendered with `format` (`json`, `table …` or a Go template); the bare words
    /// `table`/`raw` and an empty or absent format mean `defaultFormat`. `titles` names table
    /// columns (`["ID": "CONTAINER ID"]`); `prepare` adds fields docker's templates expect
    /// beyond the JSON (Go field names such as `APIVersion`).
    static func render<Value: Encodable>(
        _ values: [Value],
        format: String?,
        defaultFormat: String,
        titles: [String: String] = [:],
        prepare: (inout TemplateValue) -> Void = { _ in }
    ) throws -> String {
        let chosen = format.flatMap { OutputFormat.isBareKeyword($0) ? nil : $0 } ?? defaultFormat
        let outputFormat = try Self.reportingTemplateErrors { try OutputFormat(chosen) }
        return try Self.render(values, with: outputFormat, titles: titles, prepare: prepare)
    }

    /// Parses a `--format` value once, for output rendered item by item (events).
    static func parse(_ format: String) throws -> OutputFormat {
        try Self.reportingTemplateErrors(parseExitCode: 64) { try OutputFormat(format) }
    }

    /// `values` rendered with an already parsed format.
    static func render<Value: Encodable>(
        _ values: [Value],
        with format: OutputFormat,
        titles: [String: String] = [:],
        prepare: (inout TemplateValue) -> Void = { _ in }
    ) throws -> String {
        try Self.reportingTemplateErrors {
            let items = try values.map { value in
                var item = try TemplateValue(encoding: value)
                prepare(&item)
                return item
            }
            // Rows with column titles are docker's formatter contexts, whose JSON escapes HTML.
            return try format.render(items, titles: titles, escapingHTMLInJSON: !titles.isEmpty)
        }
    }

    /// Runs `body`, turning template errors into docker's `template parsing error: …`: exit code
    /// 1, or `parseExitCode` for a template that does not parse (docker's list commands say 1,
    /// its single-value commands check the flag first and say 64).
    private static func reportingTemplateErrors<Result>(parseExitCode: Int32 = 1, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as TemplateError {
            throw CommandFailure(
                description: "template parsing error: \(error.message)", exitCode: error.kind == .parse ? parseExitCode : 1)
        }
    }

    /// `value` rendered with `format`, or `nil` when no format was given (the command then
    /// prints its own default text).
    static func render<Value: Encodable>(
        _ value: Value, format: String?, prepare: (inout TemplateValue) -> Void = { _ in }
    ) throws -> String? {
        guard let format, !OutputFormat.isBareKeyword(format) else { return nil }
        // docker checks a single value's template as a flag, before anything else: a usage error.
        let outputFormat = try Self.reportingTemplateErrors(parseExitCode: 64) { try OutputFormat(format) }
        return try Self.render([value], with: outputFormat, prepare: prepare)
    }

    /// What docker's inspect commands print: a JSON array indented by four spaces, or each
    /// value rendered with `format`.
    static func printInspected<Value: Encodable>(_ values: [Value], format: String?) throws {
        if let format, format != "json" {
            // With nothing found, docker still ends its (empty) template output with a newline.
            printOut(values.isEmpty ? "\n" : try Self.render(values, format: format, defaultFormat: format))
            return
        }
        guard !values.isEmpty else {
            printOut("[]\n")
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(values), as: UTF8.self)
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
