import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin upgrade PLUGIN [REMOTE]`, as docker: refuses an enabled plugin,
    /// announces `Upgrading plugin NAME from OLD to NEW`, asks before taking an image of
    /// another repository or tag (a no ends quietly, exit code 0), asks to grant the new
    /// image's privileges, pulls it (progress on stdout) and prints `Upgraded plugin NAME to
    /// REMOTE`. REMOTE defaults to the image the plugin came from.
    struct Upgrade: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "upgrade", abstract: "Upgrade an existing plugin")

        @OptionGroup var pull: PluginPullOptions
        @Flag(name: .long, help: "Do not check if specified remote plugin matches existing plugin image") var skipRemoteCheck = false

        @Argument(help: "PLUGIN") var plugin: String
        @Argument(help: "REMOTE") var remote: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try self.pull.contentTrust.refuseIfRequested(image: self.remote)
            try await withClient(self.global) { client in
                let current = try await Self.wrappingErrors("error reading plugin data") { try await client.plugins.inspect(self.plugin) }
                guard !current.enabled else { throw CommandFailure(description: "the plugin must be disabled before upgrading") }
                let currentReference = current.pluginReference ?? ""
                let remote = self.remote ?? currentReference
                let new = try await Self.wrappingErrors("error parsing remote upgrade image reference") {
                    try ImageName(parsing: remote).withDefaultTag
                }
                let old = try await Self.wrappingErrors("error parsing current image reference") {
                    try ImageName(parsing: currentReference).withDefaultTag
                }
                printOut("Upgrading plugin \(current.name) from \(old.familiarString) to \(new.familiarString)\n")
                if !self.skipRemoteCheck && new != old {
                    guard try await promptYesNo("Plugin images do not match, are you sure?") else { return }
                }
                let credentials = try await self.global.credentialsIgnoringHelperFailure(forImage: remote)
                let privileges = try await self.pull.grantedPrivileges(of: remote, client: client, credentials: credentials)
                let options = PluginUpgradeOptions(privileges: privileges, credentials: credentials)
                try await client.plugins.upgrade(current.name, remote: remote, options: options).show()
                printOut("Upgraded plugin \(current.name) to \(remote)\n")
            }
        }

        /// What `body` returns; a ``DockerError`` is reported as docker wraps it: `context: <error>`.
        private static func wrappingErrors<Result>(_ context: String, _ body: () async throws -> Result) async throws -> Result {
            do {
                return try await body()
            } catch let error as DockerError {
                throw CommandFailure(description: "\(context): \(error)")
            }
        }
    }
}
