import Foundation
import StevedoreTestSupport
import Testing

/// The binary's behaviour that needs no engine: arguments, errors, exit codes.
@Suite struct CLIBehaviourTests {
    let stevedore = CommandLineProcess.stevedore

    /// docker's root flag: before the command only, and only without one (`-v ps` lists).
    @Test func versionFlagPrintsTheLibraryVersion() async throws {
        for arguments in [["--version"], ["-v"], ["-Dv"], ["-v", "nosuchcommand"]] {
            let outcome = try await self.stevedore.run(arguments)
            #expect(outcome.status == 0, "\(outcome)")
            let line = outcome.standardOutput
            #expect(line.hasPrefix("Stevedore version ") && line.hasSuffix("\n"), "\(outcome)")
            #expect(line.dropFirst("Stevedore version ".count).dropLast().split(separator: ".").count == 3, "\(outcome)")
        }
        let command = try await self.stevedore.run(["-v", "version", "--format", "{{.Client.Os}}"], environment: Self.noDaemon)
        #expect(command.standardOutput == "linux\n", "\(command)")
    }

    /// The library and the CLI use FoundationEssentials only: Foundation would load ICU and its
    /// locale data into every program (about 6 MiB resident, and start-up time), and one stray
    /// `import Foundation`, here or by a dependency's default trait, brings it back.
    @Test func theBinaryLoadsNoFoundationWithICU() async throws {
        let libraries = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/ldd")).run([self.stevedore.executable.path])
        #expect(libraries.status == 0, "\(libraries)")
        #expect(libraries.standardOutput.contains("libc.so"), "\(libraries)")
        for library in ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"] {
            #expect(!libraries.standardOutput.contains(library), "\(libraries)")
        }
    }

    @Test func anUnreachableDaemonIsExitCodeOneWithAHint() async throws {
        let outcome = try await self.stevedore.run(["info"], environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.standardError.contains("Cannot connect to the Docker daemon at unix:///nonexistent/docker.sock"))
        #expect(outcome.standardError.contains("is the Docker daemon running?"))
        // As docker's: the client half, then the server's heading with nothing under it.
        #expect(outcome.standardOutput.hasSuffix(" Debug Mode: false\n\nServer:\n"), "\(outcome)")
        // A template that needs only the client half runs without the daemon.
        let context = try await self.stevedore.run(
            ["info", "--format", "{{.ClientInfo.Context}}"], environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(context.status == 0 && context.standardOutput == "default\n", "\(context)")
        // docker's client struct, embedded: Go build details stevedore has not are zero values
        // (`json` leaves them out), the API version is empty in info's client half.
        let client = try await self.stevedore.run(
            ["info", "--format", "{{.ClientInfo.GitCommit}}|{{.ClientInfo.APIVersion}}|{{.ClientInfo.Context}}|{{.ClientInfo.Platform}}"],
            environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        #expect(client.status == 0 && client.standardOutput == "||default|<nil>\n", "\(client)")
        let json = try await self.stevedore.run(
            ["info", "--format", "{{json .ClientInfo}}"], environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
        let keys = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        let expectedKeys: Set = ["Debug", "Version", "DefaultAPIVersion", "Os", "Arch", "Context", "Plugins", "Warnings"]
        #expect(Set(keys?.keys ?? [:].keys) == expectedKeys, "\(json)")
        // As docker's needsServerInfo: the whole value, or a template without a field, asks the daemon;
        // without one it prints nothing (docker prints a zeroed server half).
        for format in ["{{json .}}", "json", "plain text"] {
            let whole = try await self.stevedore.run(
                ["info", "--format", format], environment: ["DOCKER_HOST": "unix:///nonexistent/docker.sock"])
            #expect(whole.status == 1 && whole.standardOutput.isEmpty, "\(format): \(whole)")
        }
    }

    /// Content trust, which stevedore cannot honour, is refused before any request when asked
    /// for (`DOCKER_CONTENT_TRUST`, or `--disable-content-trust=false`) where docker would check
    /// it: tagged names, and builds by the classic builder. The flag docker's scripts pass, a
    /// false variable, a digest, an image id or a BuildKit build let the command go on (here to
    /// an unreachable daemon).
    @Test func contentTrustIsRefusedWhenAskedFor() async throws {
        let refusal =
            "content trust is not supported: stevedore neither verifies nor signs images; "
            + "unset DOCKER_CONTENT_TRUST or pass --disable-content-trust\n"
        let digest = String(repeating: "ab", count: 32)
        let directory = try TestContextDirectory.make(["Dockerfile": "FROM busybox\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [([String], [String: String], Bool)] = [
            (["pull", "busybox"], ["DOCKER_CONTENT_TRUST": "1"], true), (["push", "busybox"], ["DOCKER_CONTENT_TRUST": "yes"], true),
            (["run", "busybox"], ["DOCKER_CONTENT_TRUST": "true"], true),
            (["pull", "--disable-content-trust=false", "busybox"], [:], true),
            (["build", "--disable-content-trust=0", directory.path], ["DOCKER_BUILDKIT": "0"], true),
            (["build", directory.path], ["DOCKER_CONTENT_TRUST": "1", "DOCKER_BUILDKIT": "1"], false),
            (["pull", "busybox"], ["DOCKER_CONTENT_TRUST": "0"], false),
            (["pull", "--disable-content-trust", "busybox"], ["DOCKER_CONTENT_TRUST": "1"], false),
            (["pull", "busybox@sha256:\(digest)"], ["DOCKER_CONTENT_TRUST": "1"], false),
            (["create", digest], ["DOCKER_CONTENT_TRUST": "1"], false),
            (["plugin", "install", "--disable-content-trust=true", "vieux/sshfs"], ["DOCKER_CONTENT_TRUST": "1"], false),
            (["create", "busybox"], [:], false),
        ]
        for (arguments, variables, refused) in cases {
            var environment: [String: String?] = ["DOCKER_HOST": "unix:///nonexistent/docker.sock", "DOCKER_CONTENT_TRUST": nil]
            for (name, value) in variables { environment[name] = value }
            let outcome = try await self.stevedore.run(arguments, environment: environment)
            #expect(outcome.status == 1, "\(arguments) \(outcome)")
            #expect((outcome.standardError == refusal) == refused, "\(arguments) with \(variables): \(outcome)")
        }
    }

    /// Refusals made before any request: an `update` without a setting, and a BuildKit build
    /// given limits only the classic builder applies (named by their flags).
    @Test func refusalsBeforeAnyRequest() async throws {
        let directory = try TestContextDirectory.make(["Dockerfile": "FROM busybox\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment: [String: String?] = ["DOCKER_HOST": "unix:///nonexistent/docker.sock", "DOCKER_BUILDKIT": "1"]
        let update = try await self.stevedore.run(["update", "c"], environment: environment)
        #expect(update.status == 1 && update.standardError == "you must provide one or more flags when using this command\n", "\(update)")
        let build = try await self.stevedore.run(["build", "-m", "64m", "--cgroup-parent", "p", directory.path], environment: environment)
        #expect(build.status == 1, "\(build)")
        #expect(build.standardError.hasPrefix("--memory, --cgroup-parent apply only to the classic builder"), "\(build)")
    }

    @Test func globalOptionsGoBeforeTheCommandAsWithDocker() async throws {
        let outcome = try await self.stevedore.run(["-H", "unix:///nonexistent/other.sock", "info"], environment: ["DOCKER_HOST": nil])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("unix:///nonexistent/other.sock"))
        let equalsForm = try await self.stevedore.run(["--host=unix:///nonexistent/third.sock", "system", "info"])
        #expect(equalsForm.standardError.contains("unix:///nonexistent/third.sock"), "\(equalsForm)")
    }

    @Test func aMalformedHostNamesTheValueAndTheAcceptedForms() async throws {
        let outcome = try await self.stevedore.run(["-H", "localhost:2375", "version"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("invalid Docker host \"localhost:2375\""))
        #expect(outcome.standardError.contains("tcp://host:port"))
    }

    @Test func aMalformedVersionPinIsRefused() async throws {
        let outcome = try await self.stevedore.run(["info"], environment: ["DOCKER_API_VERSION": "new"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("DOCKER_API_VERSION"))
    }

    @Test func anUnknownCommandIsAUsageError() async throws {
        let outcome = try await self.stevedore.run(["frobnicate"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("frobnicate"))
    }

    /// `completion SHELL`: a script that completes the commands, for bash, zsh and fish; any
    /// other shell is refused by name.
    @Test func completionScriptsAreWrittenForBashZshAndFish() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let outcome = try await self.stevedore.run(["completion", shell])
            #expect(outcome.status == 0 && outcome.standardOutput.contains("stevedore"), "\(shell): \(outcome.standardError)")
            #expect(outcome.standardOutput.contains("container") && outcome.standardOutput.contains("detach-keys"), "\(shell)")
        }
        let refused = try await self.stevedore.run(["completion", "powershell"])
        #expect(refused.status == 1 && refused.standardError == "no completion script for \"powershell\": use bash, zsh or fish\n")
    }

    @Test func anUnknownLogLevelIsRefused() async throws {
        let outcome = try await self.stevedore.run(["-l", "loud", "info"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError == "Unable to parse logging level: loud\n", "\(outcome)")
    }

    /// The levels docker's logging library reads, in any case; an empty one is `info`.
    @Test(arguments: ["WARNING", "Info", "panic", "trace", ""])
    func aLogLevelIsReadAsDockerReadsIt(level: String) async throws {
        let outcome = try await self.stevedore.run(
            ["--log-level=\(level)", "version", "--format", "{{.Client.Os}}"], environment: Self.noDaemon)
        #expect(!outcome.standardError.contains("Unable to parse logging level"), "\(outcome)")
        #expect(outcome.standardOutput == "linux\n", "\(outcome)")
    }

    /// Command lines docker refuses before any request, with its exit code: 1 for too few or
    /// too many arguments or an unknown command, 125 for a flag it cannot take.
    static let refusedCommandLines: [([String], Int32)] = [
        (["rm"], 1), (["network", "create"], 1), (["tag", "a"], 1), (["tag", "a", "b", "c"], 1),
        (["volume", "create", "a", "b"], 1), (["ps", "extra"], 1), (["container", "nope"], 1), (["wait"], 1),
        (["swarm", "join-token"], 1), (["rm", "--nope", "x"], 125), (["rm", "--force=maybe", "x"], 125),
        (["logs", "--tail"], 125), (["run", "--nope", "busybox"], 125),
        // A flag's value may start with a dash, as Go's pflag takes it: then an argument is missing.
        (["logs", "--tail", "-1"], 1), (["build", "--memory-swap", "-1"], 1), (["commit", "-m", "-x"], 1),
        (["ps", "-az"], 125), (["ps", "-f"], 125), (["frobnicate"], 1), (["container", "list", "a"], 1), (["images", "a", "b"], 1),
        (["exec", "c"], 1), (["container", "exec", "c"], 1), (["cp", "a"], 1), (["commit"], 1), (["network", "nope"], 1),
        (["logs", "-f"], 1), (["stop", "-t", "x", "c"], 125),
        // `r` of `-uroot` is the user's name; the unknown `-r` is the next argument.
        (["run", "-uroot", "-r", "busybox"], 125), (["ps", "-qn1", "-ax"], 125), (["-Dx", "ps"], 125), (["frobnicate", "ls"], 1),
        (["network", "connect", "--driver-opt", "foo", "n", "c"], 1), (["network", "connect", "--driver-opt", " =x", "n", "c"], 1),
        // An unknown flag is refused before the arguments are counted.
        (["export", "--bogus"], 125), (["rm", "-f=true"], 1), (["rm", "-fz"], 125), (["logs", "--tail", "--nope", "-x"], 125),
        (["commit", "c", "repo:x@sha256:" + String(repeating: "0a", count: 32)], 1),
        (["ps", "-f", "a=b", "--filter", "x"], 125), (["images", "--filter", "x"], 125), (["network", "ls", "-f", "x"], 125),
        // The global options, which docker takes before the command only.
        (["ps", "--version"], 125), (["ps", "--debug"], 125), (["image", "ls", "--tls=false"], 125), (["rm", "--log-level", "x"], 125),
        (["ps", "-q", "--context=x"], 125),
        // The image is checked before the request (the daemon would create a container of "").
        (["create", "", "true"], 1), (["run", "", "true"], 125), (["create", "Bad/Image", "true"], 1),
        // A global option's missing value, in pflag's words with the root's usage.
        (["--context"], 125), (["-D", "-H"], 125), (["frobnicate", "--debug"], 1),
        // An empty path is not the working directory.
        (["cp", "", "c:/w/"], 1), (["cp", "c:/d", ""], 1), (["cp", "", ""], 1),
        // cobra's own count check.
        (["context", "use"], 1), (["context", "use", "a", "b"], 1), (["context", "use", "-", "x"], 1),
    ]

    /// docker's exit codes for them (checked against the docker CLI by the next test).
    @Test(arguments: Self.refusedCommandLines)
    func aRefusedCommandLineExitsAsDockers(arguments: [String], status: Int32) async throws {
        let outcome = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(outcome.status == status, "\(outcome)")
        #expect(!outcome.standardError.contains("Cannot connect"), "\(outcome)")
    }

    /// docker's words for them: pflag's for a flag (`unknown flag: --nope`, `flag needs an
    /// argument: 'f' in -f`) or a value it refuses, docker's own for the arguments (`docker:
    /// 'docker rm' requires at least 1 argument`), then the command's use line and where its
    /// help is; the docker CLI refuses them too without a daemon.
    @Test(
        .enabled("needs the docker CLI as the oracle") { CommandLineProcess.onPath("docker") != nil },
        arguments: Self.refusedCommandLines.map(\.0).filter { $0.first != "build" })
    func aRefusedCommandLineIsWordedAsDockers(arguments: [String]) async throws {
        let docker = try #require(CommandLineProcess.onPath("docker"))
        let expected = try await docker.run(arguments, environment: Self.noDaemon)
        let actual = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(actual.status == expected.status, "\(actual)")
        #expect(actual.standardError.replacing("stevedore", with: "docker") == expected.standardError, "\(expected)")
    }

    /// docker's commands that Stevedore has not are an unknown command, not a usage error of a
    /// command it has.
    @Test(arguments: [["stack", "ls"], ["manifest", "inspect", "x"], ["trust"]])
    func aDockerCommandStevedoreHasNotIsUnknown(arguments: [String]) async throws {
        let outcome = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(
            outcome.standardError
                == "stevedore: unknown command: stevedore \(arguments[0])\n\nRun 'stevedore --help' for more information\n")
    }

    /// `--time`, docker's deprecated name of stop's and restart's `--timeout`, is taken with
    /// docker's notice on standard output, once per use, before the command goes on.
    @Test(arguments: ["stop", "restart"])
    func theDeprecatedTimeFlagPrintsDockersNotice(command: String) async throws {
        let outcome = try await self.stevedore.run([command, "--time", "1", "--time", "2", "c"], environment: Self.noDaemon)
        #expect(outcome.standardOutput == String(repeating: "Flag --time has been deprecated, use --timeout instead\n", count: 2))
        #expect(outcome.status == 1, "\(outcome)")
        let both = try await self.stevedore.run([command, "--time", "1", "-t", "2", "c"], environment: Self.noDaemon)
        #expect(both.standardOutput == "Flag --time has been deprecated, use --timeout instead\n")
        #expect(both.standardError == "conflicting options: cannot specify both --timeout and --time\n")
        #expect(both.status == 1, "\(both)")
    }

    @Test func completionScriptsAreGenerated() async throws {
        let outcome = try await self.stevedore.run(["--generate-completion-script", "bash"])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("stevedore"))
    }

    /// A daemon that does not exist: a command that got as far as a request would fail there
    /// with exit code 1.
    static let noDaemon: [String: String?] = ["DOCKER_HOST": "unix:///nonexistent/docker.sock"]

    /// Whole numbers the flag's Go type cannot hold, or that are no Go integer, with the line
    /// docker prints first (its usage lines follow; stevedore prints only that line, as for every
    /// flag value it refuses).
    static let integerFlagRefusals: [([String], String)] = [
        (
            ["create", "--blkio-weight", "70000", "busybox", "true"],
            #"invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range"#
        ),
        (
            ["run", "--blkio-weight", "-1", "busybox", "true"],
            #"invalid argument "-1" for "--blkio-weight" flag: strconv.ParseUint: parsing "-1": invalid syntax"#
        ),
        (
            ["container", "create", "--pids-limit", "9223372036854775808", "busybox"],
            #"invalid argument "9223372036854775808" for "--pids-limit" flag: "#
                + #"strconv.ParseInt: parsing "9223372036854775808": value out of range"#
        ),
        (
            ["create", "-c", "1e3", "busybox"],
            #"invalid argument "1e3" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "1e3": invalid syntax"#
        ),
        (
            ["create", "--stop-timeout", "1__0", "busybox"],
            #"invalid argument "1__0" for "--stop-timeout" flag: strconv.ParseInt: parsing "1__0": invalid syntax"#
        ),
        (
            ["update", "--blkio-weight", "70000", "c"],
            #"invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range"#
        ),
        (
            ["update", "--pids-limit", "0b2", "c"],
            #"invalid argument "0b2" for "--pids-limit" flag: strconv.ParseInt: parsing "0b2": invalid syntax"#
        ),
        (["stop", "-t", "x", "c"], #"invalid argument "x" for "-t, --timeout" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (["restart", "--time", "x", "c"], #"invalid argument "x" for "--time" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (
            ["restart", "--timeout", "9223372036854775808", "c"],
            #"invalid argument "9223372036854775808" for "-t, --timeout" flag: "#
                + #"strconv.ParseInt: parsing "9223372036854775808": value out of range"#
        ),
        (["ps", "-n", "0x1g"], #"invalid argument "0x1g" for "-n, --last" flag: strconv.ParseInt: parsing "0x1g": invalid syntax"#),
        (["search", "--limit", "x", "foo"], #"invalid argument "x" for "--limit" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (
            ["network", "connect", "--gw-priority", "x", "n", "c"],
            #"invalid argument "x" for "--gw-priority" flag: strconv.ParseInt: parsing "x": invalid syntax"#
        ),
        (
            ["swarm", "update", "--max-snapshots", "-1"],
            #"invalid argument "-1" for "--max-snapshots" flag: strconv.ParseUint: parsing "-1": invalid syntax"#
        ),
        (
            ["swarm", "init", "--data-path-port", "4294967296"],
            #"invalid argument "4294967296" for "--data-path-port" flag: strconv.ParseUint: parsing "4294967296": value out of range"#
        ),
        (
            ["build", "-c", "99999999999999999999", "."],
            #"invalid argument "99999999999999999999" for "-c, --cpu-shares" flag: "#
                + #"strconv.ParseInt: parsing "99999999999999999999": value out of range"#
        ),
    ]

    /// Values docker's `opts` validators refuse as the flags are read, for containers, exec and
    /// builds alike.
    static let optsFlagRefusals: [([String], String)] = [
        (
            ["create", "--dns", "bogus", "busybox"],
            #"invalid argument "bogus" for "--dns" flag: IP address is not correctly formatted: bogus"#
        ),
        (
            ["run", "--dns-search", "bad..x", "busybox"],
            #"invalid argument "bad..x" for "--dns-search" flag: bad..x is not a valid domain"#
        ),
        (["run", "--add-host", "bogus", "busybox"], #"invalid argument "bogus" for "--add-host" flag: bad format for add-host: "bogus""#),
        (
            ["create", "--add-host", "a:1.2.3.4:5", "busybox"],
            #"invalid argument "a:1.2.3.4:5" for "--add-host" flag: invalid IP address in add-host: "1.2.3.4:5""#
        ),
        (["create", "-e", "=x", "busybox"], #"invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x"#),
        (["create", "-l", "=x", "busybox"], #"invalid argument "=x" for "-l, --label" flag: invalid label '=x': empty name"#),
        (["exec", "-e", "=x", "c", "true"], #"invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x"#),
        (["exec", "-e", "=x", "c"], #"invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x"#),
        (["build", "--label", "=x", "."], #"invalid argument "=x" for "--label" flag: invalid label '=x': empty name"#),
        (["build", "--build-arg", "=x", "."], #"invalid argument "=x" for "--build-arg" flag: invalid environment variable: =x"#),
        (["build", "--add-host", "bogus", "."], #"invalid argument "bogus" for "--add-host" flag: bad format for add-host: "bogus""#),
        (
            ["network", "create", "--label", "a b=1", "n"],
            #"invalid argument "a b=1" for "--label" flag: label 'a b' contains whitespaces"#
        ),
        (["volume", "create", "--label", "=x"], #"invalid argument "=x" for "--label" flag: invalid label '=x': empty name"#),
        (["network", "connect", "--link", "a:b:c", "n", "c"], #"invalid argument "a:b:c" for "--link" flag: bad format for links: a:b:c"#),
        (["create", "--link", "", "busybox"], #"invalid argument "" for "--link" flag: empty string specified for links"#),
    ]

    /// Flag values docker's flag parsing refuses: whole numbers its Go types cannot hold,
    /// values its `opts` validators refuse and boolean values Go's `strconv.ParseBool` refuses
    /// (``PflagSyntaxTests``).
    static let flagValueRefusals = Self.integerFlagRefusals + Self.optsFlagRefusals + PflagSyntaxTests.refusals

    // Serialized: a burst of process starts at the suite's beginning slows every other test.
    @Test(.serialized, arguments: Self.flagValueRefusals)
    func aFlagValueDockerRefusesFailsBeforeAnyRequestWithItsMessage(arguments: [String], message: String) async throws {
        let outcome = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(outcome.status == 125, "\(outcome)")
        // Then the command's usage, as docker's flag parser adds it.
        #expect(outcome.standardError.hasPrefix(message + "\n\nUsage:  stevedore "), "\(outcome)")
        #expect(outcome.standardError.hasSuffix(" --help' for more information\n"), "\(outcome)")
        #expect(outcome.standardOutput.isEmpty)
    }

    /// The same command lines through the docker CLI, where it is installed (it refuses them
    /// before contacting any daemon): the same exit code and message, the command's usage after it.
    @Test(
        .enabled("needs the docker CLI as the oracle") { CommandLineProcess.onPath("docker") != nil }, .serialized,
        arguments: Self.flagValueRefusals.map(\.0))
    func aFlagValueIsRefusedAsDockerRefusesIt(arguments: [String]) async throws {
        let docker = try #require(CommandLineProcess.onPath("docker"))
        let expected = try await docker.run(arguments, environment: Self.noDaemon)
        let actual = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(actual.status == expected.status, "\(actual)")
        // `docker build` may first warn that the legacy builder is deprecated.
        let refusal = expected.standardError.firstRange(of: "invalid argument ").map { expected.standardError[$0.lowerBound...] }
        #expect(refusal.map(String.init) == actual.standardError.replacing("stevedore", with: "docker"), "\(expected)")
    }

    /// `version --format` without a daemon: the template runs over the client half (what it
    /// printed before a field of the missing server half stays, with a newline), then the
    /// daemon's error, exit 1.
    @Test(
        .enabled("needs the docker CLI as the oracle") { CommandLineProcess.onPath("docker") != nil },
        arguments: [
            "{{.Client.Os}}/{{.Client.Arch}} {{.Client.Context}} {{json .Server}}", "{{.Server.Version}}", "{{.Client.Os",
            "{{.Client.Os}} {{.Server.Version}}",
        ])
    func versionFormatsTheClientHalfWithoutADaemon(format: String) async throws {
        let docker = try #require(CommandLineProcess.onPath("docker"))
        let expected = try await docker.run(["version", "--format", format], environment: Self.noDaemon)
        let actual = try await self.stevedore.run(["version", "--format", format], environment: Self.noDaemon)
        // A template that does not parse is refused first, 64; otherwise the daemon's error, 1.
        #expect(actual.status == (format.hasSuffix("}}") ? 1 : 64) && actual.status == expected.status, "\(actual)")
        #expect(actual.standardOutput == expected.standardOutput, "\(actual)")
    }

    /// `events --format` with a template that does not parse: refused before any request, in
    /// the events command's own words (`Error parsing format: …`), exit code 64.
    @Test func anEventsTemplateThatDoesNotParseIsRefusedFirst() async throws {
        let outcome = try await self.stevedore.run(["events", "--format", "{{bogus}"], environment: Self.noDaemon)
        #expect(outcome.status == 64, "\(outcome)")
        #expect(outcome.standardError == "Error parsing format: template: :1: bad character U+007D '}'\n", "\(outcome)")
    }

    /// A command line `run` and `create` refuse after reading their flags: docker's whole
    /// message (`docker: …` and the pointer to the command's help, which names `run` or
    /// `create` also after `container`) and exit code, before any request.
    @Test(
        .enabled("needs the docker CLI as the oracle") { CommandLineProcess.onPath("docker") != nil },
        arguments: [
            ["run", "--rm", "--restart", "always"], ["create", "--env-file", "/nonexistent"], ["container", "run", "--pull", "bogus"],
            ["container", "create", "--network-alias", "a"], ["run", "--health-retries", "-1"], ["create", "--health-interval", "-1s"],
            // Files that open but cannot be read.
            ["create", "--env-file", "/"], ["run", "--label-file", "/"], ["create", "--security-opt", "seccomp=/"],
            // `-v` specs docker's client cannot split.
            ["run", "-v", ":/x"], ["create", "-v", "/a:/b:ro:x"], ["create", "-v", ""],
            // A platform docker's client cannot parse (`create` says it without the help, exit code 1).
            ["run", "--platform", "bogus"], ["container", "run", "--platform", "a/b/c/d"],
        ])
    func runAndCreateRefusalsAreWordedAsDockers(arguments: [String]) async throws {
        let docker = try #require(CommandLineProcess.onPath("docker"))
        let expected = try await docker.run(arguments + ["busybox"], environment: Self.noDaemon)
        let actual = try await self.stevedore.run(arguments + ["busybox"], environment: Self.noDaemon)
        #expect(actual.status == 125 && expected.status == 125, "\(actual)")
        #expect(expected.standardError.hasPrefix("docker: "), "\(expected)")
        #expect(actual.standardError == expected.standardError.replacingOccurrences(of: "docker", with: "stevedore"), "\(actual)")
    }

    /// `create` refuses a platform docker's client cannot parse in its words, plainly, exit code 1.
    @Test(.enabled("needs the docker CLI as the oracle") { CommandLineProcess.onPath("docker") != nil })
    func createRefusesAPlatformItCannotParse() async throws {
        let docker = try #require(CommandLineProcess.onPath("docker"))
        let arguments = ["create", "--platform", "a/b/c/d", "busybox"]
        let expected = try await docker.run(arguments, environment: Self.noDaemon)
        let actual = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(actual.status == 1 && expected.status == 1, "\(actual)")
        #expect(actual.standardError == expected.standardError, "\(actual)")
        #expect(actual.standardError.hasPrefix("error parsing specified platform: "), "\(actual)")
    }

    /// Values docker's Go parsing takes and the argument parser alone would not get as far as
    /// the daemon: whole numbers with base prefixes, `_`, a sign, or negative after their flag;
    /// boolean flags with a value (`swarm update --autolock` alone included).
    @Test(
        .serialized,
        arguments: [
            ["create", "--blkio-weight", "0x10", "--pids-limit", "-1", "--stop-timeout", "+5", "-c", "1_024", "busybox", "true"],
            ["stop", "-t", "-1", "c"], ["ps", "-n", "-1"], ["network", "connect", "--gw-priority", "-5", "n", "c"],
            ["swarm", "update", "--task-history-limit", "-1"],
            ["create", "--rm=1", "-it=false", "--init=f", "busybox", "true"], ["attach", "--sig-proxy=false", "c"], ["ps", "-aq=false"],
            ["swarm", "update", "--autolock"], ["swarm", "update", "--autolock=false"], ["--tls=false", "-D=0", "info"],
            ["service", "update", "--tty=false", "s"], ["network", "create", "--ipv4=true", "--ipv6=false", "n"],
        ])
    func aFlagValueDockerTakesIsTaken(arguments: [String]) async throws {
        let outcome = try await self.stevedore.run(arguments, environment: Self.noDaemon)
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.standardError.contains("Cannot connect to the Docker daemon at unix:///nonexistent/docker.sock"), "\(outcome)")
    }
}
