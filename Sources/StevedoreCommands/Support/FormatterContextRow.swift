import StevedoreFormatting

/// A list row that stands for one of docker's formatter contexts: ``CommandOutput`` renders it
/// as that Go struct (see ``TemplateObject/formatterContextType``).
protocol FormatterContextRow: Encodable {
    /// The context's Go type, as template errors name it (`*formatter.ContainerContext`).
    static var formatterContextType: String { get }
}

extension LabelledRow: FormatterContextRow where Row: FormatterContextRow {
    static var formatterContextType: String { Row.formatterContextType }
}
