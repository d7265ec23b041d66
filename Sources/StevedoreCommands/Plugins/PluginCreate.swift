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
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin create PLUGIN PLUGIN-DATA-DIR`: creates a disabled plugin from a
    /// directory holding `config.json` and `rootfs/`, sent whole as a tar, and prints PLUGIN as
    /// given. The name and the directory are checked first, with docker's messages.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a plugin from a rootfs and configuration. "
                + "Plugin data directory must contain config.json and rootfs directory."
        )

        /// Accepted as docker's flag, but the archive is always sent uncompressed: the daemon
        /// refuses a gzipped one (`failed to read from tar: archive/tar: invalid tar header`).
        @Flag(name: .long, help: "Compress the context using gzip (ignored: the daemon only accepts an uncompressed archive)")
        var compress = false

        @Argument(help: "PLUGIN") var name: String
        @Argument(help: "PLUGIN-DATA-DIR") var directory: String
        /// docker ignores the arguments after the directory.
        @Argument(help: .hidden) var ignored: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            _ = try parseImageName(self.name)
            let absoluteDirectory = try Self.checkedDirectory(self.directory)
            try Self.checkConfig(in: self.directory)
            try await withClient(self.global) { client in
                try await client.plugins.create(self.name, from: absoluteDirectory)
            }
            printOut(self.name + "\n")
        }

        /// `directory` made absolute (Go's `filepath.Abs`), once it is known to be a directory
        /// itself, not a link to one: else docker's `lstat PATH: <reason>` or `context must be a
        /// directory`.
        static func checkedDirectory(_ directory: String) throws -> String {
            let path = URL(fileURLWithPath: directory).standardizedFileURL.path
            var status = stat()
            guard lstat(path, &status) == 0 else { throw CommandFailure(description: "lstat \(path): \(goErrnoText(errno))") }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw CommandFailure(description: "context must be a directory")
            }
            return path
        }

        /// Checks that `directory`'s `config.json` reads as a JSON object (or `null`), as docker
        /// decodes it into a plugin config before sending anything: else `open PATH: <reason>`,
        /// the read or JSON syntax error, or Go's `json: cannot unmarshal …` for another kind of
        /// value.
        static func checkConfig(in directory: String) throws {
            let path = (directory.hasByteSuffix("/") ? directory : directory + "/") + "config.json"
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CommandFailure(description: "open \(path): \(goErrnoText(errno))") }
            defer { close(descriptor) }
            let config: TemplateValue
            do {
                config = try TemplateValue(json: Data(readableBytesOf: StandardInput.readToEnd(descriptor, name: path)))
            } catch {
                throw CommandFailure(description: "\(error)")
            }
            switch config {
            case .null, .object: return
            case .array: throw Self.unmarshalFailure("array")
            case .string: throw Self.unmarshalFailure("string")
            case .bool: throw Self.unmarshalFailure("bool")
            case .int, .double: throw Self.unmarshalFailure("number")
            }
        }

        /// Go's error for a JSON value of `kind` where its plugin config struct is expected.
        private static func unmarshalFailure(_ kind: String) -> CommandFailure {
            CommandFailure(description: "json: cannot unmarshal \(kind) into Go value of type types.PluginConfig")
        }
    }
}
