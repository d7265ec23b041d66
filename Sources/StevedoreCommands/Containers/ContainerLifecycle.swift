import ArgumentParser
import Stevedore

/// `start`, `stop`, `restart`, `kill`, `pause`, `unpause`, `rm`, `wait`, `rename`: the
/// commands that act on containers by name and print what they acted on.

/// A command that does one thing to each container it names, printing each name once done and
/// going on past failures, as docker's do (exit 1 if any failed).
protocol EachContainerCommand: AsyncParsableCommand {
    /// What the flags ask of each request.
    associatedtype Options = Void
    var containers: [String] { get }
    var global: GlobalOptions { get }
    /// The flags as request options, read (and refused when wrong) before any request is sent.
    func options() throws -> Options
    func act(on container: String, options: Options, client: DockerClient) async throws
}

extension EachContainerCommand {
    func run() async throws {
        let options = try self.options()
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await self.act(on: $0, options: options, client: client) }
        }
    }
}

extension EachContainerCommand where Options == Void {
    func options() throws {}
}

struct ContainerStart: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more stopped containers")

    @Option(name: .long, help: "Override the key sequence for detaching a container")
    var detachKeys: String?

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func options() -> ContainerStartOptions { ContainerStartOptions(detachKeys: self.detachKeys) }

    func act(on container: String, options: ContainerStartOptions, client: DockerClient) async throws {
        try await client.containers.start(container, options: options)
    }
}

/// The `-s`/`-t` options of stop and restart.
struct StopOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "Signal to send to the container")
    var signal: String?

    @Option(name: [.customShort("t"), .customLong("timeout"), .customLong("time")], help: "Seconds to wait before killing the container")
    var timeout: Int?

    func options() throws -> ContainerStopOptions {
        ContainerStopOptions(
            signal: try self.signal.map(ContainerSignal.init(parsing:)),
            timeout: self.timeout.map { $0 == -1 ? .waitForever : .seconds($0) }
        )
    }
}

struct ContainerStop: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers")
    @OptionGroup var stop: StopOptions
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func options() throws -> ContainerStopOptions { try self.stop.options() }

    func act(on container: String, options: ContainerStopOptions, client: DockerClient) async throws {
        try await client.containers.stop(container, options: options)
    }
}

struct ContainerRestart: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart one or more containers")
    @OptionGroup var stop: StopOptions
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func options() throws -> ContainerStopOptions { try self.stop.options() }

    func act(on container: String, options: ContainerStopOptions, client: DockerClient) async throws {
        try await client.containers.restart(container, options: options)
    }
}

struct ContainerKill: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill one or more running containers")

    @Option(name: [.customShort("s"), .long], help: "Signal to send to the container")
    var signal: String?

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func options() throws -> ContainerSignal? { try self.signal.map(ContainerSignal.init(parsing:)) }

    func act(on container: String, options signal: ContainerSignal?, client: DockerClient) async throws {
        try await client.containers.kill(container, signal: signal)
    }
}

struct ContainerPause: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all processes within one or more containers")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func act(on container: String, options: Void, client: DockerClient) async throws {
        try await client.containers.pause(container)
    }
}

struct ContainerUnpause: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause all processes within one or more containers")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func act(on container: String, options: Void, client: DockerClient) async throws {
        try await client.containers.unpause(container)
    }
}

struct ContainerRemove: EachContainerCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers", aliases: ["remove"])

    @Flag(name: [.customShort("f"), .long], help: "Force the removal of a running container (uses SIGKILL)")
    var force = false

    @Flag(name: [.customShort("v"), .long], help: "Remove anonymous volumes associated with the container")
    var volumes = false

    @Flag(name: .long, help: "Remove the specified link")
    var link = false

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func options() -> ContainerRemoveOptions {
        ContainerRemoveOptions(removeVolumes: self.volumes, force: self.force, removeLink: self.link)
    }

    func act(on container: String, options: ContainerRemoveOptions, client: DockerClient) async throws {
        try await client.containers.remove(container, options: options)
    }
}

struct ContainerWait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Block until one or more containers stop, then print their exit codes")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await forEachName(self.containers, print: false) { name in
                let exit = try await client.containers.wait(name)
                printOut("\(exit.statusCode)\n")
            }
        }
    }
}

struct ContainerRename: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a container")
    @Argument(help: "Container") var container: String
    @Argument(help: "New name") var newName: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await client.containers.rename(self.container, to: self.newName)
        }
    }
}
