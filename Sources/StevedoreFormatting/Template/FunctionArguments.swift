/// The evaluated arguments of a function call, converted to the Go parameter types the
/// function declares, with Go's messages when a conversion fails.
struct FunctionArguments {
    let values: [EvaluatedValue]
    /// The operands written in the template; a piped-in final argument has none.
    let operands: [TemplateOperand]

    var count: Int { values.count }

    /// Points errors at the argument, as Go's `evalArg` does.
    private func mismatch(_ position: Int, expected: String, _ evaluator: inout TemplateEvaluator) -> TemplateError {
        guard position < operands.count else {
            let value = values[position]
            return evaluator.failure(
                value.value == nil
                    ? "invalid value; expected \(expected)" : "wrong type for value; expected \(expected); got \(value.value!.goTypeName)")
        }
        let operand = operands[position]
        evaluator.at(.operand(operand))
        switch operand {
        case .string, .number, .bool:
            return evaluator.failure("expected \(expected == "int" ? "integer" : expected); found \(operand.description)")
        case .nilValue:
            return evaluator.failure("cannot assign nil to \(expected)")
        default:
            let value = values[position]
            guard let concrete = value.value else { return evaluator.failure("invalid value; expected \(expected)") }
            return evaluator.failure("wrong type for value; expected \(expected); got \(concrete.goTypeName)")
        }
    }

    func string(_ position: Int, _ evaluator: inout TemplateEvaluator) throws(TemplateError) -> String {
        if case .string(let string) = values[position].value { return string }
        throw mismatch(position, expected: "string", &evaluator)
    }

    func int(_ position: Int, _ evaluator: inout TemplateEvaluator) throws(TemplateError) -> Int {
        if case .int(let value) = values[position].value { return Int(value) }
        throw mismatch(position, expected: "int", &evaluator)
    }

    func strings(_ position: Int, _ evaluator: inout TemplateEvaluator) throws(TemplateError) -> [String] {
        if let strings = values[position].value?.stringElements { return strings }
        throw mismatch(position, expected: "[]string", &evaluator)
    }
}

extension EvaluatedValue {
    /// The value a Go function with an `interface {}` parameter receives: a missing value or
    /// JSON null arrives as nil; a model's typed nil slice or map as an empty one, a field whose
    /// Go type prints in its own way as ``GoPrinted/printArgument``.
    var printArgument: TemplateValue {
        if let goPrinted { return goPrinted.printArgument }
        if case .object(let object)? = value, object.isGoPointer, object.goStructFields != nil, object.goString == nil {
            // `fmt` writes a pointer to a struct it is handed as `&{…}`.
            var pointer = TemplateObject()
            pointer.goString = "&" + (value?.goDescription ?? "")
            return .object(pointer)
        }
        return typedNil?.goValue ?? value ?? .null
    }
}
