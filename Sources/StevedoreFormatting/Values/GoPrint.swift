extension TemplateValue {
    /// The value as Go's `fmt.Print` writes the equivalent Go value (`%v`): strings raw,
    /// integers exact, floats in shortest `%g` form (`1e+06`), `<nil>`, arrays as `[a b]`,
    /// objects as Go maps, `map[k:v]`, keys sorted, a model's as a Go struct, `{v1 v2}` (or
    /// either as its ``TemplateObject/goString``).
    public var goDescription: String {
        var output = ""
        writeGo(into: &output)
        return output
    }

    private func writeGo(into output: inout String) {
        switch self {
        case .null: output += "<nil>"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += GoFloat.g(value)
        case .string(let value): output += value
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += " " }
                element.writeGo(into: &output)
            }
            output += "]"
        case .object(let object) where object.goString != nil:
            output += object.goString ?? ""
        case .object(let object) where object.goStructFields != nil:
            output += "{"
            for (position, field) in object.goStructValues(object.goStructFields ?? []).enumerated() {
                if position > 0 { output += " " }
                field.writeGo(into: &output)
            }
            output += "}"
        case .object(let object):
            output += "map["
            for (position, field) in object.sortedFields.enumerated() {
                if position > 0 { output += " " }
                output += field.key + ":"
                object.goValue(forKey: field.key).writeGo(into: &output)
            }
            output += "]"
        }
    }
}

extension TemplateObject {
    /// The value at `key` as `fmt` receives it: a field whose Go type prints in its own way as
    /// ``GoPrinted/printArgument``, a null one as its type's nil or zero value (a nil slice is an
    /// empty one).
    func goValue(forKey key: String) -> TemplateValue {
        if let printed = self.goPrinted[key] { return printed.printArgument }
        let value = self[key] ?? .null
        guard value == .null, let typedNull = self.typedNulls[key] else { return value }
        return typedNull.goValue
    }

    /// The values of a Go struct's `fields` (``goStructFields``) as `fmt` receives them, each as
    /// ``goValue(forKey:)`` gives it, an embedded struct as a struct of its own. A nested
    /// pointer, which Go prints as its address, is the value it points to.
    func goStructValues(_ fields: [GoStructField]) -> [TemplateValue] {
        fields.map { field in
            switch field {
            case .field(let key):
                return self.goValue(forKey: key)
            case .embedded(let embedded):
                var nested = self
                nested.goStructFields = embedded
                return .object(nested)
            case .unmodeled(let key, let zero):
                return self[key] ?? zero
            }
        }
    }
}
