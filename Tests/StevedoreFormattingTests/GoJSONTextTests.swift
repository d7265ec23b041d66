import Testing

@testable import StevedoreFormatting

/// Go's `json.Indent(dst, src, "", "    ")`, as docker prints `docker inspect`, and
/// `json.Compact`, as it sends a seccomp profile.
@Suite struct GoJSONTextTests {
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
        #expect(GoJSONText.indent(Array(daemon.utf8)) == expected)
    }

    @Test func anArrayOfTheDaemonsAnswersAsDockerPrintsIt() {
        let joined = "[" + #"{"A":1}"# + "\n," + #" {"B" : [ ] }"# + "]"
        #expect(GoJSONText.indent(Array(joined.utf8)) == "[\n    {\n        \"A\": 1\n    },\n    {\n        \"B\": []\n    }\n]")
        #expect(GoJSONText.indent(Array("[]".utf8)) == "[]")
    }

    @Test func compactsKeepingEveryTokenAsWritten() {
        let profile = "{\n  \"z\": [ 1.50, \"a b\\\" ,\" ],\n\t\"a\" : { }\r\n}\n"
        #expect(GoJSONText.compact(Array(profile.utf8)) == #"{"z":[1.50,"a b\" ,"],"a":{}}"#)
    }

    @Test func theTypedValueGainsOnlyTheFieldsItLacks() throws {
        let typed = try TemplateValue(json: #"{"Name":"typed","Config":{"Image":"busybox"}}"#)
        let raw = try TemplateValue(json: #"{"Name":"raw","Config":{"Image":"other","New":1},"Future":{"x":true},"Null":null}"#)
        #expect(
            typed.addingMissingFields(from: raw)
                == (try TemplateValue(json: #"{"Name":"typed","Config":{"Image":"busybox","New":1},"Future":{"x":true},"Null":null}"#)))
    }

    /// The merged value's fields come in the daemon's order (its Go type's, which docker's `json`
    /// writes), the model's own after them; a null field of the model that the daemon left out
    /// (`omitempty`) stays out of `json`, and a template still reaches it.
    @Test func theMergedValueTakesTheDaemonsOrderAndOmissions() throws {
        let typed = try TemplateValue(json: #"{"B":1,"A":{"Z":1,"Y":2},"Health":null,"Sent":null,"Own":2}"#)
        let raw = try TemplateValue(json: #"{"A":{"Y":2,"New":0,"Z":1},"X":3,"Sent":null,"B":1}"#)
        let merged = typed.addingMissingFields(from: raw)
        #expect(merged.jsonText() == #"{"A":{"Y":2,"New":0,"Z":1},"X":3,"Sent":null,"B":1,"Own":2}"#)
        #expect(try GoTemplate(parsing: "{{.Health}} {{.Sent}} {{.Own}}").render(merged) == "<no value> <no value> 2")
    }

    /// Arrays of structs (`Mounts`) are completed element by element: `{{json .Mounts}}` leaves
    /// out what the daemon left out. Arrays of other lengths are the model's.
    @Test func arraysAreMergedElementByElement() throws {
        let typed = try TemplateValue(json: #"{"Mounts":[{"Name":null,"Source":"/a"},{"Name":"v","Source":"/b"}],"Short":[{"A":null}]}"#)
        let raw = try TemplateValue(json: #"{"Mounts":[{"Source":"/a","RW":true},{"Name":"v","Source":"/b"}],"Short":[]}"#)
        let merged = typed.addingMissingFields(from: raw)
        #expect(merged.jsonText() == #"{"Mounts":[{"Source":"/a","RW":true},{"Name":"v","Source":"/b"}],"Short":[{"A":null}]}"#)
    }
}
