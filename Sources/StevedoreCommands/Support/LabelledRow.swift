import StevedoreFormatting

/// A list row whose template also offers docker's `Label(name)` method: `ps`, `network ls` and
/// `volume ls` rows, whose formatting contexts have it (`{{.Label "com.docker.compose.project"}}`).
/// Encoded as the row alone; ``CommandOutput`` adds the method.
struct LabelledRow<Row: Encodable>: Encodable {
    var row: Row
    /// The object's labels, which `Label` looks its argument up in.
    var labels: [String: String]

    func encode(to encoder: any Encoder) throws {
        try self.row.encode(to: encoder)
    }
}

/// What ``CommandOutput`` needs of a ``LabelledRow`` whatever its row type.
protocol OffersLabelMethod {
    var labels: [String: String] { get }
}

extension LabelledRow: OffersLabelMethod {}

extension LabelledRow: FormatterContext where Row: FormatterContext {
    static var formatterContextType: String { Row.formatterContextType }
}
