import ArgumentParser
import Stevedore
import StevedoreFormatting
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

extension StevedoreCommand.Image {
    /// `stevedore build`: BuildKit where docker would use it (the daemon prefers it and
    /// `DOCKER_BUILDKIT` does not say otherwise), with `docker buildx build`'s progress on
    /// stderr; else docker's classic builder (`DOCKER_BUILDKIT=0 docker build`) and its output
    /// (`Sending build context…`, `Step 1/3 : …`).
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "build", abstract: "Build an image from a Dockerfile")

        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a custom host-to-IP mapping (\"host:ip\")") var addHost:
            [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set build-time variables") var buildArg: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Images to consider as cache sources") var cacheFrom: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Limit the CPU CFS (Completely Fair Scheduler) period")
        var cpuPeriod: GoInteger<Int64>?
        @Option(name: .long, parsing: .unconditional, help: "Limit the CPU CFS (Completely Fair Scheduler) quota")
        var cpuQuota: GoInteger<Int64>?
        @Option(name: [.customShort("c"), .long], parsing: .unconditional, help: "CPU shares (relative weight)")
        var cpuShares: GoInteger<Int64>?
        @Option(name: .long, parsing: .unconditional, help: "CPUs in which to allow execution (0-3, 0,1)") var cpusetCpus: String?
        @Option(name: .long, parsing: .unconditional, help: "MEMs in which to allow execution (0-3, 0,1)") var cpusetMems: String?
        @Option(name: .long, parsing: .unconditional, help: "Set the parent cgroup for the \"RUN\" instructions during build")
        var cgroupParent: String?
        @Flag(name: .long, help: "Compress the build context using gzip") var compress = false
        @Option(name: [.customShort("f"), .long], parsing: .unconditional, help: "Name of the Dockerfile (Default is \"PATH/Dockerfile\")")
        var file: String?
        @Flag(name: .long, help: "Always remove intermediate containers") var forceRm = false
        @Option(name: .long, parsing: .unconditional, help: "Write the image ID to the file") var iidfile: String?
        @Option(name: .long, parsing: .unconditional, help: "Container isolation technology") var isolation: String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set metadata for an image") var label: [String] = []
        @Option(name: [.customShort("m"), .long], parsing: .unconditional, help: "Memory limit") var memory: String?
        @Option(name: .long, parsing: .unconditional, help: "Swap limit equal to memory plus swap: -1 to enable unlimited swap")
        var memorySwap: String?
        @Option(name: .long, parsing: .unconditional, help: "Set the networking mode for the RUN instructions during build") var network:
            String?
        @Flag(name: .long, help: "Do not use cache when building the image") var noCache = false
        @Option(name: .long, parsing: .unconditional, help: "Set platform if server is multi-platform capable") var platform: String?
        @Option(
            name: [.customShort("o"), .long], parsing: .unconditionalSingleValue,
            help: "Output destination (format: \"type=local,dest=path\")")
        var output: [String] = []
        @Option(
            name: .long, parsing: .unconditional,
            help: "Set type of progress output (\"auto\", \"quiet\", \"plain\", \"tty\", \"rawjson\"). Use plain to show container output"
        )
        var progress = "auto"
        @Flag(name: .long, help: "Always attempt to pull a newer version of the image") var pull = false
        @Flag(name: [.customShort("q"), .long], help: "Suppress the build output and print image ID on success") var quiet = false
        @Flag(name: .long, inversion: .prefixedNo, help: "Remove intermediate containers after a successful build") var rm = true
        @Option(
            name: .long, parsing: .unconditionalSingleValue,
            help: "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")")
        var secret: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Security options") var securityOpt: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Size of \"/dev/shm\"") var shmSize: String?
        @Flag(name: .long, help: "Squash newly built layers into a single new layer") var squash = false
        @Option(
            name: .long, parsing: .unconditionalSingleValue,
            help: "SSH agent socket or keys to expose to the build (format: \"default|<id>[=<socket>|<key>[,<key>]]\")")
        var ssh: [String] = []
        @Option(
            name: [.customShort("t"), .long], parsing: .unconditionalSingleValue,
            help: "Name and optionally a tag in the \"name:tag\" format") var tag: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Set the target build stage to build.") var target: String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Ulimit options") var ulimit: [String] = []

        @Argument(help: "PATH | URL | -") var context: String
        @OptionGroup var contentTrust: ContentTrustOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            guard ["auto", "plain", "tty", "quiet", "rawjson"].contains(self.progress) else {
                throw CommandFailure(
                    description: "invalid argument \"\(self.progress)\" for \"--progress\" flag: use auto, quiet, plain, tty or rawjson",
                    exitCode: 125)
            }
            var options = try self.options()
            // As docker: credentials that cannot be read (a helper that is not installed) leave
            // the build without any, for a base image at hand needs none.
            options.registryCredentials = (try? await self.global.configFile().allCredentials()) ?? [:]
            // As docker, once the flags are read and before the context: a build that fails
            // leaves no earlier build's id behind.
            if let iidfile = self.iidfile {
                do {
                    try LocalFiles.remove(iidfile)
                } catch {
                    guard error.code == ENOENT else { throw CommandFailure(description: "Removing image ID file: \(error)") }
                }
            }
            var source = try BuildSource(context: self.context, dockerfile: self.file)
            // Before the upload's progress, which counts the bytes sent, as docker's does.
            if self.compress { source.archive = source.archive?.gzipped() }
            defer { source.temporaryDirectory.map { try? FileManager.default.removeItem(at: $0) } }
            if options.dockerfile == nil { options.dockerfile = source.dockerfile }
            options.remote = source.remote
            let imageID = try await withClient(self.global) { client in
                let builder: String
                do {
                    builder = try await client.images.preferredBuilderVersion()
                } catch let error as DockerError where error.category == .invalidInput {
                    throw CommandFailure(description: error.message)
                }
                if self.squash, !(try await client.system.ping().experimental) {
                    throw CommandFailure(
                        description: "\"--squash\" is only supported on a Docker daemon with experimental features enabled")
                }
                if builder == "2" {
                    options.builderVersion = "2"
                    let ignored = options.classicBuilderOnlyOptions.map { Self.flagNames[$0] ?? $0 }
                    guard ignored.isEmpty else {
                        throw CommandFailure(
                            description: "\(ignored.joined(separator: ", ")) apply only to the classic builder, and BuildKit would ignore "
                                + "them: set DOCKER_BUILDKIT=0 to build with the classic builder, or leave them out")
                    }
                    return try await self.buildWithBuildKit(client, source: source, options: options)
                }
                // docker's classic builder checks trust of its base images; BuildKit (buildx) does not.
                try self.contentTrust.refuseIfRequested(image: nil)
                guard self.secret.isEmpty, self.ssh.isEmpty, self.output.isEmpty else {
                    throw CommandFailure(
                        description: "--secret, --ssh and --output need BuildKit: this daemon builds with the classic builder")
                }
                return try await self.buildClassic(client, source: source, options: options)
            }
            if let iidfile = self.iidfile {
                guard let imageID, !imageID.isEmpty else {
                    throw CommandFailure(description: "Server did not provide an image ID. Cannot write \(iidfile)")
                }
                try LocalFiles.write(Data(imageID.utf8), toFile: iidfile)
            }
        }

        /// The classic builder: the context uploaded with its progress, the daemon's step text
        /// on stdout. Returns the image id.
        private func buildClassic(_ client: DockerClient, source: BuildSource, options: ImageBuildOptions) async throws -> String? {
            let quiet = self.quiet || self.progress == "quiet"
            var display = ProgressDisplay.standardOutput(forcing: self.progress == "plain")
            if self.progress == "tty" { display.isTerminal = true }
            // With -q docker holds the upload line and the daemon's text back, and prints them on
            // stderr only if the build fails.
            let held = HeldText()
            var heldDisplay = display
            heldDisplay.isTerminal = false
            let upload = UploadProgress(
                action: "Sending build context to Docker daemon", isTerminal: display.isTerminal, output: quiet ? held.append : printOut)
            let archive = source.archive.map { archive in archive.reportingProgress { upload.update($0) } }
            var options = options
            options.quiet = quiet
            let stream: ProgressStream
            do {
                stream = try await client.images.build(archive: archive, options: options)
            } catch {
                // A refused build: the whole context went up first.
                upload.finish()
                printErrorText(held.text)
                throw error
            }
            var imageID: String?
            do {
                var quietOutput = ""
                for try await message in stream {
                    upload.finish()
                    if let id = message.imageID { imageID = id }
                    if quiet {
                        quietOutput += message.stream ?? ""
                        held.append(heldDisplay.render(message))
                    } else {
                        printOut(display.render(message))
                    }
                }
                upload.finish()
                if quiet {
                    // docker prints, and writes to --iidfile, the daemon's quiet answer as is.
                    imageID = quietOutput
                    printOut(quietOutput)
                }
            } catch let error as DockerError where error.category == .buildFailed {
                upload.finish()
                printErrorText(held.text)
                // docker exits with the failed step's exit code and prints the daemon's message alone.
                throw CommandFailure(description: error.message, failingStatus: error.code ?? 1)
            }
            return imageID
        }

        /// BuildKit: the context served through a session, progress on stderr as `docker
        /// buildx build` prints it, the image id on stdout with `-q`. Returns the image id.
        private func buildWithBuildKit(_ client: DockerClient, source: BuildSource, options: ImageBuildOptions) async throws -> String? {
            var options = options
            options.secrets = try self.secret.map(BuildKitFlags.secret)
            options.sshAgents = try self.ssh.map(BuildKitFlags.sshAgent)
            options.export = try BuildKitFlags.export(self.output)
            // The daemon's quiet mode would hide the progress the display needs; -q only hides it here.
            options.quiet = false
            let quiet = self.quiet || self.progress == "quiet"
            let stream: ProgressStream
            if let context = source.buildContext {
                stream = try await client.images.build(context: context, options: options)
            } else {
                stream = try await client.images.build(archive: source.archive, options: options)
            }
            var display = BuildKitProgressDisplay(
                mode: quiet ? .quiet : BuildKitProgressDisplay.Mode(self.progress, isTerminal: isatty(STDERR_FILENO) == 1))
            var imageID: String?
            do {
                // Printed from the global executor, not the client's event loop the command runs
                // on: a stderr that stops draining must not hold the loop, which answers the
                // session's health checks (the daemon drops a session that misses them).
                try await withTaskExecutorPreference(globalConcurrentExecutor) {
                    // Ticks between messages draw what waits in a batch, and the live view's timers.
                    for try await event in Self.withTicks(stream, every: BuildKitProgressDisplay.batchInterval) {
                        guard let message = event else {
                            printErrorText(display.tick())
                            continue
                        }
                        if let status = try message.buildKitStatus {
                            printErrorText(display.render(status))
                        } else if let id = message.imageID {
                            imageID = id
                        }
                    }
                    // The ticks' stream ends as if complete when the task is cancelled.
                    try Task.checkCancellation()
                    printErrorText(display.finish())
                }
            } catch let error as DockerError where error.category == .buildFailed {
                printErrorText(display.finish() + display.errorSummary())
                throw CommandFailure(description: "ERROR: failed to build: \(error.message)")
            }
            if quiet, let imageID { printOut(imageID + "\n") }
            return imageID
        }

        /// `stream`'s messages, with `nil` between them every `interval`; reading stops, and the
        /// stream is dropped, when the consumer stops.
        private static func withTicks(
            _ stream: ProgressStream, every interval: Duration
        ) -> AsyncThrowingStream<ProgressMessage?, any Error> {
            let (events, continuation) = AsyncThrowingStream<ProgressMessage?, any Error>.makeStream()
            let reader = Task {
                do {
                    for try await message in stream { continuation.yield(message) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            let ticker = Task {
                while (try? await Task.sleep(for: interval)) != nil { continuation.yield(nil) }
            }
            continuation.onTermination = { _ in
                reader.cancel()
                ticker.cancel()
            }
            return events
        }

        /// The build options these flags describe.
        /// The flags of ``ImageBuildOptions/classicBuilderOnlyOptions``.
        private static let flagNames = [
            "memory": "--memory", "memorySwap": "--memory-swap", "cpuShares": "--cpu-shares", "cpusetCPUs": "--cpuset-cpus",
            "cpusetMems": "--cpuset-mems", "cpuPeriod": "--cpu-period", "cpuQuota": "--cpu-quota", "cgroupParent": "--cgroup-parent",
        ]

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
            options.extraHosts = try FlagValue.parseAll(self.addHost, for: "--add-host", OptsFlagParsers.extraHost)
            options.quiet = self.quiet
            options.noCache = self.noCache
            options.cacheFrom = try FlagValue.stringSlice(self.cacheFrom, for: "--cache-from")
            options.pull = self.pull
            options.removeIntermediate = self.rm
            options.forceRemoveIntermediate = self.forceRm
            options.memory = try self.memory.map { try FlagValue.parse($0, for: "-m, --memory", MemorySize.parse) }
            options.memorySwap = try self.memorySwap.map { try FlagValue.parse($0, for: "--memory-swap", MemorySize.parseOrUnlimited) }
            options.shmSize = try self.shmSize.map { try FlagValue.parse($0, for: "--shm-size", MemorySize.parse) }
            options.cpuShares = try self.cpuShares.map { Int(try $0.value(for: "-c, --cpu-shares")) }
            options.cpusetCPUs = self.cpusetCpus
            options.cpusetMems = self.cpusetMems
            options.cgroupParent = self.cgroupParent
            options.isolation = self.isolation
            options.securityOptions = try FlagValue.stringSlice(self.securityOpt, for: "--security-opt")
            options.ulimits = try ContainerFlagParsers.ulimits(self.ulimit)
            options.squash = self.squash
            options.cpuPeriod = try self.cpuPeriod.map { Int(try $0.value(for: "--cpu-period")) }
            options.cpuQuota = try self.cpuQuota.map { Int(try $0.value(for: "--cpu-quota")) }
            options.networkMode = self.network
            options.platform = platformFlag(self.platform)
            options.target = self.target
            // As docker: `NAME` alone takes NAME's value from this environment, or none.
            for argument in try FlagValue.parseAll(self.buildArg, for: "--build-arg", OptsFlagParsers.environment) {
                if let (name, value) = argument.cut(atFirst: "=") {
                    options.buildArgs[String(name)] = .some(String(value))
                } else {
                    options.buildArgs[argument] = .some(nil)
                }
            }
            // config.json's proxies, where no --build-arg names them, as docker's.
            for (name, value) in self.global.proxyVariables() where options.buildArgs[name] == nil {
                options.buildArgs[name] = .some(value)
            }
            options.labels = keyValueMap(try FlagValue.parseAll(self.label, for: "--label", OptsFlagParsers.label)) ?? [:]
            return options
        }
    }
}
