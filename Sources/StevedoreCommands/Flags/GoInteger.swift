import ArgumentParser

/// The value of a whole-number flag, read as docker's flag parsing (spf13/pflag) reads the Go
/// integer type the flag has: `GoInteger<UInt16>` for docker's `uint16` (`--blkio-weight`),
/// `GoInteger<Int64>` for its `int64`, `GoInteger<Int>` for its `int` (64 bits, as pflag reads
/// it). So `0x10`, `0o20`, `0b1`, `1_000` and, for a signed type, `+5` are taken, as docker takes
/// them (``GoNumber/integer(_:as:)``).
///
/// The argument parser never refuses the text: that would exit with its own words and code 64.
/// The command reads the number with ``value(for:)`` before any request, and a refused one fails
/// then as docker's does, through ``FlagValue``: `invalid argument "70000" for "--blkio-weight"
/// flag: strconv.ParseUint: parsing "70000": value out of range`, exit code 125.
struct GoInteger<Value: FixedWidthInteger & Sendable>: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// The text given on the command line.
    let text: String

    init?(argument: String) {
        self.text = argument
    }

    /// A default value, shown in the help as `(default: -1)`.
    init(_ value: Value) {
        self.text = String(value)
    }

    var description: String { self.text }

    /// The number, or docker's message for `flag` (spelled as docker's help shows it:
    /// `--blkio-weight`, `-c, --cpu-shares`) with exit code 125.
    func value(for flag: String) throws -> Value {
        try FlagValue.parse(self.text, for: flag) { try GoNumber.integer($0, as: Value.self) }
    }
}
