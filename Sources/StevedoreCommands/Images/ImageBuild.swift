import ArgumentParser
import Foundation
import NIOCore
import Stevedore
import StevedoreFormatting

/// `stevedore build`: docker's classic builder (`DOCKER_BUILDKIT=0 docker build`), its flags
/// and its output (`Sending build context…`, `Step 1/3 : …`).
struct ImageBuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build an image from a Dockerfile")

    @Option(name: .long, help: "Add a custom host-to-IP mapping (\"host:ip\")") var addHost: [String] = []
    @Option(name: .long, help: "Set build-time variables") var buildArg: [String] = []
    @Option(name: .long, help: "Images to consider as cache sources") var cacheFrom: [String] = []
    @Option(name: .long, help: "Limit the CPU CFS (Completely Fair Scheduler) period") var cpuPeriod: Int?
    @Option(name: .long, help: "Limit the CPU CFS (Completely Fair Scheduler) quota") var cpuQuota: Int?
    @Option(name: [.customShort("c"), .long], help: "CPU shares (relative weight)") var cpuShares: Int?
    @Option(name: .long, help: "CPUs in which to allow execution (0-3, 0,1)") var cpusetCpus: String?
    @Option(name: [.customShort("f"), .long], help: "Name of the Dockerfile (Default is \"PATH/Dockerfile\")") var file: String?
    @Flag(name: .long, help: "Always remove intermediate containers") var forceRm = false
    @Option(name: .long, help: "Write the image ID to the file") var iidfile: String?
    @Option(name: .long, help: "Set metadata for an image") var label: [String] = []
    @Option(name: [.customShort("m"), .long], help: "Memory limit") var memory: String?
    @Option(name: .long, help: "Swap limit equal to memory plus swap: -1 to enable unlimited swap") var memorySwap: String?
    @Option(name: .long, help: "Set the networking mode for the RUN instructions during build") var network: String?
    @Flag(name: .long, help: "Do not use cache when building the image") var noCache = false
    @Option(name: .long, help: "Set platform if server is multi-platform capable") var platform: String?
    @Option(name: .long, help: "Set type of progress output (\"auto\", \"plain\", \"tty\")") var progress = "auto"
    @Flag(name: .long, help: "Always attempt to pull a newer version of the image") var pull = false
    @Flag(name: [.customShort("q"), .long], help: "Suppress the build output and print image ID on success") var quiet = false
    @Option(name: .long, help: "Remove intermediate containers after a successful build (--rm=false to keep them)") var rm = true
    @Option(name: .long, help: "Size of \"/dev/shm\"") var shmSize: String?
    @Option(name: [.customShort("t"), .long], help: "Name and optionally a tag in the \"name:tag\" format") var tag: [String] = []
    @Option(name: .long, help: "Set the target build stage to build.") var target: String?

    @Argument(help: "PATH | URL | -") var context: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        guard ["auto", "plain", "tty"].contains(self.progress) else {
            throw CommandFailure(description: "invalid argument \"\(self.progress)\" for \"--progress\" flag: use auto, plain or tty", exitCode: 125)
        }
        var options = try self.options()
        options.registryCredentials = try await self.global.configFile().allCredentials()
        let source = try BuildSource(context: self.context, dockerfile: self.file)
        defer { source.temporaryDirectory.map { try? FileManager.default.removeItem(at: $0) } }
        if options.dockerfile == nil { options.dockerfile = source.dockerfile }
        options.remote = source.remote
        var display = ProgressDisplay.standardOutput(forcing: self.progress == "plain")
        if self.progress == "tty" { display.isTerminal = true }
        let upload = self.quiet ? nil : UploadProgress(action: "Sending build context to Docker daemon", isTerminal: display.isTerminal)
        let archive = source.archive.map { archive in upload.map { upload in archive.reportingProgress { upload.update($0) } } ?? archive }
        var imageID: String?
        do {
            try await withClient(self.global) { client in
                let stream = try await client.images.build(archive: archive, options: options)
                var display = display
                var quietOutput = ""
                for try await message in stream {
                    upload?.finish()
                    if let id = message.imageID { imageID = id }
                    if self.quiet {
                        quietOutput += message.stream ?? ""
                    } else {
                        printOut(display.render(message))
                    }
                }
                upload?.finish()
                if self.quiet {
                    // docker prints, and writes to --iidfile, the daemon's quiet answer as is.
                    imageID = quietOutput
                    printOut(quietOutput)
                }
            }
        } catch let error as DockerError where error.category == .buildFailed {
            upload?.finish()
            // docker exits with the failed step's exit code and prints the daemon's message alone.
            throw CommandFailure(description: error.message, exitCode: Int32(error.code.flatMap { $0 == 0 ? nil : $0 } ?? 1))
        }
        if let iidfile = self.iidfile {
            guard let imageID, !imageID.isEmpty else {
                throw CommandFailure(description: "Server did not provide an image ID. Cannot write \(iidfile)")
            }
            do {
                try Data(imageID.utf8).write(to: URL(fileURLWithPath: iidfile))
            } catch {
                throw CommandFailure(description: "failed to write image ID to file: \(error.localizedDescription)")
            }
        }
    }

    /// The build options these flags describe.
    func options() throws -> ImageBuildOptions {
        var options = ImageBuildOptions()
        for tag in self.tag {
            do {
                _ = try ImageName(parsing: tag)
            } catch let error as DockerError {
                throw CommandFailure(description: "invalid argument \"\(tag)\" for \"-t, --tag\" flag: \(error.message)", exitCode: 125)
            }
        }
        options.tags = self.tag
        options.extraHosts = self.addHost
        options.quiet = self.quiet
        options.noCache = self.noCache
        options.cacheFrom = self.cacheFrom
        options.pull = self.pull
        options.removeIntermediate = self.rm
        options.forceRemoveIntermediate = self.forceRm
        options.memory = try self.memory.map { try FlagValue.parse($0, for: "-m, --memory", MemorySize.parse) }
        options.memorySwap = try self.memorySwap.map { try FlagValue.parse($0, for: "--memory-swap", MemorySize.parseOrUnlimited) }
        options.shmSize = try self.shmSize.map { try FlagValue.parse($0, for: "--shm-size", MemorySize.parse) }
        options.cpuShares = self.cpuShares
        options.cpusetCPUs = self.cpusetCpus
        options.cpuPeriod = self.cpuPeriod
        options.cpuQuota = self.cpuQuota
        options.networkMode = self.network
        options.platform = self.platform
        options.target = self.target
        // As docker: `NAME` alone takes NAME's value from this environment, or none.
        let environment = ProcessInfo.processInfo.environment
        for argument in self.buildArg {
            if let equals = argument.firstIndex(of: "=") {
                options.buildArgs[String(argument[..<equals])] = .some(String(argument[argument.index(after: equals)...]))
            } else {
                options.buildArgs[argument] = .some(environment[argument])
            }
        }
        options.labels = keyValueMap(self.label) ?? [:]
        return options
    }
}

/// Where a build's context comes from: a directory (tarred with `.dockerignore`), a tar or a
/// lone Dockerfile on stdin (`-`), or a URL the daemon fetches.
struct BuildSource {
    /// The context to upload; `nil` for a remote context.
    var archive: ByteSource?
    /// The URL of a remote context.
    var remote: String?
    /// The directory made for a Dockerfile read from stdin: remove it once the build is done.
    var temporaryDirectory: URL?
    /// The Dockerfile's name inside the context, when Stevedore decides it.
    var dockerfile: String?

    init(context: String, dockerfile: String?) throws {
        if context == "-" {
            guard dockerfile != "-" else { throw CommandFailure(description: "invalid argument: can't use stdin for both build context and dockerfile") }
            (self.archive, self.dockerfile, self.temporaryDirectory) = try Self.standardInput(dockerfile: dockerfile)
        } else if Self.isRemote(context) {
            // The daemon fetches the repository or archive itself (`remote`).
            self.remote = context
            self.dockerfile = dockerfile
        } else {
            var dockerfileURL = dockerfile.map { URL(fileURLWithPath: $0) }
            if dockerfile == "-" {
                dockerfileURL = try Self.temporaryFile(named: "Dockerfile", contents: FileHandle.standardInput.readDataToEndOfFile())
                self.temporaryDirectory = dockerfileURL?.deletingLastPathComponent()
            }
            let buildContext: BuildContext
            do {
                buildContext = try BuildContext(directory: URL(fileURLWithPath: context), dockerfile: dockerfileURL)
            } catch let error as DockerError {
                throw CommandFailure(description: "unable to prepare context: \(error.message)")
            }
            self.archive = buildContext.archive
            self.dockerfile = buildContext.dockerfile
        }
    }

    /// stdin holds a context tar (plain or compressed), or else a Dockerfile, which becomes a
    /// context of its own as docker makes it.
    private static func standardInput(dockerfile: String?) throws -> (ByteSource, String?, URL?) {
        let first = FileHandle.standardInput.readData(ofLength: 256 << 10)
        if Self.isArchive(first) {
            return (.stream(PrefixedChunks(first: ByteBuffer(bytes: first), rest: StandardInputChunks())), dockerfile, nil)
        }
        let contents = first + FileHandle.standardInput.readDataToEndOfFile()
        let file = try Self.temporaryFile(named: "Dockerfile", contents: contents)
        let buildContext = try BuildContext(directory: file.deletingLastPathComponent())
        return (buildContext.archive, buildContext.dockerfile, file.deletingLastPathComponent())
    }

    /// docker's `urlutil`: `http(s)://`, `git://`, `git@`, `github.com/`.
    static func isRemote(_ context: String) -> Bool {
        ["http://", "https://", "git://", "git@", "github.com/"].contains { context.hasPrefix($0) }
    }

    /// A tar (the `ustar` magic) or a gzip, bzip2, xz or zstd stream.
    static func isArchive(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(262))
        let magics: [[UInt8]] = [[0x1F, 0x8B], [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD]]
        if magics.contains(where: { bytes.starts(with: $0) }) { return true }
        return bytes.count >= 262 && Array(bytes[257..<262]) == Array("ustar".utf8)
    }

    /// A new file in a new temporary directory.
    private static func temporaryFile(named name: String, contents: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try contents.write(to: file)
        return file
    }
}

/// Bytes already read, then the rest of a stream.
struct PrefixedChunks<Rest: AsyncSequence & Sendable>: AsyncSequence, Sendable where Rest.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let first: ByteBuffer
    let rest: Rest

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(first: self.first, rest: self.rest.makeAsyncIterator()) }

    struct AsyncIterator: AsyncIteratorProtocol {
        var first: ByteBuffer?
        var rest: Rest.AsyncIterator

        mutating func next() async throws -> ByteBuffer? {
            if let first = self.first {
                self.first = nil
                return first
            }
            return try await self.rest.next()
        }
    }
}

/// docker's upload progress line (`Sending build context to Docker daemon  3.072kB`): redrawn
/// as bytes go on a terminal, printed once at the end otherwise.
final class UploadProgress: @unchecked Sendable {
    private let action: String
    private let isTerminal: Bool
    private let lock = NSLock()
    private var sent: Int64 = 0
    private var finished = false

    init(action: String, isTerminal: Bool) {
        self.action = action
        self.isTerminal = isTerminal
    }

    /// `total` bytes are sent so far.
    func update(_ total: Int64) {
        self.lock.withLock {
            self.sent = total
            if self.isTerminal && !self.finished { printOut(self.line + "\r") }
        }
    }

    /// The upload is over: the final line, once.
    func finish() {
        self.lock.withLock {
            guard !self.finished, self.sent > 0 else { return }
            self.finished = true
            printOut(self.line + "\r\r\n")
        }
    }

    private var line: String {
        let size = HumanSize.decimal(self.sent, precision: 4)
        return self.action + " " + String(repeating: " ", count: max(8 - size.count, 0)) + size
    }
}
