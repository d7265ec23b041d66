import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm unlock-key`: the key that unlocks the swarm's managers after a
    /// restart, with instructions (`-q`: the key alone); `--rotate` replaces it first.
    struct UnlockKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock-key", abstract: "Manage the unlock key")

        @Flag(name: .long, help: "Rotate unlock key") var rotate = false
        @Flag(name: [.customShort("q"), .long], help: "Only display token") var quiet = false
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                if self.rotate {
                    let current = try await client.swarm.inspect()
                    guard current.spec?.encryptionConfig?.autoLockManagers == true else {
                        throw CommandFailure(description: "cannot rotate because autolock is not turned on")
                    }
                    let options = SwarmUpdateOptions(version: Int64(clamping: current.version?.index ?? 0), rotateManagerUnlockKey: true)
                    try await client.swarm.update(current.spec ?? SwarmSpec(), options: options)
                    if !self.quiet { printOut("Successfully rotated manager unlock key.\n") }
                }
                guard let key = try await StevedoreCommand.Swarm.fetchUnlockKey(client: client) else {
                    throw CommandFailure(description: "no unlock key is set")
                }
                printOut(self.quiet ? key + "\n" : StevedoreCommand.Swarm.unlockInstructions(key))
            }
        }
    }

    /// The swarm's unlock key (nil when autolock is off); a failure reads as docker's
    /// `could not fetch unlock key: …`.
    static func fetchUnlockKey(client: DockerClient) async throws -> String? {
        do {
            return try await client.swarm.unlockKey()
        } catch let error as DockerError {
            throw CommandFailure(description: "could not fetch unlock key: \(error)")
        }
    }

    /// docker's instructions around an unlock key; nothing for an empty key.
    static func unlockInstructions(_ key: String) -> String {
        guard !key.isEmpty else { return "" }
        return """
            To unlock a swarm manager after it restarts, run the `docker swarm unlock`
            command and provide the following key:

                \(key)

            Remember to store this key in a password manager, since without it you
            will not be able to restart the manager.

            """
    }
}
