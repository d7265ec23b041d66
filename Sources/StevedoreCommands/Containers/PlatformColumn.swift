import Stevedore
import StevedoreFormatting

/// `ps`'s `Platform`: the platform of the image manifest a container runs (API 1.48 and
/// later, with the containerd image store). It marshals as the OCI platform does (empty
/// optional fields left out) and prints as containerd's `FormatAll`: `os(os.version)/arch/variant`.
struct PlatformColumn: Encodable, GoStringConvertible {
    let platform: OCIPlatform

    private enum CodingKeys: String, CodingKey {
        case architecture
        case os
        case osVersion = "os.version"
        case osFeatures = "os.features"
        case variant
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.platform.architecture ?? "", forKey: .architecture)
        try container.encode(self.platform.os ?? "", forKey: .os)
        // Go's `omitempty`: not even null.
        if let version = self.platform.osVersion, !version.isEmpty { try container.encode(version, forKey: .osVersion) }
        if let features = self.platform.osFeatures, !features.isEmpty { try container.encode(features, forKey: .osFeatures) }
        if let variant = self.platform.variant, !variant.isEmpty { try container.encode(variant, forKey: .variant) }
    }

    var goString: String {
        guard var system = self.platform.os, !system.isEmpty else { return "unknown" }
        if let version = self.platform.osVersion, !version.isEmpty { system += "(\(version))" }
        // path.Join: the empty parts left out.
        return [system, self.platform.architecture ?? "", self.platform.variant ?? ""].filter { !$0.isEmpty }.joined(separator: "/")
    }
}
