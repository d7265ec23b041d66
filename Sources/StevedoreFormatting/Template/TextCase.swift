/// Case mapping as Go's `strings` package does it: one character at a time, simple mappings
/// only (a character whose mapping would change the length, like `ß`, is kept).
enum TextCase {
    static func upper(_ text: String) -> String { map(text) { $0.properties.uppercaseMapping } }
    static func lower(_ text: String) -> String { map(text) { $0.properties.lowercaseMapping } }

    /// `strings.Title`: the first letter of each word in title case, the rest untouched. Words
    /// are separated by anything but letters, digits and `_`.
    static func title(_ text: String) -> String {
        var previous: Unicode.Scalar = " "
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isSeparator(previous) {
                output.append(contentsOf: simple(scalar.properties.titlecaseMapping, scalar))
            } else {
                output.append(scalar)
            }
            previous = scalar
        }
        return String(output)
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
        }
        if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal { return false }
        return scalar.properties.isWhitespace
    }

    private static func map(_ text: String, _ mapping: (Unicode.Scalar) -> String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { output.append(contentsOf: simple(mapping(scalar), scalar)) }
        return String(output)
    }

    private static func simple(_ mapped: String, _ original: Unicode.Scalar) -> String.UnicodeScalarView {
        mapped.unicodeScalars.count == 1 ? mapped.unicodeScalars : String(original).unicodeScalars
    }
}
