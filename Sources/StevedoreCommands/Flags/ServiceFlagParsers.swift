import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The values of the service commands' own flags that docker reads itself before sending them
/// (those of its `opts` package are ``OptsFlagParsers``): each throws ``InvalidFlagValue``
/// with docker's reason, which ``FlagValue/parse(_:for:_:)`` words as docker does, except
/// ``genericResources(_:)``, whose failures come after the flags were read (exit code 1).
enum ServiceFlagParsers {
    /// `name:address` entries (from ``OptsFlagParsers/extraHost(_:)``) as the swarm's `/etc/hosts` lines:
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
