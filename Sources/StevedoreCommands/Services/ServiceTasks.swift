import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service ps SERVICE…`: the tasks of the services, current and past, in docker's
    /// task table. A service is found by full id, then full name, then id prefix; those not
    /// found are reported after the table (exit 1), and when none is found there is no table.
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ps", abstract: "List the tasks of one or more services")

        @OptionGroup var options: TaskTableOptions
        @Argument(help: "SERVICE") var services: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var filters = try self.options.filters()
            try await withClient(self.global) { client in
                let (found, notFound) = try await Self.resolve(self.services, client: client)
                guard !found.isEmpty else { throw CommandFailure(description: notFound.joined(separator: "\n")) }
                filters.service += found
                var nodes: [String] = []
                for node in filters.node { nodes.append(try await StevedoreCommand.Node.reference(node, client: client)) }
                filters.node = nodes
                let tasks = try await client.tasks.list(filters)
                // Ids alone are printed whole, as docker's `service ps -q` does.
                var options = self.options
                options.noTrunc = options.noTrunc || options.quiet
                options.format = self.global.listFormat(options.format, quiet: options.quiet, configured: \.tasksFormat)
                printOut(try await TaskTable.render(tasks, client: client, options: options))
                if !notFound.isEmpty { throw CommandFailure(description: notFound.joined(separator: "\n")) }
            }
        }

        /// The ids of the services `names` name (full id, full name, then unique id prefix),
        /// and docker's `no such service: NAME` for each name that names none. An id prefix
        /// shared by several services fails the command.
        private static func resolve(_ names: [String], client: DockerClient) async throws -> (found: [String], notFound: [String]) {
            var byID = ServiceListFilters()
            byID.id = names
            var byName = ServiceListFilters()
            byName.name = names
            // The daemon matches ids and names by prefix; the exact matches are picked here.
            let idMatches = try await client.services.list(.init(filters: byID))
            let nameMatches = try await client.services.list(.init(filters: byName))
            var found: [String] = []
            var notFound: [String] = []
            for name in names {
                if let service = idMatches.first(where: { $0.id == name }) ?? nameMatches.first(where: { $0.spec?.name == name }) {
                    found.append(service.id ?? name)
                    continue
                }
                let prefixed = idMatches.filter { ($0.id ?? "").hasBytePrefix(name) }
                guard prefixed.count <= 1 else {
                    throw CommandFailure(description: "multiple services found with provided prefix: \(name)")
                }
                if let service = prefixed.first {
                    found.append(service.id ?? name)
                } else {
                    notFound.append("no such service: \(name)")
                }
            }
            return (found, notFound)
        }
    }
}
