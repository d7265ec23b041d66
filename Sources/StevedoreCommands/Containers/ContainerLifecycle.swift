import ArgumentParser
import Stevedore

/// `start`, `stop`, `restart`, `kill`, `pause`, `unpause`, `rm`, `wait`, `rename`: the
/// commands that act on containers by name and print what they acted on.
struct ContainerStart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more stopped containers")

    @Option(name: .long, help: "Override the key sequence for detaching a container")
    var detachKeys: String?

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.startContainer($0, options: .init(detachKeys: self.detachKeys)) }
        }
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

struct ContainerStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers")
    @OptionGroup var stop: StopOptions
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let options = try self.stop.options()
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.stopContainer($0, options: options) }
        }
    }
}

struct ContainerRestart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart one or more containers")
    @OptionGroup var stop: StopOptions
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let options = try self.stop.options()
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.restartContainer($0, options: options) }
        }
    }
}

struct ContainerKill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill one or more running containers")

    @Option(name: [.customShort("s"), .long], help: "Signal to send to the container")
    var signal: String?

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let signal = try self.signal.map(ContainerSignal.init(parsing:))
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.killContainer($0, signal: signal) }
        }
    }
}

struct ContainerPause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all processes within one or more containers")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.pauseContainer($0) }
        }
    }
}

struct ContainerUnpause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause all processes within one or more containers")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.unpauseContainer($0) }
        }
    }
}

struct ContainerRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers", aliases: ["remove"])

    @Flag(name: [.customShort("f"), .long], help: "Force the removal of a running container (uses SIGKILL)")
    var force = false

    @Flag(name: [.customShort("v"), .long], help: "Remove anonymous volumes associated with the container")
    var volumes = false

    @Flag(name: .long, help: "Remove the specified link")
    var link = false

    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let options = ContainerRemoveOptions(removeVolumes: self.volumes, force: self.force, removeLink: self.link)
        try await withClient(self.global) { client in
            try await forEachName(self.containers) { try await client.removeContainer($0, options: options) }
        }
    }
}

struct ContainerWait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Block until one or more containers stop, then print their exit codes")
    @Argument(help: "Containers") var containers: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            try await forEachName(self.containers, print: false) { name in
                let exit = try await client.waitContainer(name)
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
            try await client.renameContainer(self.container, to: self.newName)
        }
    }
}
