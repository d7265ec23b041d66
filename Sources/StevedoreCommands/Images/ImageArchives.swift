import ArgumentParser
import Foundation
import Stevedore

struct ImageSave: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Save one or more images to a tar archive (streamed to STDOUT by default)")

    @Option(name: [.customShort("o"), .long], help: "Write to a file, instead of STDOUT")
    var output: String?

    @Argument(help: "Images") var images: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        if self.output == nil, isatty(STDOUT_FILENO) != 0 {
            throw CommandFailure(description: "cowardly refusing to save to a terminal. Use the -o flag or redirect", exitCode: 1)
        }
        try await withClient(self.global) { client in
            try await writeStream(try await client.images.save(self.images), to: self.output)
        }
    }
}

struct ImageLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "Load an image from a tar archive or STDIN")

    @Option(name: [.customShort("i"), .long], help: "Read from tar archive file, instead of STDIN")
    var input: String?

    @Flag(name: [.customShort("q"), .long], help: "Suppress the load output")
    var quiet = false

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let archive: ByteSource
        if let input = self.input {
            archive = try ByteSource.file(URL(fileURLWithPath: input))
        } else {
            guard isatty(STDIN_FILENO) == 0 else {
                throw CommandFailure(description: "requested load from stdin, but stdin is empty", exitCode: 1)
            }
            archive = .stream(StandardInputChunks())
        }
        try await withClient(self.global) { client in
            // As docker: the daemon's progress is asked for only when it can be redrawn.
            let display = ProgressDisplay.standardOutput()
            let stream = try await client.images.load(archive, options: .init(quiet: self.quiet || !display.isTerminal))
            try await stream.show(display: display)
        }
    }
}

struct ImageImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the contents from a tarball to create a filesystem image")

    @Option(name: [.customShort("c"), .long], help: "Apply Dockerfile instruction to the created image")
    var change: [String] = []

    @Option(name: [.customShort("m"), .long], help: "Set commit message for imported image")
    var message: String?

    @Option(name: .long, help: "Set platform if server is multi-platform capable")
    var platform: String?

    @Argument(help: "file|URL|-") var source: String
    @Argument(help: "REPOSITORY[:TAG]") var repository: String?
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        if let repository = self.repository { _ = try parseImageName(repository) }
        let source: ImageImportSource
        if self.source == "-" {
            source = .archive(.stream(StandardInputChunks()))
        } else if let scheme = URL(string: self.source)?.scheme, ["http", "https"].contains(scheme.lowercased()) {
            source = .url(self.source)
        } else {
            source = .archive(try ByteSource.file(URL(fileURLWithPath: self.source)))
        }
        let options = ImageImportOptions(repository: self.repository, message: self.message, changes: self.change, platform: self.platform)
        try await withClient(self.global) { client in
            let progress = try await client.images.import(from: source, options: options)
            try await progress.show()
        }
    }
}

struct ContainerCommit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "commit", abstract: "Create a new image from a container's changes")

    @Option(name: [.customShort("a"), .long], help: "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    var author: String?

    @Option(name: [.customShort("c"), .long], help: "Apply Dockerfile instruction to the created image")
    var change: [String] = []

    @Option(name: [.customShort("m"), .long], help: "Commit message")
    var message: String?

    @Option(name: [.customShort("p"), .long], help: "Pause container during commit (-p=false to not pause)")
    var pause = true

    @Argument(help: "Container") var container: String
    @Argument(help: "REPOSITORY[:TAG]") var repository: String?
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let reference = try self.repository.map(parseImageName)
        let options = ImageCommitOptions(
            repository: reference?.familiarName, tag: reference?.tag, comment: self.message, author: self.author, pause: self.pause,
            changes: self.change)
        try await withClient(self.global) { client in
            printOut((try await client.images.commit(self.container, options: options).id) + "\n")
        }
    }
}
