import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The flags `service create` and `service update` share (docker's `addServiceFlags`, and
/// `--init` and `--oom-score-adj`, which both commands add), with docker's names, help and
/// value syntax, and their translation into a ``ServiceSpec``.
///
/// A flag that was not given is nil (or empty, or false): `update` changes only what the given
/// flags name, keeping the rest of the service's spec, and `create` starts from docker's
/// defaults. A group of settings (restart policy, update or rollback configuration) that a
/// service does not have yet starts from swarmkit's defaults when one of its flags is given.
/// Values are read as docker reads them; ``checkValues()`` refuses a malformed one before any
/// request, with docker's message and exit code 125.
///
/// `--tty`, `--read-only` and `--init` are nil when not given: docker's `--tty=false` (which
/// ``PflagSyntax`` turns into `--no-tty`) turns off what an update would otherwise keep.
struct ServiceFlags: ParsableArguments {
    @Flag(name: [.customShort("d"), .long], help: "Exit immediately instead of waiting for the service to converge")
    var detach = false
    @Flag(name: [.customShort("q"), .long], help: "Suppress progress output") var quiet = false
    @Option(name: [.customShort("w"), .long], parsing: .unconditional, help: "Working directory inside the container")
    var workdir: String?
    @Option(name: [.customShort("u"), .long], parsing: .unconditional, help: "Username or UID (format: <name|uid>[:<group|gid>])")
    var user: String?
    @Option(name: .long, parsing: .unconditional, help: "Credential spec for managed service account (Windows only)")
    var credentialSpec: String?
    @Option(name: .long, parsing: .unconditional, help: "Container hostname") var hostname: String?
    @Option(name: .long, parsing: .unconditional, help: "Overwrite the default ENTRYPOINT of the image") var entrypoint: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add Linux capabilities") var capAdd: [String] = []
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Drop Linux capabilities") var capDrop: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Limit CPUs") var limitCpu: String?
    @Option(name: .long, parsing: .unconditional, help: "Limit Memory") var limitMemory: String?
    @Option(name: .long, parsing: .unconditional, help: "Reserve CPUs") var reserveCpu: String?
    @Option(name: .long, parsing: .unconditional, help: "Reserve Memory") var reserveMemory: String?
    @Option(name: .long, parsing: .unconditional, help: "Limit maximum number of processes (default 0 = unlimited)")
    var limitPids: String?
    @Option(name: .long, parsing: .unconditional, help: "Time to wait before force killing a container (ns|us|ms|s|m|h) (default 10s)")
    var stopGracePeriod: String?
    @Option(name: .long, parsing: .unconditional, help: "Number of tasks") var replicas: String?
    @Option(name: .long, parsing: .unconditional, help: "Number of job tasks to run concurrently (default equal to --replicas)")
    var maxConcurrent: String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum number of tasks per node (default 0 = unlimited)")
    var replicasMaxPerNode: String?
    @Option(name: .long, parsing: .unconditional, help: #"Restart when condition is met ("none", "on-failure", "any") (default "any")"#)
    var restartCondition: String?
    @Option(name: .long, parsing: .unconditional, help: "Delay between restart attempts (ns|us|ms|s|m|h) (default 5s)")
    var restartDelay: String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum number of restarts before giving up") var restartMaxAttempts: String?
    @Option(name: .long, parsing: .unconditional, help: "Window used to evaluate the restart policy (ns|us|ms|s|m|h)")
    var restartWindow: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Maximum number of tasks updated simultaneously (0 to update all at once) (default 1)")
    var updateParallelism: String?
    @Option(name: .long, parsing: .unconditional, help: "Delay between updates (ns|us|ms|s|m|h) (default 0s)") var updateDelay: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Duration after each task update to monitor for failure (ns|us|ms|s|m|h) (default 5s)")
    var updateMonitor: String?
    @Option(
        name: .long, parsing: .unconditional, help: #"Action on update failure ("pause", "continue", "rollback") (default "pause")"#)
    var updateFailureAction: String?
    @Option(name: .long, parsing: .unconditional, help: "Failure rate to tolerate during an update (default 0)")
    var updateMaxFailureRatio: String?
    @Option(name: .long, parsing: .unconditional, help: #"Update order ("start-first", "stop-first") (default "stop-first")"#)
    var updateOrder: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Maximum number of tasks rolled back simultaneously (0 to roll back all at once) (default 1)")
    var rollbackParallelism: String?
    @Option(name: .long, parsing: .unconditional, help: "Delay between task rollbacks (ns|us|ms|s|m|h) (default 0s)")
    var rollbackDelay: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h) (default 5s)")
    var rollbackMonitor: String?
    @Option(name: .long, parsing: .unconditional, help: #"Action on rollback failure ("pause", "continue") (default "pause")"#)
    var rollbackFailureAction: String?
    @Option(name: .long, parsing: .unconditional, help: "Failure rate to tolerate during a rollback (default 0)")
    var rollbackMaxFailureRatio: String?
    @Option(name: .long, parsing: .unconditional, help: #"Rollback order ("start-first", "stop-first") (default "stop-first")"#)
    var rollbackOrder: String?
    @Option(name: .long, parsing: .unconditional, help: #"Endpoint mode (vip or dnsrr) (default "vip")"#) var endpointMode: String?
    @Flag(name: .long, help: "Send registry authentication details to swarm agents") var withRegistryAuth = false
    @Flag(name: .long, help: "Do not query the registry to resolve image digest and supported platforms") var noResolveImage = false
    @Option(name: .long, parsing: .unconditional, help: "Logging driver for service") var logDriver: String?
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Logging driver options") var logOpt: [String] = []
    @Option(name: .long, parsing: .unconditional, help: "Command to run to check health") var healthCmd: String?
    @Option(name: .long, parsing: .unconditional, help: "Time between running the check (ms|s|m|h)") var healthInterval: String?
    @Option(name: .long, parsing: .unconditional, help: "Maximum time to allow one check to run (ms|s|m|h)") var healthTimeout: String?
    @Option(name: .long, parsing: .unconditional, help: "Consecutive failures needed to report unhealthy") var healthRetries: String?
    @Option(
        name: .long, parsing: .unconditional,
        help: "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)")
    var healthStartPeriod: String?
    @Option(name: .long, parsing: .unconditional, help: "Time between running the check during the start period (ms|s|m|h)")
    var healthStartInterval: String?
    @Flag(name: .long, help: "Disable any container-specified HEALTHCHECK") var noHealthcheck = false
    @Flag(name: [.customShort("t"), .long], inversion: .prefixedNo, help: "Allocate a pseudo-TTY") var tty: Bool?
    @Flag(name: .long, inversion: .prefixedNo, help: "Mount the container's root filesystem as read only") var readOnly: Bool?
    @Option(name: .long, parsing: .unconditional, help: "Signal to stop the container") var stopSignal: String?
    @Option(name: .long, parsing: .unconditional, help: "Service container isolation mode") var isolation: String?
    @Flag(name: .long, inversion: .prefixedNo, help: "Use an init inside each service container to forward signals and reap processes")
    var `init`: Bool?
    @Option(name: .long, parsing: .unconditional, help: "Tune host's OOM preferences (-1000 to 1000) ") var oomScoreAdj: String?

    // MARK: Values

    /// `--entrypoint` split into words (nil when not given; empty for `""`).
    var entrypointWords: [String]? {
        get throws { try Self.parse(self.entrypoint, "--entrypoint", ShellWords.split) }
    }

    /// `--credential-spec`, nil when not given or empty.
    var credentialSpecValue: TaskSpec.ContainerSpec.Privileges.CredentialSpec? {
        get throws { try Self.parse(self.credentialSpec, "--credential-spec", ServiceFlagParsers.credentialSpec) ?? nil }
    }

    var stopGracePeriodValue: Int64? {
        get throws { try Self.parse(self.stopGracePeriod, "--stop-grace-period", FlagValue.duration) }
    }

    var replicasValue: Int64? {
        get throws { try Self.parse(self.replicas, "--replicas", Self.unsigned) }
    }

    var maxConcurrentValue: Int64? {
        get throws { try Self.parse(self.maxConcurrent, "--max-concurrent", Self.unsigned) }
    }

    var maxReplicasValue: Int64? {
        get throws { try Self.parse(self.replicasMaxPerNode, "--replicas-max-per-node", Self.unsigned) }
    }

    var oomScoreAdjValue: Int64? {
        get throws { try Self.parse(self.oomScoreAdj, "--oom-score-adj", GoNumber.signed) }
    }

    /// `--log-opt` entries, each read as an environment entry (docker's validation of them).
    var logOptions: [String] {
        get throws { try FlagValue.parseAll(self.logOpt, for: "--log-opt", OptsFlagParsers.environment) }
    }

    /// Refuses a malformed value of any of these flags with docker's message and exit code 125,
    /// before anything is asked of the daemon (docker reads every value as it parses the
    /// command line).
    func checkValues() throws {
        _ = try self.entrypointWords
        _ = try self.credentialSpecValue
        _ = try self.stopGracePeriodValue
        _ = try self.replicasValue
        _ = try self.maxConcurrentValue
        _ = try self.maxReplicasValue
        _ = try self.oomScoreAdjValue
        _ = try self.logOptions
        _ = try self.limits()
        _ = try self.reservations()
        _ = try self.restartSettings()
        _ = try self.rolloutSettings(self.updateRollout)
        _ = try self.rolloutSettings(self.rollbackRollout)
        _ = try self.healthSettings()
    }

    // MARK: Applying the flags

    /// Sets what the given flags name on `spec`, keeping everything else: the container's
    /// directory, user, hostname, entrypoint, init, isolation, stop grace period and signal,
    /// TTY, read-only root and OOM score; the resources, restart policy, tasks per node and log
    /// driver of its tasks; the update and rollback configurations. (Capabilities, health
    /// check, endpoint mode and replicas differ between create and update: see their methods.)
    func apply(to spec: inout ServiceSpec) throws {
        var task = spec.taskTemplate ?? TaskSpec()
        var container = task.containerSpec ?? TaskSpec.ContainerSpec()
        if let workdir = self.workdir { container.dir = workdir }
        if let user = self.user { container.user = user }
        if let hostname = self.hostname { container.hostname = hostname }
        if let words = try self.entrypointWords { container.command = words.isEmpty ? nil : words }
        if let initProcess = self.`init` { container.`init` = initProcess }
        if let isolation = self.isolation { container.isolation = isolation.isEmpty ? nil : .init(rawValue: isolation) }
        if let grace = try self.stopGracePeriodValue { container.stopGracePeriod = grace }
        if let tty = self.tty { container.tty = tty }
        if let readOnly = self.readOnly { container.readOnly = readOnly }
        if let signal = self.stopSignal { container.stopSignal = signal }
        if let adjustment = try self.oomScoreAdjValue { container.oomScoreAdj = adjustment }
        task.containerSpec = container
        try self.applyResources(to: &task)
        task.restartPolicy = try self.restartPolicy(from: task.restartPolicy)
        if let maxReplicas = try self.maxReplicasValue {
            var placement = task.placement ?? .init()
            placement.maxReplicas = maxReplicas == 0 ? nil : maxReplicas
            task.placement = placement
        }
        if let name = self.logDriver, !name.isEmpty {
            // The options are replaced with the given ones, as docker replaces them.
            task.logDriver = .init(name: name, options: keyValueMap(try self.logOptions))
        }
        spec.taskTemplate = task
        spec.updateConfig = try self.updateConfig(from: spec.updateConfig)
        spec.rollbackConfig = try self.rollbackConfig(from: spec.rollbackConfig)
    }

    /// `--limit-*` and `--reserve-*` on the task's resources: a given limit replaces the
    /// service's (0 removes it), the others stay.
    private func applyResources(to task: inout TaskSpec) throws {
        if let given = try self.limits() {
            var resources = task.resources ?? .init()
            var limits = resources.limits ?? Limit()
            if let cpus = given.cpus { limits.nanoCPUs = Self.nonZero(cpus) }
            if let memory = given.memory { limits.memoryBytes = Self.nonZero(memory) }
            if let pids = given.pids { limits.pids = Self.nonZero(pids) }
            resources.limits = limits
            task.resources = resources
        }
        if let given = try self.reservations() {
            var resources = task.resources ?? .init()
            var reservations = resources.reservations ?? ResourceObject()
            if let cpus = given.cpus { reservations.nanoCPUs = Self.nonZero(cpus) }
            if let memory = given.memory { reservations.memoryBytes = Self.nonZero(memory) }
            resources.reservations = reservations
            task.resources = resources
        }
    }

    private func limits() throws -> (cpus: Int64?, memory: Int64?, pids: Int64?)? {
        let cpus = try Self.parse(self.limitCpu, "--limit-cpu", NanoCPUs.parse)
        let memory = try Self.parse(self.limitMemory, "--limit-memory", MemorySize.parse)
        let pids = try Self.parse(self.limitPids, "--limit-pids", GoNumber.signed)
        return cpus == nil && memory == nil && pids == nil ? nil : (cpus, memory, pids)
    }

    private func reservations() throws -> (cpus: Int64?, memory: Int64?)? {
        let cpus = try Self.parse(self.reserveCpu, "--reserve-cpu", NanoCPUs.parse)
        let memory = try Self.parse(self.reserveMemory, "--reserve-memory", MemorySize.parse)
        return cpus == nil && memory == nil ? nil : (cpus, memory)
    }

    /// The restart policy the `--restart-*` flags make of `current`: `current` when none is
    /// given; else `current`, or swarmkit's default (restart on any exit, 5 s apart, without
    /// limit), with the given settings.
    func restartPolicy(from current: TaskSpec.RestartPolicy?) throws -> TaskSpec.RestartPolicy? {
        guard let given = try self.restartSettings() else { return current }
        var policy = current ?? TaskSpec.RestartPolicy(condition: .`any`, delay: 5_000_000_000, maxAttempts: 0)
        if let condition = self.restartCondition { policy.condition = .init(rawValue: condition) }
        if let delay = given.delay { policy.delay = delay }
        if let maxAttempts = given.maxAttempts { policy.maxAttempts = maxAttempts }
        if let window = given.window { policy.window = window }
        return policy
    }

    private func restartSettings() throws -> (delay: Int64?, maxAttempts: Int64?, window: Int64?)? {
        let delay = try Self.parse(self.restartDelay, "--restart-delay", FlagValue.duration)
        let maxAttempts = try Self.parse(self.restartMaxAttempts, "--restart-max-attempts", Self.unsigned)
        let window = try Self.parse(self.restartWindow, "--restart-window", FlagValue.duration)
        let given = self.restartCondition != nil || delay != nil || maxAttempts != nil || window != nil
        return given ? (delay, maxAttempts, window) : nil
    }

    /// The `--update-*` or `--rollback-*` flags, with their names.
    private struct Rollout {
        var prefix: String
        var parallelism: String?
        var delay: String?
        var monitor: String?
        var failureAction: String?
        var maxFailureRatio: String?
        var order: String?
    }

    /// What the given flags of one group set.
    private struct RolloutSettings {
        var parallelism: Int64?
        var delay: Int64?
        var monitor: Int64?
        var failureAction: String?
        var maxFailureRatio: Double?
        var order: String?
    }

    private var updateRollout: Rollout {
        Rollout(
            prefix: "update", parallelism: self.updateParallelism, delay: self.updateDelay, monitor: self.updateMonitor,
            failureAction: self.updateFailureAction, maxFailureRatio: self.updateMaxFailureRatio, order: self.updateOrder)
    }

    private var rollbackRollout: Rollout {
        Rollout(
            prefix: "rollback", parallelism: self.rollbackParallelism, delay: self.rollbackDelay, monitor: self.rollbackMonitor,
            failureAction: self.rollbackFailureAction, maxFailureRatio: self.rollbackMaxFailureRatio, order: self.rollbackOrder)
    }

    private func rolloutSettings(_ rollout: Rollout) throws -> RolloutSettings? {
        let settings = RolloutSettings(
            parallelism: try Self.parse(rollout.parallelism, "--\(rollout.prefix)-parallelism", Self.unsigned),
            delay: try Self.parse(rollout.delay, "--\(rollout.prefix)-delay", FlagValue.duration),
            monitor: try Self.parse(rollout.monitor, "--\(rollout.prefix)-monitor", FlagValue.duration),
            failureAction: rollout.failureAction,
            maxFailureRatio: try Self.parse(rollout.maxFailureRatio, "--\(rollout.prefix)-max-failure-ratio") {
                try GoNumber.float($0, bits: 32)
            },
            order: rollout.order)
        let given = [rollout.parallelism, rollout.delay, rollout.monitor, rollout.failureAction, rollout.maxFailureRatio, rollout.order]
        return given.contains { $0 != nil } ? settings : nil
    }

    /// The update configuration the `--update-*` flags make of `current`: `current` when none
    /// is given; else `current`, or swarmkit's default (one task at a time, no delay, 5 s of
    /// monitoring, pause on failure, none tolerated, stop first), with the given settings.
    func updateConfig(from current: ServiceSpec.UpdateConfig?) throws -> ServiceSpec.UpdateConfig? {
        try self.rollout(current, self.updateRollout, default: ServiceSpec.UpdateConfig(parallelism: 1, maxFailureRatio: 0))
    }

    /// The rollback configuration the `--rollback-*` flags make of `current`, as
    /// ``updateConfig(from:)`` does with swarmkit's default rollback configuration (the same).
    func rollbackConfig(from current: ServiceSpec.RollbackConfig?) throws -> ServiceSpec.RollbackConfig? {
        try self.rollout(current, self.rollbackRollout, default: ServiceSpec.RollbackConfig(parallelism: 1, maxFailureRatio: 0))
    }

    /// `current` (or `empty` with swarmkit's defaults) with the settings of `rollout` given.
    private func rollout<Config: RolloutConfig>(_ current: Config?, _ rollout: Rollout, default empty: Config) throws -> Config? {
        guard let given = try self.rolloutSettings(rollout) else { return current }
        var config =
            current
            ?? {
                var config = empty
                config.failureActionName = "pause"
                config.monitor = 5_000_000_000
                config.orderName = "stop-first"
                return config
            }()
        if let parallelism = given.parallelism { config.parallelism = parallelism }
        if let delay = given.delay { config.delay = delay }
        if let monitor = given.monitor { config.monitor = monitor }
        if let action = given.failureAction { config.failureActionName = action }
        if let ratio = given.maxFailureRatio { config.maxFailureRatio = ratio }
        if let order = given.order { config.orderName = order }
        return config
    }

    // MARK: Health check

    private struct HealthSettings {
        var interval: Int64?
        var timeout: Int64?
        var retries: Int?
        var startPeriod: Int64?
        var startInterval: Int64?
    }

    private func healthSettings() throws -> HealthSettings {
        HealthSettings(
            interval: try Self.parse(self.healthInterval, "--health-interval", ServiceFlagParsers.positiveDuration),
            timeout: try Self.parse(self.healthTimeout, "--health-timeout", ServiceFlagParsers.positiveDuration),
            retries: try Self.parse(self.healthRetries, "--health-retries") { Int(try GoNumber.signed($0)) },
            startPeriod: try Self.parse(self.healthStartPeriod, "--health-start-period", ServiceFlagParsers.positiveDuration),
            startInterval: try Self.parse(self.healthStartInterval, "--health-start-interval", ServiceFlagParsers.positiveDuration))
    }

    private static var healthConflict: CommandFailure {
        CommandFailure(description: "--no-healthcheck conflicts with --health-* options")
    }

    /// The health check of a new service: `NONE` with `--no-healthcheck`, the given settings
    /// (`--health-cmd` run by the container's shell) when any is, else nil (the image's).
    func newHealthCheck() throws -> HealthConfig? {
        let settings = try self.healthSettings()
        let given =
            !(self.healthCmd ?? "").isEmpty || settings.interval != nil || settings.timeout != nil || settings.startPeriod != nil
            || settings.startInterval != nil || (settings.retries ?? 0) != 0
        if self.noHealthcheck {
            guard !given else { throw Self.healthConflict }
            return HealthConfig(test: ["NONE"])
        }
        guard given else { return nil }
        return HealthConfig(
            test: self.healthCmd.flatMap { $0.isEmpty ? nil : ["CMD-SHELL", $0] }, interval: settings.interval.flatMap(Self.nonZero),
            timeout: settings.timeout.flatMap(Self.nonZero), retries: settings.retries.flatMap(Self.nonZero),
            startPeriod: settings.startPeriod.flatMap(Self.nonZero), startInterval: settings.startInterval.flatMap(Self.nonZero))
    }

    /// The health check the flags make of a service's `current` one: `NONE` with
    /// `--no-healthcheck`; else `current` (no longer disabled) with the given settings, an empty
    /// `--health-cmd` removing the command; `current` when no health flag is given.
    func updatedHealthCheck(_ current: HealthConfig?) throws -> HealthConfig? {
        let settings = try self.healthSettings()
        let given =
            self.healthCmd != nil || settings.interval != nil || settings.timeout != nil || settings.retries != nil
            || settings.startPeriod != nil || settings.startInterval != nil
        if self.noHealthcheck {
            guard !given else { throw Self.healthConflict }
            return HealthConfig(test: ["NONE"])
        }
        guard given else { return current }
        var health = current ?? HealthConfig()
        if health.test?.first == "NONE" { health.test = nil }
        if let interval = settings.interval { health.interval = interval }
        if let timeout = settings.timeout { health.timeout = timeout }
        if let startPeriod = settings.startPeriod { health.startPeriod = startPeriod }
        if let startInterval = settings.startInterval { health.startInterval = startInterval }
        if let retries = settings.retries { health.retries = retries }
        if let command = self.healthCmd { health.test = command.isEmpty ? nil : ["CMD-SHELL", command] }
        return health
    }

    // MARK: Flags given, API versions

    /// The docker names of the flags given, each with the API version it needs (docker's
    /// `version` annotations; nil when every daemon this client speaks to has it).
    var givenFlags: [(name: String, minimumAPI: APIVersion?)] {
        var flags: [(name: String, minimumAPI: APIVersion?)] = []
        func note(_ given: Bool, _ name: String, since minor: Int? = nil) {
            if given { flags.append((name, minor.map { APIVersion(1, $0) })) }
        }
        note(self.detach, "detach", since: 29)
        note(self.quiet, "quiet")
        note(self.workdir != nil, "workdir")
        note(self.user != nil, "user")
        note(self.credentialSpec != nil, "credential-spec", since: 29)
        note(self.hostname != nil, "hostname", since: 25)
        note(self.entrypoint != nil, "entrypoint")
        note(!self.capAdd.isEmpty, "cap-add", since: 41)
        note(!self.capDrop.isEmpty, "cap-drop", since: 41)
        note(self.limitCpu != nil, "limit-cpu")
        note(self.limitMemory != nil, "limit-memory")
        note(self.reserveCpu != nil, "reserve-cpu")
        note(self.reserveMemory != nil, "reserve-memory")
        note(self.limitPids != nil, "limit-pids", since: 41)
        note(self.stopGracePeriod != nil, "stop-grace-period")
        note(self.replicas != nil, "replicas")
        note(self.maxConcurrent != nil, "max-concurrent", since: 41)
        note(self.replicasMaxPerNode != nil, "replicas-max-per-node", since: 40)
        note(self.restartCondition != nil, "restart-condition")
        note(self.restartDelay != nil, "restart-delay")
        note(self.restartMaxAttempts != nil, "restart-max-attempts")
        note(self.restartWindow != nil, "restart-window")
        note(self.updateParallelism != nil, "update-parallelism")
        note(self.updateDelay != nil, "update-delay")
        note(self.updateMonitor != nil, "update-monitor", since: 25)
        note(self.updateFailureAction != nil, "update-failure-action")
        note(self.updateMaxFailureRatio != nil, "update-max-failure-ratio", since: 25)
        note(self.updateOrder != nil, "update-order", since: 29)
        note(self.rollbackParallelism != nil, "rollback-parallelism", since: 28)
        note(self.rollbackDelay != nil, "rollback-delay", since: 28)
        note(self.rollbackMonitor != nil, "rollback-monitor", since: 28)
        note(self.rollbackFailureAction != nil, "rollback-failure-action", since: 28)
        note(self.rollbackMaxFailureRatio != nil, "rollback-max-failure-ratio", since: 28)
        note(self.rollbackOrder != nil, "rollback-order", since: 29)
        note(self.endpointMode != nil, "endpoint-mode")
        note(self.withRegistryAuth, "with-registry-auth")
        note(self.noResolveImage, "no-resolve-image", since: 30)
        note(self.logDriver != nil, "log-driver")
        note(!self.logOpt.isEmpty, "log-opt")
        note(self.healthCmd != nil, "health-cmd", since: 25)
        note(self.healthInterval != nil, "health-interval", since: 25)
        note(self.healthTimeout != nil, "health-timeout", since: 25)
        note(self.healthRetries != nil, "health-retries", since: 25)
        note(self.healthStartPeriod != nil, "health-start-period", since: 29)
        note(self.healthStartInterval != nil, "health-start-interval", since: 44)
        note(self.noHealthcheck, "no-healthcheck", since: 25)
        note(self.tty != nil, "tty", since: 25)
        note(self.readOnly != nil, "read-only", since: 28)
        note(self.stopSignal != nil, "stop-signal", since: 28)
        note(self.isolation != nil, "isolation", since: 35)
        note(self.`init` != nil, "init", since: 37)
        note(self.oomScoreAdj != nil, "oom-score-adj", since: 46)
        return flags
    }

    // MARK: Image

    /// What docker's client does to the image of a spec before sending it: a reference
    /// without tag or digest gets `:latest`; with `query` the registry is asked (through the
    /// daemon, with `credentials`) for the image's digest, which pins it (`name:tag@digest`),
    /// and for its platforms, which the placement then requires. Returns docker's warning when
    /// the registry could not be asked (the spec then keeps the tag alone).
    static func resolveImage(of spec: inout ServiceSpec, query: Bool, credentials: RegistryAuth?, client: DockerClient) async -> String? {
        guard var task = spec.taskTemplate, var container = task.containerSpec else { return nil }
        let given = container.image ?? ""
        let image = (try? ImageName(parsing: given)).map { $0.withDefaultTag.familiarString } ?? given
        container.image = image
        var warning: String?
        if query {
            do {
                let found = try await client.distribution.inspect(image, credentials: credentials)
                if var name = try? ImageName(parsing: image), name.digest == nil, let digest = found.descriptor.digest, !digest.isEmpty {
                    name.digest = digest
                    container.image = name.familiarString
                }
                if let platforms = found.platforms, !platforms.isEmpty {
                    var placement = task.placement ?? .init()
                    // As docker: nodes report `armv7l` and the like, never `arm`, so `arm`
                    // constrains nothing.
                    placement.platforms = platforms.map { platform in
                        .init(architecture: platform.architecture?.lowercased() == "arm" ? nil : platform.architecture, os: platform.os)
                    }
                    task.placement = placement
                }
            } catch {
                warning =
                    "image \(image) could not be accessed on a registry to record\nits digest. Each node will access \(image) "
                    + "independently,\npossibly leading to different nodes running different\nversions of the image.\n"
            }
        }
        task.containerSpec = container
        spec.taskTemplate = task
        return warning
    }

    // MARK: Helpers

    /// `text` read with `parser`, refused as the value of `flag`; nil when not given.
    private static func parse<Value>(_ text: String?, _ flag: String, _ parser: (String) throws -> Value) throws -> Value? {
        try text.map { try FlagValue.parse($0, for: flag, parser) }
    }

    /// A Go `uint64` flag value (`strconv.ParseUint(_, 0, 64)`), as the spec's signed field.
    private static func unsigned(_ text: String) throws -> Int64 {
        Int64(clamping: try GoNumber.unsigned(text))
    }

    /// nil for zero: docker leaves zero values out of the spec.
    private static func nonZero<Number: BinaryInteger>(_ value: Number) -> Number? {
        value == 0 ? nil : value
    }
}
