import Testing

@testable import StevedoreCommands

/// The first CSV record as Go's `encoding/csv` reads it, refusals in its words and positions
/// (each compared with the docker CLI through `--gpus` and `--mount`).
@Suite struct GoCSVTests {
    static let records: [(String, [String])] = [
        ("a,b", ["a", "b"]),
        ("a,", ["a", ""]),
        (",", ["", ""]),
        (#""a,b",c"#, ["a,b", "c"]),
        (#""say ""hi""",x"#, [#"say "hi""#, "x"]),
        ("\n\na,b\nc", ["a", "b"]),
        ("a\r\n", ["a"]),
        ("a\r", ["a"]),
        ("\"a\nb\",c", ["a\nb", "c"]),
        (" a , b ", [" a ", " b "]),
    ]

    @Test(arguments: Self.records)
    func recordsAreReadAsGoReadsThem(text: String, fields: [String]) throws {
        #expect(try GoCSV.record(text) == fields)
    }

    static let refusals: [(String, String)] = [
        ("", "EOF"),
        ("\n\n", "EOF"),
        (#"a"b"#, #"parse error on line 1, column 2: bare " in non-quoted-field"#),
        (#"x,ab"c"#, #"parse error on line 1, column 5: bare " in non-quoted-field"#),
        (#""abc"#, #"parse error on line 1, column 5: extraneous or missing " in quoted-field"#),
        (#""ab"c"#, #"parse error on line 1, column 4: extraneous or missing " in quoted-field"#),
        ("\n\nx\"y", #"parse error on line 3, column 2: bare " in non-quoted-field"#),
        ("\"a\nb\"c", #"record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field"#),
        ("\"a\nb", #"record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field"#),
    ]

    @Test(arguments: Self.refusals)
    func refusalsSayWhatGoSays(text: String, reason: String) {
        #expect(throws: InvalidFlagValue(reason: reason)) { try GoCSV.record(text) }
    }
}
