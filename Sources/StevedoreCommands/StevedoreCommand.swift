import ArgumentParser
import Logging
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `stevedore`: a docker-compatible command line on the Stevedore library.
public struct StevedoreCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stevedore",
        abstract: "A self-sufficient runtime for containers, driven by the Stevedore Swift client.",
        // Not options of this command: the argument parser takes a command's options after its
        // subcommands too, where docker refuses them (``GlobalOptions``).
        discussion: """
            Global options, before the command:
              --config DIR        Location of client config files
                                  (default: $DOCKER_CONFIG or ~/.docker)
              -c, --context NAME  Name of the context to use to connect to the
                                  daemon (overrides DOCKER_HOST env var and
                                  default context set with "docker context use")
              -D, --debug         Enable debug mode
              -H, --host HOST     Daemon socket to connect to
                                  (default: $DOCKER_HOST or unix:///var/run/docker.sock)
              -l, --log-level L   Set the logging level ("debug", "info", "warn",
                                  "error", "fatal") (default "info")
              --tls               Use TLS; implied by --tlsverify
              --tlscacert FILE    Trust certs signed only by this CA
              --tlscert FILE      Path to TLS certificate file
              --tlskey FILE       Path to TLS key file
              --tlsverify         Use TLS and verify the remote
              -v, --version       Print version information and quit
            """,
        subcommands: [Version.self, Inspect.self] + System.topLevelCommands
            + [System.self, Builder.self, Container.self, Image.self, Network.self, Volume.self, Plugin.self]
            + [Swarm.self, Node.self, Service.self, Secret.self, Config.self, Context.self]
            + Container.topLevelCommands + Image.topLevelCommands + [Login.self, Logout.self, Search.self, Completion.self]
    )

    public init() {}

    /// `stevedore` alone prints its help; `-v`/`--version` before any command, the version.
    public func run() async throws {
        guard GlobalOptions.given.withLock(\.version) else { throw CleanExit.helpRequest(self) }
        print("Stevedore version \(StevedoreLibrary.version)")
    }

    /// The command `arguments` name, with docker's flag syntax (``PflagSyntax``): `--flag=false`,
    /// `--x=`, values joined to short options. The parser reads a group of letters (`-it`) as
    /// flags, which they almost always are, and `--x=VALUE` as an option's value, refusing a
    /// flag's: only when it refuses the command line is it read again with the command's table
    /// (``PflagSyntax``: `-uroot`, `--rm=false`), and that reading's outcome stands. So a group
    /// the parser reads otherwise without refusing it, where a letter before
    /// the last takes a value and the rest are flags, is read as the parser reads it unless the
    /// command line needs the table for something else: `-ad` is `-a -d`, where pflag attaches
    /// `d`.
    static func parse(pflagSyntax arguments: [String]) throws -> ParsableCommand {
        do {
            return try Self.parseAsRoot(try PflagSyntax.rewrite(arguments, readingAll: false))
        } catch {
            let groupsRead = try PflagSyntax.rewrite(arguments)
            guard groupsRead != arguments else { throw error }
            return try Self.parseAsRoot(groupsRead)
        }
    }

    /// Parses `arguments`, runs the command and exits the process with docker's conventions:
    /// an error from the daemon prints `Error response from daemon: …` on stderr, exit code 1;
    /// SIGINT and SIGTERM are handled as ``TerminationSignals`` says.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        // A peer gone (the daemon, an ssh or TLS connection, a reader of stdout) is an error
        // of the write, from the start: NIO ignores SIGPIPE only once it opens a socket, and a
        // signal catcher that ends restores what it found (see ``writeAll(_:to:path:)``).
        signal(SIGPIPE, SIG_IGN)
        // Diagnostics go to stderr, so that stdout stays the command's output.
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        // The command line as parsed, without the global options before it: what a refusal
        // of it names.
        var commandLine = arguments
        do {
            let (moved, environment, options) = try GlobalOptions.movingLeadingOptions(in: arguments)
            commandLine = moved
            for (name, value) in environment { setenv(name, value, 1) }
            GlobalOptions.given.withLock { $0 = options }
            let parsed = try Self.parse(pflagSyntax: moved)
            let wantsSubcommand = !type(of: parsed).configuration.subcommands.isEmpty
            let (outcome, signal) = await TerminationSignals.handling {
                var command = parsed
                if var command = command as? AsyncParsableCommand {
                    try await command.run()
                } else {
                    try command.run()
                }
            }
            // docker's: a command that a signal cut short ends without a word, unless it
            // chose its own ending (a CommandFailure). Not with success, which a cancelled
            // loop over an AsyncStream would otherwise claim (it ends as if complete).
            if let signal {
                switch outcome {
                case .failure(is CommandFailure): break
                case .success, .failure: Self.exit(withError: ExitCode(128 + signal))
                }
            }
            // docker prints the help of a command that wants a subcommand (`docker`, `docker
            // image`) on stderr; what `--help` asks for goes to stdout.
            if case .failure(let error as CleanExit) = outcome, wantsSubcommand {
                printError(Self.fullMessage(for: error))
                Self.exit()
            }
            try outcome.get()
            Self.exit()
        } catch let error as DockerError {
            printError("\(error)")
            Self.exit(withError: ExitCode(1))
        } catch let failure as CommandFailure {
            // An empty description: the command already reported each failure itself.
            if failure.isArgumentCount, let refusal = DockerCommandUsage.command(in: commandLine).countRefusal(firstArgument: nil) {
                printError(refusal.description)
            } else if failure.isFlagValue {
                // docker's flag parser refused it: the command's usage follows.
                printError(failure.description + DockerCommandUsage.command(in: commandLine).flagUsage)
            } else if !failure.description.isEmpty {
                printError("\(failure)")
            }
            Self.exit(withError: ExitCode(failure.exitCode))
        } catch let failure as GoPathError {
            printError("\(failure)")
            Self.exit(withError: ExitCode(1))
        } catch {
            // The parser's own exit code for a refused command line is 64; docker's is 1 or 125.
            guard Self.exitCode(for: error) == .validationFailure else { Self.exit(withError: error) }
            let command = DockerCommandUsage.command(in: commandLine)
            if let refusal = command.refusal(forParserMessage: Self.message(for: error), arguments: commandLine) {
                printError(refusal.description)
                Self.exit(withError: ExitCode(refusal.exitCode))
            }
            printError(Self.fullMessage(for: error))
            Self.exit(withError: ExitCode(UsageExitCode.docker(forParserMessage: Self.message(for: error))))
        }
    }
}
