import ArgumentParser
import Stevedore
import StevedoreText
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The options docker takes before the command: where the daemon is and how to log.
///
/// Only the root reads them (``movingLeadingOptions(in:)``; their help is the root's
/// discussion): docker's commands have none of them, so a command refuses `--debug` after its
/// name (`unknown flag`), and takes it as a value (`ps --format --debug`) or passes it on
/// (`top C --debug`) where docker does. Commands read the ones given before them from
/// ``given``: their option group decodes to it. Not an option group of the root either: the
/// argument parser takes a command's options after its subcommands too, where docker refuses
/// them.
public struct GlobalOptions: ParsableArguments, Sendable {
    var context: String?
    var tls = false
    var tlsverify = false
    var tlscacert: String?
    var tlscert: String?
    var tlskey: String?
    var debug = false
    var logLevel: String?
    var version = false

    public init() {}

    /// A command's group: the options given before the command, not its own arguments.
    public init(from decoder: any Decoder) throws {
        self = Self.given.withLock { $0 }
    }

    /// The options given before the command, which ``StevedoreCommand/run(arguments:)`` sets
    /// before the command is parsed; docker's defaults until then.
    static let given = Mutex(GlobalOptions())

    /// What a global option that takes a value sets.
    private enum Setting: Sendable {
        /// The environment variable it overrides, which commands read.
        case environment(String)
        /// A field of the options.
        case option(WritableKeyPath<GlobalOptions, String?> & Sendable)
    }

    /// The options that take a value, by their long names, and what they set. `-H`/`--host` and
    /// `--config` set the environment (see ``movingLeadingOptions(in:)``).
    private static let optionsTakingValues: [String: Setting] = [
        "--host": .environment("DOCKER_HOST"), "--config": .environment("DOCKER_CONFIG"), "--context": .option(\.context),
        "--tlscacert": .option(\.tlscacert), "--tlscert": .option(\.tlscert), "--tlskey": .option(\.tlskey),
        "--log-level": .option(\.logLevel),
    ]
    /// The boolean ones, their names in docker's messages and what they set.
    private static let flags: [String: (dockerName: String, keyPath: WritableKeyPath<GlobalOptions, Bool> & Sendable)] = [
        "--tls": ("--tls", \.tls), "--tlsverify": ("--tlsverify", \.tlsverify), "--debug": ("-D, --debug", \.debug),
        "--version": ("-v, --version", \.version),
    ]
    /// The short names, before the command only.
    private static let longNames = ["-H": "--host", "-c": "--context", "-l": "--log-level", "-D": "--debug", "-v": "--version"]
    /// Every name of the global options, as the argument parser names an option (`--debug`, `-D`).
    static let names: Set<String> = Set(Self.optionsTakingValues.keys).union(Self.flags.keys).union(Self.longNames.keys)

    /// The flags with a short name, which may lead a group (`-Dlwarn`).
    private static let groupLeaders: Set<String> = ["-D", "-v"]

    /// Docker takes its global options before the command (`docker -H tcp://x:2375 ps`). This
    /// takes the global options that lead the arguments out of them, and returns them with the
    /// command line that follows.
    ///
    /// `-H`/`--host` and `--config` leave the arguments for the environment they override
    /// (`DOCKER_HOST`, `DOCKER_CONFIG`), returned apart for the caller to set: commands have
    /// options of those names (`service create --host`, `--config`), and docker reads its own
    /// only before the command. `-H` together with a context is refused, as docker refuses it,
    /// and so is a second `-H`.
    /// The boolean ones take a value as docker's do (`--tls=false`, `-D=1`), the last one given
    /// winning, and `-D` or `-v` leads a group as a flag does (`-Dlwarn`); a value
    /// `strconv.ParseBool` refuses fails with docker's message, exit code 125. `-v`/`--version`
    /// is set only with nothing after it but arguments (the command line is then empty, for the
    /// root to print the version). A `--` ends them, as pflag's flags, and is taken out.
    static func movingLeadingOptions(
        in arguments: [String]
    ) throws -> (arguments: [String], environment: [String: String], options: GlobalOptions) {
        var options = GlobalOptions()
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
            // pflag's end of the flags: what follows is the command line (`docker -- ps`).
            if argument == "--" {
                arguments.remove(at: index)
                break
            }
            var parts = argument.split(scalar: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard !parts[0].isEmpty else { break }
            // A value joined to the letter of a short option that takes one (`-Hvalue`, `-H=`),
            // as pflag reads it; only `--host=` is empty.
            if argument.utf8.count > 2, !argument.hasBytePrefix("--"), let name = Self.longNames[letter],
                Self.optionsTakingValues[name] != nil
            {
                parts = [letter, PflagSyntax.joinedValue(String(argument.dropFirst(2)))]
            }
            let given = parts[0]
            let name = Self.longNames[given] ?? given
            if let flag = Self.flags[name] {
                options[keyPath: flag.keyPath] =
                    parts.count == 1 ? true : try FlagValue.parse(parts[1], for: flag.dockerName, PflagSyntax.value)
                index += 1
                continue
            }
            guard let setting = Self.optionsTakingValues[name] else { break }
            let value: String
            if parts.count == 2 {
                value = parts[1]
                index += 1
            } else if index + 1 < arguments.endIndex {
                value = arguments[index + 1]
                index += 2
            } else {
                // The last argument, without its value: pflag's refusal, with the root's usage.
                let named = given.hasBytePrefix("--") ? name : "'\(given.dropFirst())' in \(given)"
                throw CommandFailure(description: "flag needs an argument: \(named)" + DockerCommandUsage.root.flagUsage, exitCode: 125)
            }
            if name == "--log-level", Self.logLevel(value) == nil {
                // Before the command, as docker reads it: docker's line alone, exit code 1.
                throw CommandFailure(description: "Unable to parse logging level: \(value)")
            }
            if name == "--host", environment["DOCKER_HOST"] != nil {
                // docker 28.5's `-H` takes one value: a second one is a bad flag value.
                try FlagValue.parse(value, for: "-H, --host") { _ in throw InvalidFlagValue(reason: "specify only one -H") }
            }
            switch setting {
            case .environment(let variable): environment[variable] = value
            case .option(let keyPath): options[keyPath: keyPath] = value
            }
        }
        if environment["DOCKER_HOST"] != nil, let context = options.context, !context.isEmpty {
            throw CommandFailure(description: "conflicting options: cannot specify both --host and --context")
        }
        let rest = Array(arguments[index...])
        let path = PflagSyntax.command(in: rest, root: StevedoreCommand.self).pathLength
        // docker's root prints its version only when no command follows (`-v ps` lists), nor
        // an option (`-v --help`, `-v --nope`), which the root then reads.
        options.version = options.version && path == 0 && !(rest.first?.hasBytePrefix("-") ?? false)
        return (options.version ? [] : rest, environment, options)
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
        logger.logLevel = self.debug ? .debug : Self.logLevel(self.logLevel ?? "") ?? .info
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
