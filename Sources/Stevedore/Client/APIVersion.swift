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

    /// Parses `"1.41"` (a leading `v` is accepted); `nil` for anything else.
    public init?(_ string: String) {
        var text = Substring(string.trimmingWhitespace())
        if text.first == "v" { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major, minor)
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
