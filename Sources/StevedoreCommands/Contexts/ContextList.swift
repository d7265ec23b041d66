import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context ls` (also `list`): the stored contexts and `default`, in docker's
    /// natural order, the current one marked `*`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List contexts", aliases: ["list"])

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: [.customShort("q"), .long], help: "Only show context names") var quiet = false

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            let current = try store.currentContextName(environment: environment, context: self.global.context)
            let contexts = try store.list() + [DockerContext.defaultContext(environment: environment)]
            var rows = contexts.map { ContextRow($0, isCurrent: $0.name == current) }
            if !contexts.contains(where: { $0.name == current }) {
                // As docker: a current context that cannot be read is listed with the reason.
                var reason = ""
                do { _ = try store.inspect(current) } catch { reason = "\(error)" }
                rows.append(ContextRow(unreadable: current, reason: reason))
            }
            rows.sort { naturalLess($0.Name, $1.Name) }
            // -q replaces any format, as docker's.
            printOut(
                try CommandOutput.render(
                    rows, format: self.quiet ? nil : self.format, defaultFormat: self.quiet ? "{{.Name}}" : ContextRow.tableFormat,
                    titles: ContextRow.titles))
            warnIfDockerHostOverridesContext("a context", environment: environment)
        }
    }
}

/// One line of `context ls`: the fields of docker's context formatting context, in the order
/// of their names (the order `--format json` prints them in).
struct ContextRow: FormatterContext {
    static let formatterContextType = "*formatter.clientContextContext"
    var Current: Bool
    var Description: String
    var DockerEndpoint: String
    var Error: String
    var Name: String

    static let tableFormat = "table {{.Name}}{{if .Current}} *{{end}}\t{{.Description}}\t{{.DockerEndpoint}}\t{{.Error}}"
    static let titles = ["Name": "NAME", "Description": "DESCRIPTION", "DockerEndpoint": "DOCKER ENDPOINT", "Error": "ERROR"]

    /// The row of a readable context; `default` shows docker's description of it.
    init(_ context: DockerContext, isCurrent: Bool) {
        let missingEndpoint = context.endpoint == nil ? "cannot find docker endpoint in context" : ""
        self.init(
            name: context.name, isCurrent: isCurrent,
            description: context.name == DockerContext.defaultName ? DockerContext.defaultDescription : context.description ?? "",
            dockerEndpoint: context.endpoint?.host ?? "", error: missingEndpoint)
    }

    /// The row docker adds for a current context that is not among the readable ones: its
    /// name and why it cannot be read.
    init(unreadable name: String, reason: String) {
        self.init(name: name, isCurrent: true, description: "", dockerEndpoint: "", error: reason)
    }

    /// The error is cut to 45 columns, in every format, as docker cuts it.
    private init(name: String, isCurrent: Bool, description: String, dockerEndpoint: String, error: String) {
        self.Current = isCurrent
        self.Description = description
        self.DockerEndpoint = dockerEndpoint
        self.Error = TaskRow.ellipsis(error, width: 45)
        self.Name = name
    }
}
