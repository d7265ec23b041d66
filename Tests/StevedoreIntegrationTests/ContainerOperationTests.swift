import Foundation
import NIOCore
import StevedoreTestSupport
import Synchronization
import Testing

@testable import Stevedore

@Suite(
    "Container operations against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct ContainerOperationTests {
    @Test func topListsTheContainersProcesses() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sleep", "300"]) { id in
                // `start` can return before the container's process has exec'd its command (a
                // moment longer under load; a CI run saw it): ask until it has.
                var top = try await client.containers.top(id)
                #expect(top.titles?.contains("CMD") == true)
                let listed = try await eventually {
                    top = try await client.containers.top(id)
                    return top.processes?.contains { $0.last == "sleep 300" } == true
                }
                #expect(listed, "\(top)")
                let custom = try await client.containers.top(id, psArgs: "-o pid,comm")
                #expect(custom.titles == ["PID", "COMMAND"])
            }
            try await client.withContainer(["true"], start: false) { id in
                let error = await #expect(throws: DockerError.self) { try await client.containers.top(id) }
                #expect(error?.category == .conflict)
            }
        }
    }

    @Test func changesListAnAddedFileWithItsKind() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sh", "-c", "echo x > /added && rm /bin/ls"]) { id in
                _ = try await client.containers.wait(id)
                let changes = try await client.containers.changes(id)
                #expect(changes.contains(FilesystemChange(path: "/added", kind: .added)))
                #expect(changes.contains(FilesystemChange(path: "/bin/ls", kind: .deleted)))
                #expect(changes.contains(FilesystemChange(path: "/bin", kind: .modified)))
                #expect(ChangeType.added.symbol == "A")
            }
            try await client.withContainer(["true"], start: false) { id in
                let changes = try await client.containers.changes(id)
                #expect(changes.isEmpty)
            }
            let error = await #expect(throws: DockerError.self) { try await client.containers.changes(uniqueName("missing")) }
            #expect(error?.category == .notFound)
        }
    }

    @Test func exportStreamsATarHoldingBusybox() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["true"], start: false) { id in
                var parser = TarParser()
                var names: Set<String> = []
                var busyboxSize: Int64 = 0
                var chunks = 0
                for try await chunk in try await client.containers.export(id) {
                    chunks += 1
                    for case .header(let header) in try parser.feed(chunk) {
                        names.insert(header.name)
                        if header.name == "bin/busybox" { busyboxSize = header.size }
                    }
                }
                #expect(parser.isFinished)
                #expect(names.contains("bin/busybox"))
                #expect(busyboxSize > 500_000)
                #expect(chunks > 1, "the export arrives in pieces, not as one buffer")
            }
            let error = await #expect(throws: DockerError.self) { try await client.containers.export(uniqueName("missing")) }
            #expect(error?.category == .notFound)
        }
    }

    @Test func statsOneShotAndStreaming() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sleep", "300"]) { id in
                let once = try await client.containers.stats(id, oneShot: true)
                // Docker 28 leaves the id and name out of one-shot stats (a stream has them).
                #expect(once.id == id || (once.id == nil && once.name == nil), "\(String(describing: once.id))")
                #expect(once.memoryLimit > 0)
                #expect(once.memoryUsageWithoutCache > 0)
                #expect(once.memoryPercent > 0 && once.memoryPercent < 100)
                // The count is of the cgroup's tasks: the start can return while runc's init (a
                // Go program, 7 threads seen under load) has not yet become `sleep`.
                #expect(once.processCount >= 1)
                #expect(try await eventually(within: 30) { try await client.containers.stats(id, oneShot: true).processCount == 1 })
                var samples: [ContainerStatsResponse] = []
                for try await sample in try await client.containers.statsStream(id) {
                    samples.append(sample)
                    if samples.count == 2 { break }
                }
                #expect(samples.count == 2)
                #expect(samples[1].precpuStats?.systemCpuUsage ?? 0 > 0, "a streamed sample carries the previous one's CPU figures")
                #expect(samples[1].cpuPercent >= 0)
            }
            let error = await #expect(throws: DockerError.self) { try await client.containers.stats(uniqueName("missing")) }
            #expect(error?.category == .notFound)
        }
    }

    @Test func resizeReachesTheContainersTerminal() async throws {
        try await TestEngine.withClient { client in
            let script = "trap 'stty size > /tmp/size' WINCH; touch /tmp/ready; while true; do sleep 0.1; done"
            try await client.withContainer(["sh", "-c", script], configure: { $0.tty = true }) { id in
                #expect(try await eventually { (try? await client.containers.archiveInfo(id, path: "/tmp/ready")) != nil })
                try await client.containers.resize(id, height: 33, width: 77)
                #expect(try await eventually { (try? await client.fileContent(id, path: "/tmp/size")) == "33 77\n" })
                let error = await #expect(throws: DockerError.self) { try await client.containers.resize(id, height: 0, width: 80) }
                #expect(error?.category == .invalidInput)
            }
            try await client.withContainer(["true"], start: false) { id in
                let error = await #expect(throws: DockerError.self) { try await client.containers.resize(id, height: 24, width: 80) }
                #expect(error?.category == .conflict)
            }
        }
    }

    @Test func killDeliversTheSignalToATrap() async throws {
        try await TestEngine.withClient { client in
            let script = "trap 'exit 42' USR1; touch /tmp/ready; while true; do sleep 0.1; done"
            try await client.withContainer(["sh", "-c", script]) { id in
                #expect(try await eventually { (try? await client.containers.archiveInfo(id, path: "/tmp/ready")) != nil })
                try await client.containers.kill(id, signal: try ContainerSignal(parsing: "usr1"))
                #expect(try await client.containers.wait(id).statusCode == 42)
                let error = await #expect(throws: DockerError.self) { try await client.containers.kill(id) }
                #expect(error?.category == .conflict, "killing a stopped container")
            }
            try await client.withContainer(["sleep", "300"]) { id in
                try await client.containers.kill(id, signal: try ContainerSignal(parsing: "9"))
                #expect(try await client.containers.wait(id).statusCode == 137)
            }
        }
    }

    @Test func stopAndRestart() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sleep", "300"]) { id in
                let started = try await client.containers.inspect(id).state?.startedAt
                try await client.containers.restart(id, options: .init(timeout: .seconds(0)))
                let restarted = try await client.containers.inspect(id).state
                #expect(restarted?.running == true)
                #expect(restarted?.startedAt != started)
                try await client.containers.stop(id, options: .init(timeout: .seconds(0)))
                let stopped = try await client.containers.inspect(id).state
                #expect(stopped?.running == false)
                #expect(stopped?.exitCode == 137, "sleep as PID 1 ignores SIGTERM, so it was killed")
                try await client.containers.stop(id)  // already stopped: 304, a success
                let negative = await #expect(throws: DockerError.self) {
                    try await client.containers.stop(id, options: .init(timeout: .seconds(-1)))
                }
                #expect(negative?.category == .invalidInput)
                if try await client.apiVersion() < APIVersion(1, 42) {
                    let signal = await #expect(throws: DockerError.self) {
                        try await client.containers.stop(id, options: .init(signal: .interrupt))
                    }
                    #expect(signal?.category == .unsupportedByAPIVersion)
                }
            }
            let error = await #expect(throws: DockerError.self) { try await client.containers.restart(uniqueName("missing")) }
            #expect(error?.category == .notFound)
        }
    }

    /// The container's `State.Paused`, read until it is `expected` (for up to 5 s): dockerd 20.10
    /// answers a pause or unpause before containerd's event updates the state it reports.
    static func pausedState(_ client: DockerClient, _ id: String, settlingOn expected: Bool) async throws -> Bool? {
        var paused = try await client.containers.inspect(id).state?.paused
        for _ in 0..<50 where paused != expected {
            try await Task.sleep(for: .milliseconds(100))
            paused = try await client.containers.inspect(id).state?.paused
        }
        return paused
    }

    @Test func pauseAndUnpause() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sleep", "300"]) { id in
                try await client.containers.pause(id)
                #expect(try await Self.pausedState(client, id, settlingOn: true) == true)
                let twice = await #expect(throws: DockerError.self) { try await client.containers.pause(id) }
                #expect(twice?.category == .conflict)
                try await client.containers.unpause(id)
                #expect(try await Self.pausedState(client, id, settlingOn: false) == false)
                let notPaused = await #expect(throws: DockerError.self) { try await client.containers.unpause(id) }
                // dockerd 20.10 answers 500; newer daemons 409.
                #expect(notPaused?.message.contains("is not paused") == true)
            }
        }
    }

    @Test func updateChangesLimitsAndRestartPolicy() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sleep", "300"]) { id in
                var update = ContainerUpdateBody(memory: 64 << 20, memorySwap: 128 << 20)
                update.restartPolicy = RestartPolicy(name: .onFailure, maximumRetryCount: 3)
                update.cpuShares = 512
                _ = try await client.containers.update(id, update)
                let hostConfig = try #require(try await client.containers.inspect(id).hostConfig)
                #expect(hostConfig.memory == 64 << 20)
                #expect(hostConfig.memorySwap == 128 << 20)
                #expect(hostConfig.cpuShares == 512)
                #expect(hostConfig.restartPolicy?.name == .onFailure)
                #expect(hostConfig.restartPolicy?.maximumRetryCount == 3)
                let tooSmall = await #expect(throws: DockerError.self) {
                    try await client.containers.update(id, ContainerUpdateBody(memory: 1024))
                }
                #expect(tooSmall?.category == .invalidArgument)
            }
            let error = await #expect(throws: DockerError.self) {
                try await client.containers.update(uniqueName("missing"), ContainerUpdateBody(cpuShares: 2))
            }
            #expect(error?.category == .notFound)
        }
    }

    @Test func renameReplacesTheName() async throws {
        try await TestEngine.withClient { client in
            let old = uniqueName("old")
            let new = uniqueName("new")
            try await client.withContainer(["true"], start: false, name: old) { id in
                try await client.containers.rename(id, to: new)
                #expect(try await client.containers.inspect(new).id == id)
                let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(old) }
                #expect(gone?.category == .notFound)
                try await client.withContainer(["true"], start: false) { other in
                    let taken = await #expect(throws: DockerError.self) { try await client.containers.rename(other, to: new) }
                    #expect(taken?.category == .conflict)
                }
                let invalid = await #expect(throws: DockerError.self) { try await client.containers.rename(id, to: "no/slash") }
                #expect(invalid?.category == .invalidInput)
            }
        }
    }

    @Test func waitConditions() async throws {
        try await TestEngine.withClient { client in
            try await client.withContainer(["sh", "-c", "exit 7"], start: false) { id in
                let pending = try await client.containers.registerWait(id, condition: .nextExit)
                try await client.containers.start(id)
                let exit = try await pending.result()
                #expect(exit.statusCode == 7)
                #expect(exit.error?.message ?? "" == "")
                // not-running returns at once for a stopped container.
                #expect(try await client.containers.wait(id, condition: .notRunning).statusCode == 7)
            }
            let id = try await client.containers.create(ContainerCreateBody(cmd: ["true"], image: TestEngine.image)).id
            let removal = try await client.containers.registerWait(id, condition: .removed)
            try await client.containers.remove(id)
            #expect(try await removal.result().statusCode == 0)
            let error = await #expect(throws: DockerError.self) { try await client.containers.wait(uniqueName("missing")) }
            #expect(error?.category == .notFound)
        }
    }

    @Test func removeWithVolumesAndForce() async throws {
        try await TestEngine.withClient { client in
            var config = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)
            config.volumes = ["/data": EmptyObject()]
            let id = try await client.containers.create(config).id
            try await client.containers.start(id)
            let volume = try #require(try await client.containers.inspect(id).mounts?.first?.name)
            let running = await #expect(throws: DockerError.self) { try await client.containers.remove(id) }
            #expect(running?.category == .conflict)
            #expect(running?.message.contains("running") == true)
            try await client.containers.remove(id, options: .init(removeVolumes: true, force: true))
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(id) }
            #expect(gone?.category == .notFound)
            let volumes = try await client.containers.list(
                .init(
                    all: true,
                    filters: {
                        var f = ContainerListFilters(); f.volume = [volume]; return f
                    }()))
            #expect(volumes.isEmpty)
        }
    }

    /// docker's `--use-api-socket`: the daemon's socket is in the container, and the
    /// credentials are a config file (mode 0600) that `DOCKER_CONFIG` names, as docker's CLI
    /// writes it; a body that sets `DOCKER_CONFIG` itself gets the socket alone.
    @Test func theAPISocketAndCredentialsReachTheContainer() async throws {
        try await TestEngine.withClient { client in
            let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? DockerHost.local.description
            try #require(host.hasPrefix("unix://"), "the test engine listens on a unix socket")
            let socket = String(host.dropFirst("unix://".count))
            let script =
                "test -S /var/run/docker.sock && echo \"$DOCKER_CONFIG\" && stat -c %a /run/secrets/docker/config.json "
                + "&& cat /run/secrets/docker/config.json"
            var body = ContainerCreateBody(cmd: ["sh", "-c", script], image: TestEngine.image)
            body.hostConfig = HostConfig(networkMode: "none")
            let credentials = [
                "127.0.0.1:5000": RegistryAuth(username: "me", password: "p<w>", serverAddress: "127.0.0.1:5000"),
                "token.example": RegistryAuth(identityToken: "tok"),
                "auth.example": RegistryAuth(auth: "dTpw"),
            ]
            let options = ContainerCreateOptions(useAPISocket: true, apiSocketPath: socket, apiSocketCredentials: credentials)
            let run = try await client.containers.run(body, options: .init(create: options))
            let output = try await client.containers.logs(run.id).collect(upTo: 1 << 20)
            try await client.containers.remove(run.id)
            #expect(run.exitCode == 0, "\(output.stderrText)")
            let auth = Data("me:p<w>".utf8).base64EncodedString()
            #expect(
                output.stdoutText == """
                    /run/secrets/docker
                    600
                    {
                    \t"auths": {
                    \t\t"127.0.0.1:5000": {
                    \t\t\t"auth": "\(auth)"
                    \t\t},
                    \t\t"auth.example": {
                    \t\t\t"auth": "dTpw"
                    \t\t},
                    \t\t"token.example": {
                    \t\t\t"identitytoken": "tok"
                    \t\t}
                    \t}
                    }
                    """)

            body.env = ["DOCKER_CONFIG=/elsewhere"]
            body.cmd = ["sh", "-c", "test -S /var/run/docker.sock && echo $DOCKER_CONFIG && ls /run/secrets"]
            let own = try await client.containers.run(body, options: .init(create: options))
            let ownOutput = try await client.containers.logs(own.id).collect(upTo: 1 << 20)
            try await client.containers.remove(own.id)
            #expect(own.exitCode == 1)
            #expect(ownOutput.stdoutText == "/elsewhere\n")

            // Credentials that cannot be written (a read-only root) leave no container behind.
            body.env = nil
            body.hostConfig?.readonlyRootfs = true
            let name = uniqueName("api-socket")
            var named = options
            named.name = name
            await #expect(throws: DockerError.self) { try await client.containers.create(body, options: named) }
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(gone?.category == .notFound)
        }
    }

    /// What `create` (credentials it could not write, a cancelled request) and `run` do with a
    /// container they made and must not leave: the removal is made from a task of its own, so
    /// that it is sent even when the failure was the caller's task being cancelled, where a
    /// request is not sent at all.
    @Test func anAbandonedContainerIsRemovedEvenFromACancelledTask() async throws {
        try await TestEngine.withClient { client in
            var body = ContainerCreateBody(cmd: ["true"], image: TestEngine.image)
            body.hostConfig = HostConfig(networkMode: "none")
            let created = try await client.containers.create(body)
            let inCancelledTask = { (removal: @escaping @Sendable () async throws -> Void) in
                let task = Task {
                    while !Task.isCancelled { await Task.yield() }
                    try await removal()
                }
                task.cancel()
                try await task.value
            }
            await #expect(throws: CancellationError.self) { try await inCancelledTask { try await client.containers.remove(created.id) } }
            // Not sent at all: a remove the daemon had begun would leave it `removing`.
            #expect(try await client.containers.inspect(created.id).state?.status == .created)
            try await inCancelledTask { await client.containers.removeAbandoned(created.id) }
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(created.id) }
            #expect(gone?.category == .notFound)
        }
    }

    /// A run that must remove its container and is cancelled while the daemon creates it
    /// (about 0.2 s on the test engines' vfs, the cancellation 50 ms in) waits for the create's
    /// answer, removes the container and throws the cancellation: none is left behind.
    @Test(arguments: [false, true])
    func aRunCancelledDuringItsCreateLeavesNoContainer(autoRemove: Bool) async throws {
        try await TestEngine.withClient { client in
            let name = uniqueName("cancelled-create")
            var body = ContainerCreateBody(cmd: ["true"], image: TestEngine.image)
            body.hostConfig = HostConfig(networkMode: "none", autoRemove: autoRemove)
            let run = Task {
                try await client.containers.run(body, options: .init(create: .init(name: name), removeWhenDone: !autoRemove))
            }
            try await Task.sleep(for: .milliseconds(50))
            run.cancel()
            await #expect(throws: CancellationError.self) { try await run.value }
            // The daemon carries out a create whose client went away: it may take a while yet.
            try await Task.sleep(for: .seconds(1))
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(gone?.category == .notFound)
        }
    }

    /// A create asked for by a task already cancelled sends nothing: the daemon records no
    /// create under its name (made and removed again would leave the same state behind).
    @Test func aCreateFromACancelledTaskSendsNothing() async throws {
        try await TestEngine.withClient { client in
            let start = Date()
            let name = uniqueName("create-after-cancel")
            let body = ContainerCreateBody(cmd: ["true"], image: TestEngine.image, hostConfig: HostConfig(networkMode: "none"))
            let create = Task {
                while !Task.isCancelled { await Task.yield() }
                return try await client.containers.create(body, options: .init(name: name))
            }
            create.cancel()
            await #expect(throws: CancellationError.self) { try await create.value }
            let options = SystemEventsOptions(
                since: SystemEventsOptions.timestamp(start.addingTimeInterval(-1)),
                until: SystemEventsOptions.timestamp(Date().addingTimeInterval(1)),
                filters: ["type": ["container"], "container": [name]])
            var actions: [String] = []
            for try await event in try await client.system.events(options) { actions.append(event.action ?? "") }
            #expect(actions.isEmpty, "\(actions)")
        }
    }

    @Test func runWaitsForTheExitAndRemoves() async throws {
        try await TestEngine.withClient { client in
            let name = uniqueName("run")
            let result = try await client.containers.run(
                ContainerCreateBody(cmd: ["sh", "-c", "exit 5"], image: TestEngine.image),
                options: .init(create: .init(name: name), removeWhenDone: true)
            )
            #expect(result.exitCode == 5)
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(gone?.category == .notFound)
            let failed = await #expect(throws: DockerError.self) {
                try await client.containers.run(
                    ContainerCreateBody(cmd: ["/does-not-exist"], image: TestEngine.image),
                    options: .init(create: .init(name: name), removeWhenDone: true)
                )
            }
            #expect(failed != nil)
            let removedAfterFailure = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(removedAfterFailure?.category == .notFound)
        }
    }

    /// Each run holds a wait while it starts its container; with the waits inside the pool's
    /// limit (16), 16 of them would take every connection and the starts would wait forever.
    @Test func sixtyFourConcurrentRunsCompleteOnOneDefaultClient() async throws {
        try await TestEngine.withClient { client in
            #expect(client.configuration.connectionPool == DockerClientConfiguration.ConnectionPool())
            let codes = try await withTimeout(240) {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<64 {
                        group.addTask {
                            let body = ContainerCreateBody(cmd: ["sh", "-c", "exit \(index % 3)"], image: TestEngine.image)
                            return try await client.containers.run(body, options: .init(removeWhenDone: true)).exitCode
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            #expect(codes.sorted() == (0..<64).map { $0 % 3 }.sorted())
        }
    }

    @Test func withRunWritesStdinReadsTheOutputAndReturnsTheExitCode() async throws {
        try await TestEngine.withClient { client in
            let name = uniqueName("withrun")
            var body = ContainerCreateBody(cmd: ["sh", "-c", "tr a-z A-Z; echo err >&2; exit 4"], image: TestEngine.image)
            body.attachStdin = true
            body.openStdin = true
            body.stdinOnce = true
            body.hostConfig = HostConfig(autoRemove: true)
            let (output, run) = try await client.containers.withRun(body, options: .init(create: .init(name: name))) { created, streams in
                #expect(!created.id.isEmpty)
                try await streams.write("hello\n")
                try await streams.closeWrite()
                return try await streams.output.collect(upTo: 1 << 20)
            }
            #expect(output.stdoutText == "HELLO\n")
            #expect(output.stderrText == "err\n")
            #expect(run.exitCode == 4)
            // AutoRemove: the wait lasted until the daemon had removed it.
            let gone = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(gone?.category == .notFound)

            // A container that cannot start is removed too: the daemon removes only one that ran.
            var failing = ContainerCreateBody(cmd: ["/does-not-exist"], image: TestEngine.image)
            failing.hostConfig = HostConfig(autoRemove: true)
            // onCreate sees the container before the start that fails.
            let createdID = Mutex<String?>(nil)
            let failed = await #expect(throws: DockerError.self) {
                try await client.containers.withRun(
                    failing, options: .init(create: .init(name: name)), onCreate: { created in createdID.withLock { $0 = created.id } }
                ) { _, streams in
                    try await streams.output.collect(upTo: 1 << 20)
                }
            }
            #expect(failed?.message.contains("does-not-exist") == true, "\(String(describing: failed))")
            #expect(createdID.withLock { $0 }?.count == 64)
            let removed = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(removed?.category == .notFound)

            // An error of onCreate fails the run before the start; the container goes with removeWhenDone.
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await client.containers.withRun(
                    body, options: .init(create: .init(name: name), removeWhenDone: true), onCreate: { _ in throw Refused() }
                ) { _, streams in
                    Issue.record("the handler ran after onCreate failed")
                    return try await streams.output.collect(upTo: 1 << 20)
                }
            }
            let discarded = await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
            #expect(discarded?.category == .notFound)
        }
    }

    @Test func inspectWithRawGivesTheDaemonsJSONBesideTheModel() async throws {
        try await TestEngine.withResources { client, resources in
            try await client.withContainer(["true"], start: false) { id in
                let (container, raw) = try await client.containers.inspectWithRaw(id)
                #expect(container.id == id)
                let object = try #require(try JSONSerialization.jsonObject(with: raw) as? [String: Any])
                #expect(object["Id"] as? String == id)
                // A null the model drops is in the daemon's JSON as it sent it.
                let hostConfig = try #require(object["HostConfig"] as? [String: Any])
                #expect(hostConfig["Links"] is NSNull, "\(hostConfig["Links"] as Any)")
            }
            let (image, imageJSON) = try await client.images.inspectWithRaw(TestEngine.image)
            #expect(try JSONDecoder().decode(ImageInspect.self, from: imageJSON) == image)
            let (network, networkJSON) = try await client.networks.inspectWithRaw("none")
            #expect(try JSONDecoder().decode(NetworkInspect.self, from: networkJSON) == network)
            let name = uniqueName("vol")
            resources.volume(name)
            _ = try await client.volumes.create(VolumeCreateRequest(name: name))
            #expect(try await client.volumes.inspectWithRaw(name).value.name == name)
        }
    }

    @Test func createDropsConsoleSizeBelow142() async throws {
        try await TestEngine.withClient { client in
            guard try await client.apiVersion() < APIVersion(1, 42) else { return }
            try await client.withContainer(
                ["true"], start: false,
                configure: {
                    $0.hostConfig = HostConfig(consoleSize: [40, 100], capAdd: ["net_admin"])
                }
            ) { id in
                let hostConfig = try await client.containers.inspect(id).hostConfig
                #expect(hostConfig?.capAdd == ["CAP_NET_ADMIN"])
            }
        }
    }
}
