import Foundation
import Testing

@testable import StevedoreFormatting

@Suite struct TemplateValueTests {
    @Test func parsesJSONKeepingKeyOrder() throws {
        let value = try TemplateValue(
            json: #"{"z":1,"a":[true,null,-2.5e3,"\u00e9\n\ud83d\ude00"],"m":{"y":9223372036854775807,"x":1e400}}"#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["a"] == [true, nil, -2500.0, "é\n😀"])
        #expect(object["m"] == ["y": .int(Int64.max), "x": .double(.infinity)])
    }

    @Test(arguments: ["", "{", #"{"a" 1}"#, "[1,]", "01", "tru", #""\x""#, "1 2", "[1.]"])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: TemplateValueJSONError.self) { try TemplateValue(json: text) }
    }

    @Test func writesJSONLikeGo() {
        let value: TemplateValue = ["s": "<a&b>\u{2028}\u{01}\"\\", "f": 1e21, "g": 1e-7, "h": 0.5, "i": 100.0, "n": nil]
        #expect(value.jsonText() == #"{"s":"<a&b>\u2028\u0001\"\\","f":1e+21,"g":1e-7,"h":0.5,"i":100,"n":null}"#)
        #expect(TemplateValue.string("<&>").jsonText(escapingHTML: true) == #""\u003c\u0026\u003e""#)
        // A formatter context marshals itself with json.Marshal, inside a list too.
        var row = TemplateObject([("Tag", "<none>")])
        row.formatterContextType = "*formatter.imageContext"
        let rows: TemplateValue = ["Images": [.object(row)], "Note": "<>"]
        #expect(rows.jsonText() == #"{"Images":[{"Tag":"\u003cnone\u003e"}],"Note":"<>"}"#)
    }

    @Test func printsLikeGoFmt() {
        let value: TemplateValue = ["b": [1, 2.5, nil], "a": ["y": true, "x": "s p"]]
        #expect(value.goDescription == "map[a:map[x:s p y:true] b:[1 2.5 <nil>]]")
        #expect(TemplateValue.double(1e-5).goDescription == "1e-05")
        #expect(TemplateValue.double(-1234567.0).goDescription == "-1.234567e+06")
        #expect(TemplateValue.double(.infinity).goDescription == "+Inf")
    }

    /// A dictionary of strings or of models is a typed Go map, as docker's typed pass sees it:
    /// a missing key is `<no value>` to a field (and so are that value's fields) and its
    /// element's zero value to `index`, with `missingkey=error`. Other objects keep failing.
    @Test func dictionariesActAsGoTypedMaps() throws {
        struct Endpoint: Encodable { var IPAddress = "10.0.0.2" }
        struct Nothing: Encodable {}
        struct Inspected: Encodable {
            var Labels = ["a": "b"]
            var Networks = ["n": Endpoint()]
            var NoNetworks: [String: Endpoint] = [:]
            var Ports: [String: [String]] = ["80/tcp": []]
            var Exposed: [String: Nothing] = ["80/tcp": Nothing()]
        }
        let value = try TemplateValue(encoding: Inspected())
        func render(_ text: String) throws -> String { try GoTemplate(parsing: text).render(value, missingKey: .error) }
        #expect(try render(#"{{.Labels.a}}|{{.Labels.nope}}|{{index .Labels "nope"}}|{{index .Labels "a"}}"#) == "b|<no value>||b")
        #expect(try render(#"{{.Networks.n.IPAddress}}|{{.Networks.nope}}|{{index .Networks "nope"}}"#) == "10.0.0.2|<no value>|<nil>")
        #expect(try render(#"{{.NoNetworks.nope}}|{{index .NoNetworks "nope"}}"#) == "<no value>|<nil>")
        // A field of a missing entry is no value again, as Go's default option gives it.
        #expect(
            try render(#"{{.Networks.nope.IPAddress}}|{{.Labels.nope.x.y}}|{{$n := .NoNetworks.nope}}{{$n.IPAddress}}"#)
                == "<no value>|<no value>|<no value>")
        #expect(throws: TemplateError.self) { try render("{{.Ports.nope.x}}") }
        #expect(throws: TemplateError.self) { try render("{{.Ports.nope}}") }
        #expect(throws: TemplateError.self) { try render("{{.Exposed.nope}}") }
        #expect(throws: TemplateError.self) { try render("{{.Nope}}") }
    }

    /// An object's methods (docker's `Label(name)` on list rows): called with one string, not
    /// seen as fields; a header's `Label` names the key's last part.
    @Test func methodsAreCalledWithOneString() throws {
        var row: TemplateValue = ["Names": "web"]
        row.addMethod("Label", .lookup(["com.example.app": "shop"]))
        func render(_ text: String) throws -> String { try GoTemplate(parsing: text).render(row, missingKey: .error) }
        #expect(try render(#"{{.Label "com.example.app"}}|{{.Label "nope"}}|{{"com.example.app" | .Label}}"#) == "shop||shop")
        #expect(try render("{{json .}}") == #"{"Names":"web"}"#)
        #expect(throws: TemplateError.self) { try render(#"{{.Label "a" "b"}}"#) }
        #expect(throws: TemplateError.self) { try render("{{.Label 3}}") }
        let header = try GoTemplate(parsing: #"{{.Label "com.docker.compose.project"}} {{.Label "a_b-c"}}"#).renderHeader(titles: [:])
        #expect(header == "project a b c")
    }

    @Test func encodesFoundationTypesAsGoDoes() throws {
        struct Sample: Encodable {
            let date = Date(timeIntervalSince1970: 1_700_000_000.25)
            let data = Data([0xDE, 0xAD])
            let url = URL(string: "https://example.com/x")!
            let optional: String? = nil
            let big = UInt64.max
            let nested = [["k": 1]]
        }
        let value = try TemplateValue(encoding: Sample())
        // A nil optional is there as null, as a nil field of a Go struct is.
        #expect(
            value == [
                "date": "2023-11-14T22:13:20.25Z", "data": "3q0=", "url": "https://example.com/x",
                "optional": nil, "big": .double(Double(UInt64.max)), "nested": [["k": 1]],
            ])
    }

    /// A model's null field prints as docker's typed Go value holds it, by its type: a nil
    /// slice `[]`, a nil map `map[]`, a nil pointer `<nil>`, a scalar its zero value unless the
    /// model's Go type has a pointer there; `json` still writes a nil as `null`.
    @Test func nullFieldsPrintAsGoTypedNils() throws {
        enum Kind: String, Encodable { case running }
        struct Health: Encodable { var Status = "healthy" }
        struct Model: Encodable, GoTypedFields {
            var Entrypoint: [String]?
            var Volumes: [String: String]?
            var Health: Health?
            var StopSignal: String?
            var ArgsEscaped: Bool?
            var Count: Int64?
            var Kind: Kind?
            var StopTimeout: Int?
            static let goNilableFields: Set<String> = ["StopTimeout"]
        }
        let value = try TemplateValue(encoding: Model())
        func render(_ text: String, _ value: TemplateValue) throws -> String {
            try GoTemplate(parsing: text).render(value, missingKey: .error)
        }
        let printed = "{{.Entrypoint}}|{{.Volumes}}|{{.Health}}|{{.StopSignal}}|{{.ArgsEscaped}}|{{.Count}}|{{.Kind}}|{{.StopTimeout}}"
        #expect(try render(printed, value) == "[]|map[]|<nil>||false|0||<nil>")
        #expect(try render("{{json .Entrypoint}} {{json .Health}} {{json .StopSignal}} {{len .Entrypoint}}", value) == #"null null "" 0"#)
        #expect(try render("{{if .Health}}y{{else}}n{{end}} {{if eq .StopSignal \"\"}}empty{{end}}", value) == "n empty")
        // A nil map or slice has nothing in it: a key is its element's zero value to `index`,
        // no value to a field; `range` runs its else branch.
        #expect(try render(#"{{index .Volumes "x"}}|{{.Volumes.x}}|{{range .Volumes}}x{{else}}none{{end}}"#, value) == "|<no value>|none")
        #expect(try render("{{range .Entrypoint}}x{{else}}none{{end}}", value) == "none")
        // `fmt` prints them as Go does too: a slice or map as its type prints, a nil pointer as nil.
        #expect(
            try render(#"{{print .Entrypoint .Volumes}}|{{printf "%v %s %v %s" .Entrypoint .Volumes .Health .Health}}"#, value)
                == "[] map[]|[] map[] <nil> %!s(<nil>)")
        // docker runs a template that fails on the typed value again over the daemon's JSON.
        let sent = try TemplateValue(json: "{}")
        let leftOut = value.addingMissingFields(from: sent)
        #expect(throws: TemplateError.execution(line: 1, column: 9, context: ".Health.Status", #"map has no entry for key "Health""#)) {
            try GoTemplate(parsing: "{{.Health.Status}}").render(leftOut, fallback: sent)
        }
        // `len` of a nil pointer fails the typed pass: the fallback fails where the field is read.
        #expect(throws: TemplateError.execution(line: 1, column: 3, context: ".Health", #"map has no entry for key "Health""#)) {
            try GoTemplate(parsing: "{{ .Health | len}}").render(leftOut, fallback: sent)
        }
        let sentNull = value.addingMissingFields(from: try TemplateValue(json: #"{"Health":null}"#))
        #expect(
            throws: TemplateError.execution(line: 1, column: 2, context: "len .Health", "error calling len: len of nil pointer")
        ) {
            try render("{{len .Health}}", sentNull)
        }
        #expect(
            throws: TemplateError.execution(line: 1, column: 9, context: ".Health.Status", "nil pointer evaluating interface {}.Status")
        ) {
            try render("{{.Health.Status}}", sentNull)
        }
        #expect(try render("{{.Health.Status}}", try TemplateValue(encoding: Model(Health: Health()))) == "healthy")
    }

    /// A field whose Go type prints in its own way: a `String` method's text wherever it is
    /// printed, a `[]byte` as numbers but as text to `printf`'s `%s`, `%q`, `%x`; `json` keeps the
    /// daemon's value.
    @Test func goPrintedFieldsPrintAsTheirGoTypes() throws {
        struct Spec: Encodable, GoTypedFields {
            var Data: String? = "eQo="
            var Interval: Int64? = 90_000_000_000
            var goPrintedFields: [String: GoPrinted] { ["Data": .bytes([121, 10]), "Interval": .duration(90_000_000_000)] }
        }
        let value = try TemplateValue(encoding: Spec())
        func render(_ text: String) throws -> String { try GoTemplate(parsing: text).render(value, missingKey: .error) }
        let printed = "{{.Data}}|{{print .Data .Interval}}|{{.Interval}}|{{json .Data}}|{{json .Interval}}"
        #expect(try render(printed) == #"[121 10]|[121 10] 1m30s|1m30s|"eQo="|90000000000"#)
        let formatted = #"{{printf "%s|%q|%x|%v|%s" .Data .Data .Data .Data .Interval}}"#
        #expect(try render(formatted) == "y\n|\"y\\n\"|790a|[121 10]|1m30s")
    }

    /// A model prints as the Go struct docker's typed pass holds, `{v1 v2}`, its fields in Go's
    /// order (an embedded struct nested, a field JSON never carries as given), each as its type
    /// prints; a dictionary stays a map, and a model inside either prints as a struct.
    @Test func modelsPrintAsGoStructs() throws {
        struct RestartPolicy: Encodable { var Name = "on-failure"; var MaximumRetryCount = 3 }
        struct Mount: Encodable { var `Type` = "bind"; var Name: String?; var Source = "/tmp"; var RW = true; var Driver: String? }
        struct Config: Encodable, GoTypedFields {
            var Image = "busybox"
            var Cmd: [String]? = ["sh"]
            var Entrypoint: [String]?
            var Labels: [String: String]? = ["b": "2", "a": "1"]
            var Health: RestartPolicy?
            var Created: String? = "2026-12-06T08:22:40.5Z"
            var StopTimeout: Int?
            var Policy = RestartPolicy()
            var Mounts = [Mount()]
            static let goNilableFields: Set<String> = ["StopTimeout"]
            static let goStructLayout: [GoStructField]? = [
                .embedded([.field("Cmd"), .field("Entrypoint"), .field("Image")]), .unmodeled("Tty", zero: false),
                .field("Labels"), .field("Health"), .field("Created"), .field("StopTimeout"), .field("Policy"), .field("Mounts"),
            ]
            var goPrintedFields: [String: GoPrinted] { ["Created": .stringer("2026-12-06 08:22:40.5 +0000 UTC")] }
        }
        let value = try TemplateValue(encoding: Config())
        func render(_ text: String) throws -> String { try GoTemplate(parsing: text).render(value, missingKey: .error) }
        #expect(
            try render("{{.Policy}}|{{.Mounts}}|{{range .Mounts}}{{.}}{{end}}") == "{on-failure 3}|[{bind  /tmp true }]|{bind  /tmp true }")
        #expect(
            try render("{{.}}")
                == "{{[sh] [] busybox} false map[a:1 b:2] <nil> 2026-12-06 08:22:40.5 +0000 UTC <nil> {on-failure 3} [{bind  /tmp true }]}")
        #expect(
            try render(#"{{print .Policy}}|{{printf "%v" .Policy}}|{{json .Policy}}"#)
                == #"{on-failure 3}|{on-failure 3}|{"Name":"on-failure","MaximumRetryCount":3}"#)
        // docker's fallback to the daemon's JSON: fields only the JSON has are not the struct's.
        let merged = value.addingMissingFields(from: try TemplateValue(json: #"{"Policy":{"Name":"no","Extra":1},"Nope":2}"#))
        #expect(try GoTemplate(parsing: "{{.Policy}}").render(merged, missingKey: .error) == "{on-failure 3}")
        // A field the model lacks is the daemon's where it sent one.
        let sentTty = value.addingMissingFields(from: try TemplateValue(json: #"{"Tty":true}"#))
        #expect(try GoTemplate(parsing: "{{.}}").render(sentTty, missingKey: .error).hasPrefix("{{[sh] [] busybox} true map["))
        #expect(try TemplateValue(encoding: ["k": RestartPolicy()]).goDescription == "map[k:{on-failure 3}]")
    }

    /// An index the typed value cannot take (a string into a map keyed by `nat.Port`) runs the
    /// whole template again over the daemon's JSON, where everything prints as JSON does; with no
    /// JSON to fall back to, the typed value's error stands.
    @Test func anIndexTheTypedValueCannotTakeRunsAgainOverTheJSON() throws {
        struct Binding: Encodable { var HostIp = "127.0.0.1"; var HostPort = "8080" }
        struct Settings: Encodable, GoTypedFields {
            var Ports: [String: [Binding]?] = ["80/tcp": [Binding()], "90/tcp": nil]
            var Policy = Binding()
            var Exposed: [String: Binding]?
            static let goMapKeyTypes = ["Ports": "nat.Port", "Exposed": "nat.Port"]
            static let goStructPointerFields: Set<String> = ["Policy"]
        }
        let typed = try TemplateValue(encoding: Settings())
        let json = try TemplateValue(json: #"{"Ports":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]},"Policy":{"HostIp":"x"}}"#)
        let template = try GoTemplate(parsing: #"{{.Policy}} {{index .Ports "80/tcp"}}"#)
        // A nil value of the map is its Go type's nil: an exposed port without bindings is `[]`.
        #expect(
            try GoTemplate(parsing: "{{.Policy}} {{.Ports}} {{range .Ports}}{{.}}{{end}}").render(typed)
                == "{127.0.0.1 8080} map[80/tcp:[{127.0.0.1 8080}] 90/tcp:[]] [{127.0.0.1 8080}][]")
        #expect(
            try template.render(typed.addingMissingFields(from: json), fallback: json)
                == "map[HostIp:x] [map[HostIp:127.0.0.1 HostPort:8080]]")
        // A nil one too; the JSON then has no such key.
        #expect(throws: TemplateError.execution(line: 1, column: 8, context: ".Exposed", #"map has no entry for key "Exposed""#)) {
            try GoTemplate(parsing: #"{{index .Exposed "80/tcp"}}"#).render(typed, fallback: json)
        }
        // `print` and `printf` write a pointer to a struct as `&{…}`; an action goes through it.
        #expect(
            try GoTemplate(parsing: #"{{.Policy}} {{print .Policy}} {{printf "%v" .Policy}}"#).render(typed)
                == "{127.0.0.1 8080} &{127.0.0.1 8080} &{127.0.0.1 8080}")
        #expect {
            try template.render(typed)
        } throws: { error in
            let error = error as? TemplateError
            return error?.kind == .execution
                && error?.message.hasSuffix("error calling index: value has type string; should be nat.Port") == true
        }
    }

    /// Any failure over the typed value runs the template again over the daemon's JSON, as
    /// `docker inspect` does; without JSON (`volume inspect`), Go's struct names what it lacks,
    /// and a field Go has but the model has not holds Go's zero value.
    @Test func aStructsMissingFieldIsItsErrorOnlyWithoutJSON() throws {
        struct Usage: Codable, GoTypedFields {
            var Size: Int? = 1
            static let goStructType: String? = "*volume.UsageData"
        }
        struct Volume: Encodable, GoTypedFields {
            var Name = "v"
            var UsageData: Usage?
            static let goStructType: String? = "volume.Volume"
            static let goStructLayout: [GoStructField]? = [.field("Name"), .field("UsageData"), .unmodeled("Ids", zero: [])]
        }
        let typed = try TemplateValue(encoding: Volume())
        let json = try TemplateValue(json: #"{"Name":"v"}"#)
        #expect(throws: TemplateError.execution(line: 1, column: 2, context: ".Nope", "can't evaluate field Nope in type volume.Volume")) {
            try GoTemplate(parsing: "{{.Nope}}").render(typed)
        }
        let nilPointer = TemplateError.execution(
            line: 1, column: 12, context: ".UsageData.Size", "nil pointer evaluating *volume.UsageData.Size")
        #expect(throws: nilPointer) {
            try GoTemplate(parsing: "{{.UsageData.Size}}").render(typed)
        }
        // Go looks a field up in the struct's type before it follows the nil pointer.
        let notAField = TemplateError.execution(
            line: 1, column: 12, context: ".UsageData.Nope", "can't evaluate field Nope in type *volume.UsageData")
        #expect(throws: notAField) {
            try GoTemplate(parsing: "{{.UsageData.Nope}}").render(typed)
        }
        let leftOut = TemplateError.execution(line: 1, column: 12, context: ".UsageData.Size", #"map has no entry for key "UsageData""#)
        #expect(throws: leftOut) {
            try GoTemplate(parsing: "{{.UsageData.Size}}").render(typed, fallback: json)
        }
        #expect(try GoTemplate(parsing: "{{.Ids}} {{len .Ids}}").render(typed) == "[] 0")
        let withUsage = try TemplateValue(encoding: Volume(UsageData: Usage()))
        let noField = TemplateError.execution(
            line: 1, column: 12, context: ".UsageData.Nope", "can't evaluate field Nope in type *volume.UsageData")
        #expect(throws: noField) {
            try GoTemplate(parsing: "{{.UsageData.Nope}}").render(withUsage)
        }
    }

    @Test func encodesEnumsAndSuperclassesThroughNestedContainers() throws {
        enum Kind: String, Encodable { case running }
        struct Wrapper: Encodable {
            let kind: Kind
            let list: [Int]
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(kind, forKey: .kind)
                var nested = container.nestedUnkeyedContainer(forKey: .list)
                for element in list { try nested.encode(element) }
                try container.encodeNil(forKey: .none)
            }
            enum CodingKeys: String, CodingKey { case kind, list, none }
        }
        #expect(try TemplateValue(encoding: Wrapper(kind: .running, list: [1, 2])) == ["kind": "running", "list": [1, 2], "none": nil])
    }
}
