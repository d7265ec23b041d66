import Testing

@testable import StevedoreFormatting

/// Go's `json.Indent(dst, src, "", "    ")`, as docker prints `docker inspect`.
@Suite struct GoJSONIndentTests {
    @Test func reindentsKeepingEveryTokenAsWritten() {
        let daemon = #"{"Id":"a","Args":[],"Labels":{},"Env":null,"N":1.50,"S":"x\"[{,:}]\\","L":[1,{"k":true}]}"# + "\n"
        let expected = """
            {
                "Id": "a",
                "Args": [],
                "Labels": {},
                "Env": null,
                "N": 1.50,
                "S": "x\\"[{,:}]\\\\",
                "L": [
                    1,
                    {
                        "k": true
                    }
                ]
            }
            """
        #expect(GoJSONIndent.indent(Array(daemon.utf8)) == expected)
    }

    @Test func anArrayOfTheDaemonsAnswersAsDockerPrintsIt() {
        let joined = "[" + #"{"A":1}"# + "\n," + #" {"B" : [ ] }"# + "]"
        #expect(GoJSONIndent.indent(Array(joined.utf8)) == "[\n    {\n        \"A\": 1\n    },\n    {\n        \"B\": []\n    }\n]")
        #expect(GoJSONIndent.indent(Array("[]".utf8)) == "[]")
    }

    @Test func theTypedValueGainsOnlyTheFieldsItLacks() throws {
        let typed = try TemplateValue(json: #"{"Name":"typed","Config":{"Image":"busybox"}}"#)
        let raw = try TemplateValue(json: #"{"Name":"raw","Config":{"Image":"other","New":1},"Future":{"x":true},"Null":null}"#)
        #expect(
            typed.addingMissingFields(from: raw)
                == (try TemplateValue(json: #"{"Name":"typed","Config":{"Image":"busybox","New":1},"Future":{"x":true},"Null":null}"#)))
    }
}
