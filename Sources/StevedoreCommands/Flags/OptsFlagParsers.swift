import Stevedore
import StevedoreText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The flag values docker's `opts` package reads before sending them, for the container,
/// build and service commands alike: each throws ``InvalidFlagValue`` with docker's reason,
/// which ``FlagValue/parse(_:for:_:)`` words as docker does.
enum OptsFlagParsers {
    // MARK: Environment, labels

    /// `-e` (of `run`, `create`, `exec` and services), `--env-add`, `--log-opt` and
    /// `--build-arg` (docker's `ValidateEnv`): `NAME=value`, or `NAME` alone, which takes this
    /// process's value when it has one and stays bare otherwise.
    static func environment(_ text: String) throws -> String {
        let cut = text.cut(atFirst: "=")
        guard !(cut?.before ?? text[...]).isEmpty else { throw InvalidFlagValue(reason: "invalid environment variable: \(text)") }
        if cut != nil { return text }
        return ProcessEnvironment.value(of: text).map { "\(text)=\($0)" } ?? text
    }

    /// `-l, --label` of every command that labels what it makes, `--container-label` and the
    /// `-add` forms (docker's `ValidateLabel`): `key[=value]`, the key not empty and without
    /// spaces or tabs (leading ones aside).
    static func label(_ text: String) throws -> String {
        let key = Self.environmentKey(text).unicodeScalars.drop(while: \.isSpaceOrTab)
        guard !key.isEmpty else { throw InvalidFlagValue(reason: "invalid label '\(text)': empty name") }
        guard !key.contains(where: \.isSpaceOrTab) else {
            throw InvalidFlagValue(reason: "label '\(Substring(key))' contains whitespaces")
        }
        return text
    }

    /// The key of an environment entry or a label: what precedes the first `=`.
    static func environmentKey(_ entry: String) -> String {
        String(entry.cut(atFirst: "=")?.before ?? entry[...])
    }

    // MARK: Addresses and names

    /// `--dns` (of `run`, `create` and services) and `--dns-add` (docker's
    /// `ValidateIPAddress`): an IPv4 or IPv6 address, surrounding spaces ignored, returned in
    /// Go's canonical form (`0:0::1` is `::1`).
    static func ipAddress(_ text: String) throws -> String {
        guard let address = Self.normalizedIPAddress(text.trimmingWhitespace()) else {
            throw InvalidFlagValue(reason: "IP address is not correctly formatted: \(text)")
        }
        return address
    }

    /// `text` as Go's `net.ParseIP(text).String()` writes it, nil when it is not an address:
    /// IPv4 dotted (an IPv4-mapped IPv6 address too), IPv6 in lower-case hex with the longest
    /// run of two or more zero groups (the first of equals) written `::`.
    static func normalizedIPAddress(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0.map { String($0) }.joined(separator: ".") }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return bytes[12...].map { String($0) }.joined(separator: ".")
        }
        let groups = (0..<8).map { Int(bytes[2 * $0]) << 8 | Int(bytes[2 * $0 + 1]) }
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > best.length && end - index >= 2 { best = (index, end - index) }
            index = max(end, index + 1)
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// `--dns-search`/`--dns-search-add` (docker's `ValidateDNSSearch`): `.`, or a domain name
    /// (letters, digits and inner hyphens, dot-separated, a trailing dot dropped), surrounding
    /// spaces ignored.
    static func dnsSearch(_ text: String) throws -> String {
        let trimmed = text.trimming(while: { $0 == " " })
        if trimmed == "." { return trimmed }
        let invalid = InvalidFlagValue(reason: "\(trimmed) is not a valid domain")
        guard trimmed.contains(where: { $0.isASCII && $0.isLetter }) else { throw invalid }
        // docker's pattern, `(:?` (an optional colon) where a non-capturing group was meant.
        let label = #"(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"#
        let pattern = #"^(:?"# + label + #"(:?\."# + label + #")*)\.?\s*$"#
        guard let match = try trimmed.firstMatch(of: Regex(pattern)), let domain = match.output[1].substring, domain.utf8.count < 255
        else { throw invalid }
        return String(domain)
    }

    /// `--add-host` (`run`, `create`, `build`), `--host`/`--host-add` (services; docker's
    /// `ValidateExtraHost`): `name:address` or `name=address`,
    /// the address possibly in brackets, or `host-gateway`; returned as `name:address`.
    static func extraHost(_ text: String) throws -> String {
        guard let (name, rest) = text.cut(atFirst: "=") ?? text.cut(atFirst: ":"), !name.isEmpty, !name.contains(scalar: ":") else {
            throw InvalidFlagValue(reason: "bad format for add-host: \"\(text)\"")
        }
        var address = String(rest)
        if address != "host-gateway" {
            let scalars = address.unicodeScalars
            if scalars.count > 2 && scalars.first == "[" && scalars.last == "]" {
                address = String(Substring(scalars.dropFirst().dropLast()))
            }
            guard (try? Self.ipAddress(address)) != nil else {
                throw InvalidFlagValue(reason: "invalid IP address in add-host: \"\(address)\"")
            }
        }
        return "\(name):\(address)"
    }
}
