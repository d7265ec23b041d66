import StevedoreText

/// Options of ``DockerClient/Containers/create(_:options:pullProgress:)`` (`POST /containers/create`).
public struct ContainerCreateOptions: Hashable, Sendable {
    /// `name`: the container's name, `/?[a-zA-Z0-9][a-zA-Z0-9_.-]+`; the daemon picks one when `nil`.
    public var name: String?
    /// `platform`: `os[/arch[/variant]]` of the image to use (API ≥ 1.41); a pull asks for it too.
    public var platform: String?
    /// When the client pulls the image before creating (docker's `--pull`). Default:
    /// ``ImagePullPolicy/missing``, as `docker create` and `docker run`: an image the daemon
    /// lacks is pulled, then the container is created. ``ImagePullPolicy/never`` is the
    /// endpoint alone.
    public var pull: ImagePullPolicy
    /// Credentials for that pull (`X-Registry-Auth`); see ``DockerConfigFile`` to find them as
    /// the docker CLI does. Default: none.
    public var pullCredentials: RegistryAuth?
    /// Without ``pullCredentials``, the configuration the pull's credentials are read from,
    /// with ``DockerConfigFile/credentials(forImage:)``, once a pull starts, as the docker CLI
    /// reads them: a create from an image at hand runs no credential helper (which may be slow,
    /// or ask for a passphrase), and one that is missing or fails fails only a pull. Default:
    /// none.
    public var pullCredentialsSource: DockerConfigFile?
    /// docker's `--use-api-socket` (default `false`): the daemon's socket, ``apiSocketPath`` on
    /// its host, is bind-mounted at `/var/run/docker.sock` in the container, so that a docker
    /// client inside drives this daemon, with ``apiSocketCredentials``. Refused for a Windows
    /// daemon.
    public var useAPISocket: Bool
    /// With ``useAPISocket``: the daemon's socket on the daemon's host (default
    /// `/var/run/docker.sock`, where docker 28.5 takes it from; a rootless daemon's is
    /// `$XDG_RUNTIME_DIR/docker.sock`). The daemon refuses the create when nothing is there.
    public var apiSocketPath: String
    /// With ``useAPISocket``: registry credentials for the container's docker client, by
    /// registry (``DockerConfigFile/allCredentials()`` gives the caller's own, which docker's
    /// CLI passes). Unless they are empty or the body sets `DOCKER_CONFIG` itself, they are
    /// written to `/run/secrets/docker/config.json` (mode 0600) once the container is created,
    /// and `DOCKER_CONFIG=/run/secrets/docker` is added to its environment. They stay in the
    /// container's filesystem until it is removed. Default: none.
    public var apiSocketCredentials: [String: RegistryAuth]

    public init(
        name: String? = nil,
        platform: String? = nil,
        pull: ImagePullPolicy = .missing,
        pullCredentials: RegistryAuth? = nil,
        pullCredentialsSource: DockerConfigFile? = nil,
        useAPISocket: Bool = false,
        apiSocketPath: String = DockerHost.defaultSocketPath,
        apiSocketCredentials: [String: RegistryAuth] = [:]
    ) {
        self.name = name
        self.platform = platform
        self.pull = pull
        self.pullCredentials = pullCredentials
        self.pullCredentialsSource = pullCredentialsSource
        self.useAPISocket = useAPISocket
        self.apiSocketPath = apiSocketPath
        self.apiSocketCredentials = apiSocketCredentials
    }
}

/// Sees a pull that ``DockerClient/Containers/create(_:options:pullProgress:)`` makes: its start,
/// then each progress message; an error it throws ends the pull and the create.
public typealias ImagePullProgressHandler = (ImagePullEvent) async throws -> Void

extension DockerClient.Containers {
    /// `POST /containers/create`: creates a container from `body` (its config, `hostConfig` and
    /// `networkingConfig`). Returns the new id and the daemon's warnings. A missing image is
    /// pulled (see below), or throws ``DockerError/Category/notFound`` with
    /// ``ImagePullPolicy/never``; a name in use throws ``DockerError/Category/conflict``.
    ///
    /// The body is adapted to the API version in use as the moby client adapts it: a field the
    /// daemon would reject or misread is refused locally when it carries meaning
    /// (`StopTimeout` < 1.25, `Annotations` < 1.43, `Healthcheck.StartInterval` and per-network
    /// `MacAddress` < 1.44, per-network `GwPriority` < 1.48), and dropped when it is ignorable
    /// (`ConsoleSize` < 1.42, which 1.41 daemons on Linux do not honour; `KernelMemory` outside
    /// 1.40–1.41; `AutoRemove` < 1.25, where removal is the client's job). From API 1.44 the
    /// container-wide `MacAddress`, deprecated there, moves to the endpoint of the container's
    /// network. Capabilities are normalised to their `CAP_` names, once each and sorted.
    ///
    /// As ``ContainerCreateOptions/pull`` says, the image is pulled when the daemon answers that
    /// it lacks it (`missing`, the default), before the create (`always`), or never; the pull
    /// asks for the create's platform with ``ContainerCreateOptions/pullCredentials`` (or those
    /// ``ContainerCreateOptions/pullCredentialsSource`` holds, read when the pull starts).
    /// `pullProgress` sees the pull; without a handler it is read to its end silently. A pull
    /// that fails throws its own error (an unknown repository, refused credentials, an
    /// unreachable registry).
    ///
    /// With ``ContainerCreateOptions/useAPISocket``, the credentials are written into the
    /// container after the create; when that fails, the container is removed and the error
    /// thrown.
    ///
    /// Cancelled while the daemon creates the container (which it finishes even when the
    /// client goes away), the call waits for the daemon's answer, up to 15 seconds, then removes
    /// the container (up to 10 seconds more) and throws `CancellationError`: only a daemon
    /// slower than that is left with the container.
    public func create(
        _ body: ContainerCreateBody,
        options: ContainerCreateOptions = .init(),
        pullProgress: ImagePullProgressHandler? = nil
    ) async throws -> ContainerCreateResponse {
        var body = body
        var writesCredentials = false
        if options.useAPISocket { (body, writesCredentials) = try await self.sharingAPISocket(body, options: options) }
        let pull = { [body] in try await self.pullImage(of: body, options: options, progress: pullProgress) }
        if options.pull == .always { try await pull() }
        let created: ContainerCreateResponse
        do {
            created = try await self.createOnceLeavingNothingIfCancelled(body, options: options)
        } catch let error as DockerError where options.pull == .missing && Self.isMissingImage(error) {
            try await pull()
            created = try await self.createOnceLeavingNothingIfCancelled(body, options: options)
        }
        guard writesCredentials else { return created }
        do {
            try await self.writeAPISocketCredentials(options.apiSocketCredentials, into: created.id)
        } catch {
            await self.removeAbandoned(created.id)
            throw error
        }
        return created
    }

    /// The create request, carried through a cancellation of the calling task (see
    /// ``DockerClient/createLeavingNothingIfCancelled(grace:_:removing:)``).
    private func createOnceLeavingNothingIfCancelled(
        _ body: ContainerCreateBody, options: ContainerCreateOptions
    ) async throws -> ContainerCreateResponse {
        try await self.client.createLeavingNothingIfCancelled {
            try await self.createOnce(body, options: options)
        } removing: { created in
            try await self.remove(created.id, options: Self.abandonedRemoval)
        }
    }

    /// The daemon's answer when the image of a create is absent: 404 `No such image: …`, or, for
    /// a create that names a platform, 404 `image with reference … was found but` its platform
    /// does not match (the image is then pulled for that platform, as docker pulls it).
    private static func isMissingImage(_ error: DockerError) -> Bool {
        error.category == .notFound
            && (error.message.hasBytePrefix("No such image") || error.message.hasBytePrefix("image with reference "))
    }

    private func pullImage(of body: ContainerCreateBody, options: ContainerCreateOptions, progress: ImagePullProgressHandler?) async throws
    {
        guard let image = body.image, !image.isEmpty else {
            throw DockerError.invalidInput("the container has no image to pull: set Image of the create body")
        }
        let reference = try ImageName(parsing: image).withDefaultTag
        try await progress?(.started(reference))
        var credentials = options.pullCredentials
        if credentials == nil { credentials = try await options.pullCredentialsSource?.credentials(forImage: reference.description) }
        let stream = try await self.client.images.pull(
            reference.description, options: ImagePullOptions(platform: options.platform, credentials: credentials))
        guard let progress else {
            _ = try await stream.finish()
            return
        }
        for try await message in stream { try await progress(.progress(message)) }
    }

    private func createOnce(_ body: ContainerCreateBody, options: ContainerCreateOptions) async throws -> ContainerCreateResponse {
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
        let endpoints = body.networkingConfig?.endpointsConfig?.values ?? [:].values
        if endpoints.contains(where: { !($0.macAddress ?? "").isEmpty }) {
            try await self.client.requireAPIVersion(APIVersion(1, 44), for: "a per-network MacAddress of container create")
        }
        if endpoints.contains(where: { ($0.gwPriority ?? 0) != 0 }) {
            try await self.client.requireAPIVersion(APIVersion(1, 48), for: "a per-network GwPriority of container create")
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
                "the container-wide MacAddress \(macAddress) differs from the MacAddress \(existing) of its endpoint "
                    + "on network \(network): set only one"
            )
        }
        endpoint.macAddress = macAddress
        endpoints[network] = endpoint
        var networking = body.networkingConfig ?? NetworkingConfig()
        networking.endpointsConfig = endpoints
        body.networkingConfig = networking
    }

    /// `net_admin` → `CAP_NET_ADMIN`, `ALL` as it is; once each, sorted, as docker's client
    /// sends them (a capability given twice is otherwise kept twice by the daemon).
    static func normalizedCapabilities(_ capabilities: [String]) -> [String] {
        let normalized = capabilities.map { capability in
            let upper = capability.uppercased()
            return upper == "ALL" || upper.hasBytePrefix("CAP_") ? upper : "CAP_" + upper
        }
        return Set(normalized).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
