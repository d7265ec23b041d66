import StevedoreText

/// An image reference parsed and normalised as the docker CLI does (distribution/reference's
/// `ParseNormalizedNamed`): `busybox` is `docker.io/library/busybox`, `127.0.0.1:5000/app:1`
/// keeps its registry, a tag and a digest are kept apart.
///
///     let name = try ImageName(parsing: "busybox")
///     name.description          // "docker.io/library/busybox"
///     name.withDefaultTag       // docker.io/library/busybox:latest
///     name.familiarName         // "busybox"
///
/// A malformed reference throws ``DockerError/Category/invalidInput`` with the CLI's message
/// (`invalid reference format: repository name (library/Bad) must be lowercase`).
public struct ImageName: Hashable, Sendable, CustomStringConvertible {
    /// The registry: `docker.io`, `127.0.0.1:5000`, `ghcr.io`.
    public var domain: String
    /// The repository path inside the registry: `library/busybox`, `team/app`.
    public var path: String
    /// The tag, if the reference has one.
    public var tag: String?
    /// The digest (`sha256:…`), if the reference has one.
    public var digest: String?

    /// Parses `reference`. A 64-hex-digit string is refused as a repository name (it is an id).
    public init(parsing reference: String) throws {
        func invalid(_ detail: String? = nil) -> DockerError {
            DockerError.invalidInput("invalid reference format" + (detail.map { ": " + $0 } ?? ""))
        }
        if Self.isFullID(reference) {
            throw DockerError.invalidInput("invalid repository name (\(reference)), cannot specify 64-byte hexadecimal strings")
        }
        // docker's ParseNormalizedNamed checks the case first, of the name up to the first `:`
        // after the domain, wherever that `:` is (`a:B:c` is no uppercase name, `Ab:c:d` names
        // `library/Ab`).
        let (_, named) = Self.splitDomain(Substring(reference))
        let remote = named.unicodeScalars.firstIndex(of: ":").map { named[..<$0] } ?? named[...]
        guard remote.lowercased() == remote else { throw invalid("repository name (\(remote)) must be lowercase") }
        var rest = Substring(reference)
        if let at = rest.unicodeScalars.firstIndex(of: "@") {
            let digest = rest[rest.unicodeScalars.index(after: at)...]
            guard Self.isDigest(digest) else { throw invalid() }
            self.digest = String(digest)
            rest = rest[..<at]
        }
        let lastSlash = rest.unicodeScalars.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].unicodeScalars.lastIndex(of: ":") {
            let tag = rest[rest.unicodeScalars.index(after: colon)...]
            guard Self.isTag(tag) else { throw invalid() }
            self.tag = String(tag)
            rest = rest[..<colon]
        }
        let (domain, remainder) = Self.splitDomain(rest)
        guard Self.isDomain(domain), !remainder.isEmpty,
            remainder.split(scalar: "/", omittingEmptySubsequences: false).allSatisfy(Self.isPathComponent)
        else { throw invalid() }
        guard domain.count + 1 + remainder.count <= 255 else {
            throw DockerError.invalidInput("repository name must not be more than 255 characters")
        }
        self.domain = domain
        self.path = remainder
    }

    /// `domain/path[:tag][@digest]`, fully qualified.
    public var description: String {
        self.name + (self.tag.map { ":" + $0 } ?? "") + (self.digest.map { "@" + $0 } ?? "")
    }

    /// `domain/path`.
    public var name: String { "\(self.domain)/\(self.path)" }

    /// The short name the CLI shows: without `docker.io/` and `library/` (`busybox`).
    public var familiarName: String {
        guard self.domain == "docker.io" else { return self.name }
        if let official = self.path.cut(prefix: "library/"), !official.contains(scalar: "/") {
            return String(official)
        }
        return self.path
    }

    /// ``familiarName`` with the tag and digest: what `docker push` sends and `docker images` shows.
    public var familiarString: String {
        self.familiarName + (self.tag.map { ":" + $0 } ?? "") + (self.digest.map { "@" + $0 } ?? "")
    }

    /// Whether the reference names neither a tag nor a digest.
    public var isNameOnly: Bool { self.tag == nil && self.digest == nil }

    /// This reference with the tag `latest` when it has neither tag nor digest.
    public var withDefaultTag: ImageName {
        var name = self
        if name.isNameOnly { name.tag = "latest" }
        return name
    }

    /// distribution/reference's `splitDockerDomain`: the first component is a registry when
    /// it has a `.` or `:`, is `localhost`, or has an upper-case letter.
    private static func splitDomain(_ name: Substring) -> (String, String) {
        guard let slash = name.unicodeScalars.firstIndex(of: "/") else { return ("docker.io", "library/" + name) }
        let first = name[..<slash]
        let remainder = String(name[name.unicodeScalars.index(after: slash)...])
        if !first.contains(where: { $0 == "." || $0 == ":" }) && first != "localhost" && first.lowercased() == first {
            return ("docker.io", String(name))
        }
        if first == "index.docker.io" { return ("docker.io", remainder.contains(scalar: "/") ? remainder : "library/" + remainder) }
        if first == "docker.io" && !remainder.contains(scalar: "/") { return ("docker.io", "library/" + remainder) }
        return (String(first), remainder)
    }

    /// Whether `string` is a full id (distribution/reference's `[a-f0-9]{64}`), which a
    /// reference may not be, as an image or a container can be named by it.
    package static func isFullID(_ string: String) -> Bool {
        string.utf8.count == 64 && string.utf8.allSatisfy(Self.isLowercaseHexDigit)
    }

    /// `[a-f0-9]`, ASCII only: Swift's `isHexDigit` takes fullwidth digits too.
    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// `[\w][\w.-]{0,127}`.
    private static func isTag(_ tag: Substring) -> Bool {
        guard let first = tag.first, tag.count <= 128, Self.isWord(first) else { return false }
        return tag.allSatisfy { Self.isWord($0) || $0 == "." || $0 == "-" }
    }

    /// `algorithm:hex` with at least 32 hex digits.
    private static func isDigest(_ digest: Substring) -> Bool {
        guard let colon = digest.unicodeScalars.firstIndex(of: ":") else { return false }
        let algorithm = digest[..<colon]
        let hex = digest[digest.unicodeScalars.index(after: colon)...]
        return !algorithm.isEmpty && algorithm.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "+._-".contains($0)) }
            && hex.utf8.count >= 32 && hex.utf8.allSatisfy(Self.isLowercaseHexDigit)
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
    private static func isPathComponent(_ component: Substring) -> Bool {
        let characters = Array(component)
        guard let first = characters.first, let last = characters.last, Self.isAlphanumeric(first), Self.isAlphanumeric(last) else {
            return false
        }
        var index = 0
        while index < characters.count {
            if Self.isAlphanumeric(characters[index]) {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, !Self.isAlphanumeric(characters[end]) { end += 1 }
            let separator = String(characters[index..<end])
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" }) else { return false }
            index = end
        }
        return true
    }

    /// `host[:port]`: dot-separated labels of letters, digits and inner hyphens, or `[IPv6]`.
    private static func isDomain(_ domain: String) -> Bool {
        var host = Substring(domain)
        if let colon = host.unicodeScalars.lastIndex(of: ":"), !host.hasByteSuffix("]") {
            let port = host[host.unicodeScalars.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else { return false }
            host = host[..<colon]
        }
        if let inside = host.cut(prefix: "[")?.cut(suffix: "]") {
            return inside.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty
            && host.split(scalar: ".", omittingEmptySubsequences: false).allSatisfy { label in
                guard let first = label.first, let last = label.last else { return false }
                return first.isASCII && (first.isLetter || first.isNumber) && last.isASCII && (last.isLetter || last.isNumber)
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    private static func isWord(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }
}
