import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The values of the service commands' flags that docker reads itself before sending them (its
/// `opts` package and the service command's own options): each throws ``InvalidFlagValue``
/// with docker's reason, which ``FlagValue/parse(_:for:_:)`` words as docker does, except
/// ``genericResources(_:)``, whose failures come after the flags were read (exit code 1).
enum ServiceFlagParsers {
    // MARK: Environment, labels

    /// `-e`/`--env-add`/`--log-opt` (docker's `ValidateEnv`): `NAME=value`, or `NAME` alone,
    /// which takes this process's value when it has one and stays bare otherwise.
    static func environment(_ text: String) throws -> String {
        let cut = text.cut(atFirst: "=")
        guard !(cut?.before ?? text[...]).isEmpty else { throw InvalidFlagValue(reason: "invalid environment variable: \(text)") }
        if cut != nil { return text }
        return ProcessEnvironment.value(of: text).map { "\(text)=\($0)" } ?? text
    }

    /// `-l`/`--container-label` and their `-add` forms (docker's `ValidateLabel`): `key[=value]`,
    /// the key not empty and without spaces or tabs (leading ones aside).
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

    /// `--dns`/`--dns-add` (docker's `ValidateIPAddress`): an IPv4 or IPv6 address, surrounding
    /// spaces ignored, returned in Go's canonical form (`0:0::1` is `::1`).
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

    /// `--host`/`--host-add` (docker's `ValidateExtraHost`): `name:address` or `name=address`,
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

    /// `name:address` entries (from ``extraHost(_:)``) as the swarm's `/etc/hosts` lines:
    /// `address name`.
    static func swarmHosts(_ entries: [String]) -> [String] {
        entries.compactMap { entry in
            entry.cut(atFirst: ":").map { "\($0.after) \($0.before)" }
        }
    }

    /// `--network`/`--network-add` (docker's `NetworkOpt`, see ``NetworkAttachment``): the
    /// network's target, aliases and driver options. `ip`, `ip6`, `mac-address`, `link-local-ip`
    /// and `gw-priority` are read and checked as docker reads them, and left out: the swarm does
    /// not take them.
    static func network(_ text: String) throws -> NetworkAttachmentConfig {
        let attachment = try NetworkAttachment(parsing: text)
        return NetworkAttachmentConfig(
            target: attachment.target, aliases: attachment.aliases.nilIfEmpty, driverOpts: attachment.driverOptions.nilIfEmpty)
    }

    // MARK: Scheduling and resources

    /// `--placement-pref`/`-add`/`-rm`: `spread=DESCRIPTOR`, the only strategy.
    static func placementPreference(_ text: String) throws -> TaskSpec.Placement.Preference {
        guard let (strategy, descriptor) = text.cut(atFirst: "="), !strategy.isEmpty else {
            throw InvalidFlagValue(reason: #"placement preference must be of the format "<strategy>=<arg>""#)
        }
        guard strategy == "spread" else {
            throw InvalidFlagValue(reason: "unsupported placement preference \(strategy) (only spread is supported)")
        }
        return .init(spread: .init(spreadDescriptor: String(descriptor)))
    }

    /// `--generic-resource`/`--generic-resource-add` as the flag takes it: `KIND=VALUE`.
    static func genericResourceEntry(_ text: String) throws -> String {
        guard text.contains(scalar: "=") else {
            throw InvalidFlagValue(reason: "invalid generic-resource format `\(text)` expected `name=value`")
        }
        return text
    }

    /// The discrete resources `KIND=COUNT` entries reserve (swarmkit's `genericresource.Parse`):
    /// one count per kind; named resources (`KIND=NAME`) are refused, as docker refuses them for
    /// services. Fails with docker's message (exit code 1).
    static func genericResources(_ entries: [String]) throws -> [GenericResource] {
        func invalid(_ reason: String) -> CommandFailure {
            CommandFailure(description: "invalid generic resource specification: could not parse GenericResource: \(reason)")
        }
        var kinds: [String] = []
        var values: [String: [String]] = [:]
        for entry in entries {
            let parts = entry.split(scalar: "=", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw invalid("incorrect term \(entry), missing '=' or malformed expression") }
            let kind = parts[0].trimmingWhitespace()
            if values[kind] == nil { kinds.append(kind) }
            values[kind, default: []].append(parts[1].trimmingWhitespace())
        }
        return try kinds.map { kind -> GenericResource in
            let given = values[kind] ?? []
            let counts = given.map { Int64($0) }
            if counts.count == 1, let count = counts[0] {
                guard count >= 0 else { throw invalid("cannot ask for negative resource \(kind)") }
                return GenericResource(discreteResourceSpec: .init(kind: kind, value: count))
            }
            guard counts.allSatisfy({ $0 == nil }) else {
                throw invalid("mixed discrete and named resources in expression '\(kind)=[\(given.joined(separator: " "))]'")
            }
            throw CommandFailure(
                description: "invalid generic-resource request `\(kind)=\(given[0])`, "
                    + "Named Generic Resources is not supported for service create or update")
        }
    }

    /// The health check durations (docker's `PositiveDurationOpt`): a Go duration, not negative.
    static func positiveDuration(_ text: String) throws -> Int64 {
        let nanoseconds = try FlagValue.duration(text)
        guard nanoseconds >= 0 else { throw InvalidFlagValue(reason: "duration cannot be negative") }
        return nanoseconds
    }

    /// `--credential-spec config://NAME|file://PATH|registry://KEY`; an empty value (no
    /// credential spec, to remove one) is nil.
    static func credentialSpec(_ text: String) throws -> TaskSpec.ContainerSpec.Privileges.CredentialSpec? {
        if let name = text.cut(prefix: "config://") { return .init(config: String(name)) }
        if let path = text.cut(prefix: "file://") { return .init(file: String(path)) }
        if let key = text.cut(prefix: "registry://") { return .init(registry: String(key)) }
        guard text.isEmpty else {
            throw InvalidFlagValue(
                reason: #"invalid credential spec: value must be prefixed with "config://", "file://", or "registry://""#)
        }
        return nil
    }

    // MARK: Capabilities

    /// docker's `NormalizeCapability`: upper case with the `CAP_` prefix; `ALL` and `RESET` stay.
    static func normalizedCapability(_ capability: String) -> String {
        let upper = capability.trimmingWhitespace().uppercased()
        if upper == "ALL" || upper == "RESET" || upper.hasBytePrefix("CAP_") { return upper }
        return "CAP_" + upper
    }

    /// `--cap-add`/`--cap-drop` of a new service (docker's `EffectiveCapAddCapDrop`): normalised,
    /// sorted, without duplicates; `ALL` stands alone in its list; a capability both added and
    /// dropped is added; `RESET` is dropped. Nil for an empty list.
    static func effectiveCapabilities(add: [String], drop: [String]) -> (add: [String]?, drop: [String]?) {
        var added = Set(add.map(Self.normalizedCapability))
        var dropped = Set(drop.map(Self.normalizedCapability))
        if added.contains("ALL") { added = ["ALL"] }
        if dropped.contains("ALL") { dropped = ["ALL"] }
        let effectiveDrop = dropped.subtracting(added).subtracting(["RESET"]).sorted()
        let effectiveAdd = added.subtracting(["RESET"]).sorted()
        return (effectiveAdd.isEmpty ? nil : effectiveAdd, effectiveDrop.isEmpty ? nil : effectiveDrop)
    }

    /// `--cap-add`/`--cap-drop` of `service update` applied to a service's lists (docker's
    /// `updateCapabilities`): `RESET` empties the list it is given for; a capability dropped
    /// that the service added is no longer added (else it is dropped), and one added that the
    /// service dropped is no longer dropped (else it is added); adding wins over dropping the
    /// same one. The lists come out sorted, `ALL` alone when present, nil when empty.
    static func updatedCapabilities(
        add: [String]?, drop: [String]?, current: (add: [String]?, drop: [String]?)
    ) -> (add: [String]?, drop: [String]?) {
        var added = Set((current.add ?? []).map(Self.normalizedCapability))
        var dropped = Set((current.drop ?? []).map(Self.normalizedCapability))
        var toAdd = Set((add ?? []).map(Self.normalizedCapability))
        var toDrop = Set((drop ?? []).map(Self.normalizedCapability))
        if toAdd.remove("RESET") != nil { added = [] }
        if toDrop.remove("RESET") != nil { dropped = [] }
        for capability in toDrop where !toAdd.contains(capability) {
            if added.remove(capability) == nil { dropped.insert(capability) }
        }
        for capability in toAdd {
            if dropped.remove(capability) == nil { added.insert(capability) }
        }
        func list(_ capabilities: Set<String>) -> [String]? {
            if capabilities.isEmpty { return nil }
            return capabilities.contains("ALL") ? ["ALL"] : capabilities.sorted()
        }
        return (list(added), list(dropped))
    }
}
