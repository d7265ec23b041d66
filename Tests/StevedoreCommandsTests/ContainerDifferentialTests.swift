import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// The container commands through `stevedore` and through the docker CLI (the oracle only)
/// against the same containers: output and exit codes must match.
@Suite(
    "container commands against the docker CLI",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() }
)
struct ContainerDifferentialTests {
    /// A TTY whose input would come from a pipe is refused before anything is created, in
    /// docker's words and with its exit code; for `exec`, a missing container's error comes first.
    @Test func aTTYOnPipedInputIsRefusedAsDockerRefusesIt() async throws {
        let oracle = try await CLIOracle()
        try await oracle.expectSame(["run", "-it", "--rm", TestEngine.image, "true"], input: Data("x\n".utf8))
        try await oracle.expectSame(["exec", "-it", "stevedore-no-such-container", "true"])
    }

    /// `update` prints each name, then the daemon's warnings on stdout (dockerd 20.10 warns of a
    /// kernel memory limit; they went to stderr), with docker's words for a missing container;
    /// a malformed restart policy fails with exit code 1, not run's 125.
    @Test func updatePrintsTheDaemonsWarningsAsDocker() async throws {
        let oracle = try await CLIOracle()
        try await TestEngine.withResources { client, resources in
            let id = try await client.containers.create(ContainerCreateBody(image: TestEngine.image)).id
            resources.container(id)
            try await oracle.expectSame(["update", "--kernel-memory", "8m", "--pids-limit", "64", id])
            try await oracle.expectSame(["update", "--kernel-memory", "8m", id, "stevedore-no-such-container"])
            // docker's flag default, 0, and an empty policy are flags given that change nothing.
            try await oracle.expectSame(["update", "--pids-limit", "0", id])
            try await oracle.expectSame(["update", "--restart", "", id])
            #expect(try await client.containers.inspect(id).hostConfig?.pidsLimit == 64)
            // A restart policy update refuses as it runs: exit code 1, where run's is 125.
            try await oracle.expectSame(["update", "--restart", ":3", id])
            try await oracle.expectSame(["update", "--restart", "always:x", id])
        }
    }

    /// A failed `rename` prints the daemon's reason, then which container failed; names are
    /// trimmed first, and an empty one is refused before any request.
    @Test func renameFailuresAreReportedAsDockerReportsThem() async throws {
        let oracle = try await CLIOracle()
        let name = "stevedore-rename-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let id = try await client.containers.create(ContainerCreateBody(image: TestEngine.image), options: .init(name: name)).id
            resources.container(id)
            try await oracle.expectSame(["rename", name, " \(name)\t"])
            try await oracle.expectSame(["rename", "stevedore-no-such-container", name + "-new"])
            try await oracle.expectSame(["rename", name, " "])
            try await oracle.expectSame(["container", "rename", "", name + "-new"])
        }
    }

    /// `start -a` attaches, starts and exits with the container's code (the flag was unknown);
    /// `start` of several names reports each failure, then names them all in one line.
    @Test func startAttachedAndItsFailuresMatchDocker() async throws {
        let oracle = try await CLIOracle()
        try await TestEngine.withResources { client, resources in
            let body = ContainerCreateBody(cmd: ["sh", "-c", "echo out; echo err >&2; exit 3"], image: TestEngine.image)
            let id = try await client.containers.create(body).id
            resources.container(id)
            // Each tool starts the same container in turn: it runs again each time.
            try await oracle.expectSame(["start", "-a", id])
            try await oracle.expectSame(["start", "stevedore-no-such-1", id, "stevedore-no-such-2"])
            try await oracle.expectSame(["start", "-a", id, "stevedore-no-such-1"])
        }
    }

    /// `cp` reports on stderr only when stdout is a terminal (it reported always), in docker's
    /// words: the tar's size and the absolute local path, or `container:path`.
    @Test func copyReportsAsDockerReports() async throws {
        let oracle = try await CLIOracle()
        let tmux = try #require(CommandLineProcess.onPath("tmux"), "tmux renders the terminal (scripts/test installs it)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = directory.appendingPathComponent("local.txt")
        try Data(repeating: UInt8(ascii: "x"), count: 700).write(to: local)
        let dangling = directory.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: directory.path + "/missing")
        try await TestEngine.withResources { client, resources in
            // A file where the local directory would go.
            let blocker = "touch /tmp/\(directory.lastPathComponent) && sleep 300"
            let body = ContainerCreateBody(cmd: ["sh", "-c", blocker], image: TestEngine.image)
            let id = try await client.containers.create(body).id
            resources.container(id)
            try await client.containers.start(id)
            // Local sources docker refuses, in Go's words (a missing one, a file taken for a
            // directory, a dangling link followed), and a directory the daemon will not put
            // over a file, as docker's client asks it not to.
            for arguments in [
                ["cp", directory.path + "/missing", "\(id):/tmp/"], ["cp", local.path + "/", "\(id):/tmp/"],
                ["cp", "-L", dangling.path, "\(id):/tmp/"], ["cp", directory.path, "\(id):/tmp/"],
            ] {
                try await oracle.expectSame(arguments)
            }
            for tool in [oracle.docker, oracle.stevedore] {
                // Through pipes: nothing on stderr.
                let piped = try await tool.run(["cp", "\(id):/etc/passwd", directory.appendingPathComponent("piped").path])
                #expect(piped.status == 0 && piped.standardError.isEmpty, "\(tool.executable.lastPathComponent): \(piped)")
            }
            // A local file where a directory is named, a missing directory: docker's words,
            // before any request (the container is not even looked for).
            for destination in [local.path + "/", local.path + "/x", directory.path + "/missing/x"] {
                try await oracle.expectSame(["cp", "\(id):/etc/passwd", destination])
                try await oracle.expectSame(["cp", "stevedore-no-such-container:/etc/passwd", destination])
            }
            for arguments in [["cp", local.path, "\(id):/tmp/"], ["cp", "\(id):/tmp/local.txt", directory.path + "/"]] {
                var screens: [String] = []
                for tool in [oracle.docker, oracle.stevedore] {
                    screens.append(try await TerminalScreen.final(of: tool, arguments, tmux: tmux))
                }
                #expect(screens[1] == screens[0], "\(arguments): stevedore's screen:\n\(screens[1])\ndocker's:\n\(screens[0])")
                #expect(screens[0].contains("Successfully copied 2.56kB to "), "docker's screen:\n\(screens[0])")
            }
        }
    }

    /// `cp -L` follows a link in the container: to stdout, the tar of its target as the daemon
    /// names it; into a directory, under the link's own name, as docker rebases it. It wrote
    /// the link itself to stdout, and copied the target under the target's name.
    @Test func copyFollowsLinksAsDocker() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cp-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestEngine.withResources { client, resources in
            let body = ContainerCreateBody(
                cmd: ["sh", "-c", "mkdir /d && echo hi > /d/f && ln -s /d/f /link && ln -s d /dlink"], image: TestEngine.image)
            let id = try await client.containers.create(body).id
            resources.container(id)
            try await client.containers.start(id)
            _ = try await client.containers.wait(id)
            for (number, source) in ["/link", "/dlink", "/dlink/"].enumerated() {
                var copies: [(streamed: String, copied: [String])] = []
                for tool in [oracle.docker, oracle.stevedore] {
                    let streamed = try await tool.run(["cp", "-L", "\(id):\(source)", "-"])
                    #expect(streamed.status == 0, "\(tool.executable.lastPathComponent): \(streamed)")
                    let into = directory.appendingPathComponent("\(tool.executable.lastPathComponent)-\(number)")
                    try FileManager.default.createDirectory(at: into, withIntermediateDirectories: true)
                    let copied = try await tool.run(["cp", "-L", "\(id):\(source)", into.path + "/"])
                    #expect(copied.status == 0, "\(tool.executable.lastPathComponent): \(copied)")
                    copies.append((streamed.standardOutput, try FileManager.default.subpathsOfDirectory(atPath: into.path).sorted()))
                }
                #expect(copies[1].streamed == copies[0].streamed, "the tar of cp -L \(source) -")
                #expect(copies[1].copied == copies[0].copied, "cp -L \(source) into a directory")
            }
        }
    }

    /// A source whose last element is `.` copies a directory's contents, also after a `/`
    /// (`dir/./`); a directory copied out to a missing `dir/` makes it. Both trees as docker's.
    @Test func copiedDirectoriesLandAsDockersDo() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cp-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: directory.appendingPathComponent("in/sub/f"))
        try await TestEngine.withResources { client, resources in
            let body = ContainerCreateBody(cmd: ["sh", "-c", "mkdir -p /d/s && echo 1 > /d/s/g && sleep 300"], image: TestEngine.image)
            let id = try await client.containers.create(body).id
            resources.container(id)
            try await client.containers.start(id)
            var trees: [[String]] = []
            for tool in [oracle.docker, oracle.stevedore] {
                let name = tool.executable.lastPathComponent
                _ = try await tool.run(["exec", id, "mkdir", "-p", "/tmp/\(name)"])
                let copiedIn = try await tool.run(["cp", directory.path + "/in/./", "\(id):/tmp/\(name)/"])
                let out = directory.appendingPathComponent("out-\(name)")
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let copiedOut = try await tool.run(["cp", "\(id):/d", out.path + "/made/"])
                #expect(copiedIn.status == 0 && copiedOut.status == 0, "\(name): \(copiedIn) \(copiedOut)")
                let inside = try await tool.run(["exec", id, "find", "/tmp/\(name)"])
                let local = try FileManager.default.subpathsOfDirectory(atPath: out.path).sorted()
                let insideTree = inside.standardOutput.replacingOccurrences(of: name, with: "TOOL").split(separator: "\n").map(String.init)
                trees.append(insideTree + local)
            }
            #expect(trees[1] == trees[0])
            #expect(trees[0].contains("/tmp/TOOL/sub/f") && trees[0].contains("made/s/g"), "\(trees[0])")
        }
    }

    /// A container that cannot start: docker's exit code (127 not found, 126 not executable)
    /// and its words, the daemon's error between `docker: ` and a pointer to the help.
    @Test func runFailuresSayWhatDockerSays() async throws {
        let oracle = try await CLIOracle()
        for arguments in [["run", "--rm", TestEngine.image, "/nonexistent"], ["run", "--rm", TestEngine.image, "/etc"]] {
            let expected = try await oracle.docker.run(arguments)
            let actual = try await oracle.stevedore.run(arguments)
            #expect(actual.status == expected.status, "\(arguments): \(actual) against \(expected)")
            #expect(
                CLIOracle.masked(actual.standardError)
                    == CLIOracle.masked(expected.standardError).replacingOccurrences(of: "docker", with: "stevedore"),
                "\(arguments)")
        }
    }

    /// The flags only a Windows daemon takes are refused on this Linux daemon before anything,
    /// one line per flag, exit code 1, as docker refuses them.
    @Test func windowsOnlyFlagsAreRefusedOnLinuxAsDockerRefusesThem() async throws {
        let oracle = try await CLIOracle()
        for arguments in [
            ["create", "--cpu-count", "2", TestEngine.image],
            ["run", "--rm", "--io-maxiops", "3", "--cpu-percent", "5", "--io-maxbandwidth", "1m", TestEngine.image, "true"],
        ] {
            try await oracle.expectSame(arguments)
        }
    }

    /// `exec --env-file`: the file's variables, then `-e`'s (the flag was unknown); a file that
    /// cannot be read fails before anything, with docker's words and code.
    @Test func execReadsEnvironmentFilesAsDockerDoes() async throws {
        let oracle = try await CLIOracle()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-exec-env-\(UUID().uuidString.prefix(8))")
        try Data("# variables\nA=1\nB=two words\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await TestEngine.withResources { client, resources in
            let id = try await client.containers.create(ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image)).id
            resources.container(id)
            try await client.containers.start(id)
            try await oracle.expectSame(["exec", "--env-file", file.path, "-e", "A=3", id, "sh", "-c", "echo $A $B"])
            try await oracle.expectSame(["exec", "--env-file", file.path + "-missing", id, "true"])
        }
    }

    /// config.json's default formats apply where docker applies them (`-q` and `--format` win),
    /// and `ps` warns when both `--format` and `-q` are given.
    @Test func configuredFormatsApplyAsDockersDo() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cfg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let settings =
            #"{"psFormat": "ps: {{.Names}}", "imagesFormat": "images: {{.Repository}}", "#
            + #""networksFormat": "networks: {{.Name}}", "volumesFormat": "volumes: {{.Name}}", "#
            + #""pluginsFormat": "table plugins: {{.Name}}"}"#
        try Data(settings.utf8).write(to: directory.appendingPathComponent("config.json"))
        let environment = ["DOCKER_CONFIG": directory.path]
        let scope = "stevedore-cfg-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let id = try await client.containers.create(
                ContainerCreateBody(cmd: ["true"], image: TestEngine.image, labels: ["scope": scope]), options: .init(name: scope)
            ).id
            resources.container(id)
            let filter = ["--filter", "label=scope=\(scope)"]
            for arguments in [
                ["ps", "-a"] + filter, ["ps", "-a", "-q"] + filter, ["ps", "-a", "--format", "{{.Image}}"] + filter,
                ["images", "--filter", "reference=\(TestEngine.image)"], ["images", "-q", "--filter", "reference=\(TestEngine.image)"],
                ["network", "ls", "--filter", "name=none"], ["network", "ls", "-q", "--filter", "name=none"],
                ["volume", "ls", "--filter", "name=stevedore-no-such-volume"],
                ["plugin", "ls", "--filter", "capability=stevedore-none"], ["plugin", "ls", "-q", "--filter", "capability=stevedore-none"],
            ] {
                try await oracle.expectSame(arguments, environment: environment)
            }
            let listed = try await oracle.stevedore.run(["ps", "-a"] + filter, environment: environment)
            #expect(listed.standardOutput == "ps: \(scope)\n", "\(listed)")
            let warned = ["ps", "-a", "-q", "--format", "{{.Names}}"] + filter
            let expected = try await oracle.docker.run(warned, environment: environment)
            let actual = try await oracle.stevedore.run(warned, environment: environment)
            #expect(actual.standardError == expected.standardError && actual.standardOutput == expected.standardOutput, "\(actual)")
        }
    }

    /// A credential helper that is not installed (a config.json copied from another machine)
    /// fails only the pull of a run, as docker's: a run of an image at hand goes on (it failed
    /// before the create), one that must be pulled fails and says why; `pull` itself and a
    /// build go on without credentials (the daemon's own error here).
    @Test func credentialsThatCannotBeReadFailOnlyTheRunsPull() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cfg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"credsStore": "stevedore-not-installed"}"#.utf8).write(to: directory.appendingPathComponent("config.json"))
        let environment = ["DOCKER_CONFIG": directory.path]
        try await oracle.expectSame(["run", "--rm", "--network", "none", TestEngine.image, "echo", "hi"], environment: environment)
        let missing = ["run", "--rm", "--network", "none", "127.0.0.1:1/stevedore-missing:\(UUID().uuidString.prefix(8).lowercased())"]
        let pulled = try await oracle.stevedore.run(missing, environment: environment)
        // docker's code, which it reads from its words, "executable file not found".
        #expect(pulled.status == 127, "\(pulled)")
        #expect(try await oracle.docker.run(missing, environment: environment).status == 127)
        #expect(pulled.standardError.contains("docker-credential-stevedore-not-installed is not installed"), "\(pulled)")
        try await oracle.expectSame(["pull", missing[missing.count - 1]], environment: environment)
        // A build goes on without credentials, as docker's.
        let context = try TestContextDirectory.make(["Dockerfile": "FROM \(TestEngine.image)\n"])
        defer { try? FileManager.default.removeItem(at: context) }
        let built = try await oracle.stevedore.run(["build", "-q", context.path], environment: environment)
        #expect(built.status == 0, "\(built)")
    }

    /// A run reads credentials only when it pulls, as docker's: for an image at hand its
    /// credential helper is not run (it may be slow, or ask for a passphrase) and a
    /// `DOCKER_AUTH_CONFIG` docker cannot read goes unmentioned; a run that pulls runs the helper
    /// and prints docker 28.5's words after `Unable to find image`, as `pull` does.
    @Test func aRunReadsCredentialsOnlyWhenItPulls() async throws {
        let stevedore = CommandLineProcess.stevedore
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cfg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"credsStore": "stevedore-counting"}"#.utf8).write(to: directory.appendingPathComponent("config.json"))
        let calls = directory.appendingPathComponent("calls")
        let helper = directory.appendingPathComponent("docker-credential-stevedore-counting")
        try Data("#!/bin/sh\necho \"$1\" >> '\(calls.path)'\necho 'credentials not found in native keychain'\nexit 1\n".utf8)
            .write(to: helper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: helper.path)
        let environment: [String: String?] = [
            "DOCKER_CONFIG": directory.path, "DOCKER_AUTH_CONFIG": #"{"auths": {"r": {}}}"#,
            "PATH": directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""),
        ]
        let atHand = try await stevedore.run(["run", "--rm", "--network", "none", TestEngine.image, "true"], environment: environment)
        #expect(atHand.status == 0 && atHand.standardError.isEmpty, "\(atHand)")
        #expect(!FileManager.default.fileExists(atPath: calls.path))

        let missing = "127.0.0.1:1/stevedore-missing:\(UUID().uuidString.prefix(8).lowercased())"
        let setAside =
            "Failed to create credential store from DOCKER_AUTH_CONFIG:  "
            + "DOCKER_AUTH_CONFIG environment variable is missing key `auth` for r\n"
        let pulled = try await stevedore.run(["run", "--rm", "--network", "none", missing], environment: environment)
        #expect(pulled.status == 125, "\(pulled)")
        #expect(pulled.standardError.hasPrefix("Unable to find image '\(missing)' locally\n" + setAside), "\(pulled)")
        #expect(try String(contentsOf: calls, encoding: .utf8) == "get\n")
        let pull = try await stevedore.run(["pull", missing], environment: environment)
        #expect(pull.standardError.hasPrefix(setAside), "\(pull)")
    }

    /// config.json's `pruneFilters` narrow every prune, after the command line's own: here a
    /// configured `label!` spares one of two stopped containers the command line selects, and
    /// system prune's warning lists it.
    @Test func configuredPruneFiltersNarrowThePrune() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cfg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scope = "stevedore-prunecfg-\(UUID().uuidString.prefix(8).lowercased())"
        let settings = #"{"pruneFilters": ["label!=keep=\#(scope)", "no equals sign"]}"#
        try Data(settings.utf8).write(to: directory.appendingPathComponent("config.json"))
        let environment = ["DOCKER_CONFIG": directory.path]
        try await TestEngine.withPruneTurn {
            try await TestEngine.withResources { client, resources in
                var ids: [String] = []
                for labels in [["scope": scope], ["scope": scope, "keep": scope]] {
                    let id = try await client.containers.create(ContainerCreateBody(cmd: ["true"], image: TestEngine.image, labels: labels))
                        .id
                    resources.container(id)
                    ids.append(id)
                }
                let selection = ["--filter", "label=scope=\(scope)"]
                try await oracle.expectSame(["system", "prune"] + selection, environment: environment, input: Data("n\n".utf8))
                let pruned = try await oracle.stevedore.run(["container", "prune", "-f"] + selection, environment: environment)
                #expect(pruned.standardOutput.hasPrefix("Deleted Containers:\n\(ids[0])\n\n"), "\(pruned)")
                #expect(try await client.containers.inspect(ids[1]).id == ids[1])
                // The kept one stays kept by both tools.
                try await oracle.expectSame(["container", "prune", "-f"] + selection, environment: environment)
                #expect(try await client.containers.inspect(ids[1]).id == ids[1])
            }
        }
    }

    /// `--publish` and `--expose` as docker reads them (go-connections' port specs): ranges
    /// port by port, a host range for one port, bracketed IPv6 addresses, the long syntax; the
    /// same bindings reach the daemon, and a refused spec fails before any request with
    /// docker's words and code.
    @Test func publishedAndExposedPortsAreReadAsDockerReadsThem() async throws {
        let oracle = try await CLIOracle()
        let scope = "stevedore-ports-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            for (index, flags) in [
                ["-p", "8080:80", "-p", "127.0.0.1::80/udp", "-p", "0.0.0.0:1234:1234/TCP"],
                ["-p", "8000-8002:80-82", "-p", "8000-8010:90"],
                ["-p", "[::1]:9000:90/sctp", "-p", "published=7000,target=70,protocol=UDP"],
                ["--expose", "100-102/udp", "--expose", "5", "-p", "80-81"],
            ].enumerated() {
                var layouts: [String] = []
                for (tool, process) in [("docker", oracle.docker), ("stevedore", oracle.stevedore)] {
                    let name = "\(scope)-\(tool)-\(index)"
                    resources.container(name)
                    let created = try await process.run(["create", "--name", name] + flags + [TestEngine.image])
                    #expect(created.status == 0, "\(created)")
                    let config = try await client.containers.inspect(name)
                    layouts.append(
                        "\(config.hostConfig?.portBindings.map { String(describing: $0.sorted { $0.key < $1.key }) } ?? "none") "
                            + "\(config.config?.exposedPorts?.keys.sorted() ?? [])")
                }
                #expect(layouts[0] == layouts[1], "\(flags)")
            }
        }
        for flags in [
            ["-p", "99999:1"], ["-p", "80/foo"], ["--expose", "80:90"], ["--expose", "9-1"], ["--expose", "x/udp"],
            ["-p", "target=80,published=8080,bogus"], ["-p", "1:2:3:4:5"], ["-p", "[::1"], ["-p", "[::1]x:80:80"],
            ["-p", "[::1]:5:80:80"], ["-p", "[[::1]:80:80"], ["-p", "8000-8001:80-82"], ["-p", "80-70"], ["-p", "65536"],
        ] {
            let arguments = ["create", "--name", "\(scope)-refused"] + flags + [TestEngine.image]
            try await oracle.expectSame(arguments, compareErrors: false)
            let expected = try await oracle.docker.run(arguments)
            let actual = try await oracle.stevedore.run(arguments)
            #expect(
                expected.standardError.hasPrefix("docker: ")
                    && actual.standardError == expected.standardError.replacingOccurrences(of: "docker", with: "stevedore"),
                "\(actual)\n\(expected)")
        }
    }

    /// The PORTS column of a running container with ports published on the same and on other
    /// ports, a range, and an exposed one: docker's order and merging.
    @Test func thePortsColumnIsWrittenAsDockers() async throws {
        let oracle = try await CLIOracle()
        let scope = "stevedore-portcol-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            resources.network(scope)
            resources.container(scope)
            _ = try await client.networks.create(NetworkCreateRequest(name: scope))
            // Below the ephemeral ports (32768 and up), which connections take meanwhile.
            let base = Int.random(in: 20_000...32_000)
            let started = try await oracle.docker.run([
                "run", "-d", "--name", scope, "--network", scope, "-p", "\(base):80", "-p", "\(base + 1):\(base + 1)",
                "-p", "\(base + 2)-\(base + 3):8000-8001", "--expose", "53/udp", TestEngine.image, "sleep", "300",
            ])
            try #require(started.status == 0, "\(started)")
            try await oracle.expectSame(["ps", "--filter", "name=\(scope)", "--format", "{{.Ports}}"])
            try await oracle.expectSame(["ps", "--filter", "name=\(scope)"])
        }
    }

    /// `--add-host` (`name=address` too, an address in brackets), `--dns` and `--dns-search` as
    /// docker reads them, with its warning about a loopback DNS server.
    @Test func hostAndDNSFlagsAreReadAsDockerReadsThem() async throws {
        let oracle = try await CLIOracle()
        try await oracle.expectSame([
            "run", "--rm", "--add-host", "a=1.2.3.4", "--add-host", "b:[::2]", "--dns", "0:0::1", "--dns-search", "example.com.",
            TestEngine.image, "sh", "-c", "grep -w -e a -e b /etc/hosts; grep -v '^#' /etc/resolv.conf",
        ])
    }

    /// A restart policy's name, and whether it takes a retry count, are the daemon's to refuse,
    /// as with docker: the same message and exit code on either engine.
    @Test(arguments: ["bogus", "always:3", "on-failure:-1", "no:1"])
    func restartPoliciesTheDaemonRefusesFailAsDockers(policy: String) async throws {
        let oracle = try await CLIOracle()
        try await oracle.expectSame(["create", "--restart", policy, TestEngine.image])
    }

    /// `--cidfile`: the id written once the container exists, by `create` and by `run` in
    /// the foreground and detached; an existing file or one that cannot be made refused before
    /// any request, and the file removed when the create fails, all as docker.
    @Test func theContainerIDFileIsWrittenAsDockerWritesIt() async throws {
        let oracle = try await CLIOracle()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-cid-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let existing = directory.appendingPathComponent("existing").path
        try Data().write(to: URL(fileURLWithPath: existing))
        try await TestEngine.withResources { client, resources in
            for (index, arguments) in [
                ["create"], ["run", "--rm"], ["run", "-d", "--rm"],
            ].enumerated() {
                for process in [oracle.docker, oracle.stevedore] {
                    let path = directory.appendingPathComponent("\(index)-\(process.executable.lastPathComponent)").path
                    let outcome = try await process.run(arguments + ["--cidfile", path, TestEngine.image, "true"])
                    #expect(outcome.status == 0, "\(outcome)")
                    let id = try String(contentsOfFile: path, encoding: .utf8)
                    #expect(id.count == 64 && !id.contains("\n"), "\(arguments): \(id)")
                    if index == 0 { resources.container(id) }
                }
            }
        }
        for arguments in [
            ["create", "--cidfile", existing, TestEngine.image], ["run", "--cidfile", existing, TestEngine.image],
            ["create", "--cidfile", directory.appendingPathComponent("no/such/directory").path, TestEngine.image],
            ["run", "--cidfile", directory.appendingPathComponent("no/such/directory").path, TestEngine.image],
            ["create", "--pull", "never", "--cidfile", directory.appendingPathComponent("failed").path, "stevedore-test/no-such-image"],
        ] {
            try await oracle.expectSame(arguments, compareErrors: arguments[0] == "create")
        }
        let refused = try await oracle.stevedore.run(["run", "--cidfile", existing, TestEngine.image])
        #expect(
            refused.standardError.hasPrefix(
                "stevedore: container ID file found, make sure the other container isn't running or delete \(existing)\n"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("failed").path))
    }

    /// `DOCKER_DEFAULT_PLATFORM` is `create`'s (and `run`'s, `pull`'s, `import`'s, `build`'s)
    /// `--platform` when none is given, as docker's: the daemon then refuses an image of another.
    @Test func theDefaultPlatformComesFromTheEnvironmentAsDockers() async throws {
        let oracle = try await CLIOracle()
        let environment = ["DOCKER_DEFAULT_PLATFORM": "linux/s390x"]
        try await oracle.expectSame(["create", "--pull", "never", TestEngine.image, "true"], environment: environment)
        let refused = try await oracle.stevedore.run(["create", "--pull", "never", TestEngine.image, "true"], environment: environment)
        #expect(refused.status != 0 && refused.standardError.contains("linux/s390x"), "\(refused)")
    }

    @Test func psTopDiffAndErrorsMatchDocker() async throws {
        let (docker, stevedore) = try #require(
            try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle of this test")
        let scope = "stevedore-diff-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            var ids: [String] = []
            var running = ContainerCreateBody(cmd: ["sleep", "300"], image: TestEngine.image, labels: ["scope": scope, "role": "running"])
            running.exposedPorts = ["9000/tcp": EmptyObject()]
            ids.append(try await client.containers.create(running, options: .init(name: scope + "-a")).id)
            resources.container(ids[0])
            try await client.containers.start(ids[0])
            var exited = ContainerCreateBody(cmd: ["sh", "-c", "echo x > /new; exit 2"], image: TestEngine.image, labels: ["scope": scope])
            exited.volumes = ["/data": EmptyObject()]
            ids.append(try await client.containers.create(exited, options: .init(name: scope + "-b")).id)
            resources.container(ids[1])
            try await client.containers.start(ids[1])
            _ = try await client.containers.wait(ids[1])
            // Docker 28 answers the wait before its container list (a view updated apart) shows
            // the exit: both tools must list the container as exited.
            var exitedOnly = ContainerListFilters()
            exitedOnly.id = [ids[1]]
            exitedOnly.status = [.exited]
            for _ in 0..<100 where try await client.containers.list(.init(all: true, filters: exitedOnly)).isEmpty {
                try await Task.sleep(for: .milliseconds(100))
            }
            let filter = "label=scope=\(scope)"
            let commandLines: [[String]] = [
                ["ps", "-a", "--filter", filter],
                ["ps", "-a", "-q", "--filter", filter],
                ["ps", "-a", "--no-trunc", "--filter", filter, "--format", "{{.ID}} {{.Command}} {{.Names}}"],
                [
                    "ps", "-a", "--filter", filter, "--format",
                    "{{.Image}}|{{.Labels}}|{{.LocalVolumes}}|{{.State}}|{{.Ports}}|{{.Networks}}|{{.CreatedAt}}",
                ],
                ["ps", "-a", "--filter", filter, "--filter", "status=exited", "--format", "table {{.Names}}\t{{.Status}}"],
                ["ps", "-n", "1", "--filter", filter, "--format", "{{.Names}}"],
                ["ps", "-l", "--filter", filter, "--format", "{{.Names}}"],
                // docker's Label method, and its table header (the key's last part).
                [
                    "ps", "-a", "--filter", filter, "--format",
                    #"table {{.Label "scope"}}\t{{.Label "role"}}|{{.Label "nope"}}\t{{.Names}}"#,
                ],
                // -n wins over -l.
                ["ps", "-l", "-n", "2", "--filter", filter, "--format", "{{.Names}}"],
                // A row marshals itself as Go's json.Marshal does (`>` is `\u003e`); `{{json .}}`
                // shows Size, so it asks for sizes, and the bare `json` does not.
                ["ps", "-a", "--filter", filter, "--format", "{{json .}}"],
                ["ps", "-a", "--filter", filter, "--format", "json"],
                // docker's raw layout (`size:` with -s), its key kept with -q.
                ["ps", "-a", "--filter", filter, "--format", "raw"],
                ["ps", "-a", "-s", "--filter", filter, "--format", "raw"],
                ["ps", "-a", "-q", "--filter", filter, "--format", "raw"],
                // Sizes are asked for when the template reads them on an empty row: not here.
                ["ps", "-a", "--filter", filter, "--format", "{{if .Names}}{{.Size}}{{end}}|{{. | json}}"],
                // A nil platform (no containerd image store): `<nil>`, as a struct's nil field.
                ["ps", "-a", "--filter", filter, "--format", "table {{.Platform}}\t{{json .Platform}}\t{{.Names}}"],
                ["ps", "--filter", "exited=x"],
                ["container", "ls", "-a", "--filter", filter, "--format", "{{.Names}}"],
                ["top", scope + "-a"],
                // .Container is the container as named, headed CONTAINER; .ID its id.
                ["stats", "--no-stream", "--format", "table {{.Container}}\t{{.Name}}\t{{.ID}}", scope + "-a"],
                ["diff", scope + "-b"],
                ["top", scope + "-b"],
                ["kill", "-s", "SIGUSR2", scope + "-b"],
                ["rm", scope + "-missing"],
                // docker's words for a link that is not one: the daemon's.
                ["rm", "-l", scope + "-b"],
                ["wait", scope + "-b"],
                ["inspect", "--format", "{{.Name}} {{.State.ExitCode}} {{.Config.Image}}", scope + "-b"],
                // Typed maps, as docker's typed pass sees them: a missing label is no error.
                [
                    "inspect", "--format",
                    #"{{.Config.Labels.scope}}|{{.Config.Labels.nope}}|{{index .Config.Labels "nope"}}|"#
                        + #"{{index .NetworkSettings.Networks "nope"}}|{{.NetworkSettings.Networks.nope}}|"#
                        + #"{{.NetworkSettings.Networks.bridge.IPAddress}}|{{.Config.Labels.nope.x}}"#,
                    scope + "-b",
                ],
                // The daemon's JSON as it sent it, nulls and all, indented as docker does.
                ["inspect", scope + "-b"],
                ["container", "inspect", scope + "-b", scope + "-missing"],
                // `json` is the daemon's JSON on one line; a template that does not parse is a
                // usage error (64) before anything is inspected.
                ["container", "inspect", "--format", "json", scope + "-b"],
                ["container", "inspect", "--format", "{{.Name", scope + "-missing"],
            ]
            for arguments in commandLines {
                let expected = try await docker.run(arguments)
                let actual = try await stevedore.run(arguments)
                #expect(actual.status == expected.status, "exit status of \(arguments)")
                // The daemon lists changes in no particular order.
                let sortLines = arguments.first == "diff"
                #expect(
                    Self.normalized(actual.standardOutput, sortLines) == Self.normalized(expected.standardOutput, sortLines),
                    "stdout of \(arguments)")
                if arguments.first == "ps" && !arguments.contains("--format") && !arguments.contains("-q") {
                    // The column layout up to the first column of durations (CREATED, STATUS),
                    // whose widths depend on the moment each command ran.
                    #expect(
                        Self.leadingColumns(actual.standardOutput) == Self.leadingColumns(expected.standardOutput),
                        "the columns of \(arguments)")
                }
            }
            // Times in the local zone as Go prints them (`2026-12-03 11:32:24 +0100 CET`).
            let created = ["ps", "-a", "--filter", filter, "--format", "{{.CreatedAt}}"]
            let paris: [String: String?] = ["TZ": "Europe/Paris"]
            let expected = try await docker.run(created, environment: paris).standardOutput
            #expect(try await stevedore.run(created, environment: paris).standardOutput == expected)
        }
    }

    /// docker's inspect runs its template as written (no `\t` escapes; `table` is text), on each
    /// element in turn: one it fails on prints nothing of itself, and its error joins the
    /// others (names not found) in the order of the names, after what the rest printed.
    @Test func inspectRunsItsTemplateOnEachElementAsDocker() async throws {
        let oracle = try await CLIOracle()
        let name = "stevedore-inspect-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let id = try await client.containers.create(
                ContainerCreateBody(cmd: ["true"], image: TestEngine.image), options: .init(name: name)
            ).id
            resources.container(id)
            let commandLines: [[String]] = [
                ["inspect", "-f", #"{{.Name}}\t{{.Path}}\n"#, name],
                ["inspect", "-f", "table {{.Name}}", name],
                ["inspect", "-f", "{{.Name}}", name, TestEngine.image],
                ["inspect", "-f", "{{.Id}}", TestEngine.image, name + "-missing", name],
                ["image", "inspect", "-f", "{{.Nope}}", TestEngine.image, name + "-missing"],
                ["inspect", "-f", "json", name, name + "-missing"],
            ]
            for arguments in commandLines { try await oracle.expectSame(arguments) }
        }
    }

    /// docker's inspect templates see Go's typed values: a nil slice prints `[]`, a nil map
    /// `map[]`, a nil pointer `<nil>`, a string left out `""`, a duration `1s`, a time in Go's
    /// layout, and Go's field names (`ID`) reach the JSON's (`Id`); a field of a nil pointer the
    /// daemon left out fails as docker's fallback to the raw JSON fails.
    @Test func inspectTemplatesSeeGoTypedValuesAsDocker() async throws {
        let oracle = try await CLIOracle()
        let name = "stevedore-typed-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let health = HealthConfig(test: ["CMD", "true"], interval: 1_500_000_000, startPeriod: 60_000_000_000)
            let id = try await client.containers.create(
                ContainerCreateBody(exposedPorts: ["80/tcp": EmptyObject()], cmd: ["true"], healthcheck: health, image: TestEngine.image),
                options: .init(name: name)
            ).id
            resources.container(id)
            let network = try await client.networks.create(NetworkCreateRequest(name: name)).id
            resources.network(network)
            let commandLines: [[String]] = [
                [
                    "inspect", "-f",
                    "{{.Config.Entrypoint}}|{{json .Config.Entrypoint}}|{{.Config.Volumes}}|{{.State.Health}}|{{.Config.StopSignal}}|"
                        + "{{.HostConfig.Init}}|{{.HostConfig.PidsLimit}}|{{.Config.StopTimeout}}|{{.Config.ArgsEscaped}}|{{.SizeRw}}",
                    name,
                ],
                [
                    "container", "inspect", "-f",
                    "{{.ID}}|{{.HostConfig.DNS}}|{{.HostConfig.CPUShares}}|{{.Config.Healthcheck.Interval}}|"
                        + "{{.Config.Healthcheck.Timeout}}|{{.Config.Healthcheck.StartPeriod}}|{{json .Config.Healthcheck}}",
                    name,
                ],
                ["inspect", "-f", "{{.State.Health.Status}}", name],
                ["inspect", "-f", "{{.Config.ExposedPorts}}|{{range $port, $_ := .Config.ExposedPorts}}{{$port}}{{end}}", name],
                [
                    "image", "inspect", "-f",
                    #"{{index .Config.Labels "x"}}|{{.Config.Labels.x}}|{{range .Config.Labels}}x{{else}}none{{end}}"#, TestEngine.image,
                ],
                [
                    "image", "inspect", "-f", "{{.ID}}|{{.Metadata.LastTagTime}}|{{.Config.OnBuild}}|{{.Config.Healthcheck}}",
                    TestEngine.image,
                ],
                ["network", "inspect", "-f", "{{.ID}}|{{.Created}}|{{json .Created}}|{{range .IPAM.Config}}{{.AuxAddress}}{{end}}", name],
                ["info", "-f", "{{.HTTPProxy}}|{{.CPUCfsQuota}}|{{.Runtimes.runc.Path}}|{{json .ClientInfo.Context}}"],
            ]
            for arguments in commandLines { try await oracle.expectSame(arguments) }
        }
    }

    /// A struct a template prints whole is Go's struct, `{v1 v2}`, in its Go type's field order
    /// with embedded structs nested (`HostConfig`'s `Resources`, an image config's two halves):
    /// `{{.HostConfig.RestartPolicy}}` is `{on-failure 3}`, `{{.Mounts}}` a list of them.
    /// (A pointer nested in a struct prints as its address in docker; none is asked for here.)
    @Test func inspectTemplatesPrintStructsAsDocker() async throws {
        let oracle = try await CLIOracle()
        let name = "stevedore-structs-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            let host = HostConfig(
                binds: ["/tmp:/data:ro"], logConfig: .init(type: "json-file", config: ["max-size": "1m"]),
                networkMode: "none", portBindings: ["80/tcp": [PortBinding(hostIp: "127.0.0.1", hostPort: "8080")]],
                restartPolicy: RestartPolicy(name: .onFailure, maximumRetryCount: 3))
            let id = try await client.containers.create(
                ContainerCreateBody(exposedPorts: ["80/tcp": EmptyObject()], cmd: ["true"], image: TestEngine.image, hostConfig: host),
                options: .init(name: name)
            ).id
            resources.container(id)
            let network = try await client.networks.create(
                NetworkCreateRequest(name: name, ipam: IPAM(config: [IPAMConfig(subnet: "10.231.0.0/24")]), labels: ["a": "b"])
            ).id
            resources.network(network)
            _ = try await client.volumes.create(VolumeCreateRequest(name: name, labels: ["a": "b"]))
            resources.volume(name)
            let commandLines: [[String]] = [
                [
                    "inspect", "-f",
                    "{{.HostConfig.RestartPolicy}}|{{.HostConfig.LogConfig}}|{{.HostConfig.PortBindings}}|{{.Mounts}}|"
                        + "{{range .Mounts}}{{.}}{{end}}|{{.State}}|{{.Config}}|{{.GraphDriver}}",
                    name,
                ],
                ["inspect", "-f", #"{{print .HostConfig.RestartPolicy}}|{{printf "%v %s" .HostConfig.RestartPolicy .Mounts}}"#, name],
                // An index into a port map fails on docker's Go value: all of it runs again over the JSON.
                [
                    "inspect", "-f",
                    #"{{index .HostConfig.PortBindings "80/tcp"}}|{{index .Config.ExposedPorts "80/tcp"}}|{{.HostConfig.RestartPolicy}}"#,
                    name,
                ],
                ["image", "inspect", "-f", "{{.Config}}|{{.RootFS}}|{{.GraphDriver}}|{{.Metadata}}", TestEngine.image],
                ["network", "inspect", "-f", "{{.}}|{{.IPAM}}|{{.IPAM.Config}}", name],
                ["volume", "inspect", "-f", "{{.}}|{{.UsageData}}", name],
                ["info", "-f", "{{.Swarm}}|{{.Runtimes}}|{{.Plugins}}"],
            ]
            for arguments in commandLines { try await oracle.expectSame(arguments) }
        }
    }

    @Test func portListsPublishedPortsAsDocker() async throws {
        let (docker, stevedore) = try #require(
            try await CommandLineProcess.oracleAndStevedore(), "the docker CLI is the oracle of this test")
        let scope = "stevedore-port-\(UUID().uuidString.prefix(8).lowercased())"
        try await TestEngine.withResources { client, resources in
            // The test engines have no default bridge; a network of one's own publishes ports.
            resources.network(scope)
            _ = try await client.networks.create(NetworkCreateRequest(name: scope))
            let published = try await docker.run([
                "run", "-d", "--name", scope, "--network", scope, "-p", "127.0.0.1::80", "-p", "127.0.0.1::81/udp", "-p",
                "127.0.0.1:0:8080",
                TestEngine.image, "sleep", "300",
            ])
            #expect(published.status == 0, "\(published)")
            resources.container(scope)
            let quiet = try await docker.run(["run", "-d", "--name", scope + "-quiet", TestEngine.image, "sleep", "300"])
            resources.container(scope + "-quiet")
            #expect(quiet.status == 0, "\(quiet)")
            for arguments in [
                ["port", scope], ["container", "port", scope, "80"], ["port", scope, "81/udp"], ["port", scope, "8080/tcp"],
                ["port", scope, "82"], ["port", scope, "abc"], ["port", scope, "70000"], ["port", scope + "-quiet"],
                ["port", scope + "-missing"],
            ] {
                let expected = try await docker.run(arguments)
                let actual = try await stevedore.run(arguments)
                #expect(actual.status == expected.status, "exit status of \(arguments): \(actual)")
                #expect(actual.standardOutput == expected.standardOutput, "stdout of \(arguments)")
                #expect(actual.standardError == expected.standardError, "stderr of \(arguments)")
            }
        }
    }

    /// The header row up to the first column of durations.
    private static func leadingColumns(_ output: String) -> Substring? {
        guard let header = output.split(separator: "\n").first, let created = header.range(of: "CREATED") else { return nil }
        return header[..<created.lowerBound]
    }

    /// The text with durations ("3 seconds ago", "Up Less than a second") masked and the table
    /// padding they shift collapsed: the two commands run a moment apart.
    static func normalized(_ text: String, _ sortLines: Bool = false) -> String {
        var text = text.replacingOccurrences(
            of: "(Less than a second|About a minute|About an hour|[0-9]+ (second|minute|hour|day|week|month|year)s?)", with: "<DURATION>",
            options: .regularExpression)
        text = text.replacingOccurrences(of: " {2,}", with: "  ", options: .regularExpression)
        return sortLines ? text.split(separator: "\n").sorted().joined(separator: "\n") : text
    }
}
