/// Executes a parsed template over a ``TemplateValue``, with the semantics and error messages
/// of Go's `text/template` `exec.go`.
///
/// Objects behave like Go maps (`.Key` looks a key up, see ``GoTemplate/MissingKey``), values
/// read from objects and arrays like Go `interface {}` values. Output accumulates in
/// ``output``, so that a caller keeps what was written before an error, as Go's writer does.
struct TemplateEvaluator {
    let source: [UInt8]
    let missingKey: GoTemplate.MissingKey
    /// The template's name, in its errors (Go's `template: NAME:1:2: executing "NAME" …`).
    let name: String
    let functions: TemplateFunctions
    let limits: GoTemplate.ExecutionLimits?
    private(set) var output = ""
    var variables: [(name: String, value: EvaluatedValue)] = []
    private var current: CurrentNode?
    private var spentSteps = 0
    private var spentBytes = 0

    init(
        source: String, name: String, missingKey: GoTemplate.MissingKey, functions: TemplateFunctions, limits: GoTemplate.ExecutionLimits?
    ) {
        self.source = Array(source.utf8)
        self.name = name
        self.missingKey = missingKey
        self.functions = functions
        self.limits = limits
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
        guard let current else { return TemplateError(kind: .execution, message: "template: \(name): \(message)") }
        let prefix = source[..<min(current.position, source.count)]
        let lastNewline = prefix.lastIndex(of: 0x0A)
        let column = lastNewline.map { current.position - $0 - 1 } ?? current.position
        let line = 1 + prefix.filter { $0 == 0x0A }.count
        return .execution(name: name, line: line, column: column, context: current.description, message)
    }

    // MARK: Limits

    /// Counts one step against ``limits``.
    private mutating func step() throws(TemplateError) {
        guard let limits else { return }
        spentSteps += 1
        if spentSteps > limits.steps { throw failure("execution stopped: it exceeded its limit of \(limits.steps) steps") }
    }

    /// Counts what a function built against ``limits``: a string's bytes, an array's elements.
    mutating func spend(built value: TemplateValue) throws(TemplateError) {
        switch value {
        case .string(let string): try spend(bytes: string.utf8.count)
        case .array(let elements): try spend(bytes: elements.count)
        default: break
        }
    }

    /// The most one function may build at once, with or without ``limits``: more would not fit
    /// in memory, and Go would die trying (`{{pad "" 9000000000000 0}}`).
    private static let largestBuild = 1 << 32

    /// Counts what a function is about to build, the sum of `parts` of `count` pieces of
    /// `bytes` each, against ``limits`` before it builds it; refuses more than ``largestBuild``
    /// in any case, a size past `Int`'s range included (`pad`'s counts come from the template).
    mutating func reserve(_ parts: [(count: Int, bytes: Int)]) throws(TemplateError) {
        var total = 0
        for part in parts {
            let product = part.count.multipliedReportingOverflow(by: part.bytes)
            let sum = total.addingReportingOverflow(product.partialValue)
            guard !product.overflow, !sum.overflow, sum.partialValue <= Self.largestBuild else {
                let size = product.overflow || sum.overflow ? "over \(Int.max)" : "\(sum.partialValue)"
                throw failure("it would build \(size) bytes, more than the \(Self.largestBuild) a function may build at once")
            }
            total = sum.partialValue
        }
        try spend(bytes: total)
    }

    private mutating func spend(bytes: Int) throws(TemplateError) {
        guard let limits else { return }
        spentBytes += bytes
        if spentBytes > limits.bytes { throw failure("execution stopped: it exceeded its limit of \(limits.bytes) bytes") }
    }

    private mutating func write(_ text: String) throws(TemplateError) {
        try spend(bytes: text.utf8.count)
        output += text
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
        try step()
        switch node {
        case .text(let text):
            try write(text)
        case .action(let pipeline):
            let value = try evalPipeline(dot, pipeline)
            if pipeline.declarations.isEmpty { try write(value.printed) }
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
        var isEmpty = true
        /// One pass through the body; false when it breaks the loop. An integer's iterations
        /// are made one at a time, as Go does, not gathered first.
        func iterate(index: EvaluatedValue, element: EvaluatedValue) throws(TemplateError) -> Bool {
            try step()
            isEmpty = false
            if !pipeline.declarations.isEmpty { variables[variables.count - 1].value = element }
            if pipeline.declarations.count > 1 { variables[variables.count - 2].value = index }
            let flow = try walk(element, list)
            variables.removeLast(variables.count - bodyMark)
            return flow != .breakLoop
        }
        switch collection.value {
        case .array(let elements):
            for (offset, element) in elements.enumerated() {
                let index = EvaluatedValue(.int(Int64(offset)))
                guard try iterate(index: index, element: EvaluatedValue(value: element, isInterface: true)) else { return }
            }
        case .object(let object) where object.formatterContextType != nil || object.goStructFields != nil:
            // A Go struct (a list row, a typed model): Go ranges over maps only. An inspect
            // command's fallback then ranges over the daemon's JSON, as docker's does.
            throw failure("range can't iterate over \(TemplateValue.object(object).goDescription)")
        case .object(let object):
            for field in object.sortedFields {
                let index = EvaluatedValue(.string(field.key))
                guard try iterate(index: index, element: Self.field(field.key, field.value, of: object)) else { return }
            }
        case .int(let count):
            if pipeline.declarations.count > 1 {
                throw failure("can't use \(count) to iterate over more than one variable")
            }
            for value in 0..<max(count, 0) {
                guard try iterate(index: EvaluatedValue(.int(value)), element: EvaluatedValue(.int(value))) else { return }
            }
        case nil:
            break
        case .null? where collection.typedNil == .slice || collection.typedNil?.isMap == true:
            // A nil slice or map: nothing to iterate over.
            break
        case .some(let other):
            throw failure("range can't iterate over \(other.goDescription)")
        }
        if isEmpty, let elseList { _ = try walk(dot, elseList) }
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
        switch first {
        case .field(_, let names):
            at(.operand(first))
            if let method = self.method(named: names, of: dot) {
                return try self.call(method, named: names[names.count - 1], dot, command, final: final)
            }
            return try evalFieldChain(dot, names, call: (dot, command, final))
        case .chain(_, let operand, let names):
            at(.operand(first))
            let receiver = try evalArgument(dot, operand)
            return try evalFieldChain(receiver, names, call: (dot, command, final))
        case .variable(_, let name, let names):
            at(.operand(first))
            let value = variable(name)
            if names.isEmpty {
                try notAFunction(command, final: final)
                return value
            }
            return try evalFieldChain(value, names, call: (dot, command, final))
        case .identifier(_, let name):
            at(.operand(first))
            return try functions.call(name, command: command, final: final, dot: dot, evaluator: &self)
        case .pipeline(let pipeline):
            try notAFunction(command, final: final)
            return try evalPipeline(dot, pipeline)
        default:
            at(.operand(first))
            try notAFunction(command, final: final)
            if case .nilValue = first { throw failure("nil is not a command") }
            return try evalArgument(dot, first)
        }
    }

    /// The method `names` calls, if it is one name that dot's object offers as a method (the
    /// methods docker's list rows have are on the row itself).
    private func method(named names: [String], of dot: EvaluatedValue) -> TemplateMethod? {
        guard names.count == 1, case .object(let object)? = dot.value, !object.methods.isEmpty else { return nil }
        return object.methods[names[0]]
    }

    /// Calls `method` with the command's arguments (and the previous stage's result): one
    /// string, as docker's `Label(name string)` takes.
    private mutating func call(
        _ method: TemplateMethod, named name: String, _ dot: EvaluatedValue, _ command: TemplateCommand, final: EvaluatedValue?
    ) throws(TemplateError) -> EvaluatedValue {
        let arguments = try self.arguments(of: command, final: final, dot)
        guard arguments.count == 1 else { throw failure("wrong number of args for \(name): want 1 got \(arguments.count)") }
        guard case .string(let key)? = arguments[0].value else {
            throw failure("wrong type for value; expected string; got \(arguments[0].goTypeName)")
        }
        return EvaluatedValue(.string(method.call(with: key)))
    }

    /// The arguments of a method `command` calls, and the previous stage's result last.
    private mutating func arguments(
        of command: TemplateCommand, final: EvaluatedValue?, _ dot: EvaluatedValue
    ) throws(TemplateError) -> [EvaluatedValue] {
        var arguments: [EvaluatedValue] = []
        for operand in command.arguments.dropFirst() { arguments.append(try evalArgument(dot, operand)) }
        if let final { arguments.append(final) }
        at(.operand(command.arguments[0]))
        return arguments
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
        case .field(_, let names): return try evalFieldChain(dot, names, call: nil)
        case .variable(_, let name, let names):
            return names.isEmpty ? variable(name) : try evalFieldChain(variable(name), names, call: nil)
        case .chain(_, let inner, let names):
            let receiver = try evalArgument(dot, inner)
            at(.operand(operand))
            return try evalFieldChain(receiver, names, call: nil)
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

    /// The value of the chain of fields (or methods) `names` from `receiver`; `call` is the
    /// command the chain begins, with the dot its arguments are evaluated in and the previous
    /// stage's result, whose arguments go to the last name; nil for a chain that is an argument.
    private mutating func evalFieldChain(
        _ receiver: EvaluatedValue, _ names: [String], call: (dot: EvaluatedValue, command: TemplateCommand, final: EvaluatedValue?)?
    ) throws(TemplateError) -> EvaluatedValue {
        let hasArguments = call.map { $0.command.arguments.count > 1 || $0.final != nil } ?? false
        var value = receiver
        for (position, name) in names.enumerated() {
            let isLast = position == names.count - 1
            if let printed = value.goPrinted, let method = GoMethod.named(name, of: printed) {
                var arguments: [EvaluatedValue] = []
                if isLast, hasArguments, let call { arguments = try self.arguments(of: call.command, final: call.final, call.dot) }
                value = try self.call(method, named: name, arguments)
            } else {
                value = try evalField(name, of: value, hasArguments: hasArguments && isLast)
            }
        }
        return value
    }

    /// Calls one of the methods of a Go value of a type of its own, converting the arguments
    /// to its parameters' types as Go's `evalCall` does.
    private func call(_ method: GoMethod, named name: String, _ arguments: [EvaluatedValue]) throws(TemplateError) -> EvaluatedValue {
        guard arguments.count == method.parameters.count else {
            throw failure("wrong number of args for \(name): want \(method.parameters.count) got \(arguments.count)")
        }
        var converted: [GoMethod.Argument] = []
        for (argument, parameter) in zip(arguments, method.parameters) {
            guard let value = GoMethod.argument(argument, for: parameter) else {
                throw failure("wrong type for value; expected \(parameter.goTypeName); got \(argument.goTypeName)")
            }
            converted.append(value)
        }
        return method.body(converted)
    }

    /// The field `key` of `object`, which holds `field`, as a template sees it: a struct's field
    /// has its own type; a map's entry is an `interface {}`, unless the model it was encoded
    /// from says what Go holds there (``TemplateObject/typedNulls``, ``TemplateObject/goPrinted``).
    private static func field(_ key: String, _ field: TemplateValue, of object: TemplateObject) -> EvaluatedValue {
        guard object.formatterContextType == nil else { return EvaluatedValue(value: field) }
        var value = EvaluatedValue(value: field, isInterface: true)
        if field == .null, let type = object.typedNulls[key] {
            // A nil the template cannot go through fails the typed pass; where docker has the
            // daemon's JSON, ``GoTemplate/render(_:missingKey:fallback:)`` runs it again there.
            value = EvaluatedValue(typedNull: type)
        }
        if let printed = object.goPrinted[key] {
            value.isInterface = false
            value.goPrinted = printed
        }
        return value
    }

    private func evalField(_ name: String, of receiver: EvaluatedValue, hasArguments: Bool) throws(TemplateError) -> EvaluatedValue {
        guard let value = receiver.value else {
            if missingKey == .error, !receiver.isMissingTypedEntry { throw failure("nil data; no entry for key \(GoQuote.quote(name))") }
            return receiver.isMissingTypedEntry ? .missingTypedEntry : .invalid
        }
        switch value {
        case .null where receiver.isInterface:
            throw failure("nil pointer evaluating interface {}.\(name)")
        case .null where receiver.typedNil != nil:
            // A nil map has no keys, as a typed map yields no value for a missing key.
            if case .map = receiver.typedNil { return .missingTypedEntry }
            if case .pointer(let type?, let pointee)? = receiver.typedNil {
                // Go looks the field up in the struct's type before it follows the pointer.
                if let pointee, !pointee.hasField(name) { throw failure("can't evaluate field \(name) in type \(type)") }
                throw failure("nil pointer evaluating \(type).\(name)")
            }
            throw failure("nil pointer evaluating interface {}.\(name)")
        case .object(let object):
            if hasArguments { throw failure("\(name) is not a method but has arguments") }
            // A Go struct's JSON key is no field of it where Go names the field otherwise.
            let isHiddenKey =
                object.goStructType != nil && object.goFieldNames[name] == nil && object.goFieldNames.values.contains(name)
            if !isHiddenKey, let field = object[name] { return Self.field(name, field, of: object) }
            if let key = object.goFieldNames[name] {
                // A Go field left out of the JSON when empty (`omitempty`) is there, empty.
                guard let field = object[key] else { return EvaluatedValue(value: .string(""), isInterface: true) }
                return Self.field(key, field, of: object)
            }
            if let zero = object.goStructFields?.unmodeledZero(name) {
                // A Go field the model lacks, which the daemon did not send: Go's zero value.
                return zero == .null ? EvaluatedValue(typedNull: .pointer()) : EvaluatedValue(zero)
            }
            if let type = object.formatterContextType ?? object.goStructType {
                throw failure("can't evaluate field \(name) in type \(type)")
            }
            // A typed Go map has no missingkey=error of its own: docker's typed pass yields no value.
            if object.typedMapElement != nil, missingKey == .error { return .missingTypedEntry }
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
