import Foundation
import Testing

@testable import Stevedore

/// What the client does with a response's JSON: the generated reader where it is sure,
/// `JSONDecoder` for everything else, with the same values and errors either way.
@Suite struct JSONDecodingTests {
    @Test func aDocumentTheReaderLeavesIsDecodedAsJSONDecoderDecodesIt() throws {
        // A repeated member: JSONDecoder keeps the first; the reader gives such documents up.
        let json = Data(#"{"Id":"first","Id":"second","Names":["/a"]}"#.utf8)
        let container = try decodeJSON(ContainerSummary.self, from: json)
        #expect(container == (try JSONDecoder().decode(ContainerSummary.self, from: json)))
        #expect(container.id == "first")
    }

    @Test func aTypeWithoutAReaderIsDecodedByJSONDecoder() throws {
        struct Message: Decodable, Equatable { var message: String }
        #expect(try decodeJSON(Message.self, from: Data(#"{"message":"hi"}"#.utf8)) == Message(message: "hi"))
    }

    @Test func anInvalidDocumentFailsWithJSONDecodersError() {
        #expect(throws: DecodingError.self) {
            try decodeJSON(PortSummary.self, from: Data(#"{"PrivatePort":80}"#.utf8))
        }
    }
}
