import ArgumentParser
import Stevedore
import StevedoreFormatting

/// The options `plugin install` and `plugin upgrade` share, and the privileges check both make
/// before pulling.
struct PluginPullOptions: ParsableArguments {
    @Flag(name: .long, help: "Grant all permissions necessary to run the plugin")
    var grantAllPermissions = false

    @OptionGroup var contentTrust: ContentTrustOptions

    /// The privileges the plugin image `remote` asks for (``DockerClient/Plugins/privileges(_:credentials:)``),
    /// granted: at once when it asks for none or with `--grant-all-permissions`, else once the
    /// user answers `y` to docker's prompt on stdout, which names `remote` as given:
    ///
    ///     Plugin "vieux/sshfs" is requesting the following privileges:
    ///      - network: [host]
    ///      - mount: [/var/lib/docker/plugins/]
    ///     Do you grant the above permissions? [y/N]
    ///
    /// Any other answer fails with docker's `permission denied while installing plugin
    /// <remote, fully qualified>`.
    func grantedPrivileges(of remote: String, client: DockerClient, credentials: RegistryAuth?) async throws -> [PluginPrivilege] {
        let privileges = try await client.plugins.privileges(remote, credentials: credentials)
        guard !self.grantAllPermissions, !privileges.isEmpty else { return privileges }
        var text = "Plugin \(GoQuote.quote(remote)) is requesting the following privileges:\n"
        for privilege in privileges {
            // Go's `%v` of a string slice: `[a b]`.
            text += " - \(privilege.name ?? ""): [\((privilege.value ?? []).joined(separator: " "))]\n"
        }
        printOut(text)
        guard try await promptYesNo("Do you grant the above permissions?") else {
            let reference = try parseImageName(remote)
            throw CommandFailure(description: "permission denied while installing plugin \(reference.description)")
        }
        return privileges
    }
}
