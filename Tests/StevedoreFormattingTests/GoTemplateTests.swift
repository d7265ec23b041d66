import Testing

@testable import StevedoreFormatting

@Suite struct GoTemplateTests {
    @Test(arguments: [
        ("{{.Id}}", "abc"),
        ("plain text", "plain text"),
        ("{{.Zed.a}}", "x<y>&z"),
        ("{{.Zed}}", "map[a:x<y>&z arr:[p q] b:1 big:1e+06 ea:[] em:map[] emptys: f:1.5 m:map[k.dot:v] n:<nil> t:true]"),
        (
            "{{json .Zed}}",
            #"{"b":1,"a":"x<y>&z","n":null,"f":1.5,"big":1000000,"arr":["p","q"],"m":{"k.dot":"v"},"t":true,"emptys":"","ea":[],"em":{}}"#
        ),
        (
            "{{.Zed | json}}",
            #"{"b":1,"a":"x<y>&z","n":null,"f":1.5,"big":1000000,"arr":["p","q"],"m":{"k.dot":"v"},"t":true,"emptys":"","ea":[],"em":{}}"#
        ),
        ("{{json .Zed.a}}", #""x<y>&z""#),
        ("{{.Zed.n}}", "<no value>"),
        ("{{.Zed.ea}} {{.Zed.em}} {{.Zed.arr}}", "[] map[] [p q]"),
        (
            "{{1e6}} {{1.5}} {{100000.0}} {{1e-5}} {{0.0001}} {{123456789.0}} {{1e20}} {{1e21}} {{-0.0}} {{3}}",
            "1e+06 1.5 100000 1e-05 0.0001 1.23456789e+08 1e+20 1e+21 -0 3"
        ),
        ("{{range .Zed.arr}}[{{.}}]{{end}}", "[p][q]"),
        ("{{range $i, $e := .Zed.arr}}{{$i}}={{$e}},{{end}}", "0=p,1=q,"),
        ("{{range $k, $v := .Zed.m}}{{$k}}={{$v}}{{end}}", "k.dot=v"),
        ("{{range .Zed.ea}}x{{else}}empty{{end}}", "empty"),
        ("{{range 3}}{{.}}{{end}}", "012"),
        // An integer's iterations are made one by one, as Go makes them: not 9e9 gathered first.
        ("{{range $i := 9000000000}}{{if eq $i 3}}{{break}}{{end}}{{$i}}{{end}}", "012"),
        ("{{range .Zed.arr}}{{if eq . \"q\"}}{{break}}{{end}}{{.}}{{end}}", "p"),
        ("{{range .Zed.arr}}{{if eq . \"p\"}}{{continue}}{{end}}{{.}}{{end}}", "q"),
        ("{{index .Zed.m \"k.dot\"}}|{{index .Zed.m \"nokey\"}}|{{index .Zed.arr 1}}", "v|<no value>|q"),
        ("{{len .Zed.arr}} {{len .Zed.a}} {{len .Zed.m}}", "2 6 1"),
        ("{{join .Zed.arr \",\"}}", "p,q"),
        ("{{truncate .Zed.a 3}}|{{upper .Zed.a}}|{{title \"hello world\"}}|{{lower \"ABC\"}}", "x<y|X<Y>&Z|Hello World|abc"),
        ("{{title \"don't foo_bar a.b élan\"}}|{{upper \"straße\"}}", "Don'T Foo_bar A.B Élan|STRAßE"),
        ("{{if .Zed.emptys}}y{{else}}n{{end}}{{if .Zed.ea}}y{{else}}n{{end}}{{if .Zed.n}}y{{else}}n{{end}}{{if .Zed.t}}y{{end}}", "nnny"),
        ("{{if .Zed.emptys}}a{{else if .Zed.t}}b{{else}}c{{end}}", "b"),
        ("{{with .Zed.m}}{{index . \"k.dot\"}}{{end}}", "v"),
        ("{{with .Zed.emptys}}x{{else with .Zed.a}}{{.}}{{end}}", "x<y>&z"),
        ("a  {{- \"b\" -}}  c", "abc"),
        ("{{println \"a\" 1}}x", "a 1\nx"),
        ("{{print \"a\" 1 2 \"b\" \"c\"}}", "a1 2bc"),
        ("{{$.Id}} {{$x := 5}}{{$x}}", "abc 5"),
        ("{{$x := 1}}{{$x = 2}}{{$x}}", "2"),
        ("{{pad \"x\" 1 2}}|", " x  |"),
        // docker pads only text there is.
        ("{{pad \"\" 1 2}}|", "|"),
        ("{{split \"a,b\" \",\"}}", "[a b]"),
        // Go splits bytes: "\n" splits "\r\n", one Character in Swift.
        ("{{len (split \"a\\r\\nb\\r\\nc\" \"\\n\")}}", "3"),
        ("{{/* c */}}ok", "ok"),
        ("{{- /* c */ -}}  ok", "ok"),
        ("{{printf \"%d %s %5.2f %x %t %v\" 3 \"s\" 1.234 255 true .Zed.arr}}", "3 s  1.23 ff true [p q]"),
        ("{{printf \"%s\" .Zed.arr}} {{printf \"%d\"}} {{printf \"%s\" 1 2}}", "[p q] %!d(MISSING) %!s(int=1)%!(EXTRA int=2)"),
        ("{{eq .Id \"abc\"}} {{ne 1 2}} {{lt 1 2}} {{and 1 0}} {{or 0 \"x\"}} {{not \"\"}}", "true true true 0 x true"),
        ("{{eq .Id \"x\" \"abc\"}} {{ge 2 2}} {{gt \"b\" \"a\"}} {{le 1.5 1.0}}", "true true true false"),
        (
            "{{printf \"%05d|%-4s|%+.2e|%q|%x|%T\" -42 \"ab\" 12345.678 \"a\\\"b\" \"hi\" 1.5}}",
            #"-0042|ab  |+1.23e+04|"a\"b"|6869|float64"#
        ),
        ("{{printf \"%v %.3g %g %G\" 0.000012345 1234.5678 1e21 1e-7}}", "1.2345e-05 1.23e+03 1e+21 1E-07"),
        ("{{printf \"%.2e %g %.3g %e %v\" 0.0 0.0 0.0 0.0 0.0}}", "0.00e+00 0 0 0.000000e+00 0"),
        // Found by fuzzing: a width past Go's limit (1e6) ends the format, it is not allocated.
        ("{{printf \"%1666666666666666666662f.\" 1.5}}", "%!(NOVERB)%!(EXTRA float64=1.5)"),
        // `*` as Go takes it: a negative width pads on the right, a negative precision or a
        // missing or too large value is bad and left out (compared with the docker CLI's output).
        (
            #"{{printf "%.*s|%*s|%-*d|%*d|%.*d|%*s" -5 "abc" -4 "ab" -3 7 "x" 5 2 3 2000000 "y"}}"#,
            "%!(BADPREC)abc|ab  |7  |%!(BADWIDTH)5|03|%!(BADWIDTH)y"
        ),
        (#"{{printf "%.*e|%.*f|%*.*s|%0*d" -5 1.5 2 1.25 -1 -1 "a" -4 7}}"#, "%!(BADPREC)1.500000e+00|1.25|%!(BADPREC)a|7   "),
        ("{{'a'}} {{0x10}} {{`raw`}}", "97 16 raw"),
        ("{{(index .Zed.arr 0) | upper}}", "P"),
        ("{{slice .Zed.a 1 3}} {{slice .Zed.arr 1}}", "<y [q]"),
        // Go's escapers, as Go writes them (compared with the docker CLI's output).
        (
            #"{{html "<a href=\"x\">&'b"}}|{{.Zed.a | html}}|{{html 1 2 "x"}}"#,
            "&lt;a href=&#34;x&#34;&gt;&amp;&#39;b|x&lt;y&gt;&amp;z|1 2x"
        ),
        (#"{{js "a'b\"c\\d<>&=\t\u0001é\u200b"}}|{{js 3.5 true}}"#, #"a\'b\"c\\d\u003C\u003E\u0026\u003D\u0009\u0001é\u200B|3.5 true"#),
        (#"{{urlquery "a b/c?d=é~"}}|{{urlquery}}"#, "a+b%2Fc%3Fd%3D%C3%A9~|"),
        ("{{.}}", "map[Id:abc Zed:map[a:x<y>&z arr:[p q] b:1 big:1e+06 ea:[] em:map[] emptys: f:1.5 m:map[k.dot:v] n:<nil> t:true]]"),
    ])
    func rendersLikeGo(template: String, expected: String) throws {
        #expect(try render(template) == expected)
    }

    @Test func missingKeyPolicies() throws {
        #expect(try render("{{.Zed.nope}}", missingKey: .noValue) == "<no value>")
        #expect(try render("{{.Zed.nope}}", missingKey: .zero) == "")
        #expect(try render("{{.Nope.Deeper}}", missingKey: .noValue) == "<no value>")
        #expect(renderError("{{.Zed.nope}}") == #"template: :1:6: executing "" at <.Zed.nope>: map has no entry for key "nope""#)
    }

    @Test func limitsStopAnExecutionThatAsksForMoreWork() throws {
        var loop = try GoTemplate(parsing: "{{range 9000000000}}{{end}}")
        loop.limits = GoTemplate.ExecutionLimits(steps: 1000, bytes: 1 << 20)
        let steps = #expect(throws: TemplateError.self) { try loop.render(.null) }
        #expect(steps?.message.hasSuffix("execution stopped: it exceeded its limit of 1000 steps") == true, "\(String(describing: steps))")

        var doubling = try GoTemplate(parsing: #"{{$x := "ab"}}{{range 40}}{{$x = print $x $x}}{{end}}"#)
        doubling.limits = GoTemplate.ExecutionLimits(steps: 1000, bytes: 1 << 20)
        let built = #expect(throws: TemplateError.self) { try doubling.render(.null) }
        #expect(built?.message.hasSuffix("execution stopped: it exceeded its limit of 1048576 bytes") == true)

        var output = try GoTemplate(parsing: "{{range 100000}}{{.}}{{end}}")
        output.limits = GoTemplate.ExecutionLimits(steps: 1_000_000, bytes: 1000)
        let written = #expect(throws: TemplateError.self) { try output.render(.null) }
        #expect(written?.message.hasSuffix("execution stopped: it exceeded its limit of 1000 bytes") == true)

        // Counted before it is built: a join or a padding too large to build fails first.
        var joined = try GoTemplate(parsing: #"{{join (split (printf "%1000000s" "") "") (printf "%1000000s" "")}}"#)
        joined.limits = GoTemplate.ExecutionLimits(steps: 1000, bytes: 4 << 20)
        #expect(throws: TemplateError.self) { try joined.render(.null) }

        // A value only read (`or`, `index`) costs nothing however often it is read.
        var reading = try GoTemplate(parsing: #"{{range 1000}}{{if or $.A ""}}{{end}}{{index $.B 0 | len}}{{end}}"#)
        reading.limits = GoTemplate.ExecutionLimits(steps: 10_000, bytes: 4000)
        let long = TemplateValue.string(String(repeating: "x", count: 1000))
        let document = TemplateValue.object(TemplateObject([("A", long), ("B", .array([long]))]))
        #expect(try reading.render(document).count == 4000)

        var bounded = try GoTemplate(parsing: "{{range $i, $e := .}}{{$i}}={{$e}} {{end}}")
        bounded.limits = GoTemplate.ExecutionLimits(steps: 100, bytes: 100)
        #expect(try bounded.render(.array([.string("a"), .int(2)])) == "0=a 1=2 ")
    }

    /// Errors Go's execution raises where a value would do otherwise (compared with the docker CLI).
    @Test func nilAsACommandAndANegativeTruncationFail() {
        #expect(renderError("{{nil}}")?.hasSuffix("nil is not a command") == true)
        let truncated = renderError(#"{{truncate "abc" -1}}"#)
        #expect(truncated?.hasSuffix("error calling truncate: runtime error: slice bounds out of range [:-1]") == true)
    }

    /// Nesting is refused past a depth the parser's and evaluator's recursion takes on any
    /// thread's stack (it overflowed at 600 parentheses); Go's words for parentheses.
    @Test func deepNestingIsRefusedNotOverflowed() throws {
        let depth = TemplateParser.maximumDepth
        let parentheses = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try render("{{" + parentheses + "}}") == "1")
        let ifs = String(repeating: "{{if 1}}", count: depth) + "x" + String(repeating: "{{end}}", count: depth)
        #expect(try render(ifs) == "x")
        // A chain of `{{else if}}` is lighter: 900 links render.
        let chain = "{{if eq 1 0}}0" + (1...900).map { "{{else if eq 900 \($0)}}\($0)" }.joined() + "{{end}}"
        #expect(try render(chain) == "900")
        for template in [
            "{{(" + parentheses + ")}}", "{{with 1}}" + ifs + "{{end}}", String(repeating: "{{range 1}}", count: 100_000),
            String(repeating: "{{if 1}}{{else if 1}}", count: 1000),
            "{{if 0}}" + String(repeating: "{{else if 0}}", count: 1001) + "{{end}}",
            "{{" + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + "}}",
        ] {
            #expect(renderError(template)?.hasSuffix("max expression depth exceeded") == true, "\(template.prefix(40))")
        }
    }

    /// Go would die trying to build these; without limits they are refused.
    @Test(arguments: [#"{{pad " " 9000000000000 0}}"#, #"{{pad "x" 9223372036854775807 9223372036854775807}}"#])
    func aFunctionThatWouldBuildMoreThanFitsFails(template: String) {
        #expect(renderError(template)?.hasSuffix("more than the 4294967296 a function may build at once") == true)
    }

    @Test func rendersEncodableInDeclarationOrderWithSortedDictionaries() throws {
        struct Row: Encodable {
            let ID: String
            let Size: Int64
            let Labels: [String: String]
        }
        let row = Row(ID: "c0ffee", Size: 1024, Labels: ["z": "1", "a": "2"])
        let template = try GoTemplate(parsing: "{{.ID}} {{.Size}} {{json .}}")
        #expect(try template.render(encoding: row) == #"c0ffee 1024 {"ID":"c0ffee","Size":1024,"Labels":{"a":"2","z":"1"}}"#)
    }

    @Test func headerUsesTitlesAndHeaderFunctions() throws {
        let template = try GoTemplate(parsing: "{{.ID}}\t{{upper .Image}}\t{{json .Names}}\t{{.Unknown}}|{{truncate .ID 3}}")
        #expect(
            template.renderHeader(titles: ["ID": "CONTAINER ID", "Image": "IMAGE", "Names": "NAMES"])
                == "CONTAINER ID\tIMAGE\tNAMES\t|CONTAINER ID")
        // pad is not a header function: a padded column's title is padded too.
        #expect(try GoTemplate(parsing: "{{pad .Names 1 2}}|").renderHeader(titles: ["Names": "NAMES"]) == " NAMES  |")
        let failing = try GoTemplate(parsing: "{{.ID}} {{.ID.Deeper}} after")
        #expect(failing.renderHeader(titles: ["ID": "CONTAINER ID"]) == "CONTAINER ID ")
    }
}
