/// Executes a parsed template over a ``TemplateValue``, with the semantics and error messages
/// of Go's `text/template` `exec.go`.
///
/// Objects behave like Go maps (`.Key` looks a key up, see ``GoTemplate/MissingKey``), values
/// read from objects and arrays like Go `interface {}` values. Output accumulates in
/// ``output``, so that a caller keeps what was written before an error, as Go's writer does.
struct TemplateEvaluator {
    let source: [UInt8]
    let missingKey: GoTemplate.MissingKey
    let functions: TemplateFunctions
    private(set) var output = ""
    var variables: [(name: String, value: EvaluatedValue)] = []
    private var current: CurrentNode?

    init(source: String, missingKey: GoTemplate.MissingKey, functions: TemplateFunctions) {
        self.source = Array(source.utf8)
        self.missingKey = missingKey
        self.functions = functions
    }

    /// The node being evaluated, for error positions and context (Go's `state.at`).
    enum CurrentNode {
        case operand(TemplateOperand)
        case command(TemplateCommand)
        case pipeline(TemplatePipeline)
        case range(position: Int, TemplatePipeline)

        var position: Int {
            switch self {
            case .operand(let operand): operand.position
            case .command(let command): command.position
            case .pipeline(let pipeline): pipeline.position
            case .range(let position, _): position
            }
        }

        var description: String {
            switch self {
            case .operand(let operand): operand.description
            case .command(let command): command.description
            case .pipeline(let pipeline): pipeline.description
            case .range(_, let pipeline): "{{range \(pipeline.description)}}"
            }
        }
    }

    enum Flow { case normal, breakLoop, continueLoop }

    mutating func at(_ node: CurrentNode) { current = node }

    func failure(_ message: String) -> TemplateError {
        guard let current else { return TemplateError(kind: .execution, message: "template: : \(message)") }
        let prefix = source[..<min(current.position, source.count)]
        let lastNewline = prefix.lastIndex(of: 0x0A)
        let column = lastNewline.map { current.position - $0 - 1 } ?? current.position
        let line = 1 + prefix.filter { $0 == 0x0A }.count
        return .execution(line: line, column: column, context: current.description, message)
    }

    // MARK: Walking nodes

    mutating func walk(_ dot: EvaluatedValue, _ nodes: [TemplateNode]) throws(TemplateError) -> Flow {
        for node in nodes {
            let flow = try walk(dot, node)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ dot: EvaluatedValue, _ node: TemplateNode) throws(TemplateError) -> Flow {
        switch node {
        case .text(let text):
            output += text
        case .action(let pipeline):
            let value = try evalPipeline(dot, pipeline)
            if pipeline.declarations.isEmpty { output += value.printed }
        case .ifBlock(let pipeline, let list, let elseList), .withBlock(let pipeline, let list, let elseList):
            let mark = variables.count
            defer { variables.removeLast(variables.count - mark) }
            let value = try evalPipeline(dot, pipeline)
            if value.isTruthy {
                if case .withBlock = node { return try walk(value, list) }
                return try walk(dot, list)
            }
            if let elseList { return try walk(dot, elseList) }
        case .rangeBlock(let position, let pipeline, let list, let elseList):
            try walkRange(dot, position: position, pipeline, list: list, elseList: elseList)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        }
        return .normal
    }

    private mutating func walkRange(
        _ dot: EvaluatedValue, position: Int, _ pipeline: TemplatePipeline, list: [TemplateNode], elseList: [TemplateNode]?
    ) throws(TemplateError) {
        at(.range(position: position, pipeline))
        let mark = variables.count
        defer { variables.removeLast(variables.count - mark) }
        let collection = try evalPipeline(dot, pipeline)
        let bodyMark = variables.count
        var iterations: [(index: EvaluatedValue, element: EvaluatedValue)] = []
        switch collection.value {
        case .array(let elements):
            iterations = elements.enumerated().map {
                (EvaluatedValue(.int(Int64($0.offset))), EvaluatedValue(value: $0.element, isInterface: true))
            }
        case .object(let object):
            iterations = object.sortedFields.map { (EvaluatedValue(.string($0.key)), EvaluatedValue(value: $0.value, isInterface: true)) }
        case .int(let count):
            if pipeline.declarations.count > 1 {
                throw failure("can't use \(count) to iterate over more than one variable")
            }
            iterations = (0..<max(count, 0)).map { (EvaluatedValue(.int($0)), EvaluatedValue(.int($0))) }
        case nil:
            break
        case .some(let other):
            throw failure("range can't iterate over \(other.goDescription)")
        }
        for iteration in iterations {
            if !pipeline.declarations.isEmpty { variables[variables.count - 1].value = iteration.element }
            if pipeline.declarations.count > 1 { variables[variables.count - 2].value = iteration.index }
            let flow = try walk(iteration.element, list)
            variables.removeLast(variables.count - bodyMark)
            if flow == .breakLoop { return }
        }
        if iterations.isEmpty, let elseList { _ = try walk(dot, elseList) }
    }

    // MARK: Pipelines and commands

    mutating func evalPipeline(_ dot: EvaluatedValue, _ pipeline: TemplatePipeline) throws(TemplateError) -> EvaluatedValue {
        at(.pipeline(pipeline))
        var value: EvaluatedValue?
        for command in pipeline.commands {
            value = try evalCommand(dot, command, final: value).unboxed
        }
        let result = value ?? .invalid
        for name in pipeline.declarations {
            if pipeline.isAssignment, let index = variables.lastIndex(where: { $0.name == name }) {
                variables[index].value = result
            } else {
                variables.append((name, result))
            }
        }
        return result
    }

    /// Evaluates one command; `final` is the previous stage's result, passed as the last argument.
    private mutating func evalCommand(
        _ dot: EvaluatedValue, _ command: TemplateCommand, final: EvaluatedValue?
    ) throws(TemplateError) -> EvaluatedValue {
        let first = command.arguments[0]
        let hasArguments = command.arguments.count > 1 || final != nil
        switch first {
        case .field(_, let names):
            at(.operand(first))
            return try evalFieldChain(dot, names, hasArguments: hasArguments)
        case .chain(_, let operand, let names):
            at(.operand(first))
            let receiver = try evalArgument(dot, operand)
            return try evalFieldChain(receiver, names, hasArguments: hasArguments)
        case .variable(_, let name, let names):
            at(.operand(first))
            let value = variable(name)
            if names.isEmpty {
                try notAFunction(command, final: final)
                return value
            }
            return try evalFieldChain(value, names, hasArguments: hasArguments)
        case .identifier(_, let name):
            at(.operand(first))
            return try functions.call(name, command: command, final: final, dot: dot, evaluator: &self)
        case .pipeline(let pipeline):
            try notAFunction(command, final: final)
            return try evalPipeline(dot, pipeline)
        default:
            at(.operand(first))
            try notAFunction(command, final: final)
            return try evalArgument(dot, first)
        }
    }

    private func notAFunction(_ command: TemplateCommand, final: EvaluatedValue?) throws(TemplateError) {
        if command.arguments.count > 1 || final != nil {
            throw failure("can't give argument to non-function \(command.arguments[0].description)")
        }
    }

    private func variable(_ name: String) -> EvaluatedValue {
        variables.last(where: { $0.name == name })?.value ?? .invalid
    }

    /// Evaluates an operand used as an argument (Go's `evalArg` for an `interface {}` parameter).
    mutating func evalArgument(_ dot: EvaluatedValue, _ operand: TemplateOperand) throws(TemplateError) -> EvaluatedValue {
        at(.operand(operand))
        switch operand {
        case .field(_, let names): return try evalFieldChain(dot, names, hasArguments: false)
        case .variable(_, let name, let names):
            return names.isEmpty ? variable(name) : try evalFieldChain(variable(name), names, hasArguments: false)
        case .chain(_, let inner, let names):
            let receiver = try evalArgument(dot, inner)
            at(.operand(operand))
            return try evalFieldChain(receiver, names, hasArguments: false)
        case .pipeline(let pipeline): return try evalPipeline(dot, pipeline)
        case .identifier(_, let name):
            let command = TemplateCommand(position: operand.position, arguments: [operand])
            return try functions.call(name, command: command, final: nil, dot: dot, evaluator: &self)
        case .dot: return dot
        case .string(_, _, let value): return EvaluatedValue(.string(value))
        case .number(_, _, let value): return EvaluatedValue(value)
        case .bool(_, let value): return EvaluatedValue(.bool(value))
        case .nilValue: return EvaluatedValue(.null)
        }
    }

    // MARK: Fields

    private func evalFieldChain(_ receiver: EvaluatedValue, _ names: [String], hasArguments: Bool) throws(TemplateError) -> EvaluatedValue {
        var value = receiver
        for (position, name) in names.enumerated() {
            value = try evalField(name, of: value, hasArguments: hasArguments && position == names.count - 1)
        }
        return value
    }

    private func evalField(_ name: String, of receiver: EvaluatedValue, hasArguments: Bool) throws(TemplateError) -> EvaluatedValue {
        guard let value = receiver.value else {
            if missingKey == .error { throw failure("nil data; no entry for key \(GoQuote.quote(name))") }
            return .invalid
        }
        switch value {
        case .null where receiver.isInterface:
            throw failure("nil pointer evaluating interface {}.\(name)")
        case .object(let object):
            if hasArguments { throw failure("\(name) is not a method but has arguments") }
            if let field = object[name] { return EvaluatedValue(value: field, isInterface: true) }
            switch missingKey {
            case .error: throw failure("map has no entry for key \(GoQuote.quote(name))")
            case .noValue: return .invalid
            case .zero: return EvaluatedValue(.string(""))
            }
        default:
            throw failure("can't evaluate field \(name) in type \(receiver.goTypeName)")
        }
    }
}
