import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A Docker Engine API version such as `1.41`.
public struct APIVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.41"`: decimal digits, a dot, decimal digits, with an optional leading `v` and
    /// white space around them; `nil` for anything else.
    public init?(_ string: String) {
        var text = string.trimmingWhitespace().utf8[...]
        if text.first == UInt8(ascii: "v") { text = text.dropFirst() }
        guard let dot = text.firstIndex(of: UInt8(ascii: ".")),
            let major = Self.number(text[..<dot]),
            let minor = Self.number(text[text.index(after: dot)...])
        else { return nil }
        self.init(major, minor)
    }

    /// A run of ASCII digits as a number; `nil` when it is empty, holds anything else or does
    /// not fit an `Int`. Read byte by byte: `/_ping` answers carry a version on every call.
    private static func number(_ digits: Substring.UTF8View) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let (tens, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, carried) = tens.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflowed, !carried else { return nil }
            value = sum
        }
        return value
    }

    public var description: String { "\(self.major).\(self.minor)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// The newest version this client speaks: the version of its models' spec.
    public static let clientMaximum = APIVersion(1, 56)
    /// The oldest version this client speaks (Docker 1.12); daemons older than this are refused.
    public static let clientMinimum = APIVersion(1, 24)
}
