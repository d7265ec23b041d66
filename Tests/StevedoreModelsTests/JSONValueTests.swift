import Foundation
import StevedoreModels
import Testing

@Suite struct JSONValueTests {
    @Test func keepsIntegersExact() throws {
        let value = try decode(JSONValue.self, #"[9007199254740993, -1, 1.5, 1e3, true, "s", null, {}]"#)
        #expect(value == [.int(9_007_199_254_740_993), .int(-1), .double(1.5), .int(1000), true, "s", .null, [:]])
    }

    @Test func roundTrips() throws {
        let value: JSONValue = ["a": [1, "two", false, nil], "b": ["c": 2.25]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }

    @Test func accessors() {
        let value: JSONValue = ["list": [1, 2], "flag": true, "name": "x", "ratio": 0.5]
        #expect(value["list"]?[1]?.int64Value == 2)
        #expect(value["list"]?[2] == nil)
        #expect(value["flag"]?.boolValue == true)
        #expect(value["name"]?.stringValue == "x")
        #expect(value["ratio"]?.doubleValue == 0.5)
        #expect(value["list"]?[0]?.doubleValue == 1)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 4)
        #expect(JSONValue.null.isNull)
    }

    @Test func emptyObjectEncodesAsBraces() throws {
        #expect(try encodedJSON(EmptyObject()) == "{}")
        #expect(try decode(EmptyObject.self, #"{"ignored": 1}"#) == EmptyObject())
    }
}
