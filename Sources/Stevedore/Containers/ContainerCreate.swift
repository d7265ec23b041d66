/// Options of ``DockerClient/Containers/create(_:options:)`` (`POST /containers/create`).
public struct ContainerCreateOptions: Hashable, Sendable {
    /// `name`: the container's name, `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`; the daemon picks one when `nil`.
    public var name: String?
    /// `platform`: `os[/arch[/variant]]` of the image to use (API ≥ 1.41).
    public var platform: String?

    public init(name: String? = nil, platform: String? = nil) {
        self.name = name
        self.platform = platform
    }
}

extension DockerClient.Containers {
    /// `POST /containers/create`: creates a container from `body` (its config, `hostConfig` and
    /// `networkingConfig`). Returns the new id and the daemon's warnings. A missing image throws
    /// ``DockerError/Category/notFound``; a name in use, ``DockerError/Category/conflict``.
    ///
    /// The body is adapted to the API version in use as the moby client adapts it: a field the
    /// daemon would reject or misread is refused locally when it carries meaning
    /// (`StopTimeout` < 1.25, `Annotations` < 1.43, `Healthcheck.StartInterval` and per-network
    /// `MacAddress` < 1.44), and dropped when it is ignorable (`ConsoleSize` < 1.42, which 1.41
    /// daemons on Linux do not honour; `KernelMemory` outside 1.40–1.41; `AutoRemove` < 1.25,
    /// where removal is the client's job). The container-wide `MacAddress`, deprecated in 1.44,
    /// moves there to the endpoint of the container's network. Capabilities are normalised to
    /// their `CAP_` names.
    public func create(_ body: ContainerCreateBody, options: ContainerCreateOptions = .init()) async throws -> ContainerCreateResponse {
        var query = QueryItems()
        if let name = options.name {
            try ContainerName.validate(name)
            query.add("name", name)
        }
        if let platform = options.platform {
            try await self.client.requireAPIVersion(APIVersion(1, 41), for: "the platform option of container create")
            query.add("platform", platform)
        }
        let adapted = try await self.adaptedForAPIVersion(body)
        let request = DockerRequest(.POST, "/containers/create", query: query, body: try self.client.jsonBody(adapted))
        return try await self.client.decode(ContainerCreateResponse.self, from: request)
    }

    private func adaptedForAPIVersion(_ body: ContainerCreateBody) async throws -> ContainerCreateBody {
        var body = body
        if body.stopTimeout != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 25), for: "StopTimeout of container create")
        }
        if let interval = body.healthcheck?.startInterval, interval != 0 {
            try await self.client.requireAPIVersion(APIVersion(1, 44), for: "Healthcheck.StartInterval of container create")
        }
        if !(body.hostConfig?.annotations ?? [:]).isEmpty {
            try await self.client.requireAPIVersion(APIVersion(1, 43), for: "Annotations of container create")
        }
        if body.networkingConfig?.endpointsConfig?.values.contains(where: { !($0.macAddress ?? "").isEmpty }) == true {
            try await self.client.requireAPIVersion(APIVersion(1, 44), for: "a per-network MacAddress of container create")
        }
        let version = try await self.client.apiVersion()
        if var hostConfig = body.hostConfig {
            if version < APIVersion(1, 25) { hostConfig.autoRemove = nil }
            if version >= APIVersion(1, 42) || version < APIVersion(1, 40) { hostConfig.kernelMemory = nil }
            if version < APIVersion(1, 42) { hostConfig.consoleSize = nil }
            hostConfig.capAdd = hostConfig.capAdd.map(Self.normalizedCapabilities)
            hostConfig.capDrop = hostConfig.capDrop.map(Self.normalizedCapabilities)
            body.hostConfig = hostConfig
        }
        if version >= APIVersion(1, 44), let macAddress = body.macAddress {
            body.macAddress = nil
            if !macAddress.isEmpty { try Self.moveMACAddress(macAddress, toEndpointOf: &body) }
        }
        return body
    }

    /// From API 1.44 a container's MAC address belongs to its endpoint on a network: the
    /// container-wide one moves to the endpoint of `NetworkMode` (`default` when unset), as
    /// docker's CLI sends it; a different address already set there is a conflict.
    static func moveMACAddress(_ macAddress: String, toEndpointOf body: inout ContainerCreateBody) throws {
        let network = body.hostConfig?.networkMode ?? "default"
        var endpoints = body.networkingConfig?.endpointsConfig ?? [:]
        var endpoint = endpoints[network] ?? EndpointSettings()
        if let existing = endpoint.macAddress, !existing.isEmpty, existing != macAddress {
            throw DockerError.invalidInput(
                "the container-wide MacAddress \(macAddress) differs from the MacAddress \(existing) of its endpoint on network \(network): set only one")
        }
        endpoint.macAddress = macAddress
        endpoints[network] = endpoint
        var networking = body.networkingConfig ?? NetworkingConfig()
        networking.endpointsConfig = endpoints
        body.networkingConfig = networking
    }

    /// `net_admin` → `CAP_NET_ADMIN`; `ALL` stays as it is.
    static func normalizedCapabilities(_ capabilities: [String]) -> [String] {
        capabilities.map { capability in
            let upper = capability.uppercased()
            return upper == "ALL" || upper.hasPrefix("CAP_") ? upper : "CAP_" + upper
        }
    }
}
