extension ServiceSpec {
    /// The fields set here that came after API 1.24, each with the version it came with: a
    /// daemon below it would ignore the field without a word, so create and update refuse
    /// such a spec first.
    var fieldsNeedingNewerAPIs: [(field: String, version: APIVersion)] {
        var fields: [(String, APIVersion)] = []
        if self.mode?.replicatedJob != nil || self.mode?.globalJob != nil { fields.append(("job mode services", APIVersion(1, 41))) }
        if self.taskTemplate?.placement?.maxReplicas != nil { fields.append(("Placement.MaxReplicas", APIVersion(1, 40))) }
        if let container = self.taskTemplate?.containerSpec {
            if container.sysctls != nil { fields.append(("ContainerSpec.Sysctls", APIVersion(1, 40))) }
            if container.capabilityAdd != nil || container.capabilityDrop != nil {
                fields.append(("ContainerSpec.CapabilityAdd and CapabilityDrop", APIVersion(1, 41)))
            }
            if container.ulimits != nil { fields.append(("ContainerSpec.Ulimits", APIVersion(1, 41))) }
            if container.oomScoreAdj != nil { fields.append(("ContainerSpec.OomScoreAdj", APIVersion(1, 46))) }
        }
        return fields
    }
}

extension SwarmInitRequest {
    /// As ``ServiceSpec/fieldsNeedingNewerAPIs`` for `POST /swarm/init`.
    var fieldsNeedingNewerAPIs: [(field: String, version: APIVersion)] {
        var fields: [(String, APIVersion)] = []
        if self.defaultAddrPool != nil || self.subnetSize != nil { fields.append(("DefaultAddrPool and SubnetSize", APIVersion(1, 39))) }
        if self.dataPathPort != nil { fields.append(("DataPathPort", APIVersion(1, 40))) }
        return fields
    }
}

extension DockerClient {
    /// Refuses, before any request, a field the daemon's API version would ignore.
    func requireAPIVersions(for fields: [(field: String, version: APIVersion)]) async throws {
        for (field, version) in fields { try await self.requireAPIVersion(version, for: field) }
    }
}
