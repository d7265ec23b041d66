import ArgumentParser
import Foundation
import Stevedore

/// The resource limits shared by `create`/`run` and `update`, with docker's names and value
/// syntax: sizes as ``MemorySize`` reads them, `--memory-swap -1` for unlimited swap.
struct ContainerResourceOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Block IO (relative weight), between 10 and 1000, or 0 to disable")
    var blkioWeight: UInt16?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU CFS (Completely Fair Scheduler) period")
    var cpuPeriod: Int64?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU CFS (Completely Fair Scheduler) quota")
    var cpuQuota: Int64?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU real-time period in microseconds")
    var cpuRtPeriod: Int64?
    @Option(name: .long, parsing: .unconditional, help: "Limit CPU real-time runtime in microseconds")
    var cpuRtRuntime: Int64?
    @Option(name: [.customShort("c"), .long], parsing: .unconditional, help: "CPU shares (relative weight)")
    var cpuShares: Int?
    @Option(name: .long, parsing: .unconditional, help: "Number of CPUs")
    var cpus: Double?
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
    var pidsLimit: Int64?
    @Option(name: .long, parsing: .unconditional, help: "Restart policy to apply when a container exits")
    var restart: String?

    /// Sets the fields these flags name on `target`, leaving the others as they are; a
    /// malformed size fails with docker's message before any request.
    func apply<Target: ContainerResourceFields>(to target: inout Target) throws {
        target.blkioWeight = self.blkioWeight.map(Int.init)
        target.cpuPeriod = self.cpuPeriod
        target.cpuQuota = self.cpuQuota
        target.cpuRealtimePeriod = self.cpuRtPeriod
        target.cpuRealtimeRuntime = self.cpuRtRuntime
        target.cpuShares = self.cpuShares
        target.nanoCpus = self.cpus.map { Int64(($0 * 1e9).rounded()) }
        target.cpusetCpus = self.cpusetCpus
        target.cpusetMems = self.cpusetMems
        target.memory = try self.memory.map { try FlagValue.parse($0, for: "-m, --memory", MemorySize.parse) }
        target.memoryReservation = try self.memoryReservation.map { try FlagValue.parse($0, for: "--memory-reservation", MemorySize.parse) }
        target.memorySwap = try self.memorySwap.map { try FlagValue.parse($0, for: "--memory-swap", MemorySize.parseOrUnlimited) }
        target.pidsLimit = self.pidsLimit
        target.restartPolicy = try self.restart.map(RestartPolicyArgument.parse)
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

/// docker's memory sizes (`RAMInBytes`): a number with an optional `b`, `k`, `m`, `g`, `t`, `p`
/// suffix (binary multiples, case-insensitive, an optional trailing `b`).
enum MemorySize {
    static func parse(_ text: String) throws -> Int64 {
        var lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lower.hasSuffix("b") && lower.count > 1 && !lower.dropLast().last!.isNumber { lower.removeLast() }
        let multipliers: [Character: Int64] = ["b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50]
        var multiplier: Int64 = 1
        if let last = lower.last, let value = multipliers[last] {
            multiplier = value
            lower.removeLast()
        }
        guard let number = Double(lower), number >= 0, number * Double(multiplier) < Double(Int64.max) else {
            throw InvalidFlagValue(reason: "invalid size: '\(text)'")
        }
        return Int64(number * Double(multiplier))
    }

    /// A size, or `-1` for no limit (`--memory-swap`).
    static func parseOrUnlimited(_ text: String) throws -> Int64 {
        text == "-1" ? -1 : try Self.parse(text)
    }
}

/// `--restart no|always|unless-stopped|on-failure[:max-retries]`.
enum RestartPolicyArgument {
    static func parse(_ text: String) throws -> RestartPolicy {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        guard ["no", "always", "unless-stopped", "on-failure"].contains(name) else {
            throw CommandFailure(description: "invalid restart policy '\(text)'", exitCode: 125)
        }
        var policy = RestartPolicy(name: .init(rawValue: name))
        if parts.count == 2 {
            guard name == "on-failure", let count = Int(parts[1]), count >= 0 else {
                throw CommandFailure(description: "invalid restart policy '\(text)': only on-failure takes a maximum retry count", exitCode: 125)
            }
            policy.maximumRetryCount = count
        }
        return policy
    }
}
