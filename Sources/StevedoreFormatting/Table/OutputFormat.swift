import StevedoreText

/// A docker `--format` value, read the way docker's `formatter.Context` reads it.
///
/// `table …` prints a header row and aligns columns with ``TabWriter/docker``; `json` prints
/// each item as `{{json .}}`; anything else is a template printed once per item. As docker
/// does, the text after `table` is trimmed of spaces and the two-character sequences `\t` and
/// `\n` become a tab and a newline, so that shells need no special quoting.
///
/// The bare words `table` and `raw`, and an empty format, mean a command's own default layout:
/// the command resolves them before building an `OutputFormat` (``isBareKeyword``).
public struct OutputFormat: Sendable {
    /// The format as the user gave it.
    public let rawValue: String
    /// Whether a header row and column alignment apply.
    public let isTable: Bool
    /// The template executed for each item (and, for tables, over the column titles).
    public private(set) var template: GoTemplate
    /// The bounds of each of the template's executions (``GoTemplate/limits``); `nil` by default,
    /// as in docker.
    public var limits: GoTemplate.ExecutionLimits? {
        get { template.limits }
        set { template.limits = newValue }
    }

    /// Reads `rawValue`; `name` names the template in its errors (``GoTemplate/name``).
    public init(_ rawValue: String, name: String = "") throws(TemplateError) {
        self.rawValue = rawValue
        let afterTable = rawValue.cut(prefix: "table")
        isTable = afterTable != nil
        var text = (afterTable ?? (rawValue == "json" ? "{{json .}}" : rawValue[...])).trimming(while: { $0 == " " })
        for (escape, character) in [("\\t", "\t"), ("\\n", "\n")] {
            text = text.replacingScalars(escape, with: character)
        }
        template = try GoTemplate(parsing: text, name: name)
    }

    /// Reads `rawValue` as docker's `info`, `version` and `events` read their format, without
    /// its formatter: `json`, or else a template taken as written (no table, no trimming, `\t`
    /// left as two characters). Only an empty format means their default layout.
    public init(template rawValue: String, name: String = "") throws(TemplateError) {
        self.rawValue = rawValue
        isTable = false
        template = try GoTemplate(parsing: rawValue == "json" ? "{{json .}}" : rawValue, name: name)
    }

    /// Whether `format` is one of the words a command replaces by its default layout
    /// (`""`, `table`, `raw`); `json` is handled by ``init(_:)``.
    public static func isBareKeyword(_ format: String) -> Bool {
        format.isEmpty || format == "table" || format == "raw"
    }

    /// Renders `items`, one template execution and a newline each. For a table, the header comes
    /// first (``GoTemplate/renderHeader(titles:)`` over `titles`, e.g. `["ID": "CONTAINER ID"]`)
    /// and the whole goes through ``TabWriter/docker``. Like docker, an error on any item
    /// yields no output at all.
    public func render(
        _ items: [TemplateValue], titles: [String: String] = [:], missingKey: GoTemplate.MissingKey = .error
    ) throws(TemplateError) -> String {
        var body = ""
        for item in items {
            body += try template.render(item, missingKey: missingKey)
            body += "\n"
        }
        guard isTable else { return body }
        return TabWriter.docker.format(template.renderHeader(titles: titles) + "\n" + body)
    }
}
