import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--mount` as docker reads it: comma-separated `key=value` fields (a CSV record, so a field
/// may be quoted; keys in any case): `type=bind|volume|tmpfs|image` (default `volume`),
/// `source`/`src`, `target`/`dst`/`destination` (required), `readonly`/`ro[=bool]`,
/// `consistency`, `bind-propagation`, `bind-nonrecursive[=bool]`,
/// `bind-recursive=enabled|disabled|writable|readonly` (the last two with `readonly`, and
/// `readonly` with `bind-propagation=rprivate`), `volume-nocopy[=bool]`, `volume-label=k=v`,
/// `volume-driver`, `volume-opt=k=v`, `volume-subpath`, `image-subpath`, `tmpfs-size` (a size
/// such as `64m`), `tmpfs-mode` (octal). Options of one type are refused on a mount of another.
enum MountArgument {
    static func parse(_ text: String) throws -> Mount {
        var mount = Mount(type: .volume)
        for field in try GoCSV.record(text) {
            guard let (rawKey, rawValue) = field.cut(atFirst: "=") else {
                switch field.lowercased() {
                case "readonly", "ro": mount.readOnly = true
                case "volume-nocopy": Self.volumeOptions(&mount) { $0.noCopy = true }
                case "bind-nonrecursive": Self.bindOptions(&mount) { $0.nonRecursive = true }
                default: throw InvalidFlagValue(reason: "invalid field '\(field)' must be a key=value pair")
                }
                continue
            }
            // docker reads the keys in any case.
            let key = rawKey.lowercased()
            let value = String(rawValue)
            switch key {
            case "type": mount.type = MountType(rawValue: value.lowercased())
            case "source", "src": mount.source = ContainerFlagParsers.absoluteIfRelative(value)
            case "target", "dst", "destination": mount.target = value
            case "readonly", "ro": mount.readOnly = try Self.bool(value, key)
            case "consistency": mount.consistency = value.lowercased()
            case "bind-propagation": Self.bindOptions(&mount) { $0.propagation = .init(rawValue: value.lowercased()) }
            case "bind-nonrecursive":
                let nonRecursive = try Self.bool(value, key)
                Self.bindOptions(&mount) { $0.nonRecursive = nonRecursive }
            case "bind-recursive":
                switch value {
                case "enabled": break
                case "disabled": Self.bindOptions(&mount) { $0.nonRecursive = true }
                case "writable": Self.bindOptions(&mount) { $0.readOnlyNonRecursive = true }
                case "readonly": Self.bindOptions(&mount) { $0.readOnlyForceRecursive = true }
                default:
                    throw InvalidFlagValue(
                        reason: "invalid value for \(key): \(value) (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")")
                }
            case "volume-subpath": Self.volumeOptions(&mount) { $0.subpath = value }
            case "image-subpath": mount.imageOptions = Mount.ImageOptions(subpath: value)
            case "volume-nocopy":
                let noCopy = try Self.bool(value, key)
                Self.volumeOptions(&mount) { $0.noCopy = noCopy }
            case "volume-label": Self.volumeOptions(&mount) { Self.set(value, in: &$0.labels) }
            case "volume-driver": Self.volumeOptions(&mount) { $0.driverConfig = .init(name: value, options: $0.driverConfig?.options) }
            case "volume-opt":
                Self.volumeOptions(&mount) { options in
                    var driver = options.driverConfig ?? .init()
                    Self.set(value, in: &driver.options)
                    options.driverConfig = driver
                }
            case "tmpfs-size":
                guard let size = try? MemorySize.parse(value) else { throw InvalidFlagValue(reason: "invalid value for \(key): \(value)") }
                Self.tmpfsOptions(&mount) { $0.sizeBytes = size }
            case "tmpfs-mode":
                guard let mode = UInt32(value, radix: 8) else { throw InvalidFlagValue(reason: "invalid value for \(key): \(value)") }
                Self.tmpfsOptions(&mount) { $0.mode = Int(mode) }
            default: throw InvalidFlagValue(reason: "unexpected key '\(key)' in '\(field)'")
            }
        }
        guard let type = mount.type, !type.rawValue.isEmpty else { throw InvalidFlagValue(reason: "type is required") }
        guard !(mount.target ?? "").isEmpty else { throw InvalidFlagValue(reason: "target is required") }
        for (prefix, used, owner) in [
            ("volume", mount.volumeOptions != nil, MountType.volume), ("image", mount.imageOptions != nil, .image),
            ("bind", mount.bindOptions != nil, .bind), ("tmpfs", mount.tmpfsOptions != nil, .tmpfs),
        ]
        where used && type != owner {
            throw InvalidFlagValue(reason: "cannot mix '\(prefix)-*' options with mount type '\(type.rawValue)'")
        }
        if let bind = mount.bindOptions, bind.readOnlyNonRecursive == true || bind.readOnlyForceRecursive == true {
            // docker checks `writable` first.
            let option = bind.readOnlyNonRecursive == true ? "writable" : "readonly"
            guard mount.readOnly == true else {
                throw InvalidFlagValue(reason: "option 'bind-recursive=\(option)' requires 'readonly' to be specified in conjunction")
            }
            guard option == "writable" || bind.propagation == .rprivate else {
                throw InvalidFlagValue(
                    reason: "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction")
            }
        }
        return mount
    }

    /// Go's `strconv.ParseBool` of `key`'s value.
    private static func bool(_ value: String, _ key: String) throws -> Bool {
        guard let parsed = goParseBool(value) else { throw InvalidFlagValue(reason: "invalid value for \(key): \(value)") }
        return parsed
    }

    /// `k=v` (or `k` for an empty value) into `map`; an empty key is ignored, as docker does.
    private static func set(_ entry: String, in map: inout [String: String]?) {
        let parts = entry.split(scalar: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].isEmpty else { return }
        map = map ?? [:]
        map?[parts[0]] = parts.count > 1 ? parts[1] : ""
    }

    private static func volumeOptions(_ mount: inout Mount, _ change: (inout Mount.VolumeOptions) -> Void) {
        // docker's CLI gives every volume mount's options a driver configuration, empty unless
        // `volume-driver`/`volume-opt` fill it.
        var options = mount.volumeOptions ?? Mount.VolumeOptions(driverConfig: Mount.VolumeOptions.DriverConfig())
        change(&options)
        mount.volumeOptions = options
    }

    private static func bindOptions(_ mount: inout Mount, _ change: (inout Mount.BindOptions) -> Void) {
        var options = mount.bindOptions ?? .init()
        change(&options)
        mount.bindOptions = options
    }

    private static func tmpfsOptions(_ mount: inout Mount, _ change: (inout Mount.TmpfsOptions) -> Void) {
        var options = mount.tmpfsOptions ?? .init()
        change(&options)
        mount.tmpfsOptions = options
    }
}
