import ArgumentParser
import Foundation
import Stevedore
import StevedoreFormatting

struct ContainerTop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "Display the running processes of a container")
    @Argument(help: "Container") var container: String
    @Argument(parsing: .allUnrecognized, help: "ps options") var psOptions: [String] = []
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            let top = try await client.containers.top(self.container, psArgs: self.psOptions.isEmpty ? nil : self.psOptions.joined(separator: " "))
            // docker: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)
            var lines = [(top.titles ?? []).joined(separator: "\t")]
            lines += (top.processes ?? []).map { $0.joined(separator: "\t") }
            let writer = TabWriter(minWidth: 20, tabWidth: 1, padding: 3, padCharacter: " ")
            printOut(writer.format(lines.map { $0 + "\n" }.joined()))
        }
    }
}

struct ContainerDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Inspect changes to files or directories on a container's filesystem")
    @Argument(help: "Container") var container: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        try await withClient(self.global) { client in
            for change in try await client.containers.changes(self.container) {
                printOut("\(change.kind?.symbol ?? "?") \(change.path ?? "")\n")
            }
        }
    }
}

struct ContainerExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a container's filesystem as a tar archive")
    @Option(name: [.customShort("o"), .long], help: "Write to a file, instead of STDOUT")
    var output: String?
    @Argument(help: "Container") var container: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        if self.output == nil, isatty(STDOUT_FILENO) != 0 {
            throw CommandFailure(description: "cowardly refusing to save to a terminal. Use the -o flag or redirect", exitCode: 1)
        }
        try await withClient(self.global) { client in
            let tar = try await client.containers.export(self.container)
            try await writeStream(tar, to: self.output)
        }
    }
}

/// Writes a byte stream to the file `path` (created or truncated) or to stdout, chunk by chunk.
func writeStream(_ stream: DockerByteStream, to path: String?) async throws {
    let handle: FileHandle
    if let path {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(description: "failed to open \(path) for writing")
        }
        handle = file
    } else {
        handle = FileHandle.standardOutput
    }
    defer { if path != nil { try? handle.close() } }
    for try await chunk in stream {
        try handle.write(contentsOf: Data(chunk.readableBytesView))
    }
}
