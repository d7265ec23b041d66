import StevedoreText

/// Builds the ``TemplateNode`` tree from tokens, with the checks and messages of Go's
/// `text/template/parse`: known functions, declared variables, balanced `{{end}}`, and
/// `{{break}}`/`{{continue}}` only inside `{{range}}`.
///
/// `{{define}}`, `{{template}}` and `{{block}}` are rejected: docker's formats never use them.
struct TemplateParser {
    private let tokens: [TemplateToken]
    private let name: String
    private var index = 0
    private var line = 1
    private var variables: [String] = ["$"]
    private var rangeDepth = 0
    /// How deep the parenthesized pipelines and `if`/`with`/`range` blocks being read nest, in
    /// ``nestingCost`` per level and 1 per link of an `{{else if}}` chain.
    private var depth = 0

    /// The deepest nesting read: the parser, and the evaluation after it, recurse once per level
    /// and once per link of an `{{else if}}` chain (a lighter recursion), on a thread whose stack
    /// is not Go's growable one. Go refuses parentheses nested past 10,000 with the same words;
    /// no format nests near 100 levels, nor chains 1,000 links.
    static let maximumDepth = 100
    private static let nestingCost = 10

    static func parse(_ text: String, name: String) throws(TemplateError) -> [TemplateNode] {
        var parser = TemplateParser(tokens: try TemplateLexer.tokenize(text, name: name), name: name)
        return try parser.parseRoot()
    }

    private init(tokens: [TemplateToken], name: String) {
        self.tokens = tokens
        self.name = name
    }

    // MARK: Token access

    private mutating func next() -> TemplateToken {
        let token = tokens[min(index, tokens.count - 1)]
        index += 1
        line = token.line
        return token
    }

    private func peek() -> TemplateToken { tokens[min(index, tokens.count - 1)] }

    private mutating func nextNonSpace() -> TemplateToken {
        var token = next()
        while token.kind == .space { token = next() }
        return token
    }

    private mutating func peekNonSpace() -> TemplateToken {
        let token = nextNonSpace()
        index -= 1
        return token
    }

    private func failure(_ message: String) -> TemplateError { .parse(name: name, line: line, message) }

    private func unexpected(_ token: TemplateToken, in context: String) -> TemplateError {
        failure("unexpected \(token.goDescription) in \(context)")
    }

    private mutating func expect(_ kind: TemplateToken.Kind, in context: String) throws(TemplateError) {
        let token = nextNonSpace()
        if token.kind != kind { throw unexpected(token, in: context) }
    }

    // MARK: Lists and actions

    private mutating func parseRoot() throws(TemplateError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        while peek().kind != .eof {
            switch try textOrAction() {
            case .node(let node): nodes.append(node)
            case .end: throw failure("unexpected {{end}}")
            case .else: throw failure("unexpected {{else}}")
            }
        }
        return nodes
    }

    private enum Item {
        case node(TemplateNode)
        case end
        /// `{{else}}`; `chained` is the `if`/`with` keyword of `{{else if …}}`, left unread.
        case `else`(chained: String?)
    }

    private mutating func textOrAction() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        switch token.kind {
        case .text: return .node(.text(token.text))
        case .leftDelim: return try action()
        default: throw unexpected(token, in: "input")
        }
    }

    /// Parses until `{{end}}` or `{{else}}`, returning the nodes and which one ended the list.
    private mutating func itemList() throws(TemplateError) -> ([TemplateNode], Item) {
        var nodes: [TemplateNode] = []
        while peekNonSpace().kind != .eof {
            let item = try textOrAction()
            switch item {
            case .node(let node): nodes.append(node)
            case .end, .else: return (nodes, item)
            }
        }
        throw failure("unexpected EOF")
    }

    private mutating func action() throws(TemplateError) -> Item {
        let token = nextNonSpace()
        if token.kind == .keyword {
            switch token.text {
            case "end":
                try expect(.rightDelim, in: "end")
                return .end
            case "else":
                let following = peekNonSpace()
                if following.kind == .keyword, following.text == "if" || following.text == "with" {
                    return .else(chained: following.text)
                }
                try expect(.rightDelim, in: "else")
                return .else(chained: nil)
            case "if", "with", "range": return .node(try control(token.text))
            case "break", "continue":
                guard rangeDepth > 0 else { throw failure("{{\(token.text)}} outside {{range}}") }
                try expect(.rightDelim, in: "{{\(token.text)}}")
                return .node(token.text == "break" ? .breakLoop : .continueLoop)
            default:
                throw failure("{{\(token.text)}} is not supported")
            }
        }
        index -= 1
        return .node(.action(try pipeline(context: "command", end: .rightDelim)))
    }

    /// `if`, `with` and `range`, including `{{else if …}}` and `{{else with …}}` chains that
    /// share the final `{{end}}`.
    private mutating func control(_ keyword: String, chained: Bool = false) throws(TemplateError) -> TemplateNode {
        let cost = chained ? 1 : Self.nestingCost
        try enterNesting(cost: cost)
        defer { depth -= cost }
        let savedVariables = variables.count
        defer { variables.removeLast(variables.count - savedVariables) }
        let rangePosition = tokens[index - 1].position
        let pipe = try pipeline(context: keyword, end: .rightDelim)
        if keyword == "range" { rangeDepth += 1 }
        var (list, terminator) = try itemList()
        if keyword == "range" { rangeDepth -= 1 }
        var elseList: [TemplateNode]?
        if case .else(let chained) = terminator {
            if let chained, chained == keyword, keyword != "range" {
                _ = nextNonSpace()
                elseList = [try control(chained, chained: true)]
                terminator = .end
            } else if chained != nil {
                throw failure("expected end; found {{else}}")
            } else {
                (elseList, terminator) = try itemList()
                if case .else = terminator { throw failure("expected end; found {{else}}") }
            }
        }
        switch keyword {
        case "if": return .ifBlock(pipe, list: list, elseList: elseList)
        case "with": return .withBlock(pipe, list: list, elseList: elseList)
        default: return .rangeBlock(position: rangePosition, pipe, list: list, elseList: elseList)
        }
    }

    /// `cost` deeper, refused past ``maximumDepth`` levels.
    private mutating func enterNesting(cost: Int) throws(TemplateError) {
        guard depth + cost <= Self.maximumDepth * Self.nestingCost else { throw failure("max expression depth exceeded") }
        depth += cost
    }

    // MARK: Pipelines and commands

    private mutating func pipeline(context: String, end: TemplateToken.Kind) throws(TemplateError) -> TemplatePipeline {
        var pipe = TemplatePipeline(position: peekNonSpace().position)
        try declarations(into: &pipe, context: context)
        while true {
            let token = nextNonSpace()
            switch token.kind {
            case end:
                guard !pipe.commands.isEmpty else { throw failure("missing value for \(context)") }
                for (stage, command) in pipe.commands.enumerated().dropFirst() {
                    switch command.arguments[0] {
                    case .bool, .dot, .nilValue, .number, .string:
                        throw failure("non executable command in pipeline stage \(stage + 1)")
                    default: break
                    }
                }
                return pipe
            case .bool, .char, .dot, .field, .identifier, .number, .nilValue, .rawString, .string, .variable, .leftParen:
                index -= 1
                pipe.commands.append(try command())
            default:
                throw unexpected(token, in: context)
            }
        }
    }

    private mutating func declarations(into pipe: inout TemplatePipeline, context: String) throws(TemplateError) {
        while peekNonSpace().kind == .variable {
            let start = index
            let variable = nextNonSpace()
            let separator = peekNonSpace()
            switch separator.kind {
            case .declare, .assign:
                _ = nextNonSpace()
                pipe.isAssignment = separator.kind == .assign
                pipe.declarations.append(variable.text)
                if pipe.isAssignment, !variables.contains(variable.text) {
                    throw failure("undefined variable \"\(variable.text)\"")
                }
                variables.append(variable.text)
                return
            case .comma where context == "range" && pipe.declarations.isEmpty:
                _ = nextNonSpace()
                pipe.declarations.append(variable.text)
                variables.append(variable.text)
                let following = peekNonSpace().kind
                guard following == .variable else { throw failure("range can only initialize variables") }
            case .comma:
                throw failure("too many declarations in \(context)")
            default:
                index = start
                return
            }
        }
    }

    private mutating func command() throws(TemplateError) -> TemplateCommand {
        var command = TemplateCommand(position: peekNonSpace().position)
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { command.arguments.append(operand) }
            let token = next()
            switch token.kind {
            case .space: continue
            case .rightDelim, .rightParen: index -= 1
            case .pipe: break
            default: throw unexpected(token, in: "operand")
            }
            break
        }
        guard !command.arguments.isEmpty else { throw failure("empty command") }
        return command
    }

    private mutating func operand() throws(TemplateError) -> TemplateOperand? {
        guard let term = try term() else { return nil }
        guard peek().kind == .field else { return term }
        let chainPosition = peek().position
        var fields: [String] = []
        while peek().kind == .field { fields.append(String(next().text.dropFirst())) }
        switch term {
        case .field(_, let names): return .field(position: chainPosition, names + fields)
        case .variable(_, let name, let names): return .variable(position: chainPosition, name: name, fields: names + fields)
        case .bool, .string, .number, .nilValue, .dot:
            throw failure("unexpected . after term \(GoQuote.quote(term.description))")
        default: return .chain(position: chainPosition, term, fields: fields)
        }
    }

    private mutating func term() throws(TemplateError) -> TemplateOperand? {
        let token = nextNonSpace()
        switch token.kind {
        case .identifier:
            guard TemplateFunctions.names.contains(token.text) else { throw failure("function \"\(token.text)\" not defined") }
            return .identifier(position: token.position, token.text)
        case .dot: return .dot(position: token.position)
        case .nilValue: return .nilValue(position: token.position)
        case .variable:
            let parts = token.text.split(scalar: ".", omittingEmptySubsequences: false).map(String.init)
            guard variables.contains(parts[0]) else { throw failure("undefined variable \"\(parts[0])\"") }
            return .variable(position: token.position, name: parts[0], fields: Array(parts.dropFirst()))
        case .field:
            return .field(position: token.position, [String(token.text.dropFirst())])
        case .bool: return .bool(position: token.position, token.text == "true")
        case .number, .char:
            return .number(position: token.position, text: token.text, value: try numberValue(token))
        case .leftParen:
            try enterNesting(cost: Self.nestingCost)
            defer { depth -= Self.nestingCost }
            let pipe = try pipeline(context: "parenthesized pipeline", end: .rightParen)
            return .pipeline(pipe)
        case .string, .rawString:
            guard let value = GoQuote.unquote(token.text) else { throw failure("invalid syntax: \(token.text)") }
            return .string(position: token.position, quoted: token.text, value: value)
        default:
            index -= 1
            return nil
        }
    }

    private func numberValue(_ token: TemplateToken) throws(TemplateError) -> TemplateValue {
        if token.kind == .char {
            guard let value = GoQuote.unquote(token.text), let scalar = value.unicodeScalars.first,
                value.unicodeScalars.count == 1
            else { throw failure("malformed character constant: \(token.text)") }
            return .int(Int64(scalar.value))
        }
        var text = token.text.replacing("_", with: "")
        let negative = text.hasBytePrefix("-")
        if text.hasBytePrefix("-") || text.hasBytePrefix("+") { text.removeFirst() }
        let lower = text.lowercased()
        let radix = lower.hasBytePrefix("0x") ? 16 : lower.hasBytePrefix("0o") ? 8 : lower.hasBytePrefix("0b") ? 2 : 10
        let isFloat = radix == 10 ? lower.contains(where: { ".e".contains($0) }) : lower.contains(scalar: "p")
        if !isFloat {
            let digits = radix == 10 ? text : String(text.dropFirst(2))
            if let value = Int64(digits, radix: radix)
                ?? (radix == 10 && digits.count > 1 && digits.hasBytePrefix("0") ? Int64(digits.dropFirst(), radix: 8) : nil)
            {
                return .int(negative ? -value : value)
            }
            if UInt64(digits, radix: radix) != nil { return .double(Double(negative ? "-" + digits : digits) ?? 0) }
        } else if let value = Double(radix == 10 ? text : lower) {
            return .double(negative ? -value : value)
        }
        throw failure("illegal number syntax: \(GoQuote.quote(token.text))")
    }
}
