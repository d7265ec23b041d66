/// The fields of a ``TemplateValue/object(_:)``: string keys in insertion order with fast lookup.
///
/// Setting an existing key replaces its value in place, keeping its position, as a JSON
/// decoder does with a duplicated key.
public struct TemplateObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [TemplateValue] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public init<S: Sequence>(_ fields: S) where S.Element == (String, TemplateValue) {
        for (key, value) in fields { self[key] = value }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The fields in insertion order.
    public var fields: [(key: String, value: TemplateValue)] {
        Array(zip(keys, values)).map { (key: $0.0, value: $0.1) }
    }

    /// The fields ordered by key, the order in which Go prints and ranges over maps.
    public var sortedFields: [(key: String, value: TemplateValue)] {
        fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    public subscript(key: String) -> TemplateValue? {
        get { positions[key].map { values[$0] } }
        set {
            if let position = positions[key] {
                if let newValue {
                    values[position] = newValue
                } else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                }
            } else if let newValue {
                positions[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// This object with its fields reordered by key, as Go orders the keys of a map.
    func sortedByKey() -> TemplateObject {
        TemplateObject(sortedFields.map { ($0.key, $0.value) })
    }

    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }
}
