import ArgumentParser
import Stevedore

/// A command that does one thing to each container it names, printing each name once done and
/// going on past failures, as docker's do (exit 1 if any failed): `start`, `stop`, `restart`,
/// `kill`, `pause`, `unpause`, `rm`.
protocol EachContainerCommand: AsyncParsableCommand {
    /// What the flags ask of each request.
    associatedtype Options = Void
    var containers: [String] { get }
    var global: GlobalOptions { get }
    /// The flags as request options, read (and refused when wrong) before any request is sent.
    func options() throws -> Options
    func act(on container: String, options: Options, client: DockerClient) async throws
    /// What a container that does not exist is: a failure, or with `rm -f` reported only.
    var missing: MissingObject { get }
}

extension EachContainerCommand {
    func run() async throws {
        let options = try self.options()
        try await withClient(self.global) { client in
            try await forEachName(self.containers, missing: self.missing) {
                try await self.act(on: $0, options: options, client: client)
            }
        }
    }

    var missing: MissingObject { .failure }
}

extension EachContainerCommand where Options == Void {
    func options() throws {}
}
