import Foundation
import Stevedore
import StevedoreFormatting
import StevedoreTestSupport
import Testing

/// `system prune` and `system df` through `stevedore` and through the docker CLI (the oracle
/// only). What they print depends on everything the daemon holds, so these run on an engine of
/// their own (``DisposableEngine``, of the pass's engine), in each engine pass of scripts/test;
/// only the prompt, which removes nothing, is compared on the shared engine.
@Suite(
    "system prune and df against the docker CLI", .serialized,
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct SystemDifferentialTests {
    let oracle: CLIOracle

    init() async throws {
        self.oracle = try await CLIOracle()
    }

    @Test func pruneWarnsAndAsksAsDockerDoes() async throws {
        // The daemon runs one prune of a kind at a time: other tests' prunes take turns with these.
        let oracle = self.oracle
        try await TestEngine.withPruneTurn {
            let filters = ["--filter", "label=stevedore-never-\(UUID().uuidString)", "--filter", "until=24h", "--filter", "label!=a=1"]
            // Only `y` goes on: a no, a `yes` and the end of input all cancel with status 0.
            try await oracle.expectSame(["system", "prune"], input: Data("n\n".utf8))
            try await oracle.expectSame(["system", "prune", "-a", "--volumes"], input: Data("yes\n".utf8))
            try await oracle.expectSame(["system", "prune"] + filters)
            try await oracle.expectSame(["system", "prune", "--volumes", "--filter", "until=1h"])
            // Both listed, and then refused by the daemon.
            try await oracle.expectSame(["system", "prune", "--filter", "until=2h", "--filter", "until=1h"], input: Data("y\n".utf8))
            // docker trims both sides, lowercases the key and skips an empty filter.
            try await oracle.expectSame(["system", "prune", "--filter", " Until = 24h\t", "--filter", ""])
            try await oracle.expectSame(["events", "--filter", "nonsense"], compareErrors: false)
            // A malformed filter: pflag's refusal, then the command's usage, as docker's.
            let malformed = ["system", "prune", "--filter", "nonsense"]
            try await oracle.expectSame(malformed, compareErrors: false)
            #expect(
                try await oracle.stevedore.run(malformed).standardError.replacing("stevedore", with: "docker")
                    == (try await oracle.docker.run(malformed)).standardError)
        }
    }

    /// Events of a window as docker prints them: its default line, `{{json .}}` (the deprecated
    /// `status`, `id` and `from` of container events, absent from others) and the Go names of
    /// `events.Message`'s fields; a template that fails over an empty message is refused before
    /// any event, as docker checks it.
    @Test func eventsArePrintedAsDockerPrintsThem() async throws {
        let scope = "stevedore-events-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let name = scope + "-container"
            // Both CLIs are asked before the events happen, with `until` ahead: the daemon replays
            // what it kept since `since` and streams the rest. A window closed before it is asked
            // depends on the daemon's last 256 events, which the other suites' containers pushed
            // these out of between the two CLIs' requests (seen in CI).
            let goNames = "{{.Status}}|{{.ID}}|{{.From}}|{{.Type}}|{{.Action}}|{{.Scope}}|{{.Time}}|{{.TimeNano}}"
            let filters = ["container=\(name)", "network=\(scope)"]
            // These fail over an empty message before any event, whatever the window: a usage error.
            for filter in filters {
                for format in ["{{.Bogus}}", "{{.Actor.Bogus}}", "{{.status}}"] {
                    try await self.oracle.expectSame(["events", "--since", "1", "--until", "2", "--filter", filter, "--format", format])
                }
            }
            // The window opens now: the events below happen within it however long the checks
            // above took (on a loaded machine, more than the window once lasted).
            let since = String(Int(Date().timeIntervalSince1970) - 1)
            let until = String(Int(Date().timeIntervalSince1970) + 15)
            let windows = filters.flatMap { filter in
                [nil, "{{json .}}", goNames, #"{{index .Actor.Attributes "name"}}"#].map {
                    ["events", "--since", since, "--until", until, "--filter", filter] + ($0.map { ["--format", $0] } ?? [])
                }
            }
            typealias Pair = (index: Int, expected: CommandLineProcess.Outcome, actual: CommandLineProcess.Outcome)
            let oracle = self.oracle
            let asking = windows
            async let asked = withThrowingTaskGroup(of: Pair.self) { group in
                for (index, arguments) in asking.enumerated() {
                    group.addTask {
                        async let expected = oracle.docker.run(arguments)
                        async let actual = oracle.stevedore.run(arguments)
                        return (index, try await expected, try await actual)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = ($1.1, $1.2) }
            }
            try await Task.sleep(for: .seconds(2))
            resources.container(name)
            let container = try await client.containers.create(
                ContainerCreateBody(image: TestEngine.image, labels: ["scope": scope]), options: .init(name: name)
            ).id
            try await client.containers.remove(container)
            resources.network(scope)
            _ = try await client.networks.create(NetworkCreateRequest(name: scope))
            try await client.networks.remove(scope)
            let outcomes = try await asked
            for (index, arguments) in windows.enumerated() {
                let (expected, actual) = try #require(outcomes[index])
                #expect(actual.status == 0 && expected.status == 0, "\(arguments): \(actual)")
                #expect(CLIOracle.masked(actual.standardOutput) == CLIOracle.masked(expected.standardOutput), "\(arguments)")
                #expect(!expected.standardOutput.isEmpty, "\(arguments): docker saw no event")
            }
            // Times docker's client refuses, in Go's words; logs looks its container up first.
            let kept = try await client.containers.create(ContainerCreateBody(image: TestEngine.image)).id
            resources.container(kept)
            for arguments in [
                ["events", "--since", "bogus"], ["events", "--until", "2023-1-14"], ["logs", "--since", "2023-02-29", kept],
                ["logs", "--until", "2023-11-14T22:13:20+25:00", kept], ["logs", "--since", "x", container],
            ] {
                try await self.oracle.expectSame(arguments)
            }
        }
    }

    /// The top-level `inspect` finds any kind of object (it inspected containers only), and
    /// `--type` asks one kind; its refusals and warnings are docker's.
    @Test func inspectFindsAnyKindOfObjectAsDockerDoes() async throws {
        try await TestEngine.withResources { client, resources in
            // An image of its own: other tests tag the shared one for a while, which its
            // inspect shows.
            let repository = "stevedore-inspect-\(UUID().uuidString.prefix(8).lowercased())"
            let container = try await client.containers.create(ContainerCreateBody(image: TestEngine.image)).id
            resources.container(container)
            let image = try await client.images.commit(container, options: .init(repository: repository, tag: "1")).id
            resources.image(image)
            let missing = "stevedore-no-such-object"
            for arguments in [
                ["inspect", "\(repository):1"], ["inspect", "--format", "{{.Id}} {{.Os}}", "\(repository):1"],
                ["inspect", "-f", "{{.Name}} {{.Driver}}", "host", missing], ["inspect", missing],
                ["inspect", "--type", "image", "host"], ["inspect", "--type", "network", "-f", "{{.Name}}", "none"],
                ["inspect", "--type", "bogus", "host"], ["inspect", "--type", "", "host"], ["inspect", "-s", "-f", "{{.Scope}}", "host"],
                ["inspect", "-f", "json", "none"],
            ] {
                try await self.oracle.expectSame(arguments)
            }
        }
    }

    /// `info`'s `json` writes the daemon's fields in its order (docker's Go type's, on the
    /// daemon docker was built for), then the client's; not the models' order, nor their fields
    /// the daemon did not send.
    @Test func infoJSONWritesTheDaemonsFieldsInItsOrder() async throws {
        func keys(_ json: Data) throws -> [String] {
            guard case .object(let object) = try TemplateValue(json: json) else { return [] }
            return object.keys
        }
        let raw = try await TestEngine.withClient { try await $0.system.infoWithRaw().raw }
        let printed = try await self.oracle.stevedore.run(["info", "--format", "{{json .}}"])
        #expect(printed.status == 0, "\(printed)")
        #expect(try keys(Data(printed.standardOutput.utf8)) == (try keys(raw)) + ["ClientInfo"])
    }

    @Test func diskUsageAndPruneMatchDockerOnAnEngineOfTheirOwn() async throws {
        try await DisposableEngine.with { engine in
            let host = try engine.host
            let environment = ["DOCKER_HOST": host.description]
            let client = try DockerClient(configuration: DockerClientConfiguration(host: host))
            defer { client.shutdown() }

            try await Self.makeObjects(client, label: "stevedore-system")
            for arguments in [
                ["system", "df"], ["system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"],
                ["system", "df", "--format", "raw"],
            ] {
                try await self.oracle.expectSame(arguments, environment: environment)
            }
            // The daemon lists volumes in no fixed order, so two calls may differ in it: lines
            // are compared sorted; raw blocks (with their blank lines) sorted as blocks.
            for (arguments, separator) in [
                (["system", "df", "-v"], "\n"),
                (["system", "df", "-v", "--format", "{{len .Images}}{{range .Volumes}}\n{{.Name}}:{{.Links}}{{end}}"], "\n"),
                (["system", "df", "-v", "--format", "raw"], "\n\n"),
            ] {
                let expected = try await self.oracle.docker.run(arguments, environment: environment)
                let actual = try await self.oracle.stevedore.run(arguments, environment: environment)
                func pieces(_ text: String) -> [String] { CLIOracle.masked(text).components(separatedBy: separator).sorted() }
                #expect(actual.status == 0 && expected.status == 0, "\(actual)\n\(expected)")
                #expect(pieces(actual.standardOutput) == pieces(expected.standardOutput), "\(actual)\n\(expected)")
            }

            // Each tool prunes the same set of objects (made again for the second): reports equal once ids are masked.
            let prune = ["system", "prune", "-f", "--volumes", "--filter", "label=stevedore-system"]
            let expected = try await self.oracle.docker.run(prune, environment: environment)
            try await Self.makeObjects(client, label: "stevedore-system")
            let actual = try await self.oracle.stevedore.run(prune, environment: environment)
            #expect(actual.status == 0 && expected.status == 0, "\(actual)\n\(expected)")
            #expect(CLIOracle.masked(actual.standardOutput) == CLIOracle.masked(expected.standardOutput), "\(actual)\n\(expected)")
            #expect(actual.standardOutput.contains("Deleted Containers:\n"), "\(actual)")
            #expect(actual.standardOutput.contains("Deleted Networks:\nstevedore-system-network\n\n"), "\(actual)")
            // From API 1.42 a volume prune removes only anonymous volumes unless told `all=true`.
            let prunesNamedVolumes = try await client.apiVersion() < APIVersion(1, 42)
            #expect(actual.standardOutput.contains("Deleted Volumes:\nstevedore-system-volume\n\n") == prunesNamedVolumes, "\(actual)")
            // What the filter did not name is still there.
            #expect(try await client.containers.inspect("stevedore-system-unlabelled").state?.status == .exited)
        }
    }

    /// Two stopped containers labelled `label` (one with an anonymous volume), a stopped one
    /// without the label, a running one, a network and a volume with the label.
    static func makeObjects(_ client: DockerClient, label: String) async throws {
        var stopped = ContainerCreateBody(cmd: ["true"], image: TestEngine.image)
        stopped.labels = [label: ""]
        var withVolume = stopped
        withVolume.volumes = ["/data": EmptyObject()]
        var unlabelled = ContainerCreateBody(cmd: ["true"], image: TestEngine.image)
        unlabelled.labels = ["other": ""]
        for (body, name) in [(stopped, "\(label)-stopped"), (withVolume, "\(label)-with-volume"), (unlabelled, "\(label)-unlabelled")] {
            if name.hasSuffix("unlabelled"), (try? await client.containers.inspect(name)) != nil { continue }
            let id = try await client.containers.create(body, options: .init(name: name, pull: .never)).id
            try await client.containers.start(id)
            _ = try await client.containers.wait(id)
        }
        var running = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)
        running.labels = [label: ""]
        if (try? await client.containers.inspect("\(label)-running")) == nil {
            let id = try await client.containers.create(running, options: .init(name: "\(label)-running", pull: .never)).id
            try await client.containers.start(id)
        }
        _ = try await client.networks.create(NetworkCreateRequest(name: "\(label)-network", labels: [label: ""]))
        _ = try await client.volumes.create(VolumeCreateRequest(name: "\(label)-volume", labels: [label: ""]))
    }
}
