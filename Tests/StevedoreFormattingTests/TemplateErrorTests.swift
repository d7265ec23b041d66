import Testing

@testable import StevedoreFormatting

/// Messages recorded from docker 28's Go templates (`docker inspect --format`).
@Suite struct TemplateErrorTests {
    @Test(arguments: [
        ("{{.Id", "template: :1: unclosed action"),
        ("{{.Id}", "template: :1: bad character U+007D '}'"),
        ("x{{end}}", "template: :1: unexpected {{end}}"),
        ("{{if .Id}}x", "template: :1: unexpected EOF"),
        ("{{nope .Id}}", "template: :1: function \"nope\" not defined"),
        ("{{$x}}", "template: :1: undefined variable \"$x\""),
        ("{{\"abc}}", "template: :1: unterminated quoted string"),
        ("{{range .Id}}{{else}}{{else}}{{end}}", "template: :1: expected end; found {{else}}"),
        ("a\n{{.Id}\n}}", "template: :2: bad character U+007D '}'"),
        ("{{}}", "template: :1: missing value for command"),
        ("{{else}}", "template: :1: unexpected {{else}}"),
        ("{{break}}", "template: :1: {{break}} outside {{range}}"),
        ("{{.Id | \"x\"}}", "template: :1: non executable command in pipeline stage 2"),
    ])
    func parseErrors(template: String, message: String) {
        #expect(throws: TemplateError(kind: .parse, message: message)) { try GoTemplate(parsing: template) }
    }

    @Test(arguments: [
        ("a\nb{{.Zed.nope}}", #"template: :2:7: executing "" at <.Zed.nope>: map has no entry for key "nope""#),
        ("{{.Zed.n.x}}", #"template: :1:6: executing "" at <.Zed.n.x>: nil pointer evaluating interface {}.x"#),
        ("{{.Zed.a.x}}", #"template: :1:6: executing "" at <.Zed.a.x>: can't evaluate field x in type interface {}"#),
        ("{{.Zed.a.b.c}}", #"template: :1:6: executing "" at <.Zed.a.b.c>: can't evaluate field b in type interface {}"#),
        ("{{with .Zed.a}}{{.x}}{{end}}", #"template: :1:17: executing "" at <.x>: can't evaluate field x in type string"#),
        ("{{range .Zed.arr}}{{.x}}{{end}}", #"template: :1:20: executing "" at <.x>: can't evaluate field x in type interface {}"#),
        ("{{index .Zed.arr 5}}", #"template: :1:2: executing "" at <index .Zed.arr 5>: error calling index: index out of range: 5"#),
        ("{{.Zed.b | upper}}", #"template: :1:11: executing "" at <upper>: wrong type for value; expected string; got int"#),
        ("{{.Id 1}}", #"template: :1:2: executing "" at <.Id>: Id is not a method but has arguments"#),
        ("{{.Zed.m.nope}}", #"template: :1:6: executing "" at <.Zed.m.nope>: map has no entry for key "nope""#),
        ("{{truncate .Zed.a 1.5}}", #"template: :1:18: executing "" at <1.5>: expected integer; found 1.5"#),
        (
            "{{join .Zed.m \",\"}}",
            #"template: :1:11: executing "" at <.Zed.m>: wrong type for value; expected []string; got map[string]interface {}"#
        ),
        ("{{eq .Id 1}}", #"template: :1:2: executing "" at <eq .Id 1>: error calling eq: incompatible types for comparison"#),
        ("{{range .Id}}{{end}}", #"template: :1:8: executing "" at <.Id>: range can't iterate over abc"#),
    ])
    func executionErrors(template: String, message: String) {
        #expect(renderError(template) == message)
    }

    /// A named template (docker's `version`) names itself in its errors, as Go's do, the line
    /// of an unclosed action included.
    @Test func aNamedTemplateNamesItselfInItsErrors() throws {
        #expect(throws: TemplateError(kind: .parse, message: "template: version:1: unclosed action")) {
            try GoTemplate(parsing: "{{.X", name: "version")
        }
        #expect(throws: TemplateError(kind: .parse, message: "template: version:2: unclosed action started at version:1")) {
            try GoTemplate(parsing: "{{.X\n", name: "version")
        }
        let template = try GoTemplate(parsing: "a{{.Zed.nope}}", name: "version")
        #expect(
            throws: TemplateError(
                kind: .execution, message: #"template: version:1:7: executing "version" at <.Zed.nope>: map has no entry for key "nope""#
            )
        ) { try template.render(document) }
    }

    /// What an execution wrote before it failed comes with its error (docker's `info` and
    /// `version` print it).
    @Test func anExecutionErrorCarriesWhatWasWrittenBeforeIt() throws {
        do {
            _ = try GoTemplate(parsing: "a{{.Id}}b{{.Zed.nope}}c").render(document)
            Issue.record("the template did not fail")
        } catch {
            #expect(error.partialOutput == "aabcb")
        }
    }
}
