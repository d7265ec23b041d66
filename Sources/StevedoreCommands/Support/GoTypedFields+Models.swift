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
// Go zero value; a nil one has no printed form here. Where Go declares a struct's fields in
// another order than the model, embeds a struct or lacks a field (the spec is newer than
// docker 28's types), a layout says how Go prints the struct (`{{.HostConfig}}`).

/// A `time.Time` field: the daemon's time, Go's zero time where it sent none; a text that is
/// no time prints as it came.
private func goTimeField(_ rfc3339: String?) -> GoPrinted {
    let text = rfc3339 ?? "0001-01-01T00:00:00Z"
    return goTime(text).map(GoPrinted.time) ?? .stringer(text)
}

/// A `time.Duration` field: `0s` where the daemon sent none.
private func goDuration(_ nanoseconds: Int64?) -> GoPrinted {
    .duration(nanoseconds ?? 0)
}

/// Fields by their JSON keys, in the order given.
private func goFields(_ keys: String...) -> [GoStructField] { keys.map(GoStructField.field) }

/// swarm's `Meta`, which every swarm object embeds after its `ID`.
private let goMeta = GoStructField.embedded(goFields("Version", "CreatedAt", "UpdatedAt"))

/// The times of swarm's `Meta` (`time.Time`s), by their JSON keys.
private func goMetaTimes(_ createdAt: String?, _ updatedAt: String?) -> [String: GoPrinted] {
    ["CreatedAt": goTimeField(createdAt), "UpdatedAt": goTimeField(updatedAt)]
}

/// What `*units.Ulimit`'s `String` method prints: `name=soft:hard`.
private func goUlimit(_ name: String?, soft: Int?, hard: Int?) -> String { "\(name ?? "")=\(soft ?? 0):\(hard ?? 0)" }

/// swarm's `Annotations`, which every swarm spec embeds first.
private let goAnnotations = GoStructField.embedded(goFields("Name", "Labels"))

/// A `[]byte` field, which the daemon sends in base64: none where it sent none (Go's nil slice).
private func goBytes(_ base64: String?) -> GoPrinted {
    .bytes(Array(base64.flatMap { Data(base64Encoded: $0) } ?? Data()))
}

/// A set-like map's value (`ExposedPorts`, `Volumes`): Go's `struct{}`, which prints `{}`.
extension EmptyObject: GoStringConvertible {
    public var goString: String { "{}" }
}

extension ContainerInspectResponse: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["State", "HostConfig", "Config", "NetworkSettings", "ImageManifestDescriptor"]
    public static let goFieldNames = ["ID": "Id"]
    public static let goNilableFields: Set<String> = ["SizeRw", "SizeRootFs"]
    /// `InspectResponse` embeds a `*ContainerJSONBase`; Go has no `Storage` yet.
    public static let goStructLayout: [GoStructField]? =
        [
            .embedded(
                goFields(
                    "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath",
                    "Name", "RestartCount", "Driver", "Platform", "MountLabel", "ProcessLabel", "AppArmorProfile", "ExecIDs",
                    "HostConfig", "GraphDriver", "SizeRw", "SizeRootFs"))
        ] + goFields("Mounts", "Config", "NetworkSettings", "ImageManifestDescriptor")
}

extension ContainerConfig: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["Healthcheck"]
    public static let goNilableFields: Set<String> = ["StopTimeout"]
    public static let goMapKeyTypes = ["ExposedPorts": "nat.Port"]
    public static let goStructLayout: [GoStructField]? = goFields(
        "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty", "OpenStdin",
        "StdinOnce", "Env", "Cmd", "Healthcheck", "ArgsEscaped", "Image", "Volumes", "WorkingDir", "Entrypoint", "NetworkDisabled",
        "MacAddress", "OnBuild", "Labels", "StopSignal", "StopTimeout", "Shell")
}

/// An image's `Config` is docker's `DockerOCIImageConfig`: the OCI image config and docker's
/// extension to it, both embedded; the container config's other fields are not there.
extension ImageConfig: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = [
        .embedded(
            goFields("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels", "StopSignal", "ArgsEscaped")
        ),
        .embedded(goFields("Healthcheck", "OnBuild", "Shell")),
    ]
}

extension HostConfig: GoTypedFields {
    public static let goFieldNames = [
        "CPUShares": "CpuShares", "NanoCPUs": "NanoCpus", "CPUPeriod": "CpuPeriod", "CPUQuota": "CpuQuota",
        "CPURealtimePeriod": "CpuRealtimePeriod", "CPURealtimeRuntime": "CpuRealtimeRuntime", "CPUCount": "CpuCount",
        "CPUPercent": "CpuPercent", "DNS": "Dns", "DNSOptions": "DnsOptions", "DNSSearch": "DnsSearch",
    ]
    public static let goNilableFields: Set<String> = ["Init", "MemorySwappiness", "OomKillDisable", "PidsLimit"]
    public static let goMapKeyTypes = ["PortBindings": "nat.Port"]
    /// `HostConfig` embeds `Resources`, which Go prints as one struct among its fields.
    public static let goStructLayout: [GoStructField]? =
        goFields(
            "Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy", "AutoRemove", "VolumeDriver",
            "VolumesFrom", "ConsoleSize", "Annotations", "CapAdd", "CapDrop", "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch",
            "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup", "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts",
            "ReadonlyRootfs", "SecurityOpt", "StorageOpt", "Tmpfs", "UTSMode", "UsernsMode", "ShmSize", "Sysctls", "Runtime",
            "Isolation")
        + [
            .embedded(
                goFields(
                    "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps",
                    "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota",
                    "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems", "Devices", "DeviceCgroupRules",
                    "DeviceRequests", "KernelMemory", "KernelMemoryTCP", "MemoryReservation", "MemorySwap", "MemorySwappiness",
                    "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth"))
        ] + goFields("Mounts", "MaskedPaths", "ReadonlyPaths", "Init")
}

/// Go's `*blkiodev.WeightDevice` prints through its `String` method.
extension Resources.BlkioWeightDevice: GoStringConvertible {
    public var goString: String { "\(self.path ?? ""):\(self.weight ?? 0)" }
}

/// Go's `*blkiodev.ThrottleDevice` prints through its `String` method.
extension ThrottleDevice: GoStringConvertible {
    public var goString: String { "\(self.path ?? ""):\(self.rate ?? 0)" }
}

/// Go's `*units.Ulimit` prints through its `String` method.
extension Resources.Ulimit: GoStringConvertible {
    public var goString: String { goUlimit(self.name, soft: self.soft, hard: self.hard) }
}

extension Mount: GoTypedFields {
    /// Go has a `ClusterOptions` pointer the model lacks.
    public static let goStructLayout: [GoStructField]? =
        goFields("Type", "Source", "Target", "ReadOnly", "Consistency", "BindOptions", "VolumeOptions", "ImageOptions", "TmpfsOptions")
        + [.unmodeled("ClusterOptions", zero: nil)]
}

extension Mount.VolumeOptions: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = goFields("NoCopy", "Labels", "Subpath", "DriverConfig")
}

/// `NetworkSettings` embeds `NetworkSettingsBase` and `DefaultNetworkSettings`.
extension NetworkSettings: GoTypedFields {
    public static let goMapKeyTypes = ["Ports": "nat.Port"]
    public static let goStructLayout: [GoStructField]? = [
        .embedded(
            goFields(
                "Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode", "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen",
                "SecondaryIPAddresses", "SecondaryIPv6Addresses")),
        .embedded(
            goFields(
                "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen", "IPv6Gateway",
                "MacAddress")),
        .field("Networks"),
    ]
}

extension EndpointSettings: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["IPAMConfig"]
    public static let goStructLayout: [GoStructField]? = goFields(
        "IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID", "EndpointID", "Gateway", "IPAddress",
        "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "DNSNames")
}

extension DriverData: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = goFields("Data", "Name")
}

extension HealthConfig: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = goFields(
        "Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries")
    public var goPrintedFields: [String: GoPrinted] {
        [
            "Interval": goDuration(self.interval), "Timeout": goDuration(self.timeout),
            "StartPeriod": goDuration(self.startPeriod), "StartInterval": goDuration(self.startInterval),
        ]
    }
}

extension HealthcheckResult: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["Start": goTimeField(self.start), "End": goTimeField(self.end)] }
}

extension ImageInspect: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["Config", "ContainerConfig", "Descriptor"]
    public static let goFieldNames = ["ID": "Id"]
    /// Go has no `Identity` yet.
    public static let goStructLayout: [GoStructField]? = goFields(
        "Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Container", "ContainerConfig", "DockerVersion", "Author",
        "Config", "Architecture", "Variant", "Os", "OsVersion", "Size", "VirtualSize", "GraphDriver", "RootFS", "Metadata",
        "Descriptor", "Manifests")
}

extension ImageManifestSummary.Size: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = goFields("Content", "Total")
}

extension ImageManifestSummary.ImageData: GoTypedFields {
    /// Go has no `Identity` yet.
    public static let goStructLayout: [GoStructField]? = goFields("Platform", "Size", "Containers")
}

extension ImageInspect.Metadata: GoTypedFields {
    public var goPrintedFields: [String: GoPrinted] { ["LastTagTime": goTimeField(self.lastTagTime)] }
}

extension NetworkInspect: GoTypedFields {
    public static let goFieldNames = ["ID": "Id"]
    /// Go has no `Status` yet.
    public static let goStructLayout: [GoStructField]? = goFields(
        "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal", "Attachable", "Ingress",
        "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels", "Peers", "Services")
    public var goPrintedFields: [String: GoPrinted] { ["Created": goTimeField(self.created)] }
}

extension Service: GoTypedFields {
    public static let goStructType: String? = "swarm.Service"
    public static let goStructPointerFields: Set<String> = ["UpdateStatus", "ServiceStatus", "JobStatus"]
    /// The model lacks Go's `PreviousSpec`.
    public static let goStructLayout: [GoStructField]? =
        [.field("ID"), goMeta, .field("Spec"), .unmodeled("PreviousSpec", zero: nil)]
        + goFields("Endpoint", "UpdateStatus", "ServiceStatus", "JobStatus")
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension Service.UpdateStatus: GoTypedFields {
    public static let goStructType: String? = "*swarm.UpdateStatus"
    public static let goNilableFields: Set<String> = ["StartedAt", "CompletedAt"]
    public var goPrintedFields: [String: GoPrinted] {
        ["StartedAt": self.startedAt.map(goTimeField), "CompletedAt": self.completedAt.map(goTimeField)].compactMapValues { $0 }
    }
}

extension Service.JobStatus: GoTypedFields {
    public static let goStructType: String? = "*swarm.JobStatus"
    public var goPrintedFields: [String: GoPrinted] { ["LastExecution": goTimeField(self.lastExecution)] }
}

extension Service.ServiceStatus: GoTypedFields {
    public static let goStructType: String? = "*swarm.ServiceStatus"
}

extension Service.Endpoint: GoTypedFields {
    public static let goStructType: String? = "swarm.Endpoint"
}

extension ServiceSpec: GoTypedFields {
    public static let goStructType: String? = "swarm.ServiceSpec"
    public static let goStructPointerFields: Set<String> = ["UpdateConfig", "RollbackConfig", "EndpointSpec"]
    public static let goStructLayout: [GoStructField]? =
        [goAnnotations] + goFields("TaskTemplate", "Mode", "UpdateConfig", "RollbackConfig", "Networks", "EndpointSpec")
}

extension TaskSpec: GoTypedFields {
    public static let goStructPointerFields: Set<String> = [
        "ContainerSpec", "PluginSpec", "NetworkAttachmentSpec", "Resources", "RestartPolicy", "Placement", "LogDriver",
    ]
    public static let goStructLayout: [GoStructField]? = goFields(
        "ContainerSpec", "PluginSpec", "NetworkAttachmentSpec", "Resources", "RestartPolicy", "Placement", "Networks", "LogDriver",
        "ForceUpdate", "Runtime")
}

extension TaskSpec.Resources: GoTypedFields {
    /// Go has no `SwapBytes` or `MemorySwappiness` yet.
    public static let goStructLayout: [GoStructField]? = goFields("Limits", "Reservations")
}

/// Go's `*units.Ulimit` prints through its `String` method.
extension TaskSpec.ContainerSpec.Ulimit: GoStringConvertible {
    public var goString: String { goUlimit(self.name, soft: self.soft, hard: self.hard) }
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
    public static let goStructLayout: [GoStructField]? = goFields(
        "Image", "Labels", "Command", "Args", "Hostname", "Env", "Dir", "User", "Groups", "Privileges", "Init", "StopSignal", "TTY",
        "OpenStdin", "ReadOnly", "Mounts", "StopGracePeriod", "Healthcheck", "Hosts", "DNSConfig", "Secrets", "Configs",
        "Isolation", "Sysctls", "CapabilityAdd", "CapabilityDrop", "Ulimits", "OomScoreAdj")
    public var goPrintedFields: [String: GoPrinted] { self.stopGracePeriod.map { ["StopGracePeriod": goDuration($0)] } ?? [:] }
}

extension TaskSpec.RestartPolicy: GoTypedFields {
    public static let goNilableFields: Set<String> = ["Delay", "MaxAttempts", "Window"]
    public var goPrintedFields: [String: GoPrinted] {
        ["Delay": self.delay.map(goDuration), "Window": self.window.map(goDuration)].compactMapValues { $0 }
    }
}

extension DockerTask: GoTypedFields {
    /// Go names `AssignedGenericResources` `GenericResources`, and has `Volumes`.
    public static let goStructLayout: [GoStructField]? =
        [.field("ID"), goMeta, goAnnotations]
        + goFields("Spec", "ServiceID", "Slot", "NodeID", "Status", "DesiredState", "NetworksAttachments")
        + [.unmodeled("GenericResources", zero: []), .field("JobIteration"), .unmodeled("Volumes", zero: [])]
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension TaskStatus: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["ContainerStatus"]
    public var goPrintedFields: [String: GoPrinted] { ["Timestamp": goTimeField(self.timestamp)] }
}

extension Node: GoTypedFields {
    public static let goStructType: String? = "swarm.Node"
    public static let goStructPointerFields: Set<String> = ["ManagerStatus"]
    public static let goStructLayout: [GoStructField]? =
        [.field("ID"), goMeta] + goFields("Spec", "Description", "Status", "ManagerStatus")
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension NodeSpec: GoTypedFields {
    public static let goStructType: String? = "swarm.NodeSpec"
    public static let goStructLayout: [GoStructField]? = [goAnnotations] + goFields("Role", "Availability")
}

extension NodeDescription: GoTypedFields {
    public static let goStructType: String? = "swarm.NodeDescription"
    /// The model lacks Go's `CSIInfo`.
    public static let goStructLayout: [GoStructField]? =
        goFields("Hostname", "Platform", "Resources", "Engine", "TLSInfo") + [.unmodeled("CSIInfo", zero: [])]
}

extension ManagerStatus: GoTypedFields {
    public static let goStructType: String? = "*swarm.ManagerStatus"
}

extension NodeStatus: GoTypedFields {
    public static let goStructType: String? = "swarm.NodeStatus"
}

/// Go's `swarm.Version` prints through its `String` method: the index.
extension ObjectVersion: GoStringConvertible {
    public var goString: String { String(self.index ?? 0) }
}

extension Secret: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = [.field("ID"), goMeta, .field("Spec")]
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension Config: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = [.field("ID"), goMeta, .field("Spec")]
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension SystemVersion: GoTypedFields {
    /// `version`'s `.Server`, which docker runs its template over without JSON to fall back to.
    public static let goStructType: String? = "*types.Version"
    public static let goFieldNames = ["APIVersion": "ApiVersion"]
}

extension SystemVersion.Platform: GoTypedFields {
    /// Go declares it inline in `types.Version`.
    public static let goStructType: String? = "struct { Name string }"
}

extension SystemVersion.Component: GoTypedFields {
    public static let goStructType: String? = "types.ComponentVersion"
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
    public static let goStructLayout: [GoStructField]? = [goAnnotations] + goFields("Data", "Driver", "Templating")
    public static let goNilableFields: Set<String> = ["Data"]
    public var goPrintedFields: [String: GoPrinted] { ["Data": goBytes(self.data)] }
}

extension ConfigSpec: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = [goAnnotations] + goFields("Data", "Templating")
    public static let goNilableFields: Set<String> = ["Data"]
    public var goPrintedFields: [String: GoPrinted] { ["Data": goBytes(self.data)] }
}

extension ClusterInfo: GoTypedFields {
    /// `info`'s `.Swarm.Cluster`.
    public static let goStructType: String? = "*swarm.ClusterInfo"
    public static let goStructLayout: [GoStructField]? =
        [.field("ID"), goMeta]
        + goFields("Spec", "TLSInfo", "RootRotationInProgress", "DefaultAddrPool", "SubnetSize", "DataPathPort")
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension SwarmSpec: GoTypedFields {
    public static let goStructLayout: [GoStructField]? =
        [goAnnotations] + goFields("Orchestration", "Raft", "Dispatcher", "CAConfig", "TaskDefaults", "EncryptionConfig")
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

extension IPAM: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = goFields("Driver", "Options", "Config")
}

/// moby generates `volume.Volume` from the API's definition with its fields sorted.
extension Volume: GoTypedFields {
    public static let goStructType: String? = "volume.Volume"
    public static let goStructPointerFields: Set<String> = ["ClusterVolume", "UsageData"]
    public static let goStructLayout: [GoStructField]? = goFields(
        "ClusterVolume", "CreatedAt", "Driver", "Labels", "Mountpoint", "Name", "Options", "Scope", "Status", "UsageData")
}

extension Volume.UsageData: GoTypedFields {
    public static let goStructType: String? = "*volume.UsageData"
    public static let goStructLayout: [GoStructField]? = goFields("RefCount", "Size")
}

/// `ClusterVolume` embeds `swarm.Meta`.
extension ClusterVolume: GoTypedFields {
    public static let goStructType: String? = "*volume.ClusterVolume"
    public static let goStructLayout: [GoStructField]? =
        [.field("ID"), goMeta] + goFields("Spec", "PublishStatus", "Info")
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension IPAMConfig: GoTypedFields {
    public static let goFieldNames = ["AuxAddress": "AuxiliaryAddresses"]
}

/// `info`'s value: docker runs the template over its own struct, which embeds the daemon's,
/// without JSON to fall back to.
extension SystemInfo: GoTypedFields {
    public static let goStructType: String? = "system.dockerInfo"
    public static let goFieldNames = [
        "CPUCfsPeriod": "CpuCfsPeriod", "CPUCfsQuota": "CpuCfsQuota", "HTTPProxy": "HttpProxy", "HTTPSProxy": "HttpsProxy",
    ]
}

extension Runtime: GoTypedFields {
    public static let goStructType: String? = "system.RuntimeWithStatus"
    public static let goFieldNames = [
        "Path": "path", "Args": "runtimeArgs", "Type": "runtimeType", "Options": "options", "Status": "status",
    ]
    /// `RuntimeWithStatus` embeds `Runtime`, whose shim fields the model lacks.
    public static let goStructLayout: [GoStructField]? = [
        .embedded(goFields("path", "runtimeArgs") + [.unmodeled("runtimeType", zero: ""), .unmodeled("options", zero: [:])]),
        .field("status"),
    ]
}

extension SwarmInfo: GoTypedFields {
    public static let goStructType: String? = "swarm.Info"
    public static let goStructPointerFields: Set<String> = ["Cluster"]
    /// The model lacks Go's `Warnings`.
    public static let goStructLayout: [GoStructField]? =
        goFields("NodeID", "NodeAddr", "LocalNodeState", "ControlAvailable", "Error", "RemoteManagers", "Nodes", "Managers", "Cluster")
        + [.unmodeled("Warnings", zero: [])]
}

extension ContainerdInfo: GoTypedFields {
    public static let goStructType: String? = "*system.ContainerdInfo"
}

extension FirewallInfo: GoTypedFields {
    public static let goStructType: String? = "*system.FirewallInfo"
}

extension PluginsInfo: GoTypedFields {
    public static let goStructType: String? = "system.PluginsInfo"
}

extension Commit: GoTypedFields {
    public static let goStructType: String? = "system.Commit"
}

extension RegistryServiceConfig: GoTypedFields {
    public static let goStructType: String? = "*registry.ServiceConfig"
    /// Go has an `ExtraFields` map the JSON never carries.
    public static let goStructLayout: [GoStructField]? =
        goFields(
            "AllowNondistributableArtifactsCIDRs", "AllowNondistributableArtifactsHostnames", "InsecureRegistryCIDRs", "IndexConfigs",
            "Mirrors") + [.unmodeled("ExtraFields", zero: [:])]
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

extension ContainerState: GoTypedFields {
    public static let goStructPointerFields: Set<String> = ["Health"]
}

/// swarm's `Network`, as a task's attachment carries it: `Meta` embedded, driver state a value.
extension SwarmNetwork: GoTypedFields {
    public static let goStructLayout: [GoStructField]? = [.field("ID"), goMeta] + goFields("Spec", "DriverState", "IPAMOptions")
    public static let goStructPointerFields: Set<String> = ["IPAMOptions"]
    public var goPrintedFields: [String: GoPrinted] { goMetaTimes(self.createdAt, self.updatedAt) }
}

extension SwarmNetworkSpec: GoTypedFields {
    public static let goStructLayout: [GoStructField]? =
        [goAnnotations]
        + goFields("DriverConfiguration", "IPv6Enabled", "Internal", "Attachable", "Ingress", "IPAMOptions", "ConfigFrom", "Scope")
    public static let goStructPointerFields: Set<String> = ["DriverConfiguration", "IPAMOptions", "ConfigFrom"]
}
