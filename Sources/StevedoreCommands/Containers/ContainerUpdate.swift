import ArgumentParser
import Foundation
import Stevedore

struct ContainerUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Update configuration of one or more containers")

    @Option(name: .long, help: "Block IO (relative weight), between 10 and 1000, or 0 to disable")
    var blkioWeight: Int?
    @Option(name: .long, help: "Limit CPU CFS (Completely Fair Scheduler) period")
    var cpuPeriod: Int64?
    @Option(name: .long, help: "Limit CPU CFS (Completely Fair Scheduler) quota")
    var cpuQuota: Int64?
    @Option(name: .long, help: "Limit the CPU real-time period in microseconds")
    var cpuRtPeriod: Int64?
    @Option(name: .long, help: "Limit the CPU real-time runtime in microseconds")
    var cpuRtRuntime: Int64?
    @Option(name: .long, help: "CPU shares (relative weight)")
    var cpuShares: Int?
    @Option(name: .long, help: "Number of CPUs")
    var cpus: Double?
    @Option(name: .long, help: "CPUs in which to allow execution (0-3, 0,1)")
    var cpusetCpus: String?
    @Option(name: .long, help: "MEMs in which to allow execution (0-3, 0,1)")
    var cpusetMems: String?
    @Option(name: [.customShort("m"), .long], help: "Memory limit")
    var memory: String?
    @Option(name: .long, help: "Memory soft limit")
    var memoryReservation: String?
    @Option(name: .long, help: "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
    var memorySwap: String?
    @Option(name: .long, help: "Tune container pids limit (set -1 for unlimited)")
    var pidsLimit: Int64?
    @Option(name: .long, help: "Restart policy to apply when a container exits")
    var restart: String?

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        var body = ContainerUpdateBody()
        body.blkioWeight = self.blkioWeight
        body.cpuPeriod = self.cpuPeriod
        body.cpuQuota = self.cpuQuota
        body.cpuRealtimePeriod = self.cpuRtPeriod
        body.cpuRealtimeRuntime = self.cpuRtRuntime
        body.cpuShares = self.cpuShares
        body.nanoCpus = self.cpus.map { Int64(($0 * 1e9).rounded()) }
        body.cpusetCpus = self.cpusetCpus
        body.cpusetMems = self.cpusetMems
        body.memory = try self.memory.map { try MemorySize.parse($0) }
        body.memoryReservation = try self.memoryReservation.map { try MemorySize.parse($0) }
        body.memorySwap = try self.memorySwap.map { $0 == "-1" ? -1 : try MemorySize.parse($0) }
        body.pidsLimit = self.pidsLimit
        body.restartPolicy = try self.restart.map(RestartPolicyArgument.parse)
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { name in
                let response = try await client.updateContainer(name, body)
                printWarnings(response.warnings ?? [])
            }
        }
    }
}

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
        guard let number = Double(lower), number >= 0 else {
            throw CommandFailure(description: "invalid size: '\(text)'", exitCode: 125)
        }
        return Int64(number * Double(multiplier))
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
