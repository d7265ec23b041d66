import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.System {
    /// `stevedore events`: the daemon's events as they happen, one line each.
    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "events", abstract: "Get real time events from the server")

        @Option(name: .long, parsing: .unconditional, help: "Show all events created since timestamp")
        var since: String?

        @Option(name: .long, parsing: .unconditional, help: "Stream events until this timestamp")
        var until: String?

        @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
        var filter: [String] = []

        @Option(name: .long, parsing: .unconditional, help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // As docker: the filters (flags), the format, then the times.
            let filters = try parseFilters(self.filter)
            let format: OutputFormat?
            do {
                format = try self.format.flatMap { $0.isEmpty ? nil : try OutputFormat(template: $0) }
                if let format { try EventLine.checkTemplate(format) }
            } catch let error as TemplateError {
                // docker's own words here, not its list commands' `template parsing error`.
                throw CommandFailure(description: "Error parsing format: \(error.message)", exitCode: 64)
            }
            let now = Date()
            let options = SystemEventsOptions(
                since: try parseTimeFlag(self.since, now: now),
                until: try parseTimeFlag(self.until, now: now),
                filters: filters
            )
            try await withClient(self.global) { client in
                for try await event in try await client.system.events(options) {
                    if let format {
                        printOut(try CommandOutput.render([event], with: format, prepare: EventLine.prepareForTemplates))
                    } else {
                        printOut(EventLine.describe(event) + "\n")
                    }
                }
            }
        }
    }
}
