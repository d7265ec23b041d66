import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// Where docker's Go types (moby's api/types as docker 28 vendors them) name or print a field
// other than the model's encoding does: Go names that differ from the JSON keys (`ID`), scalars
// that can be nil (`<nil>` where the daemon sent nothing), `time.Time` fields
// (`2026-12-06 04:58:06.5 +0000 UTC`), `time.Duration` fields (`1m30s`) and `[]byte` fields
// (`[121 10]`, which the daemon sends in base64). A plain field the daemon left out prints its
// Go zero value; a nil one has no printed form here.

/// A `time.Time` field: Go's `String` of the daemon's time, of Go's zero time where it sent none.
private func goTime(_ rfc3339: String?) -> GoPrinted {
    let time = rfc3339 ?? "0001-01-01T00:00:00Z"
    return .stringer(goTimeString(time) ?? time)
}

/// A `time.Duration` field: Go's `String`, `0s` where the daemon sent none.
private func goDuration(_ nanoseconds: Int64?) -> GoPrinted {
    .stringer(goDurationString(nanoseconds ?? 0))
}

/// A `[]byte` field, which the daemon sends in base64: none where it sent none (Go's nil slice).
private func goBytes(_ base64: String?) -> GoPrinted {
    .bytes(Array(base64.flatMap { Data(base64Encoded: $0) } ?? Data()))
}

/// A set-like map's value (`ExposedPorts`, `Volumes`): Go's `struct{}`, which prints `{}`.
extension EmptyObject: GoStringConvertible {
    public var goString: String { "{}" }
}

extension ContainerInspectResponse: GoTypedFields {
    public static let goFieldNames = ["ID": "Id"]
    public static let goNilableFields: Set<String> = ["SizeRw", "SizeRootFs"]
}

extension ContainerConfig: GoTypedFields {
    public static let goNilableFields: Set<String> = ["StopTimeout"]
}

extension HostConfig: GoTypedFields {
    public static let goFieldNames = [
        "CPUShares": "CpuShares", "NanoCPUs": "NanoCpus", "CPUPeriod": "CpuPeriod", "CPUQuota": "CpuQuota",
        "CPURealtimePeriod": "CpuRealtimePeriod", "CPURealtimeRuntime": "CpuRealtimeRuntime", "CPUCount": "CpuCount",
        "CPUPercent": "CpuPercent", "DNS": "Dns", "DNSOptions": "DnsOptions", "DNSSearch": "DnsSearch",
    ]
    public static let goNilableFields: Set<String> = ["Init", "MemorySwappiness", "OomKillDisable", "PidsLimit"]
}

extension HealthConfig: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] {
        [
            "Interval": goDuration(self.interval), "Timeout": goDuration(self.timeout),
            "StartPeriod": goDuration(self.startPeriod), "StartInterval": goDuration(self.startInterval),
        ]
    }
}

extension HealthcheckResult: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["Start": goTime(self.start), "End": goTime(self.end)] }
}

extension ImageInspect: GoTypedFields {
    public static let goFieldNames = ["ID": "Id"]
}

extension ImageInspect.Metadata: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["LastTagTime": goTime(self.lastTagTime)] }
}

extension NetworkInspect: GoTypedFields {
    public static let goFieldNames = ["ID": "Id"]
    public var goPrintedFields: [String: GoPrinted] { ["Created": goTime(self.created)] }
}

extension Service: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension Service.UpdateStatus: GoTypedFields {
    public static let goNilableFields: Set<String> = ["StartedAt", "CompletedAt"]
    public var goPrintedFields: [String: GoPrinted] {
        ["StartedAt": self.startedAt.map(goTime), "CompletedAt": self.completedAt.map(goTime)].compactMapValues { $0 }
    }
}

extension Service.JobStatus: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["LastExecution": goTime(self.lastExecution)] }
}

extension ServiceSpec.Mode.Replicated: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Replicas"]
}

extension ServiceSpec.Mode.ReplicatedJob: GoTypedFields {
    public static let goNilableFields: Set<String> = ["MaxConcurrent", "TotalCompletions"]
}

extension ServiceSpec.UpdateConfig: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["Delay": goDuration(self.delay), "Monitor": goDuration(self.monitor)] }
}

extension ServiceSpec.RollbackConfig: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["Delay": goDuration(self.delay), "Monitor": goDuration(self.monitor)] }
}

extension TaskSpec.ContainerSpec: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Init", "StopGracePeriod"]
    public var goPrintedFields: [String: GoPrinted] { self.stopGracePeriod.map { ["StopGracePeriod": goDuration($0)] } ?? [:] }
}

extension TaskSpec.RestartPolicy: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Delay", "MaxAttempts", "Window"]
    public var goPrintedFields: [String: GoPrinted] {
        ["Delay": self.delay.map(goDuration), "Window": self.window.map(goDuration)].compactMapValues { $0 }
    }
}

extension DockerTask: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension TaskStatus: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["Timestamp": goTime(self.timestamp)] }
}

extension Node: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension Secret: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension Config: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension SystemVersion: GoTypedFields {
    public static let goFieldNames = ["APIVersion": "ApiVersion"]
}

extension TLSInfo: GoTypedFields {
    public static let goNilableFields: Set<String> = ["CertIssuerSubject", "CertIssuerPublicKey"]
    public var goPrintedFields: [String: GoPrinted] {
        ["CertIssuerSubject": goBytes(self.certIssuerSubject), "CertIssuerPublicKey": goBytes(self.certIssuerPublicKey)]
    }
}

extension TaskSpec.ContainerSpec.Privileges.Seccomp: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Profile"]
    public var goPrintedFields: [String: GoPrinted] { ["Profile": goBytes(self.profile)] }
}

extension SecretSpec: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Data"]
    public var goPrintedFields: [String: GoPrinted] { ["Data": goBytes(self.data)] }
}

extension ConfigSpec: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Data"]
    public var goPrintedFields: [String: GoPrinted] { ["Data": goBytes(self.data)] }
}

extension ClusterInfo: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["CreatedAt": goTime(self.createdAt), "UpdatedAt": goTime(self.updatedAt)] }
}

extension SwarmSpec.Orchestration: GoTypedFields {
    public static let goNilableFields: Set<String> = ["TaskHistoryRetentionLimit"]
}

extension SwarmSpec.Raft: GoTypedFields {
    public static let goNilableFields: Set<String> = ["KeepOldSnapshots"]
}

extension SwarmSpec.Dispatcher: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["HeartbeatPeriod": goDuration(self.heartbeatPeriod)] }
}

extension SwarmSpec.CAConfig: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["NodeCertExpiry": goDuration(self.nodeCertExpiry)] }
}

extension IPAMConfig: GoTypedFields {
    public static let goFieldNames = ["AuxAddress": "AuxiliaryAddresses"]
}

extension SystemInfo: GoTypedFields {
    public static let goFieldNames = [
        "CPUCfsPeriod": "CpuCfsPeriod", "CPUCfsQuota": "CpuCfsQuota", "HTTPProxy": "HttpProxy", "HTTPSProxy": "HttpsProxy",
    ]
}

extension Runtime: GoTypedFields {
    public static let goFieldNames = [
        "Path": "path", "Args": "runtimeArgs", "Type": "runtimeType", "Options": "options", "Status": "status",
    ]
}

extension Plugin: GoTypedFields {
    public static let goFieldNames = ["ID": "Id"]
}

extension Plugin.Config: GoTypedFields {
    public static let goFieldNames = ["Rootfs": "rootfs"]
}

extension Plugin.Config.Rootfs: GoTypedFields {
    public static let goFieldNames = ["DiffIds": "diff_ids", "Type": "type"]
}

extension PluginDevice: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Path"]
}

extension PluginEnv: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Value"]
}

extension PluginMount: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Source"]
}

extension EventMessage: GoTypedFields {
    public static let goStructType: String? = "*events.Message"
    public static let goFieldNames = [
        "Status": "status", "ID": "id", "From": "from", "Scope": "scope", "Time": "time", "TimeNano": "timeNano",
    ]
}

extension EventActor: GoTypedFields {
    public static let goStructType: String? = "events.Actor"
}
