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
