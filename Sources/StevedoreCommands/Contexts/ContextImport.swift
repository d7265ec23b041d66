import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context import CONTEXT FILE|-`: stores the context of a `.dockercontext`
    /// archive (from `context export`, here or in docker) read from the file or stdin, prints
    /// its name, and `Successfully imported context "NAME"` on stderr.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a context from a tar or zip file")

        @Argument(help: "CONTEXT") var name: String
        @Argument(help: "FILE|-") var source: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let store = DockerContextStore(environment: ProcessInfo.processInfo.environment)
            try store.checkNewName(self.name)
            // One byte over the limit, for the store to tell an archive that exceeds it.
            let archive = try LocalFiles.contents(
                ofFile: self.source == "-" ? nil : self.source, limit: DockerContextStore.maximumArchiveSize + 1)
            try store.import(self.name, from: archive)
            printOut(self.name + "\n")
            printErrorText("Successfully imported context \(GoQuote.quote(self.name))\n")
        }
    }
}
