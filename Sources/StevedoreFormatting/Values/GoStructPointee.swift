#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The model behind a nil pointer to a Go struct (``TypedNull/pointer(goType:pointee:)``),
/// whose field names Go checks before it follows the pointer: `{{.UsageData.Nope}}` over a nil
/// `*volume.UsageData` is `can't evaluate field Nope`, `{{.UsageData.Size}}` `nil pointer
/// evaluating`. The names are read only when a template asks a field of the nil.
public struct GoStructPointee: Sendable, Equatable {
    let model: any (Decodable & Encodable & GoTypedFields & Sendable).Type

    init(_ model: any (Decodable & Encodable & GoTypedFields & Sendable).Type) {
        self.model = model
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        ObjectIdentifier(lhs.model) == ObjectIdentifier(rhs.model)
    }

    /// Whether Go's struct has a field `name`: its declared fields (``GoTypedFields/goStructLayout``,
    /// an embedded struct's included) or else the model's, under Go's names where they differ
    /// from the JSON keys. `true` where the model has no layout and cannot be made empty to list
    /// its fields.
    func hasField(_ name: String) -> Bool {
        let goNames = self.model.goFieldNames
        if goNames[name] != nil { return true }
        if goNames.values.contains(name) { return false }
        if let layout = self.model.goStructLayout { return layout.contains(key: name) }
        guard let empty = try? JSONDecoder().decode(self.model, from: Data("{}".utf8)),
            case .object(let object)? = try? TemplateValue(encoding: empty)
        else { return true }
        return object[name] != nil
    }
}
