import Foundation
import StevedoreModels
import Testing

/// The contract of the models' generated readers: a document is read to exactly the value
/// `JSONDecoder` decodes, or the reader gives up and the caller asks `JSONDecoder`.
@Suite struct JSONReaderTests {
    /// A document and the type to read it as, by name for the test's arguments.
    struct Case: CustomTestStringConvertible, Sendable {
        let testDescription: String
        let check: @Sendable () throws -> Void

        /// The reader reads `json` as `T`, to what `JSONDecoder` decodes.
        static func reads<T: Codable & JSONReadable & Equatable & SendableMetatype>(_ type: T.Type, _ json: String) -> Case {
            Case(testDescription: "\(T.self): \(json)") {
                let data = Data(json.utf8)
                let decoded = try JSONDecoder().decode(T.self, from: data)
                #expect(try JSONReader.decode(T.self, from: data) == decoded)
            }
        }

        /// The reader gives `bytes` up as `T`.
        static func givesUp<T: JSONReadable & SendableMetatype>(_ type: T.Type, _ bytes: [UInt8], _ why: String) -> Case {
            Case(testDescription: "\(T.self), \(why)") {
                #expect(throws: JSONReader.Failure.self) { try JSONReader.decode(T.self, from: Data(bytes)) }
            }
        }

        static func givesUp<T: JSONReadable & SendableMetatype>(_ type: T.Type, _ json: String, _ why: String) -> Case {
            .givesUp(type, Array(json.utf8), why)
        }
    }

    @Test(arguments: [
        Case.reads(PortSummary.self, #"{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}"#),
        Case.reads(PortSummary.self, " \n\t{ \"PrivatePort\" : 0 , \"Type\" : \"sctp\" , \"IP\" : null }\r\n"),
        Case.reads(
            ContainerSummary.self,
            #"{"Id":"a\u00e9\ud83d\ude00b\/","Names":["/x","\"quoted\"\n"],"Labels":{"k\u003c":"<v>","é":""},"Created":-5}"#),
        Case.reads(ContainerSummary.self, #"{"Id":"x","Unknown":{"a":[1,2.5e3,-0.1,0,true,false,null,"s",{},[]]},"State":"hibernating"}"#),
        Case.reads(ContainerSummary.self, #"{"Id":null,"Names":null,"Ports":null,"Labels":{},"Mounts":[]}"#),
        Case.reads(ContainerSummary.self, "{}"),
        Case.reads(PortSummary.self, #"{"PrivatePort":80,"\u0054ype":"tcp"}"#),
        Case.reads(PortMap.self, #"{"80/tcp":null,"443/tcp":[{"HostIp":"","HostPort":"443"}]}"#),
        Case.reads(JSONValue.self, #"{"a":[1,-2,"x",true,null,{"b":{}}],"a2":{"a":1,"a":2}}"#),
        Case.reads(UInt64.self, "18446744073709551615"),
        Case.reads(Int64.self, "-9223372036854775808"),
        Case.reads(Double.self, "-12.5"),
        Case.reads(Double.self, "7"),
        Case.reads([String: String].self, #"{"k":"first","k":"second"}"#),
        Case.reads(EmptyObject.self, #"[1,{"a":null}]"#),
        Case.reads(BuildCache.self, #"{"ID":"a"," Parents":["p"]}"#),
    ])
    func readsWhatJSONDecoderDecodes(_ check: Case) throws {
        try check.check()
    }

    @Test(arguments: [
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"PrivatePort":81,"Type":"tcp"}"#, "a repeated member"),
        Case.givesUp(BuildCache.self, #"{"Parents":["a"]," Parents":["b"]}"#, "a member under both its spellings"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80.0,"Type":"tcp"}"#, "a fraction where an integer goes"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":8e1,"Type":"tcp"}"#, "an exponent where an integer goes"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":65536,"Type":"tcp"}"#, "an integer out of range"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":-1,"Type":"tcp"}"#, "a negative unsigned integer"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80}"#, "a missing required member"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":null,"Type":"tcp"}"#, "null for a required member"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":"80","Type":"tcp"}"#, "a string for a number"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"Type":"tcp"} x"#, "content after the value"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":080,"Type":"tcp"}"#, "a leading zero"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"Type":"tcp",}"#, "a trailing comma"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"Type":"tcp","X":tru}"#, "a broken literal, even unread"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"Type":"tcp","X":[1,]}"#, "a broken array, even unread"),
        Case.givesUp(String.self, #""\ud800""#, "a lone surrogate"),
        Case.givesUp(String.self, #""\x""#, "an invalid escape"),
        Case.givesUp(String.self, "\"a\u{1}b\"", "an unescaped control character"),
        Case.givesUp(String.self, [0x22, 0xC3, 0x28, 0x22], "invalid UTF-8"),
        Case.givesUp([String: String].self, [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x22, 0x22, 0x7D], "a key that is not UTF-8"),
        Case.givesUp(JSONValue.self, "1e3", "a number that is not a plain integer"),
        Case.givesUp(JSONValue.self, "9223372036854775808", "an integer beyond Int64"),
        Case.givesUp(JSONValue.self, String(repeating: "[", count: 200) + String(repeating: "]", count: 200), "deep nesting"),
        Case.givesUp(Double.self, "0e3", "an exponent (JSONDecoder refuses this one as a Double)"),
        Case.givesUp(Double.self, "1" + String(repeating: "0", count: 400), "a double out of range"),
        Case.givesUp(Double.self, "0." + String(repeating: "0", count: 400) + "1", "a double rounded to zero"),
        Case.givesUp(PortSummary.self, #"{"PrivatePort":80,"\u0054ype":"tcp","T\u0079pe\u0301":"udp"}"#, "a key beyond ASCII"),
        Case.givesUp(FilesystemChange.self, #"{"Path":"/a","\u212Aind":1}"#, "a key equivalent to a member's name"),
        Case.givesUp(Bool.self, "", "no value"),
    ])
    func givesUpWhereItCouldDiffer(_ check: Case) throws {
        try check.check()
    }
}
