import Testing

@testable import StevedoreFormatting

@Suite struct OutputFormatTests {
    let titles = ["ID": "CONTAINER ID", "Image": "IMAGE", "Names": "NAMES", "Labels": "LABELS"]
    let rows: [TemplateValue] = [
        ["ID": "0123456789ab", "Image": "nginx:latest", "Names": "web", "Labels": "a=1,b=2"],
        ["ID": "fedcba987654", "Image": "busybox", "Names": "a-much-longer-container-name", "Labels": ""],
    ]

    @Test func tableMatchesDocker() throws {
        // `docker ps --format 'table {{.Names}}\t{{upper .Image}}\t{{.Labels}}'`, docker 28.
        let format = try OutputFormat(#"table {{.Names}}\t{{upper .Image}}\t{{.Labels}}"#)
        #expect(format.isTable)
        #expect(
            try format.render(rows, titles: titles) == """
                NAMES                          IMAGE          LABELS
                web                            NGINX:LATEST   a=1,b=2
                a-much-longer-container-name   BUSYBOX        

                """)
    }

    @Test func tableWithoutRowsPrintsTheHeader() throws {
        #expect(try OutputFormat("table {{.ID}}").render([], titles: titles) == "CONTAINER ID\n")
    }

    @Test func plainTemplatesAndJSON() throws {
        #expect(try OutputFormat("{{.ID}}: {{.Names}}").render(rows) == "0123456789ab: web\nfedcba987654: a-much-longer-container-name\n")
        let json = try OutputFormat("json")
        #expect(!json.isTable)
        #expect(try json.render([rows[0]]) == #"{"ID":"0123456789ab","Image":"nginx:latest","Names":"web","Labels":"a=1,b=2"}"# + "\n")
    }

    /// `info`, `version` and `events` take a template as written (docker's without its
    /// formatter): `table` is text, spaces and `\t` stay; `json` is still `{{json .}}`.
    @Test func aTemplateAsWrittenHasNoTable() throws {
        let format = try OutputFormat(template: #"table {{.ID}}\t{{.Names}} "#)
        #expect(!format.isTable)
        #expect(try format.render([rows[0]], titles: titles) == #"table 0123456789ab\tweb "# + "\n")
        #expect(try OutputFormat(template: "json").render([["ID": "x"]]) == #"{"ID":"x"}"# + "\n")
    }

    /// A formatter context (docker's list row) is a Go struct that marshals itself: `json`
    /// escapes HTML in it but not in its fields, a nil field prints `<nil>` (a map's prints
    /// `<no value>`), and a field of a type with a `String` method prints as that.
    @Test func formatterContextsAreStructsThatMarshalThemselves() throws {
        var platform = TemplateObject([("architecture", "amd64"), ("os", "linux")])
        platform.goString = "linux/amd64"
        var row = TemplateObject([("Command", "a && b > c"), ("Platform", nil), ("Built", .object(platform))])
        row.formatterContextType = "*formatter.ContainerContext"
        let template = "{{json .}}|{{json .Command}}|{{.Platform}}|{{.Built}}|{{json .Built}}"
        #expect(
            try OutputFormat(template).render([.object(row)])
                == #"{"Command":"a \u0026\u0026 b \u003e c","Platform":null,"Built":{"architecture":"amd64","os":"linux"}}"#
                + #"|"a && b > c"|<nil>|linux/amd64|{"architecture":"amd64","os":"linux"}"# + "\n")
        #expect(throws: TemplateError.self) { try OutputFormat("{{.Nope}}").render([.object(row)], missingKey: .noValue) }
        let error = #expect(throws: TemplateError.self) { try OutputFormat("{{.Nope}}").render([.object(row)]) }
        #expect(error?.message.hasSuffix("can't evaluate field Nope in type *formatter.ContainerContext") == true)
        // A struct, which Go's range refuses; a map's keys it ranges over.
        let ranged = #expect(throws: TemplateError.self) { try OutputFormat("{{range $k, $v := .}}{{$k}}{{end}}").render([.object(row)]) }
        #expect(ranged?.message.contains("range can't iterate over") == true)
        row.formatterContextType = nil
        #expect(try OutputFormat("{{range $k, $v := .}}{{$k}} {{end}}").render([.object(row)]) == "Built Command Platform \n")
        #expect(try OutputFormat("{{.Platform}}|{{json .}}").render([.object(row)]).hasPrefix("<no value>|{\"Command\":\"a && b"))
    }

    @Test func anErrorInAnyRowPrintsNothing() throws {
        let format = try OutputFormat("table {{.ID}}\t{{.Nope}}")
        #expect(throws: TemplateError.self) { try format.render(rows, titles: titles) }
    }

    @Test func bareKeywords() {
        #expect(OutputFormat.isBareKeyword("table"))
        #expect(OutputFormat.isBareKeyword(""))
        #expect(!OutputFormat.isBareKeyword("json"))
        #expect(!OutputFormat.isBareKeyword("table {{.ID}}"))
    }
}
