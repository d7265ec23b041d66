import Foundation
import StevedoreModels
import Testing

/// The contract of the models' generated writers: the text written decodes to the value that
/// `JSONEncoder`'s text decodes to, and a value JSON cannot carry is refused as `JSONEncoder`
/// refuses it. (Every recorded response is written back too: `decodeFixture`.)
@Suite struct JSONWriterTests {
    /// A value to write, by description for the test's arguments.
    struct Case: CustomTestStringConvertible, Sendable {
        let testDescription: String
        let check: @Sendable () throws -> Void

        static func writes<T: Codable & JSONWritable & Equatable & Sendable>(_ value: T, _ description: String) -> Case {
            Case(testDescription: "\(T.self): \(description)") { try expectWrittenAsEncoded(value) }
        }
    }

    @Test(arguments: [
        Case.writes(
            ContainerCreateBody(
                hostname: "h", exposedPorts: ["80/tcp": EmptyObject(), "53/udp": EmptyObject()], tty: false,
                env: ["A=1", "B="], cmd: [], image: "busybox",
                hostConfig: HostConfig(
                    nanoCpus: 1_500_000_000, portBindings: ["80/tcp": [PortBinding(hostIp: "127.0.0.1", hostPort: "8080")], "81/tcp": nil],
                    autoRemove: true)),
            "a container with nested members, empty objects, a null map value and an empty array"),
        Case.writes(ContainerCreateBody(), "nothing set"),
        Case.writes(
            ServiceSpec(
                name: "web", labels: ["é": "\u{0}\u{1f}/\"\\\n\t\u{7f}\u{2028}😀", "": ""],
                mode: .init(global: ["a": [1, -2, 2.5, 1e21, 1e-7, "x", true, nil, [:], []]]),
                updateConfig: .init(parallelism: Int64.min, delay: Int64.max, failureAction: "rollback", maxFailureRatio: 0.25)),
            "escapes, free-form JSON, extreme integers, an open enum and a fraction"),
        Case.writes(ServiceSpec(updateConfig: .init(maxFailureRatio: 1)), "an integral double"),
        Case.writes(["plugin.setting=\u{8}\u{c}\r"], "an array of strings"),
        Case.writes([PluginPrivilege(name: "network", value: ["host"])], "an array of models"),
    ])
    func writesWhatJSONEncoderEncodes(_ check: Case) throws {
        try check.check()
    }

    /// Single values, whose text `JSONEncoder` writes in one order only: byte for byte the same.
    @Test(arguments: [
        JSONValue.string("\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f} /\"\\é\u{7f}\u{2028}😀"),
        .double(1), .double(-0.0), .double(0.1), .double(1e20), .double(1e21), .double(1e-7),
        .double(123_456_789_012), .double(1.7976931348623157e308), .double(5e-324), .double(100.5),
        .int(Int64.min), .int(0), .bool(true), .null, .array([.int(1), .string("a"), .array([]), .null]),
        .object(["only": .object([:])]),
    ])
    func writesSingleValuesByteForByte(_ value: JSONValue) throws {
        #expect(try JSONWriter.encode(value) == Array(JSONEncoder().encode(value)))
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func refusesANumberJSONCannotCarry(_ number: Double) throws {
        let spec = ServiceSpec(updateConfig: .init(maxFailureRatio: number))
        #expect(throws: JSONWriter.Failure.self) { try JSONWriter.encode(spec) }
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(spec) }
    }
}

/// `value`'s generated writer writes text that decodes to `value`, and to the same JSON as
/// `JSONEncoder`'s text: compared as `JSONValue`s, whose objects are unordered (`JSONEncoder`
/// orders members by hash) and which tell `true` from `1` and `1` from `1.5`.
func expectWrittenAsEncoded<T: Codable & JSONWritable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let written = Data(try JSONWriter.encode(value))
    #expect(try JSONDecoder().decode(T.self, from: written) == value, "written text decodes otherwise", sourceLocation: sourceLocation)
    let encoded = try JSONEncoder().encode(value)
    #expect(
        try JSONDecoder().decode(JSONValue.self, from: written) == JSONDecoder().decode(JSONValue.self, from: encoded),
        "written \(String(decoding: written, as: UTF8.self)), encoded \(String(decoding: encoded, as: UTF8.self))",
        sourceLocation: sourceLocation)
}
