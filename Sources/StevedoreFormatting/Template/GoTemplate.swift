/// A template in the subset of Go's `text/template` that docker's `--format` flag accepts.
///
/// ```swift
/// let template = try GoTemplate(parsing: "{{.ID}}\t{{.Image | upper}}")
/// let line = try template.render(TemplateValue(encoding: container))
/// ```
///
/// Supported: text; `{{.Field}}`, `{{.A.B}}`, `{{.}}`, `{{$}}`, `{{$x := …}}`, `{{$x = …}}`;
/// pipelines `a | b`; parenthesised pipelines; string, raw string, character, number, bool
/// and nil literals; `if`/`else if`/`else`, `with`/`else with`, `range` (over arrays, objects
/// in key order and integers, with `$i, $e :=`, `else`, `break`, `continue`); `{{/* */}}`
/// comments; `{{-`/`-}}` trimming; the functions of ``TemplateFunctions``. Not supported:
/// `define`, `template`, `block`, methods with arguments, and the `call` builtin.
///
/// Output follows Go: strings raw, numbers as `fmt.Print` writes them, objects as
/// `map[k:v]` with sorted keys, arrays as `[a b]`, a missing value as `<no value>`. Errors are
/// ``TemplateError``s with Go's message text.
public struct GoTemplate: Sendable {
    /// What `.Key` does when an object has no such key (Go's `missingkey` option).
    public enum MissingKey: Sendable, Equatable {
        /// Fail with `map has no entry for key "Key"`: what `docker inspect` does.
        case error
        /// Yield no value, printed `<no value>`: Go's default for `map[string]interface{}`.
        case noValue
        /// Yield an empty string: Go's default for `map[string]string`, e.g. a table header.
        case zero
    }

    /// How much work one execution may do: for a template from someone who should not be able
    /// to occupy the process. Go has no such bounds, and a template can ask for unbounded work
    /// (`{{range 9000000000}}`, a string doubled in a loop); an execution that exceeds a bound
    /// stops with an execution ``TemplateError`` instead.
    public struct ExecutionLimits: Sendable, Equatable {
        /// How many texts, actions, blocks and loop iterations one execution may go through.
        public var steps: Int
        /// How many bytes one execution may write, and build with functions (`printf`, `join`,
        /// `pad`…) along the way, an array a function builds (`split`) counting one per element;
        /// the output of a value read from the data counts too. Whatever the limits, no single
        /// function builds more than 4 GiB: a template that asks for more fails.
        public var bytes: Int

        public init(steps: Int, bytes: Int) {
            self.steps = steps
            self.bytes = bytes
        }
    }

    /// The template's source text.
    public let text: String
    /// The template's name, which its errors give (`template: version:1:2: executing "version"
    /// …`); empty by default, as docker's formats are but `version`'s.
    public let name: String
    /// The bounds of each execution; `nil` (the default) runs every execution to its end, as Go does.
    public var limits: ExecutionLimits?
    private let nodes: [TemplateNode]

    /// Parses `text`, reporting malformed templates as Go does (`template: :1: unclosed action`).
    public init(parsing text: String, name: String = "") throws(TemplateError) {
        self.text = text
        self.name = name
        nodes = try TemplateParser.parse(text, name: name)
    }

    /// Executes the template with `value` as dot (`.`) and `$`.
    ///
    /// Where `value` is docker's typed Go value and executing over it fails, the template runs
    /// again over `fallback`, the daemon's JSON, as `docker inspect` does: that output, or that
    /// error, is the result. Without a fallback (docker's `info`, `volume inspect` have none),
    /// the typed value's error is.
    public func render(
        _ value: TemplateValue, missingKey: MissingKey = .error, fallback: TemplateValue? = nil
    ) throws(TemplateError) -> String {
        var evaluator = TemplateEvaluator(
            source: text, name: name, missingKey: missingKey, functions: TemplateFunctions(isHeader: false), limits: limits)
        do {
            return try execute(value, with: &evaluator)
        } catch {
            guard let fallback else { throw error }
            return try self.render(fallback, missingKey: missingKey)
        }
    }

    /// Encodes `value` (see ``TemplateValue/init(encoding:)``) and executes the template over it.
    public func render<T: Encodable>(encoding value: T, missingKey: MissingKey = .error) throws -> String {
        try render(TemplateValue(encoding: value), missingKey: missingKey)
    }

    /// The table header docker prints for this template: the template executed over the
    /// column titles (`["ID": "CONTAINER ID", …]`) with docker's header functions, a missing
    /// title empty, and, as docker does, whatever was written before an error.
    public func renderHeader(titles: [String: String]) -> String {
        var evaluator = TemplateEvaluator(
            source: text, name: name, missingKey: .zero, functions: TemplateFunctions(isHeader: true), limits: limits)
        var object = TemplateObject(titles.sorted { $0.key < $1.key }.map { ($0.key, TemplateValue.string($0.value)) })
        object.methods["Label"] = .headerLabel
        return (try? execute(.object(object), with: &evaluator)) ?? evaluator.output
    }

    private func execute(_ value: TemplateValue, with evaluator: inout TemplateEvaluator) throws(TemplateError) -> String {
        let dot = EvaluatedValue(value)
        evaluator.variables = [("$", dot)]
        do {
            _ = try evaluator.walk(dot, nodes)
        } catch {
            throw TemplateError(kind: error.kind, message: error.message, partialOutput: evaluator.output)
        }
        return evaluator.output
    }
}
