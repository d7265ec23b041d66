import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Renders values for stdout with the user's `--format` or a command's default layout.
enum CommandOutput {
    /// `values` rendered with `format` (`json`, `table …` or a Go template); the bare words
    /// `table`/`raw` and an empty or absent format mean `defaultFormat`, except that `raw`
    /// means `rawFormat` in a command that has docker's raw layout. `titles` names table
    /// columns (`["ID": "CONTAINER ID"]`); `prepare` adds fields docker's templates expect
    /// beyond the JSON (Go field names such as `APIVersion`).
    static func render<Value: Encodable>(
        _ values: [Value],
        format: String?,
        defaultFormat: String,
        rawFormat: String? = nil,
        titles: [String: String] = [:],
        prepare: (inout TemplateValue) -> Void = { _ in }
    ) throws -> String {
        let chosen = format == "raw" ? rawFormat : format.flatMap { OutputFormat.isBareKeyword($0) ? nil : $0 }
        let outputFormat = try Self.reportingTemplateErrors { try OutputFormat(chosen ?? defaultFormat) }
        return try Self.render(values, with: outputFormat, titles: titles, prepare: prepare)
    }

    /// Parses the `--format` of `info` or `version` (``OutputFormat/init(template:name:)``: a
    /// template as written), for ``write(_:with:prepare:)``; `name` names the template in its
    /// errors (docker's `version`).
    static func parse(_ format: String, name: String = "") throws -> OutputFormat {
        try Self.reportingTemplateErrors(parseExitCode: 64) { try OutputFormat(template: format, name: name) }
    }

    /// Writes `value` through `format` to standard output as docker's `info` and `version` do:
    /// their template runs straight into the output, so one that fails has written what came
    /// before the failure. A newline follows either way; the failure is Go's message alone,
    /// without `template parsing error: ` (exit 1). They run it over Go values without
    /// `missingkey=error`: a map's missing key is no value.
    static func write<Value: Encodable>(
        _ value: Value, with format: OutputFormat, prepare: (inout TemplateValue) -> Void = { _ in }
    ) throws {
        var item = try Self.templateValue(value)
        prepare(&item)
        do {
            printOut(try format.render([item], missingKey: .noValue))
        } catch {
            printOut(error.partialOutput + "\n")
            throw CommandFailure(description: error.message, exitCode: 1)
        }
    }

    /// Parses an inspect command's `--format`: a Go template as written, checked as a flag
    /// (exit 64), as docker's are.
    static func parseTemplate(_ format: String) throws -> GoTemplate {
        try Self.reportingTemplateErrors(parseExitCode: 64) { try GoTemplate(parsing: format) }
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
                var item = try Self.templateValue(value)
                prepare(&item)
                return item
            }
            return try format.render(items, titles: titles)
        }
    }

    /// What a template sees of `value`: its fields (a row as the Go struct it stands for,
    /// ``FormatterContext``) and its `Label` method.
    private static func templateValue<Value: Encodable>(_ value: Value) throws -> TemplateValue {
        var item = try TemplateValue(encoding: value)
        if let labelled = value as? any OffersLabelMethod { item.addMethod("Label", .lookup(labelled.labels)) }
        return item
    }

    /// Whether `format`, run as written over `row`, reads the row's `field`: docker asks the
    /// daemon only for what a template reads (`ps`'s sizes), which it learns by running the
    /// template. Run again without the field, a template that reads it fails, or (`{{json .}}`)
    /// prints something else; one that reads it only in a branch the row does not take does
    /// not read it, as for docker.
    static func template<Row: Encodable>(_ format: String, reads field: String, of row: Row) -> Bool {
        guard let template = try? GoTemplate(parsing: format), case .object(var fields)? = try? Self.templateValue(row),
            let whole = try? template.render(.object(fields))
        else { return false }
        fields[field] = nil
        guard let without = try? template.render(.object(fields)) else { return true }
        return without != whole
    }

    /// docker's check of a list format before it lists anything (`ps`): `format`, as written
    /// (`table ` and all), parsed and run over `empty`, a row of nothing. Either failing is exit
    /// 1 with docker's words, even where the format is then not used (`-q`).
    static func checkTemplate<Row: Encodable>(_ format: String, over empty: Row) throws {
        let template: GoTemplate
        do {
            template = try GoTemplate(parsing: format)
        } catch {
            throw CommandFailure(description: "failed to parse template: \(error.message)", exitCode: 1)
        }
        do {
            _ = try template.render(try Self.templateValue(empty))
        } catch let error as TemplateError {
            throw CommandFailure(description: "failed to execute template: \(error.message)", exitCode: 1)
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

    /// One inspected value through an inspect command's template, which sees the typed value
    /// completed with the fields of the daemon's JSON the models do not know, and, where it
    /// fails and `fallsBackToJSON`, the daemon's JSON.
    static func renderInspected<Value: Encodable>(
        _ value: Value, raw: Data, with template: GoTemplate, fallsBackToJSON: Bool = true
    ) throws -> String {
        let typed = try TemplateValue(encoding: value)
        let sent = try? TemplateValue(json: raw)
        let item = sent.map { typed.addingMissingFields(from: $0) } ?? typed
        return try template.render(item, fallback: fallsBackToJSON ? sent : nil) + "\n"
    }

    /// What docker's inspect commands print without a template: the daemon's JSON of each
    /// value, as it sent it, in an array indented by four spaces (Go's `json.Indent`) or
    /// `compact` (`json`).
    static func printInspected(_ found: [Data], compact: Bool) {
        var array = Data("[".utf8)
        for (index, raw) in found.enumerated() {
            if index > 0 { array.append(UInt8(ascii: ",")) }
            array.append(raw)
        }
        array.append(UInt8(ascii: "]"))
        printOut((compact ? GoJSONText.compact(array) : GoJSONText.indent(array)) + "\n")
    }
}
