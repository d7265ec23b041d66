/// An enumeration from the Docker Engine API that stays open to values it does not know.
///
/// Daemons add enum values over time (a container `State.Status`, an event `Type`, a mount
/// `Type`...). A closed Swift `enum` would fail to decode a whole response over one new value,
/// so every spec enum is a `RawRepresentable` struct instead: the spec's values are `static`
/// members, any other value decodes, compares and encodes back unchanged.
///
/// ```swift
/// switch state.status {
/// case .running?: ...
/// case let other?: print("new state \(other.rawValue)")  // e.g. "hibernating"
/// case nil: ...
/// }
/// ```
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue: Codable & Hashable & Sendable {
    init(rawValue: RawValue)

    /// The values this version of the API defines.
    static var knownValues: [Self] { get }
}

extension OpenEnum {
    /// The raw value, as the daemon spells it.
    public var description: String { "\(rawValue)" }

    /// Whether the value is one the API specification defines (as opposed to a newer value).
    public var isKnown: Bool { Self.knownValues.contains(self) }
}

extension OpenEnum where RawValue == String {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }
}

extension OpenEnum where RawValue == Int {
    public init(integerLiteral value: Int) {
        self.init(rawValue: value)
    }
}
