import ArgumentParser
import Stevedore

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

extension StevedoreCommand.Container {
    /// `stevedore logs`: a container's output, stdout to stdout and stderr to stderr.
    struct Logs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "logs", abstract: "Fetch the logs of a container")

        @Flag(name: [.customShort("f"), .long], help: "Follow log output")
        var follow = false

        @Option(
            name: .long, parsing: .unconditional,
            help: "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
        var since: String?

        @Option(
            name: .long, parsing: .unconditional,
            help: "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
        var until: String?

        @Flag(name: [.customShort("t"), .long], help: "Show timestamps")
        var timestamps = false

        @Flag(name: .long, help: "Show extra details provided to logs")
        var details = false

        @Option(
            name: [.customShort("n"), .long], parsing: .unconditional,
            help: "Number of lines to show from the end of the logs (default \"all\")")
        var tail = "all"

        @Argument(help: "The container")
        var container: String

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let now = Date()
                let since: String?
                let until: String?
                do {
                    since = try parseTimeFlag(self.since, now: now, flag: "since")
                    until = try parseTimeFlag(self.until, now: now, flag: "until")
                } catch {
                    // docker's client looks the container up before it reads the times.
                    _ = try await client.containers.inspect(self.container)
                    throw error
                }
                let options = ContainerLogsOptions(
                    follow: self.follow, since: since, until: until, timestamps: self.timestamps, tail: parseLogTail(self.tail),
                    details: self.details)
                try await client.containers.logs(self.container, options: options).write(
                    stdout: { try writeAll($0, to: STDOUT_FILENO) },
                    stderr: { try writeAll($0, to: STDERR_FILENO) })
            }
        }
    }
}
