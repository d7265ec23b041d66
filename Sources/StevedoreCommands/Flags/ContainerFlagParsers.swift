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

/// The values of `create`/`run` flags docker reads itself before sending them (its `opts`
/// package and go-units): each throws ``InvalidFlagValue`` with docker's reason, which
/// ``FlagValue/parse(_:for:_:)`` words as docker does.
enum ContainerFlagParsers {
    /// The ulimits docker knows (`go-units`' names of `RLIMIT_*`).
    static let ulimitNames: Set<String> = [
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
        "sigpending", "stack",
    ]

    /// `--ulimit` values (docker's `UlimitOpt`), one limit per name, the last value of a name
    /// winning, ordered by name as docker sends them.
    static func ulimits(_ texts: [String]) throws -> [Resources.Ulimit] {
        var limits: [String: Resources.Ulimit] = [:]
        for limit in try FlagValue.parseAll(texts, for: "--ulimit", Self.ulimit) { limits[limit.name ?? ""] = limit }
        return limits.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
    }

    /// `--ulimit name=soft[:hard]`: without `hard`, the hard limit is `soft`; `-1` is unlimited.
    static func ulimit(_ text: String) throws -> Resources.Ulimit {
        guard let (key, value) = text.cut(atFirst: "=") else { throw InvalidFlagValue(reason: "invalid ulimit argument: \(text)") }
        let name = String(key)
        guard Self.ulimitNames.contains(name) else { throw InvalidFlagValue(reason: "invalid ulimit type: \(name)") }
        let limits = value.split(scalar: ":", omittingEmptySubsequences: false).map(String.init)
        guard limits.count <= 2 else {
            throw InvalidFlagValue(
                reason: "too many limit value arguments - \(limits.joined(separator: ":")), can only have up to two, `soft[:hard]`")
        }
        // As go-units reads them: the hard limit first, each as strconv.ParseInt(_, 10, 64).
        let given = limits.count == 2 ? try GoNumber.integer(limits[1], as: Int.self, base: 10) : nil
        let soft = try GoNumber.integer(limits[0], as: Int.self, base: 10)
        let hard = given ?? soft
        if hard != -1 && soft == -1 {
            throw InvalidFlagValue(
                reason: "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: \(hard)")
        }
        if hard != -1 && soft > hard {
            throw InvalidFlagValue(reason: "ulimit soft limit must be less than or equal to hard limit: \(soft) > \(hard)")
        }
        return Resources.Ulimit(name: name, soft: soft, hard: hard)
    }

    /// `--device host[:container][:permissions]` (permissions: some of `r`, `w`, `m`, default
    /// `rwm`; a second part made only of those letters is the permissions). A host path
    /// ending in `*` is a glob, expanded here, each match mapped to the same path.
    static func device(_ text: String) throws -> [DeviceMapping] {
        let parts = text.split(scalar: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3, !parts[0].isEmpty else { throw InvalidFlagValue(reason: "bad format for path: \(text)") }
        var host = parts[0]
        var container = ""
        var permissions = "rwm"
        if parts.count == 3 {
            guard Self.isDevicePermissions(parts[2]) else { throw InvalidFlagValue(reason: "bad mode specified: \(parts[2])") }
            container = parts[1]
            permissions = parts[2]
        } else if parts.count == 2 {
            if Self.isDevicePermissions(parts[1]) { permissions = parts[1] } else { container = parts[1] }
        }
        if !container.isEmpty {
            guard container.hasBytePrefix("/") else { throw InvalidFlagValue(reason: "\(container) is not an absolute path") }
            container = GoPath.clean(container)
        } else {
            guard host.hasBytePrefix("/") else { throw InvalidFlagValue(reason: "\(host) is not an absolute path") }
            host = GoPath.clean(host)
        }
        guard host.hasByteSuffix("*") else {
            return [DeviceMapping(pathOnHost: host, pathInContainer: container.isEmpty ? host : container, cgroupPermissions: permissions)]
        }
        guard container.isEmpty else { throw InvalidFlagValue(reason: "device with * suffix can't have dst: \(text)") }
        return Self.matchingPaths(host).map { DeviceMapping(pathOnHost: $0, pathInContainer: $0, cgroupPermissions: permissions) }
    }

    private static func isDevicePermissions(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { "rwm".contains($0) } && Set(text).count == text.count
    }

    /// A bind's host path as docker sends it: one that starts with `.` (`.`, `./data`, `../x`,
    /// `.cache`) joined to the working directory and cleaned, as Go's `filepath.Abs` does;
    /// any other unchanged (`~/x` too: the daemon refuses it).
    static func absoluteIfRelative(_ source: String) -> String {
        source.hasBytePrefix(".") ? GoPath.absolute(source) : source
    }

    /// `-v` as docker's client splits it: a `SOURCE:TARGET[:OPTIONS]` (a host path or a
    /// volume's name) is a bind, its host path made absolute by ``absoluteIfRelative(_:)``; a
    /// target alone is an anonymous volume of the container's config, as a `VOLUME` of an
    /// image is. A spec docker's `volumespec.Parse` cannot read is refused in its words (exit
    /// code 125): `invalid spec: :/x: empty section between colons`, `…: too many colons`.
    static func volumes(_ specs: [String]) throws -> (binds: [String], anonymous: [String: EmptyObject]) {
        var binds: [String] = []
        var anonymous: [String: EmptyObject] = [:]
        // docker keeps the specs in a set: one given twice is sent once.
        var seen: Set<String> = []
        for spec in specs where seen.insert(spec).inserted {
            guard try Self.volumeSpecHasSource(spec) else {
                anonymous[spec] = EmptyObject()
                continue
            }
            guard let (host, rest) = spec.cut(atFirst: ":"), host.hasBytePrefix(".") else {
                binds.append(spec)
                continue
            }
            binds.append(Self.absoluteIfRelative(String(host)) + ":" + rest)
        }
        return (binds, anonymous)
    }

    /// Whether docker's `volumespec.Parse` finds a source in `spec`: its sections split at
    /// each `:` but a drive letter's (`c:`), the first of two or more the source, the next the
    /// target, a third the options.
    private static func volumeSpecHasSource(_ spec: String) throws -> Bool {
        func refused(_ reason: String) -> CommandFailure { FlagValue.conflict("invalid spec: \(spec): \(reason)") }
        switch spec.utf8.count {
        case 0: throw FlagValue.conflict("invalid empty volume spec")
        case 1, 2: return false
        default: break
        }
        var sections = 0
        var section: [Unicode.Scalar] = []
        for scalar in spec.unicodeScalars {
            guard scalar == ":" else {
                section.append(scalar)
                continue
            }
            if section.count == 1, Self.isLetter(section[0]) {
                section.append(scalar)
                continue
            }
            if section.isEmpty { throw refused("empty section between colons") }
            if sections == 2 { throw refused("too many colons") }
            sections += 1
            section = []
        }
        if section.isEmpty { throw refused("empty section between colons") }
        return sections > 0
    }

    /// Go's `unicode.IsLetter`.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// The paths matching `pattern` (`glob(3)`), sorted; none when nothing matches.
    private static func matchingPaths(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in matches.gl_pathv[index].map { String(cString: $0) } }
    }

    /// `--blkio-weight-device path:weight` (weight 10–1000, or 0).
    static func weightDevice(_ text: String) throws -> Resources.BlkioWeightDevice {
        let (path, value) = try Self.devicePair(text)
        guard let weight = try? GoNumber.parseUnsigned(value, base: 10, bits: 16), weight == 0 || (10...1000).contains(weight) else {
            throw InvalidFlagValue(reason: "invalid weight for device: \(text)")
        }
        return Resources.BlkioWeightDevice(path: path, weight: Int(weight))
    }

    /// `--device-read-bps`/`--device-write-bps path:rate`, the rate a size (`1mb`).
    static func throttleBytes(_ text: String) throws -> ThrottleDevice {
        let (path, value) = try Self.devicePair(text)
        guard let rate = try? MemorySize.parse(value) else {
            throw InvalidFlagValue(
                reason:
                    "invalid rate for device: \(text). The correct format is <device-path>:<number>[<unit>]. Number must "
                    + "be a positive integer. Unit is optional and can be kb, mb, or gb"
            )
        }
        return ThrottleDevice(path: path, rate: rate)
    }

    /// `--device-read-iops`/`--device-write-iops path:rate`, the rate a whole number.
    static func throttleIOps(_ text: String) throws -> ThrottleDevice {
        let (path, value) = try Self.devicePair(text)
        guard let rate = try? GoNumber.parseUnsigned(value, base: 10, bits: 64), rate <= UInt64(Int64.max) else {
            throw InvalidFlagValue(
                reason: "invalid rate for device: \(text). The correct format is <device-path>:<number>. Number must be a positive integer"
            )
        }
        return ThrottleDevice(path: path, rate: Int64(rate))
    }

    /// `/dev/…:value`: the device path must be under `/dev/`.
    private static func devicePair(_ text: String) throws -> (String, String) {
        guard let (path, value) = text.cut(atFirst: ":"), !path.isEmpty else { throw InvalidFlagValue(reason: "bad format: \(text)") }
        guard path.hasBytePrefix("/dev/") else { throw InvalidFlagValue(reason: "bad format for device path: \(text)") }
        return (String(path), String(value))
    }

    /// `--device-cgroup-rule 'TYPE MAJOR:MINOR ACCESS'`: `a`, `b` or `c`; numbers or `*`;
    /// one to three of `r`, `w`, `m`.
    static func deviceCgroupRule(_ text: String) throws -> String {
        guard text.wholeMatch(of: /[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}/) != nil else {
            throw InvalidFlagValue(reason: "invalid device cgroup format '\(text)'")
        }
        return text
    }

    /// `--gpus` (docker's `GpuOpts`): a CSV record of `count=N|all` (or the count alone),
    /// `device=ID,ID…` (quoted, as one field), `driver=…`, `capabilities=CAP,CAP…` (`gpu` is
    /// always added) and `options="k=v,k=v"`, each key once. Without a count or devices the
    /// request is for one GPU; `all` is -1.
    static func gpuRequest(_ text: String) throws -> DeviceRequest {
        func count(_ text: String) throws -> Int {
            if text == "all" { return -1 }
            do throws(GoNumber.Failure) {
                return try GoNumber.atoi(text)
            } catch {
                throw InvalidFlagValue(reason: #"invalid count (\#(text)): value must be either "all" or an integer: \#(error.reason)"#)
            }
        }
        var request = DeviceRequest(driver: "", count: 0, options: [:])
        var seen: Set<String> = []
        for field in try GoCSV.record(text) {
            let (key, value) = field.cut(atFirst: "=").map { (String($0.before), String($0.after)) } ?? (field, nil)
            guard seen.insert(key).inserted else { throw InvalidFlagValue(reason: "gpu request key '\(key)' can be specified only once") }
            guard let value else {
                seen.insert("count")
                request.count = try count(key)
                continue
            }
            switch key {
            case "driver": request.driver = value
            case "count": request.count = try count(value)
            case "device": request.deviceIDs = value.split(scalar: ",", omittingEmptySubsequences: false).map(String.init)
            case "capabilities":
                request.capabilities = [value.split(scalar: ",", omittingEmptySubsequences: false).map(String.init) + ["gpu"]]
            case "options":
                do {
                    request.options = keyValueMap(try GoCSV.record(value)) ?? [:]
                } catch let error as InvalidFlagValue {
                    throw InvalidFlagValue(reason: "failed to read gpu options: \(error.reason)")
                }
            default: throw InvalidFlagValue(reason: "unexpected key '\(key)' in '\(field)'")
            }
        }
        if !seen.contains("count") && request.deviceIDs == nil { request.count = 1 }
        request.capabilities = request.capabilities ?? [["gpu"]]
        return request
    }

    /// The sysctls a container may set in its own namespaces: IPC ones and the `net.` tree.
    static let namespacedSysctls: Set<String> = [
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
        "kernel.shm_rmid_forced",
    ]

    /// `--sysctl name=value` for a namespaced sysctl.
    static func sysctl(_ text: String) throws -> (String, String) {
        guard let (key, value) = text.cut(atFirst: "=") else { throw InvalidFlagValue(reason: "sysctl '\(text)' is not allowed") }
        let name = String(key)
        guard Self.namespacedSysctls.contains(name) || name.hasBytePrefix("net.") || name.hasBytePrefix("fs.mqueue.") else {
            throw InvalidFlagValue(reason: "sysctl '\(text)' is not allowed")
        }
        return (name, String(value))
    }

    /// `--link name[:alias]` (docker's `ValidateLink`): refused only when empty or with a
    /// second colon; an empty name or alias is the daemon's to refuse.
    static func link(_ text: String) throws -> String {
        guard !text.isEmpty else { throw InvalidFlagValue(reason: "empty string specified for links") }
        guard text.split(scalar: ":", omittingEmptySubsequences: false).count <= 2 else {
            throw InvalidFlagValue(reason: "bad format for links: \(text)")
        }
        return text
    }

    /// `-a, --attach stdin|stdout|stderr`, any case.
    static func attachStream(_ text: String) throws -> String {
        let stream = text.lowercased()
        guard ["stdin", "stdout", "stderr"].contains(stream) else {
            throw InvalidFlagValue(reason: "valid streams are STDIN, STDOUT and STDERR")
        }
        return stream
    }

    /// docker's check of a MAC address (`--mac-address`, `--network mac-address=…`): Go's
    /// `net.ParseMAC` of the trimmed text, refused in docker's words (exit code 125).
    static func checkMACAddress(_ text: String) throws {
        guard Self.isMACAddress(text.trimmingWhitespace()) else { throw FlagValue.conflict("\(text) is not a valid mac address") }
    }

    /// Whether Go's `net.ParseMAC` reads `text`: 6, 8 or 20 octets written as hex pairs
    /// separated by one kind of `:` or `-`, or as groups of four hex digits separated by `.`.
    static func isMACAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isHex(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
            default: false
            }
        }
        // The number of octets when `text` is runs of `width` hex digits joined by `separator`.
        func groups(width: Int, separator: UInt8) -> Int? {
            guard (bytes.count + 1) % (width + 1) == 0 else { return nil }
            for (offset, byte) in bytes.enumerated() {
                let isSeparatorPlace = (offset + 1) % (width + 1) == 0
                guard isSeparatorPlace ? byte == separator : isHex(byte) else { return nil }
            }
            return (bytes.count + 1) / (width + 1) * (width / 2)
        }
        guard bytes.count >= 14 else { return false }
        let octets: Int?
        if bytes[2] == UInt8(ascii: ":") || bytes[2] == UInt8(ascii: "-") {
            octets = groups(width: 2, separator: bytes[2])
        } else if bytes[4] == UInt8(ascii: ".") {
            octets = groups(width: 4, separator: bytes[4])
        } else {
            octets = nil
        }
        return octets.map { [6, 8, 20].contains($0) } ?? false
    }
}
