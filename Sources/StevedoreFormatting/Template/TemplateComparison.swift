/// Go's template comparison functions `eq`, `ne`, `lt`, `le`, `gt`, `ge`.
///
/// Booleans, integers, floats and strings compare within their kind; mixing kinds is
/// `incompatible types for comparison`, arrays and objects are `invalid type for comparison`.
/// `eq` accepts several right-hand values and is true when any matches.
enum TemplateComparison {
    private enum Kind { case bool, int, float, string, composite, missing }

    private static func kind(_ value: TemplateValue?) -> Kind {
        switch value {
        case nil, .null: .missing
        case .bool: .bool
        case .int: .int
        case .double: .float
        case .string: .string
        case .array, .object: .composite
        }
    }

    static func compare(_ name: String, _ arguments: [EvaluatedValue]) throws -> Bool {
        switch name {
        case "eq":
            guard arguments.count > 1 else { throw FunctionFailure(message: "missing argument for comparison") }
            for other in arguments.dropFirst() where try equal(arguments[0].value, other.value) { return true }
            return false
        case "ne": return try !equal(arguments[0].value, arguments[1].value)
        case "lt": return try less(arguments[0].value, arguments[1].value)
        case "le": return try lessOrEqual(arguments[0].value, arguments[1].value)
        case "gt": return try !lessOrEqual(arguments[0].value, arguments[1].value)
        default: return try !less(arguments[0].value, arguments[1].value)
        }
    }

    private static func lessOrEqual(_ left: TemplateValue?, _ right: TemplateValue?) throws -> Bool {
        try less(left, right) || equal(left, right)
    }

    private static func equal(_ left: TemplateValue?, _ right: TemplateValue?) throws -> Bool {
        let (leftKind, rightKind) = (kind(left), kind(right))
        if leftKind != rightKind {
            if leftKind != .missing && rightKind != .missing { throw FunctionFailure(message: "incompatible types for comparison") }
            return false
        }
        if leftKind == .composite { throw FunctionFailure(message: "invalid type for comparison") }
        return (left ?? .null) == (right ?? .null)
    }

    private static func less(_ left: TemplateValue?, _ right: TemplateValue?) throws -> Bool {
        let (leftKind, rightKind) = (kind(left), kind(right))
        if [Kind.bool, .composite, .missing].contains(leftKind) || [Kind.bool, .composite, .missing].contains(rightKind) {
            throw FunctionFailure(message: "invalid type for comparison")
        }
        switch (left, right) {
        case (.int(let a), .int(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: throw FunctionFailure(message: "incompatible types for comparison")
        }
    }
}
