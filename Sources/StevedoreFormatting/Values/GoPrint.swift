extension TemplateValue {
    /// The value as Go's `fmt.Print` writes the equivalent Go value (`%v`): strings raw,
    /// integers exact, floats in shortest `%g` form (`1e+06`), `<nil>`, arrays as `[a b]`,
    /// objects as Go maps, `map[k:v]`, keys sorted (or as their ``TemplateObject/goString``).
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
        case .object(let object):
            output += "map["
            for (position, field) in object.sortedFields.enumerated() {
                if position > 0 { output += " " }
                output += field.key + ":"
                field.value.writeGo(into: &output)
            }
            output += "]"
        }
    }
}
