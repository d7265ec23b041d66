import StevedoreText

extension TemplateValue {
    /// Compact JSON as docker's `{{json}}` template function writes it (Go's `json.Encoder`
    /// with `SetEscapeHTML(false)`): no spaces, object keys in their stored order, floats as
    /// Go writes them, `\u2028` and `\u2029` always escaped.
    ///
    /// - Parameter escapingHTML: also escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`,
    ///   as Go's `json.Marshal` does by default. A formatter context
    ///   (``TemplateObject/formatterContextType``), which marshals itself so, is escaped anyway.
    public func jsonText(escapingHTML: Bool = false) -> String {
        var output = ""
        writeJSON(into: &output, escapingHTML: escapingHTML)
        return output
    }

    private func writeJSON(into output: inout String, escapingHTML: Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += GoFloat.json(value)
        case .string(let value): Self.writeJSONString(value, into: &output, escapingHTML: escapingHTML)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                element.writeJSON(into: &output, escapingHTML: escapingHTML)
            }
            output += "]"
        case .object(let object):
            // A Go type that marshals itself with json.Marshal (a formatter context, docker's
            // context) escapes `<`, `>` and `&` in it, wherever it is.
            let escapingHTML = escapingHTML || object.goMarshalsJSONItself || object.formatterContextType != nil
            if let goJSON = object.goJSON {
                goJSON.writeJSON(into: &output, escapingHTML: escapingHTML)
                return
            }
            output += "{"
            let fields = object.fields.filter { !(object.omittedFromJSON.contains($0.key) && $0.value == .null) }
            for (position, field) in fields.enumerated() {
                if position > 0 { output += "," }
                Self.writeJSONString(field.key, into: &output, escapingHTML: escapingHTML)
                output += ":"
                field.value.writeJSON(into: &output, escapingHTML: escapingHTML)
            }
            output += "}"
        }
    }

    private static func writeJSONString(_ string: String, into output: inout String, escapingHTML: Bool) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "<" where escapingHTML, ">" where escapingHTML, "&" where escapingHTML:
                output += unicodeEscape(scalar.value)
            case "\u{2028}", "\u{2029}": output += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    output += unicodeEscape(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        "\\u" + value.hexDigits(width: 4)
    }
}
