import StevedoreText

/// A method of docker's formatting contexts that takes an argument, which a ``TemplateObject``
/// may offer beside its fields (``TemplateObject/methods``): `{{.Label "com.example.app"}}` on
/// the rows of `ps`, `network ls` and `volume ls`.
public enum TemplateMethod: Sendable, Equatable {
    /// Looks its one string argument up in a map: a key it lacks gives `""` (docker's
    /// `Label(name)` on a list row).
    case lookup([String: String])
    /// The table header of such a lookup (docker's `SubHeaderContext.Label`): the key's last
    /// dot-separated part, with `-` and `_` as spaces (`com.docker.compose.project` heads its
    /// column `project`).
    case headerLabel

    func call(with key: String) -> String {
        switch self {
        case .lookup(let table):
            return table[key] ?? ""
        case .headerLabel:
            let last = key.cut(atLast: ".")?.1 ?? Substring(key)
            return String(last.unicodeScalars.map { $0 == "-" || $0 == "_" ? " " : Character($0) })
        }
    }
}

extension TemplateValue {
    /// Offers `method` under `name` when this value is an object (see ``TemplateObject/methods``).
    public mutating func addMethod(_ name: String, _ method: TemplateMethod) {
        guard case .object(var object) = self else { return }
        object.methods[name] = method
        self = .object(object)
    }
}
