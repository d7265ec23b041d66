import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The flags of `create` that describe a container, shared with `run` (which is create,
/// attach and start). Names, short forms, value syntax and defaults are docker's; every value
/// is checked before any request, a malformed one failing with docker's message and exit
/// code 125 (see ``FlagValue``). As with docker's flag parser, an option takes the next
/// argument whatever it looks like, so that `--pids-limit -1` and `--health-interval -1s` reach
/// their parsers.
struct ContainerConfigOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Assign a name to the container") var name: String?
    @Option(name: .long, parsing: .unconditional, help: "Set platform if server is multi-platform capable") var platform: String?
    @Option(name: .long, parsing: .unconditional, help: "Pull image before creating (\"always\", \"missing\", \"never\")") var pull =
        "missing"
    @Flag(name: [.customShort("q"), .long], help: "Suppress the pull output") var quiet = false
    @Option(name: [.customShort("a"), .long], parsing: .unconditionalSingleValue, help: "Attach to STDIN, STDOUT or STDERR") var attach:
        [String] = []
    @Option(name: [.customShort("e"), .long], parsing: .unconditionalSingleValue, help: "Set environment variables") var env: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Read in a file of environment variables") var envFile: [String] = []
    @Option(name: [.customShort("l"), .long], parsing: .unconditionalSingleValue, help: "Set meta data on a container") var label:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Read in a line delimited file of labels") var labelFile: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add an annotation to the container (passed through to the OCI runtime)")
    var annotation: [String] = []
    @Flag(name: [.customShort("t"), .long], help: "Allocate a pseudo-TTY") var tty = false
    @Flag(name: [.customShort("i"), .long], help: "Keep STDIN open even if not attached") var interactive = false
    @Option(name: [.customShort("w"), .long], parsing: .unconditional, help: "Working directory inside the container") var workdir: String?
    @Option(name: [.customShort("u"), .long], parsing: .unconditional, help: "Username or UID (format: <name|uid>[:<group|gid>])") var user:
        String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add additional groups to join") var groupAdd: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Overwrite the default ENTRYPOINT of the image") var entrypoint: String?
    @Option(name: [.customShort("h"), .long], parsing: .unconditional, help: "Container host name") var hostname: String?
    @Option(name: .long, parsing: .unconditional, help: "Container NIS domain name") var domainname: String?
    // docker also takes the older `--net` and `--net-alias`, which its help hides.
    @Option(
        name: [.customLong("network"), .customLong("net")], parsing: .unconditionalSingleValue, help: "Connect a container to a network")
    var network: [String] = []
    @Option(
        name: [.customLong("network-alias"), .customLong("net-alias")], parsing: .unconditionalSingleValue,
        help: "Add network-scoped alias for the container")
    var networkAlias: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "IPv4 address (e.g., 172.30.100.104)") var ip: String?
    @Option(name: .long, parsing: .unconditional, help: "IPv6 address (e.g., 2001:db8::33)") var ip6: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Container IPv4/IPv6 link-local addresses") var linkLocalIp: [String] =
        []
    @Option(name: .long, parsing: .unconditional, help: "Write the container ID to the file") var cidfile: String?
    @Flag(name: .customLong("use-api-socket"), help: "Bind mount Docker API socket and required auth") var useAPISocket = false
    @Option(name: .long, parsing: .unconditional, help: "Container MAC address (e.g., 92:d0:c6:0a:29:33)") var macAddress: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add link to another container") var link: [String] = []
    @Flag(name: .long, help: "Automatically remove the container and its associated anonymous volumes when it exits") var rm = false
    @OptionGroup var resources: ContainerResourceOptions
    @Option(name: .long, parsing: .unconditional, help: "Kernel memory limit") var kernelMemory: String?
    @Option(name: .long, parsing: .unconditional, help: "CPU count (Windows only)") var cpuCount: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "CPU percent (Windows only)") var cpuPercent: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Maximum IO bandwidth limit for the system drive (Windows only)")
    var ioMaxbandwidth: String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum IOps limit for the system drive (Windows only)")
    var ioMaxiops: GoInteger<UInt64>?
    @OptionGroup var contentTrust: ContentTrustOptions
    @Option(name: .long, parsing: .unconditional, help: "Tune container memory swappiness (0 to 100)") var memorySwappiness =
        GoInteger<Int64>(-1)
    @Flag(name: .long, help: "Disable OOM Killer") var oomKillDisable = false
    @Option(name: .long, parsing: .unconditional, help: "Tune host's OOM preferences (-1000 to 1000)") var oomScoreAdj: GoInteger<Int>?
    @Option(name: .long, parsing: .unconditional, help: "Size of /dev/shm") var shmSize: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Ulimit options") var ulimit: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Optional parent cgroup for the container") var cgroupParent: String?
    @Option(name: .long, parsing: .unconditional, help: "Cgroup namespace to use (host|private)") var cgroupns: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Block IO weight (relative device weight)") var blkioWeightDevice:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Limit read rate (bytes per second) from a device") var deviceReadBps:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Limit write rate (bytes per second) to a device") var deviceWriteBps:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Limit read rate (IO per second) from a device") var deviceReadIops:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Limit write rate (IO per second) to a device") var deviceWriteIops:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a host device to the container") var device: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "GPU devices to add to the container ('all' to pass all GPUs)")
    var gpus: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a rule to the cgroup allowed devices list") var deviceCgroupRule:
        [String] = []
    @Option(name: [.customShort("v"), .long], parsing: .unconditionalSingleValue, help: "Bind mount a volume") var volume: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Optional volume driver for the container") var volumeDriver: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Mount volumes from the specified container(s)") var volumesFrom:
        [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Attach a filesystem mount to the container") var mount: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Mount a tmpfs directory") var tmpfs: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Expose a port or a range of ports") var expose: [String] = []
    @Option(
        name: [.customShort("p"), .long], parsing: .unconditionalSingleValue,
        help: "Publish a container's port(s) to the host ([ip:][hostPort:]containerPort[/proto])") var publish: [String] = []
    @Flag(name: [.customShort("P"), .long], help: "Publish all exposed ports to random ports") var publishAll = false
    @Option(name: .long, parsing: .unconditional, help: "Signal to stop the container") var stopSignal: String?
    @Option(name: .long, parsing: .unconditional, help: "Timeout (in seconds) to stop a container") var stopTimeout: GoInteger<Int>?
    @Option(name: .long, parsing: .unconditional, help: "Command to run to check health") var healthCmd: String?
    @Option(name: .long, parsing: .unconditional, help: "Time between running the check (ms|s|m|h) (default 0s)") var healthInterval:
        String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum time to allow one check to run (ms|s|m|h) (default 0s)") var healthTimeout:
        String?
    @Option(name: .long, parsing: .unconditional, help: "Consecutive failures needed to report unhealthy") var healthRetries:
        GoInteger<Int>?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
    var healthStartPeriod: String?
    @Option(name: .long, parsing: .unconditional, help: "Time between running the check during the start period (ms|s|m|h) (default 0s)")
    var healthStartInterval: String?
    @Flag(name: .long, help: "Disable any container-specified HEALTHCHECK") var noHealthcheck = false
    /// Sent when given, as docker's: `--init=false` overrides a daemon whose default is an init.
    @Flag(name: .long, inversion: .prefixedNo, help: "Run an init inside the container that forwards signals and reaps processes")
    var `init`: Bool?
    @Flag(name: .long, help: "Give extended privileges to this container") var privileged = false
    @Flag(name: .long, help: "Mount the container's root filesystem as read only") var readOnly = false
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add Linux capabilities") var capAdd: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Drop Linux capabilities") var capDrop: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Security Options") var securityOpt: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Sysctl options") var sysctl: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "IPC mode to use") var ipc: String?
    @Option(name: .long, parsing: .unconditional, help: "PID namespace to use") var pid: String?
    @Option(name: .long, parsing: .unconditional, help: "UTS namespace to use") var uts: String?
    @Option(name: .long, parsing: .unconditional, help: "User namespace to use") var userns: String?
    @Option(name: .long, parsing: .unconditional, help: "Container isolation technology") var isolation: String?
    @Option(name: .long, parsing: .unconditional, help: "Runtime to use for this container") var runtime: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Storage driver options for the container") var storageOpt: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Logging driver for the container") var logDriver: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Log driver options") var logOpt: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a custom host-to-IP mapping (host:ip)") var addHost: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set custom DNS servers") var dns: [String] = []
    // docker also takes the older `--dns-opt`, which its help hides.
    @Option(name: [.customLong("dns-option"), .customLong("dns-opt")], parsing: .unconditionalSingleValue, help: "Set DNS options")
    var dnsOption: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set custom DNS search domains") var dnsSearch: [String] = []

    /// The flags only a Windows daemon takes (`--cpu-count`, `--cpu-percent`,
    /// `--io-maxbandwidth`, `--io-maxiops`) given on the command line, by name.
    var windowsOnlyFlags: [String] {
        [
            ("cpu-count", self.cpuCount != nil), ("cpu-percent", self.cpuPercent != nil),
            ("io-maxbandwidth", self.ioMaxbandwidth != nil), ("io-maxiops", self.ioMaxiops != nil),
        ].filter(\.1).map(\.0)
    }

    /// Refuses, as docker does before anything else of `create` or `run`, the
    /// ``windowsOnlyFlags`` given when the daemon says it runs another system: one line per
    /// flag, exit code 1. A daemon that does not say, or cannot be asked, is not refused.
    func requireWindowsDaemonForWindowsFlags(_ global: GlobalOptions) async throws {
        let given = self.windowsOnlyFlags
        guard !given.isEmpty else { return }
        let system = try await withClient(global) { client in try? await client.system.ping().osType }
        guard let system, !system.isEmpty, system != "windows" else { return }
        let refusals = given.map {
            "\"--\($0)\" is only supported on a Docker daemon running on windows, but the Docker daemon is running on \(system)"
        }
        throw CommandFailure(description: refusals.joined(separator: "\n"))
    }

    /// The options of the create: name, platform, `--pull`, and the configuration a pull reads
    /// its credentials from when it starts; and the handler that shows such a pull. As
    /// docker's client, a platform that does not parse is refused here, not by the daemon.
    /// With `--use-api-socket`, all the credentials it holds go to the container, unless
    /// `body` sets `DOCKER_CONFIG`.
    ///
    /// A configuration or credentials that cannot be read (a helper that is not installed)
    /// fail the pull when one starts, as docker's: a create from an image at hand needs neither.
    func createOptions(
        for body: ContainerCreateBody, global: GlobalOptions
    ) async throws -> (options: ContainerCreateOptions, pullProgress: ImagePullProgressHandler) {
        let policy = try self.pullPolicy
        let platform = platformFlag(self.platform)
        var options = ContainerCreateOptions(
            name: self.name.flatMap { $0.isEmpty ? nil : $0 }, platform: platform, pull: policy, useAPISocket: self.useAPISocket)
        if options.sharesAPISocketCredentials(with: body) {
            options.apiSocketCredentials = try await Self.apiSocketCredentials(global: global)
        }
        if let platform, !platform.isEmpty {
            do {
                _ = try OCIPlatform(parsing: platform)
            } catch let error as DockerError {
                throw DockerError(category: .invalidInput, message: "error parsing specified platform: \(error.message)")
            }
        }
        var configFailure: (any Error)?
        if policy != .never {
            do {
                options.pullCredentialsSource = try DockerConfigFile.load()
            } catch {
                configFailure = error
            }
        }
        return (
            options,
            self.pullProgress(
                configFailure: configFailure, environmentCredentialsError: options.pullCredentialsSource?.environmentCredentialsError)
        )
    }

    /// What docker's `--use-api-socket` gives the container: the credentials of
    /// `DOCKER_AUTH_CONFIG` when it holds any (read as a config file, more leniently than for
    /// pulls), else all those the configuration holds; refused in docker's words.
    private static func apiSocketCredentials(
        global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [String: RegistryAuth] {
        let variable = DockerConfigFile.environmentCredentialsVariable
        if let text = environment[variable], !text.isEmpty {
            do {
                let credentials = try DockerConfigFile.credentials(inConfigJSON: text)
                if !credentials.isEmpty { return credentials }
            } catch var error as DockerError {
                error.message = "resolving credentials failed: failed to read credentials from \(variable): \(error.message)"
                throw error
            }
        }
        do {
            return try await global.configFile(environment: environment).allCredentials()
        } catch var error as DockerError {
            error.message = "resolving credentials failed: resolving credentials failed: \(error.message)"
            throw error
        }
    }

    /// Shows a pull that create makes on stderr (stdout carries the id or the container's
    /// output), after docker's notice when the image was missing; `-q` hides it. A
    /// `credentialsFailure` fails the pull as it starts.
    private func pullProgress(configFailure: (any Error)?, environmentCredentialsError: DockerError?) -> ImagePullProgressHandler {
        var display = ProgressDisplay.standardError()
        return { event in
            switch event {
            case .started(let image):
                if !self.quiet, self.pull == ImagePullPolicy.missing.rawValue {
                    printError("Unable to find image '\(image.familiarString)' locally")
                }
                if let configFailure { throw configFailure }
                if let environmentCredentialsError { GlobalOptions.reportEnvironmentCredentialsError(environmentCredentialsError) }
            case .progress(let message):
                if !self.quiet { printErrorText(display.render(message)) }
            }
        }
    }

    /// `--pull`: when the image is pulled before the container is created. docker takes an
    /// empty value (`--pull=`) and then never pulls.
    var pullPolicy: ImagePullPolicy {
        get throws {
            guard let policy = self.pull.isEmpty ? .never : ImagePullPolicy(rawValue: self.pull) else {
                throw FlagValue.conflict("invalid pull option: '\(self.pull)': must be one of \"always\", \"missing\" or \"never\"")
            }
            return policy
        }
    }

    /// The streams `-a` names (lowercased); empty when it was not given.
    var attachedStreams: Set<String> {
        get throws { Set(try FlagValue.parseAll(self.attach, for: "-a, --attach", ContainerFlagParsers.attachStream)) }
    }

    /// ``body(image:command:proxyVariables:)`` for `run` or `create` (`commandName`): a refused
    /// command line in the words that command of docker's uses
    /// (``CommandFailure/explained(forContainerCommand:)``).
    func body(image: String, command: [String], proxyVariables: [String: String], of commandName: String) throws -> ContainerCreateBody {
        do {
            return try self.body(image: image, command: command, proxyVariables: proxyVariables)
        } catch let failure as CommandFailure {
            throw failure.explained(forContainerCommand: commandName)
        }
    }

    /// The create body these flags describe, as docker's CLI builds it, with config.json's
    /// `proxyVariables` (``GlobalOptions/proxyVariables(environment:)``) in the environment where
    /// no `-e` sets them; throws docker's message (exit code 125) for a malformed value or
    /// conflicting flags.
    func body(image: String, command: [String], proxyVariables: [String: String] = [:]) throws -> ContainerCreateBody {
        try self.contentTrust.refuseIfRequested(image: image)
        _ = try self.pullPolicy
        var body = ContainerCreateBody(image: image)
        body.cmd = command.isEmpty ? nil : command
        // As docker's: a file's `NAME` this process has no value for is left out, an `-e NAME`
        // sent as it is. docker reads `-e` into a map with the proxy variables: one entry per
        // name, the last given (here in the place of the first; docker's are in Go's map order).
        let given = try FlagValue.parseAll(self.env, for: "-e, --env", OptsFlagParsers.environment)
        var overrides: [String] = []
        var positions: [String: Int] = [:]
        for entry in given {
            let name = OptsFlagParsers.environmentKey(entry)
            if let position = positions[name] {
                overrides[position] = entry
            } else {
                positions[name] = overrides.endIndex
                overrides.append(entry)
            }
        }
        overrides += proxyVariables.filter { positions[$0.key] == nil }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let environment = try KeyValueFile.entries(self.envFile, .environment, overrides: overrides)
        body.env = environment.isEmpty ? nil : environment
        body.labels = keyValueMap(
            try KeyValueFile.entries(
                self.labelFile, .labels, overrides: try FlagValue.parseAll(self.label, for: "-l, --label", OptsFlagParsers.label)))
        body.tty = self.tty
        body.openStdin = self.interactive
        let streams = try self.attachedStreams
        body.attachStdin = self.interactive || streams.contains("stdin")
        body.attachStdout = streams.isEmpty || streams.contains("stdout")
        body.attachStderr = streams.isEmpty || streams.contains("stderr")
        body.stdinOnce = self.interactive && body.attachStdin == true
        body.workingDir = self.workdir
        body.user = self.user
        // `--entrypoint ""` resets it as docker does, with `[""]`: an empty list would make the
        // daemon take the image's command as well.
        body.entrypoint = self.entrypoint.map { [$0] }
        body.hostname = self.hostname
        body.domainname = self.domainname
        if let macAddress = self.macAddress, !macAddress.isEmpty { try ContainerFlagParsers.checkMACAddress(macAddress) }
        // docker sends the signal as written (the daemon checks it and keeps it so: `sigkill`),
        // an empty `--stop-signal=` as none.
        body.stopSignal = self.stopSignal.flatMap { $0.isEmpty ? nil : $0 }
        body.stopTimeout = try self.stopTimeout?.value(for: "--stop-timeout")
        body.healthcheck = try self.healthcheck()
        var host = HostConfig()
        try self.resources.apply(to: &host)
        host.restartPolicy = host.restartPolicy ?? RestartPolicy(name: .no)
        if self.rm && host.restartPolicy?.name != RestartPolicy.Name.no {
            throw FlagValue.conflict("conflicting options: cannot specify both --restart and --rm")
        }
        try self.applyLimits(to: &host)
        let volumes = try ContainerFlagParsers.volumes(self.volume)
        body.volumes = volumes.anonymous.nilIfEmpty
        host.binds = volumes.binds.nilIfEmpty
        try self.applyStorage(to: &host)
        try self.applyIsolation(to: &host)
        host.links = try FlagValue.parseAll(self.link, for: "--link", ContainerFlagParsers.link).nilIfEmpty
        let networking = try self.networking()
        host.networkMode = networking.mode
        body.macAddress = networking.macAddress
        body.networkingConfig = networking.endpoints.nilIfEmpty.map { NetworkingConfig(endpointsConfig: $0) }
        host.containerIDFile = self.cidfile.flatMap { $0.isEmpty ? nil : $0 }
        host.autoRemove = self.rm
        host.`init` = self.`init`
        host.extraHosts = try FlagValue.parseAll(self.addHost, for: "--add-host", OptsFlagParsers.extraHost).nilIfEmpty
        host.dns = try FlagValue.parseAll(self.dns, for: "--dns", OptsFlagParsers.ipAddress)
        host.dnsOptions = self.dnsOption
        host.dnsSearch = try FlagValue.parseAll(self.dnsSearch, for: "--dns-search", OptsFlagParsers.dnsSearch)
        host.annotations = try FlagValue.keyValues(self.annotation, for: "--annotation", bareValue: "")
        if self.logDriver == "none" && !self.logOpt.isEmpty {
            throw FlagValue.conflict("invalid logging opts for driver none")
        }
        if self.logDriver != nil || !self.logOpt.isEmpty {
            host.logConfig = HostConfig.LogConfig(
                type: HostConfig.LogConfig.Kind(rawValue: self.logDriver ?? ""),
                config: try FlagValue.keyValues(self.logOpt, for: "--log-opt", bareValue: "") ?? [:])
        }
        let (exposed, bindings) = try Self.ports(publish: self.publish, expose: self.expose)
        host.portBindings = bindings
        host.publishAllPorts = self.publishAll ? true : nil
        body.exposedPorts = exposed.isEmpty ? nil : exposed
        body.hostConfig = host
        return body
    }

    /// docker's check of the image before the request, once the flags and the `--cidfile` are
    /// (distribution/reference's `ParseAnyReference`): an image's full id, or a name as
    /// ``ImageName`` reads it; else `invalid reference format…`, thrown as the daemon's error
    /// would be (`create` exits 1, `run` 125). The daemon would create a container of `""`.
    static func checkImageReference(_ image: String) throws {
        if !ImageName.isFullID(image) { _ = try ImageName(parsing: image) }
    }

    /// docker's `parseNetworkOpts`: the network mode (the first `--network`, `default` without
    /// one), and an endpoint for each network. The single-network flags apply to the first; the
    /// endpoint of a single `--network` with nothing set is left out (the daemon makes it), while
    /// `default` always has one.
    /// The first network's MAC address goes container-wide, which the library moves to the
    /// endpoint from API 1.44 and older daemons read there; the others need 1.44.
    private func networking() throws -> (mode: String, endpoints: [String: EndpointSettings], macAddress: String?) {
        let given = try FlagValue.parseAll(self.network, for: "--network", NetworkAttachment.init(parsing:))
        var attachments = given.nilIfEmpty ?? [NetworkAttachment(target: "default")]
        try attachments[0].apply(self)
        var endpoints: [String: EndpointSettings] = [:]
        var macAddress: String?
        for (index, attachment) in attachments.enumerated() {
            var endpoint = try attachment.checkedEndpointSettings()
            guard endpoints[attachment.target] == nil else {
                throw FlagValue.conflict("network \(GoQuote.quote(attachment.target)) is specified multiple times")
            }
            if index == 0 {
                macAddress = endpoint.macAddress
                endpoint.macAddress = nil
                if given.count == 1 && endpoint == EndpointSettings() { continue }
            }
            endpoints[attachment.target] = endpoint
        }
        if given.contains(where: \.isUserDefined) && given.contains(where: { !$0.isUserDefined }) {
            throw FlagValue.conflict("conflicting options: cannot attach both user-defined and non-user-defined network-modes")
        }
        return (attachments[0].target, endpoints, macAddress)
    }

    /// `--health-*` and `--no-healthcheck`: `nil` when none is given (the image's check
    /// stays); `["NONE"]` disables it; `--health-cmd` runs with the container's shell.
    private func healthcheck() throws -> HealthConfig? {
        let interval = try self.healthInterval.map { try FlagValue.parse($0, for: "--health-interval", FlagValue.duration) }
        let timeout = try self.healthTimeout.map { try FlagValue.parse($0, for: "--health-timeout", FlagValue.duration) }
        let startPeriod = try self.healthStartPeriod.map { try FlagValue.parse($0, for: "--health-start-period", FlagValue.duration) }
        let startInterval = try self.healthStartInterval.map { try FlagValue.parse($0, for: "--health-start-interval", FlagValue.duration) }
        let retries = try self.healthRetries?.value(for: "--health-retries")
        let settings: [(String, Int64?)] = [
            ("--health-interval", interval), ("--health-timeout", timeout), ("--health-start-period", startPeriod),
            ("--health-start-interval", startInterval), ("--health-retries", retries.map(Int64.init)),
        ]
        let given = !(self.healthCmd ?? "").isEmpty || settings.contains { ($0.1 ?? 0) != 0 }
        if self.noHealthcheck {
            if given { throw FlagValue.conflict("--no-healthcheck conflicts with --health-* options") }
            return HealthConfig(test: ["NONE"])
        }
        guard given else { return nil }
        if let (flag, _) = settings.first(where: { ($0.1 ?? 0) < 0 }) {
            throw FlagValue.conflict("\(flag) cannot be negative")
        }
        return HealthConfig(
            test: self.healthCmd.flatMap { $0.isEmpty ? nil : ["CMD-SHELL", $0] },
            interval: interval, timeout: timeout, retries: retries, startPeriod: startPeriod, startInterval: startInterval)
    }

    /// Memory, block IO, devices and process limits beyond the ones `update` shares. The block
    /// IO lists, `Devices`, `Ulimits` (and `PortBindings`, `Dns*`) are sent empty rather than
    /// left out, as docker sends them, so that inspect shows the same either way.
    private func applyLimits(to host: inout HostConfig) throws {
        let swappiness = try self.memorySwappiness.value(for: "--memory-swappiness")
        if swappiness != -1 {
            guard (0...100).contains(swappiness) else {
                throw FlagValue.conflict("invalid value: \(swappiness). Valid memory swappiness range is 0-100")
            }
            host.memorySwappiness = swappiness
        }
        host.kernelMemory = try MemorySize.kernelMemory(self.kernelMemory)
        host.cpuCount = try self.cpuCount?.value(for: "--cpu-count")
        host.cpuPercent = try self.cpuPercent?.value(for: "--cpu-percent")
        host.ioMaximumBandwidth = try self.ioMaxbandwidth.map { try FlagValue.parse($0, for: "--io-maxbandwidth", MemorySize.parse) }
        host.ioMaximumIOps = try self.ioMaxiops.map { Int64(clamping: try $0.value(for: "--io-maxiops")) }
        host.oomKillDisable = self.oomKillDisable ? true : nil
        host.oomScoreAdj = try self.oomScoreAdj?.value(for: "--oom-score-adj")
        host.shmSize = try self.shmSize.map { try FlagValue.parse($0, for: "--shm-size", MemorySize.parse) }
        host.ulimits = try ContainerFlagParsers.ulimits(self.ulimit)
        host.cgroupParent = self.cgroupParent
        host.blkioWeightDevice = try FlagValue.parseAll(
            self.blkioWeightDevice, for: "--blkio-weight-device", ContainerFlagParsers.weightDevice)
        host.blkioDeviceReadBps = try FlagValue.parseAll(self.deviceReadBps, for: "--device-read-bps", ContainerFlagParsers.throttleBytes)
        host.blkioDeviceWriteBps = try FlagValue.parseAll(
            self.deviceWriteBps, for: "--device-write-bps", ContainerFlagParsers.throttleBytes)
        host.blkioDeviceReadIOps = try FlagValue.parseAll(self.deviceReadIops, for: "--device-read-iops", ContainerFlagParsers.throttleIOps)
        host.blkioDeviceWriteIOps = try FlagValue.parseAll(
            self.deviceWriteIops, for: "--device-write-iops", ContainerFlagParsers.throttleIOps)
        let devices = try self.device.flatMap { text in
            do {
                return try ContainerFlagParsers.device(text)
            } catch let error as InvalidFlagValue {
                throw FlagValue.conflict(error.reason)
            }
        }
        host.devices = devices
        host.deviceRequests = try FlagValue.parseAll(self.gpus, for: "--gpus", ContainerFlagParsers.gpuRequest).nilIfEmpty
        host.deviceCgroupRules = try FlagValue.parseAll(
            self.deviceCgroupRule, for: "--device-cgroup-rule", ContainerFlagParsers.deviceCgroupRule
        ).nilIfEmpty
    }

    /// Mounts and storage options (`-v`'s binds are set with the config's volumes).
    private func applyStorage(to host: inout HostConfig) throws {
        host.volumeDriver = self.volumeDriver
        host.volumesFrom = self.volumesFrom.nilIfEmpty
        host.mounts = (try FlagValue.parseAll(self.mount, for: "--mount", MountArgument.parse)).nilIfEmpty
        host.tmpfs =
            self.tmpfs.isEmpty
            ? nil
            : Dictionary(
                // As docker's `strings.Cut`: an empty value or path is the daemon's to refuse.
                self.tmpfs.map { entry in
                    let (path, options) = entry.cut(atFirst: ":") ?? (Substring(entry), "")
                    return (String(path), String(options))
                }, uniquingKeysWith: { $1 })
        if self.storageOpt.contains(where: { !$0.contains(scalar: "=") }) { throw FlagValue.conflict("invalid storage option") }
        host.storageOpt = try FlagValue.keyValues(self.storageOpt, for: "--storage-opt")
    }

    /// Privileges, security options, sysctls and namespaces.
    private func applyIsolation(to host: inout HostConfig) throws {
        host.privileged = self.privileged
        host.readonlyRootfs = self.readOnly
        host.capAdd = self.capAdd.nilIfEmpty
        host.capDrop = self.capDrop.nilIfEmpty
        host.groupAdd = self.groupAdd.nilIfEmpty
        let security = try SecurityOptions(self.securityOpt)
        host.securityOpt = self.securityOpt.isEmpty ? nil : security.options
        host.maskedPaths = security.maskedPaths
        host.readonlyPaths = security.readonlyPaths
        if !self.sysctl.isEmpty {
            host.sysctls = Dictionary(
                try FlagValue.parseAll(self.sysctl, for: "--sysctl", ContainerFlagParsers.sysctl), uniquingKeysWith: { $1 })
        }
        host.ipcMode = self.ipc
        host.pidMode = try Self.namespaceMode(self.pid, flag: "--pid", kind: "PID", allowsContainer: true)
        host.utsMode = try Self.namespaceMode(self.uts, flag: "--uts", kind: "UTS", allowsContainer: false)
        host.usernsMode = try Self.namespaceMode(self.userns, flag: "--userns", kind: "USER", allowsContainer: false)
        if let cgroupns = self.cgroupns {
            guard ["", "host", "private"].contains(cgroupns) else { throw FlagValue.conflict("--cgroupns: invalid CGROUP mode") }
            host.cgroupnsMode = cgroupns.isEmpty ? nil : HostConfig.CgroupnsMode(rawValue: cgroupns)
        }
        host.isolation = self.isolation.map { HostConfig.Isolation(rawValue: $0) }
        host.runtime = self.runtime
    }

    /// `--pid`, `--uts`, `--userns`: empty or `host`, and for `--pid` also `container:NAME`.
    private static func namespaceMode(_ mode: String?, flag: String, kind: String, allowsContainer: Bool) throws -> String? {
        guard let mode else { return nil }
        let valid = mode.isEmpty || mode == "host" || (allowsContainer && mode.cut(prefix: "container:")?.isEmpty == false)
        guard valid else { throw FlagValue.conflict("\(flag): invalid \(kind) mode") }
        return mode
    }

    /// The exposed ports and the host bindings of `--publish` and `--expose`, read as docker
    /// reads them (``PortSpec``): each port of a range on its own, `--expose` refusing a host
    /// part. A refused value fails with docker's message and exit code 125.
    static func ports(publish: [String], expose: [String]) throws -> (exposed: [String: EmptyObject], bindings: PortMap) {
        var exposed: [String: EmptyObject] = [:]
        var bindings: PortMap = [:]
        do {
            for value in publish {
                for mapping in try PortSpec.mappings(try PortSpec.standardNotation(value)) {
                    exposed[mapping.port] = EmptyObject()
                    bindings[mapping.port, default: []]?.append(PortBinding(hostIp: mapping.hostIP, hostPort: mapping.hostPort))
                }
            }
            for value in expose {
                guard !value.contains(scalar: ":") else { throw InvalidFlagValue(reason: "invalid port format for --expose: \(value)") }
                let (proto, port) = PortSpec.splitProtoPort(value)
                let ports: ClosedRange<UInt64>
                do {
                    ports = try PortSpec.range(port)
                } catch let error as InvalidFlagValue {
                    throw InvalidFlagValue(reason: "invalid range format for --expose: \(value), error: \(error.reason)")
                }
                for port in ports { exposed["\(port)/\(proto)"] = EmptyObject() }
            }
        } catch let error as InvalidFlagValue {
            throw CommandFailure(description: error.reason, exitCode: 125)
        }
        return (exposed, bindings)
    }
}
