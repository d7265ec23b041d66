/// A template that could not be parsed or executed, with Go's `text/template` message.
///
/// ``message`` reads as Go's does, e.g. `template: :1: unclosed action` or
/// `template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"`; the docker CLI
/// prints it after `template parsing error: ` in both cases.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The template text is malformed; reported by ``GoTemplate/init(parsing:)``.
        case parse
        /// Evaluating the template over a value failed; reported by ``GoTemplate/render(_:)``.
        case execution
    }

    public let kind: Kind
    public let message: String
    /// What an execution wrote before it failed; empty for a parse error. Go writes to its
    /// writer as it goes, and docker's `info` and `version` execute straight to standard output,
    /// so they print this (and a newline) before the error. Not part of equality.
    public let partialOutput: String
    public var description: String { message }

    init(kind: Kind, message: String, partialOutput: String = "") {
        self.kind = kind
        self.message = message
        self.partialOutput = partialOutput
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message
    }

    static func parse(name: String = "", line: Int, _ text: String) -> TemplateError {
        TemplateError(kind: .parse, message: "template: \(name):\(line): \(text)")
    }

    static func execution(name: String = "", line: Int, column: Int, context: String, _ text: String) -> TemplateError {
        TemplateError(kind: .execution, message: "template: \(name):\(line):\(column): executing \"\(name)\" at <\(context)>: \(text)")
    }
}
