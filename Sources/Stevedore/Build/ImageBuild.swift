#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options of ``DockerClient/Images/build(context:options:)`` (`POST /build`), each named after
/// its query parameter. `nil` leaves the daemon's default.
public struct ImageBuildOptions: Hashable, Sendable {
    /// `dockerfile`: the Dockerfile's path inside the context (daemon default `Dockerfile`;
    /// with a ``BuildContext`` its own ``BuildContext/dockerfile`` is used when `nil`).
    public var dockerfile: String?
    /// `t`: the names (`name:tag`) to give the image; any number.
    public var tags: [String]
    /// `extrahosts`: `host:ip` lines added to `/etc/hosts` of `RUN` steps.
    public var extraHosts: [String]
    /// `remote`: a Git URL or HTTP(S) URL of a context or Dockerfile, instead of an uploaded context.
    public var remote: String?
    /// `q`: no step output; the stream carries only the image id.
    public var quiet: Bool
    /// `nocache`: do not use the build cache.
    public var noCache: Bool
    /// `cachefrom`: images to use as cache sources.
    public var cacheFrom: [String]
    /// `pull`: pull newer versions of the base images.
    public var pull: Bool
    /// `rm`: remove intermediate containers after a successful build (daemon default `true`).
    public var removeIntermediate: Bool?
    /// `forcerm`: always remove intermediate containers, even after a failure.
    public var forceRemoveIntermediate: Bool
    /// `memory`: memory limit of `RUN` steps, bytes. Like the other CPU and memory limits and
    /// ``cgroupParent``, the classic builder's only: a BuildKit build refuses it, as the daemon's
    /// BuildKit would ignore it.
    public var memory: Int64?
    /// `memswap`: memory + swap limit, bytes; `-1` for unlimited swap.
    public var memorySwap: Int64?
    /// `cpushares`: relative CPU weight.
    public var cpuShares: Int?
    /// `cpusetcpus`: CPUs allowed (`0-3`, `0,1`).
    public var cpusetCPUs: String?
    /// `cpusetmems`: memory nodes allowed (`0-3`, `0,1`).
    public var cpusetMems: String?
    /// `cgroupparent`: the parent cgroup of `RUN` steps.
    public var cgroupParent: String?
    /// `isolation`: the isolation technology of `RUN` steps (`default`; `process` and `hyperv`
    /// on Windows daemons, which alone take another). `default` is not sent, as docker does.
    public var isolation: String?
    /// `securityopt`: security options of `RUN` steps; only Windows daemons take them
    /// (`credentialspec=…`), a Linux daemon refuses the build.
    public var securityOptions: [String] = []
    /// `cpuperiod`: CPU CFS period, microseconds.
    public var cpuPeriod: Int?
    /// `cpuquota`: CPU CFS quota, microseconds.
    public var cpuQuota: Int?
    /// `buildargs`: `ARG` values; a `nil` value takes the variable from the daemon's environment
    /// as `--build-arg NAME` does.
    public var buildArgs: [String: String?]
    /// `ulimits`: resource limits of `RUN` steps (`nofile`, `nproc`…), sent as JSON (the daemon
    /// reads them; the spec does not list them). BuildKit applies them from API 1.42.
    public var ulimits: [Resources.Ulimit] = []
    /// `shmsize`: size of `/dev/shm`, bytes.
    public var shmSize: Int64?
    /// `squash`: squash the new layers into one (experimental daemons only).
    public var squash: Bool
    /// Whether the uploaded context archive is gzip-compressed as it is sent (docker's
    /// `build --compress`; ``ByteSource/gzipped()``), for a daemon behind a slow link: the
    /// daemon decompresses it. Not a query parameter. An archive already compressed is sent
    /// as it is. A BuildKit build of a ``BuildContext`` uploads nothing (the daemon reads the
    /// files through the session), so this has no effect there. Default: `false`.
    public var compressContext = false
    /// `labels`: labels set on the image.
    public var labels: [String: String]
    /// `networkmode`: network of `RUN` steps (`bridge`, `host`, `none`, `container:<id>`, a network).
    public var networkMode: String?
    /// `platform`: `os[/arch[/variant]]` to build for (API ≥ 1.32).
    public var platform: String?
    /// `target`: the stage of a multi-stage Dockerfile to build.
    public var target: String?
    /// `outputs`: BuildKit outputs, e.g. `[["Type": "moby", "Attrs": [...]]]`, sent as JSON (API ≥ 1.40).
    public var outputs: [BuildOutput]
    /// `version`: the builder, `1` (classic, the daemon's default) or `2` (BuildKit; the daemon
    /// says which it prefers in ``PingResponse/builderVersion``) (API ≥ 1.38). BuildKit's
    /// progress comes as ``ProgressMessage/buildKitStatus`` and a failed step sets
    /// ``DockerError/failedBuildStep``.
    public var builderVersion: String?
    /// Secrets BuildKit steps may mount (`RUN --mount=type=secret,id=…`), served through the
    /// session of ``DockerClient/Images/build(context:options:)``; ignored by the classic builder.
    public var secrets: [BuildSecret] = []
    /// ssh agents BuildKit steps may use (`RUN --mount=type=ssh`), forwarded through the
    /// session of ``DockerClient/Images/build(context:options:)``; ignored by the classic builder.
    public var sshAgents: [BuildSSHAgent] = []
    /// Where a BuildKit build writes its files instead of making an image (`outputs`, received
    /// through the session of ``DockerClient/Images/build(context:options:)``; API ≥ 1.40).
    /// Not with ``outputs``, and there is no image id.
    public var export: BuildExport?
    /// `session`: the id of a BuildKit session the build reads local files through (with
    /// ``remote`` `client-session`). ``DockerClient/Images/build(context:options:)`` opens one
    /// itself for BuildKit.
    public var session: String?
    /// Credentials of every registry the build may pull from (`X-Registry-Config`; for
    /// BuildKit, answered on the session when the daemon asks for a registry's); see
    /// ``DockerConfigFile/allCredentials()``.
    public var registryCredentials: [String: RegistryAuth]

    public init(
        dockerfile: String? = nil, tags: [String] = [], extraHosts: [String] = [], remote: String? = nil, quiet: Bool = false,
        noCache: Bool = false, cacheFrom: [String] = [], pull: Bool = false, removeIntermediate: Bool? = nil,
        forceRemoveIntermediate: Bool = false, memory: Int64? = nil, memorySwap: Int64? = nil, cpuShares: Int? = nil,
        cpusetCPUs: String? = nil, cpuPeriod: Int? = nil, cpuQuota: Int? = nil, buildArgs: [String: String?] = [:],
        shmSize: Int64? = nil, squash: Bool = false, labels: [String: String] = [:], networkMode: String? = nil,
        platform: String? = nil, target: String? = nil, outputs: [BuildOutput] = [], builderVersion: String? = nil,
        registryCredentials: [String: RegistryAuth] = [:]
    ) {
        self.dockerfile = dockerfile
        self.tags = tags
        self.extraHosts = extraHosts
        self.remote = remote
        self.quiet = quiet
        self.noCache = noCache
        self.cacheFrom = cacheFrom
        self.pull = pull
        self.removeIntermediate = removeIntermediate
        self.forceRemoveIntermediate = forceRemoveIntermediate
        self.memory = memory
        self.memorySwap = memorySwap
        self.cpuShares = cpuShares
        self.cpusetCPUs = cpusetCPUs
        self.cpuPeriod = cpuPeriod
        self.cpuQuota = cpuQuota
        self.buildArgs = buildArgs
        self.shmSize = shmSize
        self.squash = squash
        self.labels = labels
        self.networkMode = networkMode
        self.platform = platform
        self.target = target
        self.outputs = outputs
        self.builderVersion = builderVersion
        self.registryCredentials = registryCredentials
    }

    /// The names of the options set here that only the classic builder applies: the memory and
    /// CPU limits and ``cgroupParent``. The daemon's BuildKit (dockerd 20.10 and Docker 28.5
    /// alike) takes them and ignores them, so a BuildKit build with any of them is refused.
    public var classicBuilderOnlyOptions: [String] {
        [
            ("memory", self.memory != nil), ("memorySwap", self.memorySwap != nil), ("cpuShares", self.cpuShares != nil),
            ("cpusetCPUs", self.cpusetCPUs != nil), ("cpusetMems", self.cpusetMems != nil), ("cpuPeriod", self.cpuPeriod != nil),
            ("cpuQuota", self.cpuQuota != nil), ("cgroupParent", self.cgroupParent != nil),
        ].filter(\.1).map(\.0)
    }
}

/// One BuildKit output of ``ImageBuildOptions/outputs``.
public struct BuildOutput: Codable, Hashable, Sendable {
    /// `Type`: `moby` (an image, the default), `cacheonly`, or `local` and `tar`, whose files
    /// reach the client through a session (see ``ImageBuildOptions/export``).
    public var type: String
    /// `Attrs`: the exporter's attributes.
    public var attributes: [String: String]

    public init(type: String = "moby", attributes: [String: String] = [:]) {
        self.type = type
        self.attributes = attributes
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case attributes = "Attrs"
    }
}

extension DockerClient.Images {
    /// `POST /build` of a local directory, tarred and streamed by Stevedore with docker's
    /// `.dockerignore` rules (see ``BuildContext``). Returns the build's progress: from the
    /// classic builder, the ``ProgressMessage/stream`` text of each step; from BuildKit,
    /// `moby.buildkit.trace` messages instead, which ``ProgressMessage/buildKitStatus`` decodes.
    /// Then `aux.ID` with the image id (``ProgressStream/finish()`` returns it). A failed step
    /// throws ``DockerError/Category/buildFailed`` with the daemon's message (and the exit code
    /// of a failed `RUN` in ``DockerError/code``).
    ///
    /// The builder is ``ImageBuildOptions/builderVersion``, or when `nil` the one the docker CLI
    /// would choose (``preferredBuilderVersion(environment:)``): BuildKit on Docker 23 and
    /// later, the classic builder on dockerd 20.10, and what `DOCKER_BUILDKIT` says if set.
    ///
    /// With BuildKit (``ImageBuildOptions/builderVersion`` `"2"`) nothing is uploaded: the build
    /// reads the directory through a BuildKit session (``ImageBuildOptions/session``), which
    /// sends the files the build asks for, honouring `.dockerignore` as BuildKit reads it, and
    /// serves the build's ``ImageBuildOptions/secrets``, ``ImageBuildOptions/sshAgents`` and
    /// ``ImageBuildOptions/export``. The session closes when the stream ends.
    public func build(context: BuildContext, options: ImageBuildOptions = .init()) async throws -> ProgressStream {
        var options = options
        if options.builderVersion == nil, try await self.preferredBuilderVersion() == "2" { options.builderVersion = "2" }
        guard options.builderVersion == "2" else {
            if options.dockerfile == nil { options.dockerfile = context.dockerfile }
            return try await self.build(archive: context.archive, options: options)
        }
        let dockerfile = URL(
            fileURLWithPath: context.externalDockerfile?.path ?? context.directory.appendingPathComponent(context.dockerfile).path)
        options.dockerfile = dockerfile.lastPathComponent
        options.remote = "client-session"
        var dockerfileSource = FileSyncSender.Source.directory(dockerfile.deletingLastPathComponent())
        if let external = context.externalDockerfile, !external.isRegularFile {
            // A pipe (`-f <(…)`) was read when the context was made, and cannot be read again.
            dockerfileSource = .file(name: dockerfile.lastPathComponent, contents: external.content)
        }
        return try await self.buildInSession(
            archive: nil, directories: ["context": .directory(context.directory), "dockerfile": dockerfileSource],
            name: context.directory.lastPathComponent, sharedKey: context.directory.path, options: options)
    }

    /// Runs the build with a BuildKit session of its own, which serves `directories` and what
    /// the options name (secrets, ssh agents, the export), and closes when the stream ends.
    private func buildInSession(
        archive: ByteSource?, directories: [String: FileSyncSender.Source], name: String, sharedKey: String,
        options: ImageBuildOptions
    ) async throws -> ProgressStream {
        try await self.client.requireAPIVersion(APIVersion(1, 39), for: "a BuildKit session")
        for secret in options.secrets { try secret.checkSource() }
        var options = options
        if let export = options.export {
            guard options.outputs.isEmpty else { throw DockerError.invalidInput("a build has either an export or outputs, not both") }
            options.outputs = [export.output]
        }
        let session = try await BuildKitSession.open(
            client: self.client, directories: directories, options: options, name: name, sharedKey: sharedKey)
        options.session = session.id
        do {
            var stream = try await self.send(archive: archive, options: options)
            stream.session = session
            return stream
        } catch {
            session.close()
            throw error
        }
    }

    /// The builder the docker CLI would choose on this daemon: `DOCKER_BUILDKIT` of
    /// `environment` when it is set (a Go boolean: `1`, `true`… for BuildKit, `0`, `false`…
    /// for the classic builder), else the daemon's preference (``PingResponse/builderVersion``),
    /// and `"1"` when it states none (dockerd 20.10, unless configured otherwise). Throws
    /// ``DockerError/Category/invalidInput`` when `DOCKER_BUILDKIT` is not a boolean.
    public func preferredBuilderVersion(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> String {
        if let value = environment["DOCKER_BUILDKIT"] {
            guard let enabled = goParseBool(value) else {
                throw DockerError.invalidInput("DOCKER_BUILDKIT environment variable expects boolean value: \"\(value)\" is not one")
            }
            return enabled ? "2" : "1"
        }
        return try await self.client.system.ping().builderVersion == "2" ? "2" : "1"
    }

    /// `POST /build` of a context tar (plain, gzip, bzip2 or xz) streamed from `archive`, or of
    /// ``ImageBuildOptions/remote`` when `archive` is `nil`, with the builder of
    /// ``ImageBuildOptions/builderVersion`` (the daemon's default when `nil`). A BuildKit build
    /// with secrets, ssh agents or an export opens a session for them.
    public func build(archive: ByteSource?, options: ImageBuildOptions = .init()) async throws -> ProgressStream {
        guard archive != nil || options.remote != nil else {
            throw DockerError.invalidInput("a build needs a context archive or a remote URL")
        }
        let needsSession = !options.secrets.isEmpty || !options.sshAgents.isEmpty || options.export != nil
        guard needsSession else { return try await self.send(archive: archive, options: options) }
        guard options.builderVersion == "2" else {
            throw DockerError.invalidInput("secrets, ssh agents and exports need BuildKit (builderVersion \"2\")")
        }
        return try await self.buildInSession(archive: archive, directories: [:], name: "", sharedKey: "", options: options)
    }

    /// `POST /build` with `options` as they are.
    private func send(archive: ByteSource?, options: ImageBuildOptions) async throws -> ProgressStream {
        if options.builderVersion == "2" { try Self.refuseClassicOnlyOptions(options) }
        var query = QueryItems()
        query.add("dockerfile", options.dockerfile)
        for tag in options.tags {
            try ObjectPath.image.validate(tag)
            query.add("t", tag)
        }
        for host in options.extraHosts { query.add("extrahosts", host) }
        query.add("remote", options.remote)
        query.add("session", options.session)
        query.add("q", options.quiet ? true : nil)
        query.add("nocache", options.noCache ? true : nil)
        if !options.cacheFrom.isEmpty { query.add("cachefrom", Self.json(options.cacheFrom)) }
        query.add("pull", options.pull ? true : nil)
        query.add("rm", options.removeIntermediate)
        query.add("forcerm", options.forceRemoveIntermediate ? true : nil)
        query.add("memory", options.memory)
        query.add("memswap", options.memorySwap)
        query.add("cpushares", options.cpuShares)
        query.add("cpusetcpus", options.cpusetCPUs)
        query.add("cpusetmems", options.cpusetMems)
        query.add("cgroupparent", options.cgroupParent)
        if let isolation = options.isolation, !isolation.isEmpty, isolation.lowercased() != "default" { query.add("isolation", isolation) }
        for option in options.securityOptions { query.add("securityopt", option) }
        query.add("cpuperiod", options.cpuPeriod)
        query.add("cpuquota", options.cpuQuota)
        if !options.buildArgs.isEmpty { query.add("buildargs", Self.json(options.buildArgs)) }
        query.add("shmsize", options.shmSize)
        if !options.ulimits.isEmpty {
            // dockerd 20.10's BuildKit ignores them: a limit that would silently not apply is refused.
            if options.builderVersion == "2" {
                try await self.client.requireAPIVersion(APIVersion(1, 42), for: "ulimits of a BuildKit build")
            }
            query.add("ulimits", Self.json(options.ulimits))
        }
        query.add("squash", options.squash ? true : nil)
        if !options.labels.isEmpty { query.add("labels", Self.json(options.labels)) }
        query.add("networkmode", options.networkMode)
        if let platform = options.platform {
            try await self.client.requireAPIVersion(APIVersion(1, 32), for: "the platform option of build")
            query.add("platform", platform)
        }
        query.add("target", options.target)
        if !options.outputs.isEmpty {
            try await self.client.requireAPIVersion(APIVersion(1, 40), for: "the outputs option of build")
            query.add("outputs", Self.json(options.outputs))
        }
        if let version = options.builderVersion {
            try await self.client.requireAPIVersion(APIVersion(1, 38), for: "the version option of build")
            query.add("version", version)
        }
        let upload = options.compressContext ? archive?.gzipped() : archive
        var request = DockerRequest(.POST, "/build", query: query, body: upload?.body)
        request.headers.add(name: "Content-Type", value: "application/x-tar")
        if !options.registryCredentials.isEmpty {
            request.headers.add(name: "X-Registry-Config", value: RegistryAuth.configHeaderValue(options.registryCredentials))
        }
        return try await self.client.progressStream(request, operation: .build)
    }

    /// A BuildKit build with options only the classic builder applies: refused, as the
    /// daemon's BuildKit would take them and ignore them.
    private static func refuseClassicOnlyOptions(_ options: ImageBuildOptions) throws {
        let given = options.classicBuilderOnlyOptions
        guard given.isEmpty else {
            throw DockerError.invalidInput(
                "\(given.joined(separator: ", ")) of a build apply only to the classic builder, and the daemon's BuildKit would "
                    + "ignore them: build with builderVersion \"1\", or leave them out")
        }
    }

    private static func json<Value: Encodable>(_ value: Value) -> String {
        String(decoding: RegistryAuth.encodeJSON(value), as: UTF8.self)
    }
}
