import ArgumentParser
import Stevedore
import StevedoreText

/// `volume create`'s flags for a swarm's cluster volume (a CSI plugin's volume, API 1.42 and
/// later), with docker's names, defaults and reading: a value that is left out takes docker's
/// default, and the volume is a cluster volume only when one of `--group`, `--scope`,
/// `--sharing`, `--availability`, `--type`, `--limit-bytes` or `--required-bytes` is given
/// (docker's `hasClusterVolumeOptionSet`, which `--secret` and the topologies do not set).
struct ClusterVolumeOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional, help: "Cluster Volume availability (\"active\", \"pause\", \"drain\") (default \"active\")")
    var availability: String?
    @Option(name: .long, parsing: .unconditional, help: "Cluster Volume group (cluster volumes)") var group: String?
    @Option(name: .long, parsing: .unconditional, help: "Minimum size of the Cluster Volume in bytes") var limitBytes: String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum size of the Cluster Volume in bytes") var requiredBytes: String?
    @Option(name: .long, parsing: .unconditional, help: "Cluster Volume access scope (\"single\", \"multi\") (default \"single\")")
    var scope: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Cluster Volume secrets") var secret: [String] = []
    @Option(
        name: .long, parsing: .unconditional,
        help: "Cluster Volume access sharing (\"none\", \"readonly\", \"onewriter\", \"all\") (default \"none\")")
    var sharing: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "A topology that the Cluster Volume would be preferred in")
    var topologyPreferred: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "A topology that the Cluster Volume must be accessible from")
    var topologyRequired: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Cluster Volume access type (\"mount\", \"block\") (default \"block\")")
    var type: String?

    /// The flags given, each needing API 1.42, for docker's refusal of an older daemon.
    var givenFlags: [(name: String, minimumAPI: APIVersion?)] {
        let given: [(String, Bool)] = [
            ("availability", self.availability != nil), ("group", self.group != nil), ("limit-bytes", self.limitBytes != nil),
            ("required-bytes", self.requiredBytes != nil), ("scope", self.scope != nil), ("secret", !self.secret.isEmpty),
            ("sharing", self.sharing != nil), ("topology-preferred", !self.topologyPreferred.isEmpty),
            ("topology-required", !self.topologyRequired.isEmpty), ("type", self.type != nil),
        ]
        return given.filter(\.1).map { ($0.0, APIVersion(1, 42)) }
    }

    /// The spec these flags describe, as docker's `runCreate` builds it, or `nil` for a local
    /// volume; a malformed size fails with docker's message (exit code 125).
    var spec: ClusterVolumeSpec? {
        get throws {
            // Parsed whether or not they make a cluster volume, as pflag reads every flag given.
            let limit = try self.limitBytes.map { try FlagValue.parse($0, for: "--limit-bytes", MemorySize.parse) }
            let required = try self.requiredBytes.map { try FlagValue.parse($0, for: "--required-bytes", MemorySize.parse) }
            let isCluster = [self.group, self.scope, self.sharing, self.availability, self.type, self.limitBytes, self.requiredBytes]
                .contains { $0 != nil }
            guard isCluster else { return nil }
            let accessType = self.type ?? "block"
            let access = ClusterVolumeSpec.AccessMode(
                scope: .init(rawValue: self.scope ?? "single"), sharing: .init(rawValue: self.sharing ?? "none"),
                mountVolume: accessType == "mount" ? .init() : nil, blockVolume: accessType == "block" ? .object([:]) : nil)
            let secrets = (keyValueMap(self.secret) ?? [:]).sorted { $0.key < $1.key }
                .map { ClusterVolumeSpec.Secret(key: $0.key, secret: $0.value) }
            return ClusterVolumeSpec(
                group: self.group.flatMap { $0.isEmpty ? nil : $0 }, accessMode: access,
                accessibilityRequirements: .init(
                    requisite: Self.topologies(self.topologyRequired), preferred: Self.topologies(self.topologyPreferred)),
                capacityRange: .init(requiredBytes: required ?? 0, limitBytes: limit ?? 0),
                secrets: secrets.isEmpty ? nil : secrets, availability: .init(rawValue: self.availability ?? "active"))
        }
    }

    /// `zone=a,rack=b` as docker reads a topology: segments split at commas, each a
    /// ``keyValueMap(_:)`` entry (a segment without `=` is a key with an empty value); `nil`
    /// for none.
    private static func topologies(_ texts: [String]) -> [Topology]? {
        guard !texts.isEmpty else { return nil }
        return texts.map { Topology(segments: keyValueMap($0.split(scalar: ",", omittingEmptySubsequences: false).map(String.init))) }
    }
}
