import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
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

        @Flag(name: [.customShort("q"), .long], help: "Suppress progress output during copy")
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
            switch (Self.containerPath(self.source), Self.containerPath(self.destination)) {
            case (nil, nil):
                throw CommandFailure(description: "must specify at least one container source", exitCode: 1)
            case (.some, .some):
                throw CommandFailure(description: "copying between containers is not supported", exitCode: 1)
            case (let from?, nil):
                try await withClient(self.global) { client in
                    if self.destination == "-" {
                        try await writeStream(try await client.containers.archive(from.container, path: from.path).tar, to: nil)
                    } else {
                        let stat = try await client.containers.copyOut(
                            from.container, path: from.path, to: self.destination, options: options)
                        self.report("Successfully copied \(stat.size) bytes to \(self.destination)")
                    }
                }
            case (nil, let to?):
                try await withClient(self.global) { client in
                    if self.source == "-" {
                        try await client.containers.putArchive(
                            to.container, path: to.path, tar: .stream(StandardInput.uploadChunks), options: .init(copyUIDGID: self.archive))
                    } else {
                        try await client.containers.copyIn(to.container, path: to.path, from: self.source, options: options)
                        self.report("Successfully copied to \(to.container):\(to.path)")
                    }
                }
            }
        }

        /// docker prints its progress summary on stderr unless `-q`.
        private func report(_ line: String) {
            if !self.quiet { printError(line) }
        }
    }
}
