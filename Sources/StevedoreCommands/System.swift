import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore system …`: the daemon as a whole.
    struct System: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage Docker",
            subcommands: [DiskUsage.self, StevedoreCommand.Info.self, StevedoreCommand.Events.self, DialStdio.self]
        )
    }
}
