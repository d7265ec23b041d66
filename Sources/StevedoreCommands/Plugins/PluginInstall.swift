import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin install PLUGIN [KEY=VALUE…]`, as docker: asks to grant the privileges
    /// the plugin wants, pulls it (progress on stdout), applies the settings, enables it unless
    /// `--disable`, and prints `Installed plugin PLUGIN`. A failing setting or enable leaves the
    /// plugin installed and disabled, as docker's does.
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "install", abstract: "Install a plugin")

        @Option(name: .long, parsing: .unconditional, help: "Local name for plugin") var alias: String?
        @Flag(name: .long, help: "Do not enable the plugin on install") var disable = false
        @OptionGroup var pull: PluginPullOptions

        @Argument(help: "PLUGIN") var remote: String
        @Argument(help: "KEY=VALUE") var settings: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try self.pull.contentTrust.refuseIfRequested(image: self.remote)
            let name = try self.alias.map(StevedoreCommand.Plugin.localName) ?? Self.localName(ofRemote: self.remote)
            let credentials = try await self.global.credentialsIgnoringHelperFailure(forImage: self.remote)
            try await withClient(self.global) { client in
                let privileges = try await self.pull.grantedPrivileges(of: self.remote, client: client, credentials: credentials)
                let options = PluginInstallOptions(name: self.alias, privileges: privileges, credentials: credentials)
                try await client.plugins.install(self.remote, options: options).show()
                if !self.settings.isEmpty { try await client.plugins.set(name, self.settings) }
                if !self.disable { try await client.plugins.enable(name) }
            }
            printOut("Installed plugin \(self.remote)\n")
        }

        /// The name the daemon gives a plugin pulled from `remote` without an alias: its
        /// familiar name and tag (`:latest` without one); pulled by digest, the plugin is
        /// still named by the tag.
        static func localName(ofRemote remote: String) throws -> String {
            var reference = try parseImageName(remote)
            reference.digest = nil
            return try DockerClient.Plugins.localName(reference.description)
        }
    }
}
