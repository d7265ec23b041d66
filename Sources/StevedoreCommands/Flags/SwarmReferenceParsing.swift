import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `--secret`/`--config` value of the service commands (and their `-add` forms), read as
/// docker reads it: `NAME` alone, or a CSV record of `source=NAME` (or `src`, required),
/// `target=PATH` (default: the name), `uid=…`, `gid=…` (default `0`) and `mode=…` (Go integer
/// syntax, default `0444`). A refused value throws ``InvalidFlagValue`` with docker's reason.
///
/// The swarm wants ids: ``resolveSecrets(_:client:)`` and ``resolveConfigs(_:client:)`` find
/// them by name, as docker does before it sends the spec.
struct SwarmFileReference: Hashable {
    var source: String
    var target: String
    var uid = "0"
    var gid = "0"
    var mode: UInt32 = 0o444

    /// Parses `text`; `kind` (`secret` or `config`) names the request in docker's messages.
    init(parsing text: String, kind: String) throws {
        // Go's CSV reader finds no record in an empty value.
        guard !text.isEmpty else { throw InvalidFlagValue(reason: "EOF") }
        let fields = try GoCSV.record(text)
        if fields.count == 1 && !fields[0].contains(scalar: "=") {
            self.source = fields[0]
            self.target = fields[0]
            return
        }
        var source = ""
        var target = ""
        for field in fields {
            guard let (key, rawValue) = field.cut(atFirst: "="), !key.isEmpty else {
                throw InvalidFlagValue(reason: "invalid field '\(field)' must be a key=value pair")
            }
            let value = String(rawValue)
            switch key.lowercased() {
            case "source", "src": source = value
            case "target": target = value
            case "uid": self.uid = value
            case "gid": self.gid = value
            case "mode":
                do {
                    self.mode = UInt32(try GoNumber.parseUnsigned(value, base: 0, bits: 32))
                } catch let failure as GoNumber.Failure {
                    throw InvalidFlagValue(reason: "invalid mode specified: strconv.ParseUint: parsing \"\(value)\": \(failure.reason)")
                }
            default: throw InvalidFlagValue(reason: "invalid field in \(kind) request: \(key)")
            }
        }
        guard !source.isEmpty else { throw InvalidFlagValue(reason: "source is required") }
        self.source = source
        self.target = target.isEmpty ? source : target
    }

    /// The reference as a secret of a container spec, its id still to find.
    var secret: TaskSpec.ContainerSpec.Secret {
        .init(file: .init(name: self.target, uid: self.uid, gid: self.gid, mode: self.mode), secretName: self.source)
    }

    /// The reference as a config of a container spec, its id still to find.
    var config: TaskSpec.ContainerSpec.Config {
        .init(file: .init(name: self.target, uid: self.uid, gid: self.gid, mode: self.mode), configName: self.source)
    }

    /// `requested` with their `SecretID`s, found by name, in the given order. Two secrets
    /// with one target fail (`duplicate secret target for NAME not allowed`), and so does a
    /// name the swarm does not know (`secret not found: NAME`).
    static func resolveSecrets(
        _ requested: [TaskSpec.ContainerSpec.Secret], client: DockerClient
    ) async throws -> [TaskSpec.ContainerSpec.Secret] {
        guard !requested.isEmpty else { return [] }
        var targets: Set<ExactText> = []
        for secret in requested {
            guard targets.insert(ExactText(secret.file?.name ?? "")).inserted else {
                throw CommandFailure(description: "duplicate secret target for \(secret.secretName ?? "") not allowed")
            }
        }
        var filters = SecretListFilters()
        filters.name = Self.uniqueNames(requested.map { $0.secretName ?? "" })
        var ids: [String: String] = [:]
        for secret in try await client.secrets.list(filters) {
            if let name = secret.spec?.name { ids[name] = secret.id }
        }
        return try requested.map { secret in
            guard let id = ids[secret.secretName ?? ""] else {
                throw CommandFailure(description: "secret not found: \(secret.secretName ?? "")")
            }
            var resolved = secret
            resolved.secretID = id
            return resolved
        }
    }

    /// `requested` with their `ConfigID`s, found by name: the file configs in the given order
    /// (two with one target fail: `duplicate config target for NAME not allowed`), then the
    /// runtime ones (a credential spec's), each name once. A name the swarm does not know
    /// fails: `config not found: NAME`.
    static func resolveConfigs(
        _ requested: [TaskSpec.ContainerSpec.Config], client: DockerClient
    ) async throws -> [TaskSpec.ContainerSpec.Config] {
        guard !requested.isEmpty else { return [] }
        var files: [TaskSpec.ContainerSpec.Config] = []
        var runtimes: [TaskSpec.ContainerSpec.Config] = []
        var targets: Set<ExactText> = []
        for config in requested {
            if config.runtime != nil {
                // A config used at runtime for several purposes is referenced once.
                if let index = runtimes.firstIndex(where: { $0.configName == config.configName }) {
                    runtimes[index] = config
                } else {
                    runtimes.append(config)
                }
                continue
            }
            guard targets.insert(ExactText(config.file?.name ?? "")).inserted else {
                throw CommandFailure(description: "duplicate config target for \(config.configName ?? "") not allowed")
            }
            files.append(config)
        }
        var filters = ConfigListFilters()
        filters.name = Self.uniqueNames((files + runtimes).map { $0.configName ?? "" })
        var ids: [String: String] = [:]
        for config in try await client.configs.list(filters) {
            if let name = config.spec?.name { ids[name] = config.id }
        }
        return try (files + runtimes).map { config in
            guard let id = ids[config.configName ?? ""] else {
                throw CommandFailure(description: "config not found: \(config.configName ?? "")")
            }
            var resolved = config
            resolved.configID = id
            return resolved
        }
    }

    /// `names` without repetitions, in their first order.
    private static func uniqueNames(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
