import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of `ps`: the fields of docker's container formatting context, as strings.
struct ContainerRow: FormatterContext {
    static let formatterContextType = "*formatter.ContainerContext"
    var Command: String
    var CreatedAt: String
    var ID: String
    var Image: String
    var Labels: String
    var LocalVolumes: String
    var Mounts: String
    var Names: String
    var Networks: String
    var Platform: PlatformColumn?
    var Ports: String
    var RunningFor: String
    var Size: String
    var State: String
    var Status: String

    /// docker's `--format raw`: a block of `key: value` lines per container (`size:` added with `-s`).
    static let rawFormat =
        "container_id: {{.ID}}\\nimage: {{.Image}}\\ncommand: {{.Command}}\\ncreated_at: {{.CreatedAt}}\\n"
        + "state: {{- pad .State 1 0}}\\nstatus: {{- pad .Status 1 0}}\\nnames: {{.Names}}\\nlabels: {{- pad .Labels 1 0}}\\n"
        + "ports: {{- pad .Ports 1 0}}\\n"
    /// ``rawFormat`` with the size (`ps -s`, `system df -v`).
    static let sizedRawFormat = rawFormat + "size: {{.Size}}\\n"
    static let titles = [
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT", "RunningFor": "CREATED",
        "Status": "STATUS", "Ports": "PORTS", "Names": "NAMES", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
        "Networks": "NETWORKS", "LocalVolumes": "LOCAL VOLUMES", "State": "STATE", "Platform": "PLATFORM",
    ]

    /// docker's IMAGE column: the reference the container was created from, shortened unless
    /// `--no-trunc` to the image's short id when it is that id, else to its familiar name
    /// and tag (`busybox@sha256:…` is `busybox`, `docker.io/library/busybox:1` is `busybox:1`).
    static func image(_ image: String, id: String, truncate: Bool) -> String {
        guard !image.isEmpty else { return "<no image>" }
        guard truncate else { return image }
        let shortID = ObjectID.truncated(id)
        if shortID == ObjectID.truncated(image) { return shortID }
        guard let name = try? ImageName(parsing: image) else { return image }
        return name.familiarName + (name.tag.map { ":" + $0 } ?? "")
    }

    init(_ container: ContainerSummary, truncate: Bool, now: Date = Date()) {
        let id = container.id ?? ""
        self.ID = truncate ? ObjectID.truncated(id) : id
        self.Image = Self.image(container.image ?? "", id: container.imageID ?? "", truncate: truncate)
        var command = container.command ?? ""
        if truncate, command.count > 20 { command = String(command.prefix(19)) + "…" }
        self.Command = GoQuote.quote(command)
        let created = Date(timeIntervalSince1970: TimeInterval(container.created ?? 0))
        self.CreatedAt = Self.goTime(created)
        self.RunningFor = HumanDuration.ago(created, now: now)
        // Names without the leading slash; a name with another slash is a legacy link alias,
        // shown only with --no-trunc.
        let names = (container.names ?? []).map { String($0.cut(prefix: "/") ?? $0[...]) }
        self.Names = (truncate ? names.filter { !$0.contains(scalar: "/") } : names).joined(separator: ",")
        self.Labels = (container.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let mounts = container.mounts ?? []
        self.Mounts = mounts.map { mount in
            var name = mount.name ?? mount.source ?? ""
            if truncate, name.count > 15 { name = String(name.prefix(14)) + "…" }
            return name
        }.joined(separator: ",")
        self.LocalVolumes = String(mounts.filter { $0.driver == "local" }.count)
        self.Networks = (container.networkSettings?.networks ?? [:]).keys.sorted().joined(separator: ",")
        self.Ports = Self.ports(container.ports ?? [])
        self.Platform = container.imageManifestDescriptor?.platform.map(PlatformColumn.init)
        self.State = container.state?.rawValue ?? ""
        self.Status = container.status ?? ""
        let sizeRw = container.sizeRw ?? 0
        let rootFs = container.sizeRootFs ?? 0
        self.Size = HumanSize.decimal(sizeRw) + (rootFs > 0 ? " (virtual \(HumanSize.decimal(rootFs)))" : "")
    }

    /// Go's `time.Time.String()` without the monotonic part: `2006-01-02 15:04:05 -0700 MST`.
    static func goTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard let seconds = Int64(exactly: seconds), LocalTime(secondsSince1970: seconds) != nil else { return date.description }
        return GoTime(secondsSince1970: seconds, nanoseconds: 0).inLocalZone.string
    }

    /// docker's port column, as its `DisplayablePorts` writes it: ports in order of their
    /// container port (then address, published port, protocol); consecutive ones with the same
    /// address and protocol, published on the same port or not at all, merged into a range
    /// (`0.0.0.0:8000-8001->8000-8001/tcp`, `53/udp`), each range where its first port came;
    /// then, unmerged, the ports published on another port (`0.0.0.0:8080->80/tcp`).
    static func ports(_ ports: [PortSummary]) -> String {
        struct Key: Hashable { var ip: String; var proto: String }
        let sorted = ports.sorted { a, b in
            if a.privatePort != b.privatePort { return a.privatePort < b.privatePort }
            let (ipA, ipB) = (a.ip ?? "", b.ip ?? "")
            if ipA != ipB { return ipA.utf8.lexicographicallyPrecedes(ipB.utf8) }
            if (a.publicPort ?? 0) != (b.publicPort ?? 0) { return (a.publicPort ?? 0) < (b.publicPort ?? 0) }
            return a.type.rawValue.utf8.lexicographicallyPrecedes(b.type.rawValue.utf8)
        }
        func range(_ key: Key, _ first: Int, _ last: Int) -> String {
            let span = first == last ? "\(first)" : "\(first)-\(last)"
            return (key.ip.isEmpty ? span : "\(joinHostPort(key.ip, span))->\(span)") + "/" + key.proto
        }
        var groups: [Key: (first: Int, last: Int)] = [:]
        var keys: [Key] = []
        var lines: [String] = []
        var otherPorts: [String] = []
        for port in sorted {
            let current = Int(port.privatePort)
            let ip = port.ip ?? ""
            let key = Key(ip: ip, proto: port.type.rawValue)
            if !ip.isEmpty, Int(port.publicPort ?? 0) != current {
                otherPorts.append("\(joinHostPort(ip, "\(port.publicPort ?? 0)"))->\(current)/\(key.proto)")
                continue
            }
            guard let group = groups[key] else {
                groups[key] = (current, current)
                keys.append(key)
                continue
            }
            if current == group.last + 1 {
                groups[key]?.last = current
            } else {
                lines.append(range(key, group.first, group.last))
                groups[key] = (current, current)
            }
        }
        lines += keys.compactMap { key in groups[key].map { range(key, $0.first, $0.last) } }
        return (lines + otherPorts).joined(separator: ", ")
    }
}
