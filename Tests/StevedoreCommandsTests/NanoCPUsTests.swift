import Testing

@testable import StevedoreCommands

/// `--cpus` and `service --limit-cpu`/`--reserve-cpu` read as docker's `ParseCPUs` reads them
/// (Go's `big.Rat`): every text here was given to the docker CLI 28.2, which took or refused it
/// alike before contacting any daemon.
@Suite struct NanoCPUsTests {
    @Test func goRationalSyntaxIsTaken() throws {
        for (text, nanoCPUs) in [
            ("1.5", 1_500_000_000), ("2e-1", 200_000_000), ("3/2", 1_500_000_000), ("-1", -1_000_000_000), (".5", 500_000_000),
            ("0.", 0), ("+.5", 500_000_000), ("-0", 0), ("00.5", 500_000_000), ("1E3", 1_000_000_000_000),
            // Base prefixes, with a fraction in that base; binary exponents.
            ("0x10", 16_000_000_000), ("0x.8", 500_000_000), ("0x1.8p1", 3_000_000_000), ("0x1P-1", 500_000_000),
            ("0X1", 1_000_000_000), ("0b1.1", 1_500_000_000), ("1p3", 8_000_000_000), ("0b1e3", 1_000_000_000_000),
            ("0x1e", 30_000_000_000), ("1_0", 10_000_000_000),
            // A fraction's integers in Go's syntax: base prefixes, a leading 0 octal, a signed numerator.
            ("0_7/1", 7_000_000_000), ("010/2", 4_000_000_000), ("1/0x2", 500_000_000), ("+1/2", 500_000_000),
            ("-1/2", -500_000_000), ("9300000000/9300000000", 1_000_000_000),
            // A zero needs no exponent check.
            ("0e-2000000", 0), ("0p-10000001", 0),
        ] as [(String, Int64)] {
            #expect(try NanoCPUs.parse(text) == nanoCPUs, "\(text)")
        }
    }

    @Test func otherTextsAreRefusedWithDockersWords() {
        for text in [
            "x", "1_.5", "1._5", ".", "0x", "0b", "1e_5", "09/1", "1/09", "1/-2", "1/+2", "1/0", "1e", " 1", "1e-2000000", "1p-10000001",
        ] {
            #expect(throws: InvalidFlagValue(reason: "failed to parse \(text) as a rational number"), "\(text)") {
                try NanoCPUs.parse(text)
            }
        }
        for text in ["1.5e-9", "1/3", "0x1p-40"] {
            #expect(throws: InvalidFlagValue(reason: "value is too precise"), "\(text)") { try NanoCPUs.parse(text) }
        }
        // Not docker's words: docker takes 10^50 CPUs (1e5_0) and sends them wrapped around.
        for text in ["1e5_0", "9223372036854775808/1", "1e300"] {
            #expect(throws: InvalidFlagValue(reason: "value out of range"), "\(text)") { try NanoCPUs.parse(text) }
        }
    }
}
