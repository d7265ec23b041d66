/// The functions a docker `--format` template can call: Go's builtins and the docker CLI's
/// own (`templates.basicFunctions`).
///
/// Builtins: `and`, `or` (both short-circuit), `not`, `len`, `index`, `slice`, `eq`, `ne`,
/// `lt`, `le`, `gt`, `ge`, `print`, `printf`, `println`, `html`, `js`, `urlquery`. Docker: `json`, `split`, `join`,
/// `title`, `lower`, `upper`, `pad`, `truncate`. Argument types are checked as Go checks them,
/// e.g. `join` wants an array of strings and `truncate` an integer.
///
/// In header mode the docker functions are replaced by docker's `HeaderFunctions`, which return
/// their first (string) argument untouched, so `{{upper .Name}}` gives the title of `Name`.
struct TemplateFunctions: Sendable {
    let isHeader: Bool

    static let names: Set<String> = [
        "and", "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println",
        "html", "js", "urlquery", "json", "split", "join", "title", "lower", "upper", "pad", "truncate",
    ]

    /// Parameter count, and whether more may follow.
    private static let arity: [String: (count: Int, variadic: Bool)] = [
        "and": (1, true), "or": (1, true), "not": (1, false), "len": (1, false), "index": (1, true), "slice": (1, true),
        "eq": (1, true), "ne": (2, false), "lt": (2, false), "le": (2, false), "gt": (2, false), "ge": (2, false),
        "print": (0, true), "printf": (1, true), "println": (0, true), "json": (1, false), "split": (2, false),
        "join": (2, false), "title": (1, false), "lower": (1, false), "upper": (1, false), "pad": (3, false),
        "truncate": (2, false),
    ]

    func call(
        _ name: String, command: TemplateCommand, final: EvaluatedValue?, dot: EvaluatedValue, evaluator: inout TemplateEvaluator
    ) throws(TemplateError) -> EvaluatedValue {
        let operands = Array(command.arguments.dropFirst())
        let (count, variadic) = Self.arity[name] ?? (0, true)
        let given = operands.count + (final == nil ? 0 : 1)
        if variadic, given < count {
            throw evaluator.failure("wrong number of args for \(name): want at least \(count) got \(operands.count)")
        }
        if !variadic, given != count {
            throw evaluator.failure("wrong number of args for \(name): want \(count) got \(given)")
        }
        if name == "and" || name == "or" {
            var value = EvaluatedValue.invalid
            for operand in operands {
                value = try evaluator.evalArgument(dot, operand).unboxed
                if value.isTruthy == (name == "or") { return value }
            }
            return final ?? value
        }
        var values: [EvaluatedValue] = []
        for operand in operands { values.append(try evaluator.evalArgument(dot, operand)) }
        if let final { values.append(final) }
        var arguments = FunctionArguments(values: values, operands: operands)
        do {
            return try evaluate(name, &arguments, evaluator: &evaluator)
        } catch let error as FunctionFailure {
            evaluator.at(.command(command))
            throw evaluator.failure("error calling \(name): \(error.message)")
        } catch let error as TemplateError {
            throw error
        } catch {
            throw evaluator.failure("\(error)")
        }
    }

    private func evaluate(_ name: String, _ arguments: inout FunctionArguments, evaluator: inout TemplateEvaluator) throws -> EvaluatedValue
    {
        // docker's HeaderFunctions keep a title as it is; `pad` is not among them, so that a
        // padded column's title lines up with its values.
        let header = isHeader && ["json", "split", "join", "title", "lower", "upper", "truncate"].contains(name)
        if header {
            let title = try arguments.string(0, &evaluator)
            for position in 1..<arguments.count {
                if name == "truncate" {
                    _ = try arguments.int(position, &evaluator)
                } else {
                    _ = try arguments.string(position, &evaluator)
                }
            }
            return EvaluatedValue(.string(title))
        }
        let value: TemplateValue
        switch name {
        case "not": value = .bool(!arguments.values[0].isTruthy)
        case "len":
            // Go's typed pass cannot take a nil pointer's length (docker then runs the template
            // over the daemon's JSON, where there is one).
            if case .pointer? = arguments.values[0].typedNil { throw FunctionFailure(message: "len of nil pointer") }
            value = .int(Int64(try Self.length(arguments.values[0])))
        case "index": return try Self.index(arguments.values[0], arguments.values.dropFirst())
        case "slice": value = try Self.slice(arguments.values[0], arguments.values.dropFirst())
        case "eq", "ne", "lt", "le", "gt", "ge": value = .bool(try TemplateComparison.compare(name, arguments.values))
        case "print": value = .string(GoPrintf.sprint(arguments.values.map(\.printArgument)))
        case "println": value = .string(GoPrintf.sprintln(arguments.values.map(\.printArgument)))
        case "html", "js", "urlquery":
            // Go's evalArgs: a single string as it is, anything else as `print` writes it.
            let values = arguments.values
            let text: String
            // A Go time or `[]byte` is no string there: it is printed.
            if values.count == 1, values[0].goPrinted == nil, values[0].typedNil == nil, case .string(let string)? = values[0].value {
                text = string
            } else {
                text = GoPrintf.sprint(values.map(\.printArgument))
            }
            value = .string(name == "html" ? GoEscaping.html(text) : name == "js" ? GoEscaping.javaScript(text) : GoEscaping.urlQuery(text))
        case "printf":
            let format = try arguments.string(0, &evaluator)
            value = .string(GoPrintf.sprintf(format, arguments.values.dropFirst().map(\.printArgument)))
        case "json":
            value = .string((arguments.values[0].value ?? .null).jsonText())
        case "split":
            value = .array(
                Self.split(try arguments.string(0, &evaluator), by: try arguments.string(1, &evaluator)).map(TemplateValue.string))
        case "join":
            let (elements, separator) = (try arguments.strings(0, &evaluator), try arguments.string(1, &evaluator))
            try evaluator.reserve([
                (max(elements.count - 1, 0), separator.utf8.count), (1, elements.reduce(0) { $0 + $1.utf8.count }),
            ])
            value = .string(elements.joined(separator: separator))
        case "title": value = .string(TextCase.title(try arguments.string(0, &evaluator)))
        case "lower": value = .string(TextCase.lower(try arguments.string(0, &evaluator)))
        case "upper": value = .string(TextCase.upper(try arguments.string(0, &evaluator)))
        case "pad":
            let text = try arguments.string(0, &evaluator)
            let (prefix, suffix) = (try arguments.int(1, &evaluator), try arguments.int(2, &evaluator))
            // docker pads only text there is: an empty value stays empty.
            guard !text.isEmpty else {
                value = .string("")
                break
            }
            guard prefix >= 0, suffix >= 0 else { throw FunctionFailure(message: "strings: negative Repeat count") }
            try evaluator.reserve([(prefix, 1), (suffix, 1), (1, text.utf8.count)])
            value = .string(String(repeating: " ", count: prefix) + text + String(repeating: " ", count: suffix))
        case "truncate":
            let text = try arguments.string(0, &evaluator)
            let bytes = try arguments.int(1, &evaluator)
            // docker slices the string: a negative length panics, which the template reports.
            guard bytes >= 0 else { throw FunctionFailure(message: "runtime error: slice bounds out of range [:\(bytes)]") }
            value = .string(Self.truncate(text, bytes: bytes))
        default: throw FunctionFailure(message: "unknown function")
        }
        // What the function built (`join` and `pad` reserved theirs before building); the
        // comparisons, `not`, `len` and `slice` build nothing a limit needs to count.
        if ["print", "println", "printf", "html", "js", "urlquery", "json", "split", "title", "lower", "upper"].contains(name) {
            try evaluator.spend(built: value)
        }
        return EvaluatedValue(value)
    }

    // MARK: Builtins

    private static func length(_ argument: EvaluatedValue) throws -> Int {
        switch argument.value {
        case .string(let string): return string.utf8.count
        case .array(let elements): return elements.count
        case .object(let object): return object.count
        // A null field stands for a nil slice or map of a Go struct, whose length is 0.
        case .null: return 0
        case nil: throw FunctionFailure(message: "len of nil pointer")
        case .some(let other): throw FunctionFailure(message: "len of type \(other.goTypeName)")
        }
    }

    private static func position(_ index: EvaluatedValue, count: Int, allowingEnd: Bool = false) throws -> Int {
        guard let value = index.value, value != .null else { throw FunctionFailure(message: "cannot index slice/array with nil") }
        guard case .int(let position) = value else {
            throw FunctionFailure(message: "cannot index slice/array with type \(value.goTypeName)")
        }
        if position < 0 || position > count || (!allowingEnd && position == count) {
            throw FunctionFailure(message: "index out of range: \(position)")
        }
        return Int(position)
    }

    private static func index(_ item: EvaluatedValue, _ indices: ArraySlice<EvaluatedValue>) throws -> EvaluatedValue {
        // A nil map has every key at its element's zero value (docker's typed pass).
        if case .map(_, let keyType?) = item.typedNil { throw FunctionFailure.mapKey(indices.first, of: keyType) }
        if case .map(let element, _) = item.typedNil, indices.count == 1, case .string? = indices.first?.value {
            return EvaluatedValue(value: element?.zeroValue ?? .null, isInterface: element == nil)
        }
        guard var current = item.value, !(current == .null && !item.isInterface) else {
            throw FunctionFailure(message: "index of untyped nil")
        }
        var isInterface = item.isInterface
        for index in indices {
            switch current {
            case .null: throw FunctionFailure(message: "index of nil pointer")
            case .array(let elements):
                current = elements[try position(index, count: elements.count)]
                isInterface = true
            case .string(let string):
                let bytes = Array(string.utf8)
                current = .int(Int64(bytes[try position(index, count: bytes.count)]))
                isInterface = false
            case .object(let object) where object.goMapKeyType != nil:
                throw FunctionFailure.mapKey(index, of: object.goMapKeyType ?? "")
            case .object(let object):
                guard case .string(let key) = index.value else {
                    throw FunctionFailure.mapKey(index, of: "string")
                }
                // A typed map's missing key is its element's zero value (`""` for labels).
                current = object[key] ?? object.typedMapElement?.zeroValue ?? .null
                isInterface = object.typedMapElement == nil
            default:
                throw FunctionFailure(message: "can't index item of type \(isInterface ? "interface {}" : current.goTypeName)")
            }
        }
        return EvaluatedValue(value: current, isInterface: isInterface)
    }

    private static func slice(_ item: EvaluatedValue, _ indices: ArraySlice<EvaluatedValue>) throws -> TemplateValue {
        guard let value = item.value, value != .null else { throw FunctionFailure(message: "slice of untyped nil") }
        if indices.count > 3 { throw FunctionFailure(message: "too many slice indexes: \(indices.count)") }
        let count: Int
        switch value {
        case .string(let string):
            if indices.count == 3 { throw FunctionFailure(message: "cannot 3-index slice a string") }
            count = string.utf8.count
        case .array(let elements): count = elements.count
        default: throw FunctionFailure(message: "can't slice item of type \(value.goTypeName)")
        }
        var bounds = [0, count]
        for (offset, index) in indices.prefix(2).enumerated() { bounds[offset] = try position(index, count: count, allowingEnd: true) }
        if indices.count == 1 { bounds[1] = count }
        if bounds[0] > bounds[1] { throw FunctionFailure(message: "invalid slice index: \(bounds[0]) > \(bounds[1])") }
        switch value {
        case .string(let string): return .string(String(decoding: Array(string.utf8)[bounds[0]..<bounds[1]], as: UTF8.self))
        case .array(let elements): return .array(Array(elements[bounds[0]..<bounds[1]]))
        default: return value
        }
    }

    // MARK: Docker functions

    /// Go's `strings.Split`: an empty separator splits into characters. Matched scalar by
    /// scalar, as Go matches bytes: `"\n"` splits `"\r\n"`, which Swift holds as one Character.
    private static func split(_ text: String, by separator: String) -> [String] {
        if separator.isEmpty { return text.unicodeScalars.map { String($0) } }
        return text.unicodeScalars.split(separator: separator.unicodeScalars, omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    /// docker's `truncateWithLength`: at most `bytes` UTF-8 bytes, never cutting a character
    /// in two (Go would leave half a character).
    private static func truncate(_ text: String, bytes: Int) -> String {
        guard text.utf8.count >= bytes else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if result.utf8.count + String(scalar).utf8.count > bytes { break }
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

/// An error returned by a template function, reported as `error calling NAME: …`.
struct FunctionFailure: Error {
    let message: String

    /// `index` of a map with `key`, which Go cannot convert to the map's `keyType` (a string
    /// given for a named key type, `nat.Port`, fails docker's typed pass only).
    static func mapKey(_ key: EvaluatedValue?, of keyType: String) -> FunctionFailure {
        FunctionFailure(message: "value has type \(key?.value?.goTypeName ?? "<nil>"); should be \(keyType)")
    }
}
