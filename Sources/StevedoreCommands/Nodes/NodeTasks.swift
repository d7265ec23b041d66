import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node ps [NODE…]`: the tasks of the nodes named (this daemon's own by
    /// default) in docker's task table. As docker, a node that cannot be listed does not
    /// hide the others' tasks: the failures are reported together at the end.
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ps", abstract: "List tasks running on one or more nodes, defaults to current node")

        @OptionGroup var options: TaskTableOptions
        @Argument(help: "NODE (default: self)") var nodes: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.options.filters()
            try await withClient(self.global) { client in
                var failures: [String] = []
                var tasks: [DockerTask] = []
                let names = self.nodes.isEmpty ? ["self"] : self.nodes
                for name in names {
                    do {
                        let id = try await StevedoreCommand.Node.reference(name, client: client)
                        let node = try await client.nodes.inspect(id)
                        var nodeFilters = filters
                        nodeFilters.node.append(node.id ?? id)
                        tasks += try await client.tasks.list(nodeFilters)
                    } catch {
                        failures.append(try Self.message(of: error))
                    }
                }
                if failures.isEmpty || !tasks.isEmpty {
                    do {
                        var options = self.options
                        options.format = self.global.listFormat(options.format, quiet: options.quiet, configured: \.tasksFormat)
                        printOut(try await TaskTable.render(tasks, client: client, options: options))
                    } catch {
                        failures.append(try Self.message(of: error))
                    }
                }
                if !failures.isEmpty { throw CommandFailure(description: failures.joined(separator: "\n")) }
            }
        }

        /// What docker prints for a failure it collects: the daemon's error or the CLI's
        /// message. Anything else is not collected but thrown.
        private static func message(of error: any Error) throws -> String {
            switch error {
            case let error as DockerError: return error.description
            case let failure as CommandFailure: return failure.description
            default: throw error
            }
        }
    }
}
