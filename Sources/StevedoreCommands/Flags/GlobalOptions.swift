import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The options docker takes before the command: where the daemon is and how to log.
///
/// Commands parse them by their long names only: their short names (`-H`, `-c`, `-D`, `-l`)
/// are docker's global ones, valid before the command, and commands have short options of
/// their own with the same letters (`ps -l`, `create -c`). ``movingLeadingOptions(in:)`` turns
/// the global short names into long ones.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(Self.contextHelp))
    var context: String?

    private static let contextHelp =
        "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set "
        + "with \"docker context use\"); -c before the command"

    @Flag(name: .long, help: "Use TLS; implied by --tlsverify")
    var tls = false

    @Flag(name: .long, help: "Use TLS and verify the remote")
    var tlsverify = false

    @Option(name: .long, parsing: .unconditional, help: "Trust certs signed only by this CA")
    var tlscacert: String?

    @Option(name: .long, parsing: .unconditional, help: "Path to TLS certificate file")
    var tlscert: String?

    @Option(name: .long, parsing: .unconditional, help: "Path to TLS key file")
    var tlskey: String?

    @Flag(name: .long, help: "Enable debug mode; -D before the command")
    var debug = false

    @Option(
        name: .long, parsing: .unconditional,
        help: "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\"); -l before the command")
    var logLevel: String = "info"

    @Flag(name: .long, help: "Print version information and quit; -v before the command")
    var version = false

    public init() {}

    /// The options that take a value, by their long names.
    private static let optionsTakingValues: Set<String> = [
        "--host", "--context", "--config", "--tlscacert", "--tlscert", "--tlskey", "--log-level",
    ]
    /// The boolean ones, and their names in docker's messages.
    private static let flags = ["--tls": "--tls", "--tlsverify": "--tlsverify", "--debug": "-D, --debug", "--version": "-v, --version"]
    /// The short names, before the command only.
    private static let longNames = ["-H": "--host", "-c": "--context", "-l": "--log-level", "-D": "--debug", "-v": "--version"]
    /// The flags with a short name, which may lead a group (`-Dlwarn`).
    private static let groupLeaders: Set<String> = ["-D", "-v"]
    /// The names a command parses (without `--`), as moved after its path: docker's commands
    /// do not have them, and refuse them typed after the command.
    static let namesAfterThePath = Set(
        Self.optionsTakingValues.union(Self.flags.keys).subtracting(["--host", "--config"]).map { String($0.dropFirst(2)) })

    /// Docker takes its global options before the command (`docker -H tcp://x:2375 ps`);
    /// argument-parser reads a command's options after its name. This moves the global options
    /// that lead the arguments to just after the command path, short names made long.
    ///
    /// `-H`/`--host` and `--config` leave the arguments for the environment they override
    /// (`DOCKER_HOST`, `DOCKER_CONFIG`), returned apart for the caller to set: commands have
    /// options of those names (`service create --host`, `--config`), and docker reads its own
    /// only before the command. `-H` together with a context is refused, as docker refuses it,
    /// and so is a second `-H`.
    /// The boolean ones take a value as docker's do (`--tls=false`, `-D=1`), the last one given
    /// winning, and `-D` or `-v` leads a group as a flag does (`-Dlwarn`); a value
    /// `strconv.ParseBool` refuses fails with docker's message, exit code 125. `-v`/`--version`
    /// with no command after it leaves `--version` alone for the root; with one, it is dropped.
    /// A global option typed after the command's path is refused as docker refuses it.
    static func movingLeadingOptions(in arguments: [String]) throws -> (arguments: [String], environment: [String: String]) {
        let environmentNames = ["--host": "DOCKER_HOST", "--config": "DOCKER_CONFIG"]
        var leading: [String] = []
        var flagValues: [(name: String, value: Bool)] = []
        var environment: [String: String] = [:]
        var arguments = arguments
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            // A group led by a global flag with a short name (`-Dlwarn`, `-DH host`, `-vD`): pflag
            // reads the flag, then the rest of the group from its next letter.
            let letter = String(argument.prefix(2))
            if argument.utf8.count > 2, Self.groupLeaders.contains(letter), !argument.hasBytePrefix(letter + "="),
                !argument.hasBytePrefix(letter + "-")
            {
                arguments.replaceSubrange(index...index, with: [letter, "-" + argument.dropFirst(2)])
                continue
            }
            var parts = argument.split(scalar: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard !parts[0].isEmpty else { break }
            // A value joined to the letter of a short option that takes one (`-Hvalue`, `-H=`),
            // as pflag reads it; only `--host=` is empty.
            if argument.utf8.count > 2, !argument.hasBytePrefix("--"), let name = Self.longNames[letter],
                Self.optionsTakingValues.contains(name)
            {
                parts = [letter, PflagSyntax.joinedValue(String(argument.dropFirst(2)))]
            }
            let given = parts[0]
            let name = Self.longNames[given] ?? given
            let value: String
            if let dockerName = Self.flags[name] {
                let isSet = parts.count == 1 ? true : try FlagValue.parse(parts[1], for: dockerName, PflagSyntax.value)
                flagValues.removeAll { $0.name == name }
                flagValues.append((name, isSet))
                index += 1
                continue
            } else if Self.optionsTakingValues.contains(name), parts.count == 2 {
                value = parts[1]
                index += 1
            } else if Self.optionsTakingValues.contains(name), index + 1 < arguments.endIndex {
                value = arguments[index + 1]
                index += 2
            } else {
                break
            }
            if name == "--log-level", Self.logLevel(value) == nil {
                // Before the command, as docker reads it: docker's line alone, exit code 1.
                throw CommandFailure(description: "Unable to parse logging level: \(value)")
            }
            if name == "--host", environment["DOCKER_HOST"] != nil {
                // docker 28.5's `-H` takes one value: a second one is a bad flag value.
                try FlagValue.parse(value, for: "-H, --host") { _ in throw InvalidFlagValue(reason: "specify only one -H") }
            }
            if let variable = environmentNames[name] {
                environment[variable] = value
            } else {
                leading += [name, value]
            }
        }
        leading += flagValues.filter(\.value).map(\.name)
        if environment["DOCKER_HOST"] != nil, let context = leading.firstIndex(of: "--context"), !leading[context + 1].isEmpty {
            throw CommandFailure(description: "conflicting options: cannot specify both --host and --context")
        }
        var rest = Array(arguments[index...])
        let path = PflagSyntax.command(in: rest, root: StevedoreCommand.self).pathLength
        // docker's root prints its version only when no command follows (`-v ps` lists), nor
        // an option (`-v --help`, `-v --nope`), which the root then reads.
        if path == 0, leading.contains("--version"), !(rest.first?.hasBytePrefix("-") ?? false) {
            return (["--version"], environment)
        }
        try Self.refuseNamesAfterThePath(in: rest, pathLength: path)
        // After the command's path (`container run`), not after its own arguments (`run IMAGE CMD`).
        rest.insert(contentsOf: leading.filter { $0 != "--version" }, at: path)
        return (rest, environment)
    }

    /// Refuses a global option that `arguments` (a command line without the leading global
    /// options) give after the command's path, as docker's command, which has no such flag,
    /// refuses it: `ps --debug` is `unknown flag: --debug`, exit code 125. The command's table
    /// is read only when an argument may be one.
    private static func refuseNamesAfterThePath(in arguments: [String], pathLength: Int) throws {
        // Without a command, the root refuses what follows as an unknown command.
        guard pathLength > 0 else { return }
        let mayBeGlobal = arguments[pathLength...].prefix { $0 != "--" }.contains { argument in
            guard let body = argument.cut(prefix: "--") else { return false }
            return Self.namesAfterThePath.contains(String(body.cut(atFirst: "=")?.before ?? body))
        }
        guard mayBeGlobal,
            let option = PflagSyntax.firstUnknownOption(in: arguments, ignoring: Self.namesAfterThePath),
            let name = option.cut(prefix: "--"), Self.namesAfterThePath.contains(String(name))
        else { return }
        throw DockerCommandUsage.command(in: arguments).unknownFlagRefusal(option, in: arguments)
    }

    /// The levels logrus's `ParseLevel` knows, and `""` for docker's default.
    private static let logLevels: [String: Logger.Level] = [
        "": .info, "trace": .trace, "debug": .debug, "info": .info, "warn": .warning, "warning": .warning, "error": .error,
        "fatal": .critical, "panic": .critical,
    ]

    /// `--log-level` as docker reads it (logrus's `ParseLevel`, any case; empty is `info`).
    private static func logLevel(_ text: String) -> Logger.Level? {
        Self.logLevels[text.lowercased()]
    }

    /// The client these options and the environment describe (see ``makeConfiguration(environment:)``).
    /// Fails as docker fails when it first needs its client, `Failed to initialize: unable to
    /// resolve docker endpoint: …`, for a context, host or TLS file it cannot use (and, where
    /// docker checks nothing, a malformed `DOCKER_API_VERSION`).
    func makeClient(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerClient {
        var logger = Logger(label: "stevedore")
        logger.logLevel = self.debug ? .debug : Self.logLevel(self.logLevel) ?? .info
        do {
            return try DockerClient(configuration: self.makeConfiguration(environment: environment), logger: logger)
        } catch {
            throw CommandFailure(description: "Failed to initialize: unable to resolve docker endpoint: \(error)")
        }
    }

    /// The context these options and the environment select (`--context`, else `default` when
    /// `-H`/`DOCKER_HOST` is given, else `DOCKER_CONTEXT`, else config.json's `currentContext`).
    func contextName(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try DockerContextStore(environment: environment).currentContextName(environment: environment, context: self.context)
    }

    /// The configuration these options and the environment describe, as the docker CLI resolves
    /// them: the context (`--context`, else `-H`/`DOCKER_HOST` for `default`, else
    /// `DOCKER_CONTEXT`, else config.json's), and for `default` the `--tls*` flags over
    /// `DOCKER_TLS*`.
    func makeConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerClientConfiguration {
        // Resolved once: config.json is read here, not again by fromEnvironment.
        let context = try self.contextName(environment: environment)
        var configuration = try DockerClientConfiguration.fromEnvironment(environment, context: context)
        guard context == DockerContext.defaultName else { return configuration }
        if self.tls || self.tlsverify || self.tlscacert != nil || self.tlscert != nil || self.tlskey != nil {
            // As docker: --tlsverify implies --tls; files not named come from the certificate
            // directory when they exist there.
            var options =
                configuration.tls
                ?? DockerTLSOptions(
                    certificateDirectory: DockerTLSOptions.certificateDirectory(environment: environment), verifyServer: false)
            options.verifyServer = options.verifyServer || self.tlsverify
            options.caCertificatePath = self.tlscacert ?? options.caCertificatePath
            options.clientCertificatePath = self.tlscert ?? options.clientCertificatePath
            options.clientKeyPath = self.tlskey ?? options.clientKeyPath
            configuration.tls = options
        }
        return configuration
    }
}
