/// The parse tree of a template, shaped like Go's `text/template/parse` nodes.
///
/// Every node keeps its byte position, from which execution errors report `line:column`, and
/// prints as Go prints the node (`description`), which execution errors quote as `at <…>`.
indirect enum TemplateNode: Sendable {
    case text(String)
    case action(TemplatePipeline)
    case ifBlock(TemplatePipeline, list: [TemplateNode], elseList: [TemplateNode]?)
    case withBlock(TemplatePipeline, list: [TemplateNode], elseList: [TemplateNode]?)
    case rangeBlock(position: Int, TemplatePipeline, list: [TemplateNode], elseList: [TemplateNode]?)
    case breakLoop
    case continueLoop
}

/// `$x := cmd1 | cmd2 …`: commands whose results feed the next command's last argument.
struct TemplatePipeline: Sendable {
    var position: Int
    var declarations: [String] = []
    var isAssignment = false
    var commands: [TemplateCommand] = []

    var description: String {
        let declared = declarations.isEmpty ? "" : declarations.joined(separator: ", ") + (isAssignment ? " = " : " := ")
        return declared + commands.map(\.description).joined(separator: " | ")
    }
}

/// One command of a pipeline: a function or field with arguments, or a single operand.
struct TemplateCommand: Sendable {
    var position: Int
    var arguments: [TemplateOperand] = []

    var description: String {
        arguments.map { argument in
            if case .pipeline(let pipeline) = argument { return "(\(pipeline.description))" }
            return argument.description
        }.joined(separator: " ")
    }
}

/// An operand: what may appear as a command's word.
indirect enum TemplateOperand: Sendable {
    case field(position: Int, [String])
    case variable(position: Int, name: String, fields: [String])
    case dot(position: Int)
    case identifier(position: Int, String)
    case string(position: Int, quoted: String, value: String)
    case number(position: Int, text: String, value: TemplateValue)
    case bool(position: Int, Bool)
    case nilValue(position: Int)
    case pipeline(TemplatePipeline)
    case chain(position: Int, TemplateOperand, fields: [String])

    var position: Int {
        switch self {
        case .field(let position, _), .variable(let position, _, _), .dot(let position), .identifier(let position, _),
            .string(let position, _, _), .number(let position, _, _), .bool(let position, _), .nilValue(let position),
            .chain(let position, _, _):
            position
        case .pipeline(let pipeline): pipeline.position
        }
    }

    var description: String {
        switch self {
        case .field(_, let names): names.map { "." + $0 }.joined()
        case .variable(_, let name, let fields): name + fields.map { "." + $0 }.joined()
        case .dot: "."
        case .identifier(_, let name): name
        case .string(_, let quoted, _): quoted
        case .number(_, let text, _): text
        case .bool(_, let value): value ? "true" : "false"
        case .nilValue: "nil"
        case .pipeline(let pipeline): "(\(pipeline.description))"
        case .chain(_, let operand, let fields): operand.description + fields.map { "." + $0 }.joined()
        }
    }
}
