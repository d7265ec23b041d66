import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The resource limits shared by `create`/`run` and `update`, with docker's names and value
/// syntax: sizes as ``MemorySize`` reads them, `--memory-swap -1` for unlimited swap, whole
/// numbers as docker's Go types read them (``GoInteger``: `--blkio-weight` is a `uint16`, the
/// others `int64`).
struct ContainerResourceOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Block IO (relative weight), between 10 and 1000, or 0 to disable")
    var blkioWeight: GoInteger<UInt16>?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU CFS (Completely Fair Scheduler) period")
    var cpuPeriod: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU CFS (Completely Fair Scheduler) quota")
    var cpuQuota: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU real-time period in microseconds")
    var cpuRtPeriod: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU real-time runtime in microseconds")
    var cpuRtRuntime: GoInteger<Int64>?
    @Option(name: [.customShort("c"), .long], parsing: .unconditional, help: "CPU shares (relative weight)")
    var cpuShares: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Number of CPUs")
    var cpus: String?
    @Option(name: .long, parsing: .unconditional, help: "CPUs in which to allow execution (0-3, 0,1)")
    var cpusetCpus: String?
    @Option(name: .long, parsing: .unconditional, help: "MEMs in which to allow execution (0-3, 0,1)")
    var cpusetMems: String?
    @Option(name: [.customShort("m"), .long], parsing: .unconditional, help: "Memory limit")
    var memory: String?
    @Option(name: .long, parsing: .unconditional, help: "Memory soft limit")
    var memoryReservation: String?
    @Option(name: .long, parsing: .unconditional, help: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap")
    var memorySwap: String?
    @Option(name: .long, parsing: .unconditional, help: "Tune container pids limit (set -1 for unlimited)")
    var pidsLimit: GoInteger<Int64>?
    @Option(name: .long, parsing: .unconditional, help: "Restart policy to apply when a container exits")
    var restart: String?

    /// Whether a flag was given that may leave ``apply(to:)``'s target as it was (`--restart ""`,
    /// `--pids-limit 0`): docker's `update` counts it a flag all the same.
    var givesAFlagThatMaySetNothing: Bool { self.restart != nil || self.pidsLimit != nil }

    /// Sets the fields these flags name on `target`, leaving the others as they are; a
    /// malformed size or number fails with docker's message before any request.
    func apply<Target: ContainerResourceFields>(to target: inout Target) throws {
        target.blkioWeight = try self.blkioWeight.map { Int(try $0.value(for: "--blkio-weight")) }
        target.cpuPeriod = try self.cpuPeriod?.value(for: "--cpu-period")
        target.cpuQuota = try self.cpuQuota?.value(for: "--cpu-quota")
        target.cpuRealtimePeriod = try self.cpuRtPeriod?.value(for: "--cpu-rt-period")
        target.cpuRealtimeRuntime = try self.cpuRtRuntime?.value(for: "--cpu-rt-runtime")
        target.cpuShares = try self.cpuShares.map { Int(try $0.value(for: "-c, --cpu-shares")) }
        target.nanoCpus = try self.cpus.map { try FlagValue.parse($0, for: "--cpus", NanoCPUs.parse) }
        target.cpusetCpus = self.cpusetCpus
        target.cpusetMems = self.cpusetMems
        target.memory = try self.memory.map { try FlagValue.parse($0, for: "-m, --memory", MemorySize.parse) }
        target.memoryReservation = try self.memoryReservation.map { try FlagValue.parse($0, for: "--memory-reservation", MemorySize.parse) }
        target.memorySwap = try self.memorySwap.map { try FlagValue.parse($0, for: "--memory-swap", MemorySize.parseOrUnlimited) }
        // docker's default, 0, is not sent: `update` leaves the limit as it is (sending 0 would
        // lift it), and for `create` no limit is no limit.
        target.pidsLimit = try self.pidsLimit.flatMap { limit in
            let value = try limit.value(for: "--pids-limit")
            return value == 0 ? nil : value
        }
        target.restartPolicy = try self.restart.flatMap(RestartPolicyArgument.parse)
    }
}

/// The resource fields `create` (``HostConfig``) and `update` (``ContainerUpdateBody``) share.
protocol ContainerResourceFields {
    var blkioWeight: Int? { get set }
    var cpuPeriod: Int64? { get set }
    var cpuQuota: Int64? { get set }
    var cpuRealtimePeriod: Int64? { get set }
    var cpuRealtimeRuntime: Int64? { get set }
    var cpuShares: Int? { get set }
    var nanoCpus: Int64? { get set }
    var cpusetCpus: String? { get set }
    var cpusetMems: String? { get set }
    var memory: Int64? { get set }
    var memoryReservation: Int64? { get set }
    var memorySwap: Int64? { get set }
    var pidsLimit: Int64? { get set }
    var restartPolicy: RestartPolicy? { get set }
}

extension HostConfig: ContainerResourceFields {}

extension ContainerUpdateBody: ContainerResourceFields {}
