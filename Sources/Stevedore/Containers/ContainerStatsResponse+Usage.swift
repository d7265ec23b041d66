/// The figures `docker stats` shows, computed from a sample the way the docker CLI computes
/// them (cgroup v1 and v2 alike).
extension ContainerStatsResponse {
    /// CPU use since the previous sample, in percent of one CPU (a busy container on 2 CPUs
    /// shows up to 200): the container's CPU time delta over the host's, times the number of
    /// online CPUs. 0 when either delta is not positive (a first or one-shot sample).
    public var cpuPercent: Double {
        let current = self.cpuStats?.cpuUsage?.totalUsage ?? 0
        let previous = self.precpuStats?.cpuUsage?.totalUsage ?? 0
        let system = self.cpuStats?.systemCpuUsage ?? 0
        let previousSystem = self.precpuStats?.systemCpuUsage ?? 0
        let cpuDelta = Double(current) - Double(previous)
        let systemDelta = Double(system) - Double(previousSystem)
        var onlineCPUs = Double(self.cpuStats?.onlineCpus ?? 0)
        if onlineCPUs == 0 {
            onlineCPUs = Double(self.cpuStats?.cpuUsage?.percpuUsage?.count ?? 0)
        }
        guard cpuDelta > 0, systemDelta > 0 else { return 0 }
        return cpuDelta / systemDelta * onlineCPUs * 100
    }

    /// Memory in use without the page cache, in bytes: `usage` less `total_inactive_file`
    /// (cgroup v1) or `inactive_file` (cgroup v2), as the docker CLI's "MEM USAGE".
    public var memoryUsageWithoutCache: UInt64 {
        let usage = self.memoryStats?.usage ?? 0
        let stats = self.memoryStats?.stats ?? [:]
        if let inactive = stats["total_inactive_file"] ?? nil, inactive < usage {
            return usage - inactive
        }
        if let inactive = stats["inactive_file"] ?? nil, inactive < usage {
            return usage - inactive
        }
        return usage
    }

    /// The memory limit in bytes (the host's memory when the container has none); 0 for a
    /// stopped container.
    public var memoryLimit: UInt64 {
        self.memoryStats?.limit ?? 0
    }

    /// ``memoryUsageWithoutCache`` in percent of ``memoryLimit``; 0 without a limit figure.
    public var memoryPercent: Double {
        let limit = self.memoryLimit
        guard limit > 0 else { return 0 }
        return Double(self.memoryUsageWithoutCache) / Double(limit) * 100
    }

    /// Bytes received and sent on all the container's interfaces. Sums wrap as the docker
    /// CLI's unsigned sums do: a daemon's absurd counters are shown, never a trap.
    public var networkIO: (received: UInt64, sent: UInt64) {
        (self.networks ?? [:]).values.reduce((0, 0)) { total, network in
            (total.0 &+ (network.rxBytes ?? 0), total.1 &+ (network.txBytes ?? 0))
        }
    }

    /// Bytes read from and written to block devices (`io_service_bytes_recursive`, by the
    /// first letter of each entry's `op`, as the docker CLI counts them).
    public var blockIO: (read: UInt64, written: UInt64) {
        (self.blkioStats?.ioServiceBytesRecursive ?? []).reduce((0, 0)) { total, entry in
            switch entry.op?.first {
            case "r", "R": (total.0 &+ (entry.value ?? 0), total.1)
            case "w", "W": (total.0, total.1 &+ (entry.value ?? 0))
            default: total
            }
        }
    }

    /// The number of processes (the "PIDS" column).
    public var processCount: UInt64 {
        self.pidsStats?.current ?? 0
    }
}
