import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText
import Synchronization

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
    /// `stevedore container cp`: copy files/folders between a container and the local filesystem.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cp",
            abstract: "Copy files/folders between a container and the local filesystem",
            discussion:
                "Use '-' as the source to read a tar archive from stdin and extract it to a directory destination in "
                + "a container. Use '-' as the destination to stream a tar archive of a container source to stdout."
        )

        @Flag(name: [.customShort("a"), .long], help: "Archive mode (copy all uid/gid information)")
        var archive = false

        @Flag(name: [.customShort("L"), .long], help: "Always follow symbol link in SRC_PATH")
        var followLink = false

        @Flag(
            name: [.customShort("q"), .long],
            help: "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")
        var quiet = false

        @Argument(help: "CONTAINER:SRC_PATH or SRC_PATH|-") var source: String
        @Argument(help: "DEST_PATH|- or CONTAINER:DEST_PATH") var destination: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        /// `container:path` → (container, path); a local path (`./a:b`, `/x:y`) → nil, as docker
        /// splits it.
        static func containerPath(_ argument: String) -> (container: String, path: String)? {
            guard let first = argument.utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "."),
                let (container, path) = argument.cut(atFirst: ":")
            else { return nil }
            return (String(container), String(path))
        }

        func run() async throws {
            let options = ContainerCopyOptions(followLink: self.followLink, copyUIDGID: self.archive)
            // docker reports the copy on stderr only when stdout is a terminal, unless `-q`.
            let reports = !self.quiet && Terminal.isTerminal(STDOUT_FILENO)
            let copied = CopiedBytes()
            let progress: (@Sendable (Int64) -> Void)? = reports ? copied.set : nil
            // docker's checks before it reads either: an empty path would be the working directory.
            guard !self.source.isEmpty else { throw CommandFailure(description: "source can not be empty") }
            guard !self.destination.isEmpty else { throw CommandFailure(description: "destination can not be empty") }
            switch (Self.containerPath(self.source), Self.containerPath(self.destination)) {
            case (nil, nil):
                throw CommandFailure(description: "must specify at least one container source", exitCode: 1)
            case (.some, .some):
                throw CommandFailure(description: "copying between containers is not supported", exitCode: 1)
            case (let from?, nil):
                try await withClient(self.global) { client in
                    if self.destination == "-" {
                        // docker writes the followed link's tar as the daemon names it.
                        let path = self.followLink ? try await client.containers.resolvingLink(from.container, path: from.path) : from.path
                        try await writeStream(try await client.containers.archive(from.container, path: path).tar, to: nil)
                        return
                    }
                    let reported = GoPath.absolutePreservingTrailingDotOrSeparator(self.destination)
                    try await Self.reporting(to: { _ in reported }, copied: copied, if: reports) {
                        try await client.containers.copyOut(
                            from.container, path: from.path, to: self.destination, options: options, progress: progress)
                        return nil
                    }
                }
            case (nil, let to?):
                try await withClient(self.global) { client in
                    // docker names the path the copy went to: a link's target.
                    try await Self.reporting(to: { "\(to.container):\($0 ?? to.path)" }, copied: copied, if: reports) {
                        if self.source == "-" {
                            try await client.containers.copyIn(
                                to.container, path: to.path, tar: .stream(StandardInput.uploadChunks), options: options)
                        } else {
                            try await client.containers.copyIn(
                                to.container, path: to.path, from: self.source, options: options, progress: progress)
                        }
                    }
                }
            }
        }

        /// Runs `copy`, then, if `reports`, docker's last line: the tar's bytes with three
        /// significant digits (`2.05kB`; 0B for a tar from stdin, which it does not count), and
        /// the `destination` named for the path `copy` returns (nil when it failed). docker
        /// prints it once its transfer ran, whatever the outcome: here after a copy that
        /// succeeded, or that failed once bytes went.
        private static func reporting(
            to destination: (String?) -> String, copied: CopiedBytes, if reports: Bool, _ copy: () async throws -> String?
        ) async throws {
            func report(_ path: String?) {
                printError("Successfully copied \(HumanSize.decimal(copied.value, precision: 3)) to \(destination(path))")
            }
            let path: String?
            do {
                path = try await copy()
            } catch {
                if reports, copied.value > 0 { report(nil) }
                throw error
            }
            if reports { report(path) }
        }
    }
}

/// The bytes of a copy's tar so far, as the library reports them while it copies.
private final class CopiedBytes: Sendable {
    private let total = Atomic<Int64>(0)

    var value: Int64 { self.total.load(ordering: .relaxed) }

    @Sendable func set(_ value: Int64) {
        self.total.store(value, ordering: .relaxed)
    }
}
