import Testing

@testable import StevedoreCommands

/// Whole-number flags read as docker's flag parsing reads them (spf13/pflag: Go's
/// `strconv.ParseInt`/`ParseUint` in base 0, with the width of the flag's Go type). Every
/// message and every value taken here is what the docker CLI 28.2 printed or took for the same
/// text, before contacting any daemon.
@Suite struct GoIntegerTests {
    /// Texts docker takes, and the number each is.
    @Test func goSyntaxIsTaken() throws {
        #expect(try Self.value("0x10", UInt16.self) == 16)
        #expect(try Self.value("0X10", UInt16.self) == 16)
        #expect(try Self.value("017", UInt16.self) == 15)
        #expect(try Self.value("0o17", UInt16.self) == 15)
        #expect(try Self.value("0b101", UInt16.self) == 5)
        #expect(try Self.value("1_000", UInt16.self) == 1000)
        #expect(try Self.value("0x_1", UInt16.self) == 1)
        #expect(try Self.value("0", UInt16.self) == 0)
        #expect(try Self.value("65535", UInt16.self) == 65535)
        #expect(try Self.value("4294967295", UInt32.self) == UInt32.max)
        #expect(try Self.value("0xffffffffffffffff", UInt64.self) == UInt64.max)
        #expect(try Self.value("+5", Int.self) == 5)
        #expect(try Self.value("-0", Int.self) == 0)
        #expect(try Self.value("-0b1", Int64.self) == -1)
        #expect(try Self.value("-9223372036854775808", Int64.self) == Int64.min)
        #expect(try Self.value("-0x8000000000000000", Int.self) == Int.min)
        #expect(try Self.value("0o777777777777777777777", Int.self) == Int.max)
        #expect(try Self.value("-0x8000", Int16.self) == Int16.min)
    }

    /// Texts docker refuses: `invalid syntax` for what is no Go integer of the type's
    /// signedness, `value out of range` as soon as the digits read exceed the type.
    static let refusals: [(String, String, String)] = [
        ("70000", "uint16", #"strconv.ParseUint: parsing "70000": value out of range"#),
        ("65536", "uint16", #"strconv.ParseUint: parsing "65536": value out of range"#),
        ("0x10000", "uint16", #"strconv.ParseUint: parsing "0x10000": value out of range"#),
        // Out of range before the letter that makes it no number is read.
        ("70000x", "uint16", #"strconv.ParseUint: parsing "70000x": value out of range"#),
        ("-1", "uint16", #"strconv.ParseUint: parsing "-1": invalid syntax"#),
        ("+1", "uint16", #"strconv.ParseUint: parsing "+1": invalid syntax"#),
        ("-0", "uint16", #"strconv.ParseUint: parsing "-0": invalid syntax"#),
        ("08", "uint16", #"strconv.ParseUint: parsing "08": invalid syntax"#),
        ("_1", "uint16", #"strconv.ParseUint: parsing "_1": invalid syntax"#),
        ("0_x1", "uint16", #"strconv.ParseUint: parsing "0_x1": invalid syntax"#),
        ("ＡＢ", "uint16", #"strconv.ParseUint: parsing "ＡＢ": invalid syntax"#),
        ("tab\there", "uint16", #"strconv.ParseUint: parsing "tab\there": invalid syntax"#),
        ("4294967296", "uint32", #"strconv.ParseUint: parsing "4294967296": value out of range"#),
        ("18446744073709551616", "uint64", #"strconv.ParseUint: parsing "18446744073709551616": value out of range"#),
        ("9223372036854775808", "int64", #"strconv.ParseInt: parsing "9223372036854775808": value out of range"#),
        ("-9223372036854775809", "int64", #"strconv.ParseInt: parsing "-9223372036854775809": value out of range"#),
        ("-0x8000000000000001", "int64", #"strconv.ParseInt: parsing "-0x8000000000000001": value out of range"#),
        ("99999999999999999999x", "int64", #"strconv.ParseInt: parsing "99999999999999999999x": value out of range"#),
        ("70000x", "int64", #"strconv.ParseInt: parsing "70000x": invalid syntax"#),
        ("", "int64", #"strconv.ParseInt: parsing "": invalid syntax"#),
        (" 1", "int64", #"strconv.ParseInt: parsing " 1": invalid syntax"#),
        ("1.5", "int64", #"strconv.ParseInt: parsing "1.5": invalid syntax"#),
        ("1e3", "int64", #"strconv.ParseInt: parsing "1e3": invalid syntax"#),
        ("0x", "int64", #"strconv.ParseInt: parsing "0x": invalid syntax"#),
        ("0b2", "int64", #"strconv.ParseInt: parsing "0b2": invalid syntax"#),
        ("1__0", "int64", #"strconv.ParseInt: parsing "1__0": invalid syntax"#),
        ("1_", "int64", #"strconv.ParseInt: parsing "1_": invalid syntax"#),
        ("0x1__0", "int64", #"strconv.ParseInt: parsing "0x1__0": invalid syntax"#),
        ("+", "int", #"strconv.ParseInt: parsing "+": invalid syntax"#),
        ("-", "int", #"strconv.ParseInt: parsing "-": invalid syntax"#),
        ("+-1", "int", #"strconv.ParseInt: parsing "+-1": invalid syntax"#),
        ("٣", "int", #"strconv.ParseInt: parsing "٣": invalid syntax"#),
        (#"a\b"#, "int", #"strconv.ParseInt: parsing "a\\b": invalid syntax"#),
    ]

    @Test(arguments: Self.refusals)
    func refusedWithStrconvsWords(text: String, width: String, message: String) {
        #expect(Self.reason(text, width) == message)
    }

    /// The whole message is pflag's, both quoted as Go quotes, with docker's exit code.
    @Test func theFlagMessageIsDockers() {
        #expect(
            flagRefusal { _ = try GoInteger<UInt16>(argument: "70000")?.value(for: "--blkio-weight") }
                == #"invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range"#)
        #expect(
            flagRefusal { _ = try GoInteger<Int64>(argument: #"a"b"#)?.value(for: "-c, --cpu-shares") }
                == #"invalid argument "a\"b" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "a\"b": invalid syntax"#)
    }

    /// A default is its number, as the help shows it (`(default: -1)`: the golden help texts of
    /// `ps` and `swarm init` hold it) and as it is read.
    @Test func aDefaultIsItsNumber() throws {
        #expect(GoInteger<Int64>(-1).description == "-1")
        #expect(try GoInteger<UInt32>(24).value(for: "--flag") == 24)
    }

    static func value<Value: FixedWidthInteger & Sendable>(_ text: String, _: Value.Type) throws -> Value {
        try #require(GoInteger<Value>(argument: text)).value(for: "--flag")
    }

    /// `strconv`'s part of the message for `text` read as the Go type `width`.
    static func reason(_ text: String, _ width: String) -> String? {
        do {
            switch width {
            case "uint16": _ = try GoNumber.integer(text, as: UInt16.self)
            case "uint32": _ = try GoNumber.integer(text, as: UInt32.self)
            case "uint64": _ = try GoNumber.integer(text, as: UInt64.self)
            case "int64": _ = try GoNumber.integer(text, as: Int64.self)
            default: _ = try GoNumber.integer(text, as: Int.self)
            }
            return nil
        } catch let error as InvalidFlagValue {
            return error.reason
        } catch {
            return "unexpected \(error)"
        }
    }
}

/// Floats read as Go's `strconv.ParseFloat` reads them (`service --update-max-failure-ratio`,
/// the number of a memory size): what docker 28.2 took or refused for the same text.
@Suite struct GoFloatTests {
    @Test func goSyntaxIsTaken() throws {
        for (text, value) in [
            ("1_0", 10.0), ("0x1p4", 16), ("0x1.8p1", 3), ("0x_1p0", 1), (".5", 0.5), ("5.", 5), ("+1.5", 1.5), ("1e3_0", 1e30),
            ("3.4028235e38", 3.4028235e38), ("-0", 0),
        ] {
            #expect(try GoNumber.parseFloat(text, bits: 32) == value, "\(text)")
        }
        for text in ["inf", "Infinity", "+INF", "-Inf", "-infinity"] {
            #expect(try GoNumber.parseFloat(text, bits: 64).isInfinite, "\(text)")
        }
        #expect(try GoNumber.parseFloat("NaN", bits: 64).isNaN)
    }

    @Test func otherTextsAreRefusedWithStrconvsWords() throws {
        for text in ["0x10", "+nan", "1e", "1e+_3", "1e_3", "1__0", "_1", "1_", "1_.5", "infin", "1.5.5", "", " 1", "0x", "0x1p", "１"] {
            #expect(throws: GoNumber.Failure.syntax, "\(text)") { try GoNumber.parseFloat(text, bits: 64) }
        }
        #expect(throws: GoNumber.Failure.range) { try GoNumber.parseFloat("1e400", bits: 64) }
        #expect(throws: GoNumber.Failure.range) { try GoNumber.parseFloat("3.5e38", bits: 32) }
        #expect(try GoNumber.parseFloat("3.5e38", bits: 64) == 3.5e38)
    }

    /// A size's number is one of these floats: docker's go-units reads it with ParseFloat.
    @Test func memorySizesReadTheirNumberAsGo() throws {
        #expect(try MemorySize.parse("1_0m") == 10 << 20)
        #expect(try MemorySize.parse("0x1p20") == 1 << 20)
        #expect(try MemorySize.parse("1e3k") == 1000 << 10)
        for (text, reason) in [
            ("0x10", #"strconv.ParseFloat: parsing "0x10": invalid syntax"#), (".m", #"strconv.ParseFloat: parsing ".": invalid syntax"#),
            ("1e400", #"strconv.ParseFloat: parsing "1e400": value out of range"#), ("-1", "invalid size: '-1'"),
            ("5nan", "invalid suffix: 'nan'"),
            // Not docker's: it takes an infinite size and sends what Go converts it to.
            ("inf ", "invalid size: 'inf '"),
        ] {
            #expect(throws: InvalidFlagValue(reason: reason), "\(text)") { try MemorySize.parse(text) }
        }
    }

    /// `logs --tail` is passed on as docker passes it, and the daemon reads anything but a
    /// whole number as all (it was refused with exit 125); `service logs --tail` is read as
    /// that daemon reads it, strictly.
    @Test func logTailsAreReadAsTheirDaemonsReadThem() throws {
        #expect(parseLogTail("5") == .lines(5))
        #expect(parseLogTail("+5") == .lines(5))
        #expect(parseLogTail("0") == .lines(0))
        for all in ["all", "-1", "ten", "", "0x10", " 5"] { #expect(parseLogTail(all) == .all, "\(all)") }
        #expect(try parseServiceLogTail("all") == .all)
        #expect(try parseServiceLogTail("3") == .lines(3))
        #expect(throws: CommandFailure.self) { try parseServiceLogTail("ten") }
        #expect(throws: CommandFailure.self) { try parseServiceLogTail("-1") }
    }
}
