import ArgumentParser
import Foundation
import Stevedore

/// The flags of `create` that describe a container, shared with `run` (which is create,
/// attach and start).
struct ContainerConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Assign a name to the container") var name: String?
    @Option(name: .long, help: "Set platform if server is multi-platform capable") var platform: String?
    @Option(name: [.customShort("e"), .long], help: "Set environment variables") var env: [String] = []
    @Option(name: [.customShort("l"), .long], help: "Set meta data on a container") var label: [String] = []
    @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY") var tty = false
    @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open even if not attached") var interactive = false
    @Option(name: [.customShort("w"), .long], help: "Working directory inside the container") var workdir: String?
    @Option(name: [.customShort("u"), .long], help: "Username or UID (format: <name|uid>[:<group|gid>])") var user: String?
    @Option(name: .long, help: "Overwrite the default ENTRYPOINT of the image") var entrypoint: String?
    @Option(name: [.customShort("h"), .long], help: "Container host name") var hostname: String?
    @Option(name: .long, help: "Connect a container to a network") var network: String?
    @Flag(name: .long, help: "Automatically remove the container and its associated anonymous volumes when it exits") var rm = false
    @Option(name: .long, help: "Restart policy to apply when a container exits") var restart: String?
    @Option(name: [.customShort("m"), .long], help: "Memory limit") var memory: String?
    @Option(name: .long, help: "Number of CPUs") var cpus: Double?
    @Option(name: .long, help: "CPU shares (relative weight)") var cpuShares: Int?
    @Option(name: [.customShort("v"), .long], help: "Bind mount a volume") var volume: [String] = []
    @Option(name: .long, help: "Mount a tmpfs directory") var tmpfs: [String] = []
    @Option(name: .long, help: "Expose a port or a range of ports") var expose: [String] = []
    @Option(name: [.customShort("p"), .long], help: "Publish a container's port(s) to the host ([ip:][hostPort:]containerPort[/proto])") var publish: [String] = []
    @Option(name: .long, help: "Signal to stop the container") var stopSignal: String?
    @Option(name: .long, help: "Timeout (in seconds) to stop a container") var stopTimeout: Int?
    @Flag(name: .long, help: "Run an init inside the container that forwards signals and reaps processes") var `init` = false
    @Flag(name: .long, help: "Give extended privileges to this container") var privileged = false
    @Flag(name: .long, help: "Mount the container's root filesystem as read only") var readOnly = false
    @Option(name: .long, help: "Add Linux capabilities") var capAdd: [String] = []
    @Option(name: .long, help: "Drop Linux capabilities") var capDrop: [String] = []
    @Option(name: .long, help: "Add a custom host-to-IP mapping (host:ip)") var addHost: [String] = []
    @Option(name: .long, help: "Set custom DNS servers") var dns: [String] = []

    /// The query options of the create request.
    var createOptions: ContainerCreateOptions {
        ContainerCreateOptions(name: self.name, platform: self.platform)
    }

    /// The create body these flags describe.
    func body(image: String, command: [String]) throws -> ContainerCreateBody {
        var body = ContainerCreateBody(image: image)
        body.cmd = command.isEmpty ? nil : command
        body.env = self.env.isEmpty ? nil : environment(self.env)
        body.labels = self.label.isEmpty ? nil : Dictionary(self.label.map { text in
            let label = LabelFilter(parsing: text)
            return (label.key, label.value ?? "")
        }, uniquingKeysWith: { $1 })
        body.tty = self.tty
        body.openStdin = self.interactive
        body.stdinOnce = self.interactive
        body.attachStdin = self.interactive
        body.workingDir = self.workdir
        body.user = self.user
        body.entrypoint = self.entrypoint.map { $0.isEmpty ? [] : [$0] }
        body.hostname = self.hostname
        body.stopSignal = try self.stopSignal.map { try ContainerSignal(parsing: $0).rawValue }
        body.stopTimeout = self.stopTimeout
        var exposed: [String: EmptyObject] = [:]
        for port in self.expose { exposed[port.contains("/") ? port : port + "/tcp"] = EmptyObject() }
        var host = HostConfig()
        host.memory = try self.memory.map { try MemorySize.parse($0) }
        host.nanoCpus = self.cpus.map { Int64(($0 * 1e9).rounded()) }
        host.cpuShares = self.cpuShares
        host.binds = self.volume.isEmpty ? nil : self.volume
        host.tmpfs = self.tmpfs.isEmpty ? nil : Dictionary(self.tmpfs.map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }, uniquingKeysWith: { $1 })
        host.networkMode = self.network ?? "default"
        host.autoRemove = self.rm
        host.restartPolicy = try self.restart.map(RestartPolicyArgument.parse)
        host.`init` = self.`init` ? true : nil
        host.privileged = self.privileged
        host.readonlyRootfs = self.readOnly
        host.capAdd = self.capAdd.isEmpty ? nil : self.capAdd
        host.capDrop = self.capDrop.isEmpty ? nil : self.capDrop
        host.extraHosts = self.addHost.isEmpty ? nil : self.addHost
        host.dns = self.dns.isEmpty ? nil : self.dns
        var bindings: PortMap = [:]
        for spec in self.publish {
            let (port, binding) = try Self.portBinding(spec)
            exposed[port] = EmptyObject()
            bindings[port, default: []]?.append(binding)
        }
        host.portBindings = bindings.isEmpty ? nil : bindings
        body.exposedPorts = exposed.isEmpty ? nil : exposed
        body.hostConfig = host
        return body
    }

    /// `[ip:][hostPort:]containerPort[/proto]` → (`port/proto`, binding).
    static func portBinding(_ spec: String) throws -> (String, PortBinding) {
        var text = Substring(spec)
        var proto = "tcp"
        if let slash = text.lastIndex(of: "/") {
            proto = String(text[text.index(after: slash)...])
            text = text[..<slash]
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let containerPort = parts.popLast(), !containerPort.isEmpty, parts.count <= 2 else {
            throw CommandFailure(description: "invalid publish spec \"\(spec)\": use [ip:][hostPort:]containerPort[/proto]", exitCode: 125)
        }
        let hostPort = parts.popLast() ?? ""
        let ip = parts.popLast() ?? ""
        return ("\(containerPort)/\(proto)", PortBinding(hostIp: ip, hostPort: hostPort))
    }
}

/// `-e` values as docker reads them: `NAME=value`, or `NAME` alone for this process's value
/// (left out when it has none).
func environment(_ entries: [String]) -> [String] {
    entries.compactMap { entry in
        if entry.contains("=") { return entry }
        return ProcessInfo.processInfo.environment[entry].map { "\(entry)=\($0)" }
    }
}
