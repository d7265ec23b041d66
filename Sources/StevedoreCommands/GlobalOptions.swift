import ArgumentParser
import Foundation
import Logging
import Stevedore

/// The options docker takes before or after any command: where the daemon is and how to log.
public struct GlobalOptions: ParsableArguments {
    @Option(name: [.customShort("H"), .long], help: "Daemon socket to connect to (default: $DOCKER_HOST or unix:///var/run/docker.sock)")
    var host: String?

    @Option(name: [.customShort("c"), .long], help: "Name of the context to use (default: $DOCKER_CONTEXT or \"default\")")
    var context: String?

    @Option(name: .long, help: "Location of client config files (default: $DOCKER_CONFIG or ~/.docker)")
    var config: String?

    @Flag(name: .long, help: "Use TLS; implied by --tlsverify")
    var tls = false

    @Flag(name: .long, help: "Use TLS and verify the remote")
    var tlsverify = false

    @Option(name: .long, help: "Trust certs signed only by this CA")
    var tlscacert: String?

    @Option(name: .long, help: "Path to TLS certificate file")
    var tlscert: String?

    @Option(name: .long, help: "Path to TLS key file")
    var tlskey: String?

    @Flag(name: [.customShort("D"), .long], help: "Enable debug mode")
    var debug = false

    // `-l` works before the command only (see movingLeadingOptions), as in docker, where `run -l`
    // is a label.
    @Option(name: .long, help: "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\"); -l before the command")
    var logLevel: String = "info"

    public init() {}

    /// Docker takes its global options before the command (`docker -H tcp://x:2375 ps`);
    /// argument-parser reads a command's options after its name. This moves the global options
    /// that lead the arguments to just after the command path (before a `--`, if any).
    static func movingLeadingOptions(in arguments: [String]) -> [String] {
        let takesValue: Set<String> = ["-H", "--host", "-c", "--context", "--config", "--tlscacert", "--tlscert", "--tlskey", "-l", "--log-level"]
        let flags: Set<String> = ["--tls", "--tlsverify", "-D", "--debug"]
        var leading: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else if takesValue.contains(name) && argument.contains("=") {
                leading.append(argument)
                index += 1
            } else if takesValue.contains(argument), index + 1 < arguments.endIndex {
                leading += arguments[index...index + 1]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        // `-l` is the short form of --log-level only before the command.
        leading = leading.map { $0 == "-l" ? "--log-level" : $0.hasPrefix("-l=") ? "--log-level=" + $0.dropFirst(3) : $0 }
        var rest = Array(arguments[index...])
        // The command path: the leading words that are not options.
        let path = rest.prefix(while: { !$0.hasPrefix("-") }).count
        rest.insert(contentsOf: leading, at: path)
        return rest
    }

    public func validate() throws {
        guard Self.logLevels[self.logLevel] != nil else {
            throw ValidationError("unable to parse logging level: \(self.logLevel)")
        }
    }

    private static let logLevels: [String: Logger.Level] = [
        "debug": .debug, "info": .info, "warn": .warning, "error": .error, "fatal": .critical,
    ]

    /// The client these options and the environment describe, as the docker CLI resolves them:
    /// `-H` over `DOCKER_HOST`; a context other than `default` is not supported yet.
    func makeClient(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerClient {
        var configuration = try DockerClientConfiguration.fromEnvironment(environment)
        if let host = self.host {
            configuration.host = try DockerHost(parsing: host)
        }
        let context = self.context ?? environment["DOCKER_CONTEXT"]
        if let context, context != "default" {
            throw DockerError(
                category: .invalidConfiguration,
                message: "context \"\(context)\" cannot be used: this version of stevedore supports only the default context",
                hint: "pass -H or set DOCKER_HOST instead"
            )
        }
        if self.tls || self.tlsverify || self.tlscacert != nil || self.tlscert != nil || self.tlskey != nil {
            throw DockerError(
                category: .invalidConfiguration,
                message: "TLS options are not supported by this version of stevedore",
                hint: "reach the daemon over a unix socket or plain tcp:// for now"
            )
        }
        var logger = Logger(label: "stevedore")
        logger.logLevel = self.debug ? .debug : Self.logLevels[self.logLevel] ?? .info
        return try DockerClient(configuration: configuration, logger: logger)
    }
}
