import StevedoreText

/// The path of one object of the API, `/{collection}/{reference}{suffix}`, built only after
/// the reference passed the checks every object kind shares: so that a bad id or name fails
/// with a clear message before any request, and can never address another path of the API.
///
/// Shared checks: not empty, not `.` or `..` (a router would clean them into another path and
/// the daemon would answer with a redirect), no control character, and no white space but in a
/// network's name (the daemon creates `my network` as given). A reference is percent-escaped
/// whole, `/` included, so an image reference (`host:5000/team/app:v1`) stays one path segment.
struct ObjectPath: Sendable {
    /// The collection in the API's paths: `containers`, `images`…
    let collection: String
    /// What an error calls the object: `container`, `image`…
    let noun: String
    /// Where a reference may contain `/`.
    private let slashes: Slashes
    /// Whether a reference may contain white space: only a network's name may; every other
    /// kind's names and references are refused by the daemon (or the registry) with it.
    private var allowsWhiteSpace = false

    /// The `/` a reference of a kind may contain.
    private enum Slashes {
        /// None: networks, volumes, exec ids, and the swarm's kinds.
        case none
        /// One leading `/`, as the API shows container names (`/name`).
        case leading
        /// Any: image references (`host:5000/team/app`).
        case anywhere
    }

    static let container = ObjectPath(collection: "containers", noun: "container", slashes: .leading)
    static let image = ObjectPath(collection: "images", noun: "image", slashes: .anywhere)
    static let exec = ObjectPath(collection: "exec", noun: "exec instance", slashes: .none)
    static let network = ObjectPath(collection: "networks", noun: "network", slashes: .none, allowsWhiteSpace: true)
    static let volume = ObjectPath(collection: "volumes", noun: "volume", slashes: .none)
    static let distribution = ObjectPath(collection: "distribution", noun: "image", slashes: .anywhere)
    static let node = ObjectPath(collection: "nodes", noun: "node", slashes: .none)
    static let service = ObjectPath(collection: "services", noun: "service", slashes: .none)
    static let task = ObjectPath(collection: "tasks", noun: "task", slashes: .none)
    static let secret = ObjectPath(collection: "secrets", noun: "secret", slashes: .none)
    static let config = ObjectPath(collection: "configs", noun: "config", slashes: .none)
    static let plugin = ObjectPath(collection: "plugins", noun: "plugin", slashes: .anywhere)

    /// Throws ``DockerError/Category/invalidInput`` unless `reference` can name an object of
    /// this kind.
    func validate(_ reference: String) throws {
        guard !reference.trimmingWhitespace().isEmpty else {
            // moby's client's words, for a blank reference too (it trims white space first).
            throw DockerError.invalidInput("invalid \(self.noun) name or ID: value is empty")
        }
        let body = (self.slashes == .leading ? reference.cut(prefix: "/") : nil) ?? Substring(reference)
        let isValid =
            !body.isEmpty && body != "." && body != ".."
            && (self.slashes == .anywhere || !body.utf8.contains(UInt8(ascii: "/")))
            && !body.unicodeScalars.contains(where: { Self.isRefused($0, allowingWhiteSpace: self.allowsWhiteSpace) })
        guard isValid else {
            throw DockerError.invalidInput("invalid \(self.noun) name or ID: \"\(reference)\" names no \(self.noun)")
        }
    }

    /// Control characters (C0, DEL and C1) and, unless allowed, white space (Unicode's). An
    /// ASCII scalar, as ids and most names are, is answered without Unicode's property tables:
    /// every reference of every request goes through here.
    private static func isRefused(_ scalar: Unicode.Scalar, allowingWhiteSpace: Bool) -> Bool {
        let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        if isControl || allowingWhiteSpace { return isControl }
        return scalar.isASCII ? scalar.value == 0x20 : scalar.properties.isWhitespace
    }

    /// `/{collection}/{reference}{suffix}`, the reference checked and escaped.
    func callAsFunction(_ reference: String, _ suffix: String = "") throws -> String {
        try self.validate(reference)
        return "/\(self.collection)/\(percentEncode(reference))\(suffix)"
    }
}
