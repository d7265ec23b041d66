import StevedoreFormatting

/// How docker's inspect commands print what they found, from their `--format` (docker's
/// `NewTemplateInspectorFromString`).
enum InspectLayout {
    /// No format, or an empty one: the daemon's JSON in an array, indented by four spaces.
    case indented
    /// `json`: the same array compacted onto one line.
    case compact
    /// A Go template, applied to each value found. Taken as written: unlike a list's format,
    /// `table` is text, and `\t` and `\n` are not a tab and a newline.
    case template(GoTemplate)

    /// The layout `format` names. A template that does not parse fails as docker's does, before
    /// anything is inspected: `template parsing error: …`, exit code 64.
    init(_ format: String?) throws {
        switch format {
        case nil, "": self = .indented
        case "json": self = .compact
        case let format?: self = .template(try CommandOutput.parseTemplate(format))
        }
    }
}
