import ArgumentParser
import Stevedore

/// The flags `node ps` and `service ps` share: which tasks, and how ``TaskTable`` prints them.
struct TaskTableOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Filter output based on conditions provided")
    var filter: [String] = []

    /// `--format`: `json`, `table …` or a Go template; nil or a bare `table` for docker's
    /// table (the ids alone with ``quiet``).
    @Option(name: .long, parsing: .unconditional, help: "Pretty-print tasks using a Go template")
    var format: String?

    /// `--no-resolve`: service and node ids where names would be.
    @Flag(name: .long, help: "Do not map IDs to Names")
    var noResolve = false

    /// `--no-trunc`: whole ids and errors, images with their digest.
    @Flag(name: .long, help: "Do not truncate output")
    var noTrunc = false

    /// `-q`: the ids alone, short ones unless ``noTrunc`` (docker's `service ps -q` sets
    /// `--no-trunc` itself to print whole ids; `node ps -q` prints short ones).
    @Flag(name: [.customShort("q"), .long], help: "Only display task IDs")
    var quiet = false

    /// The `--filter` values, typed (a malformed one is a usage error).
    func filters() throws -> TaskListFilters {
        try parseFilters(self.filter, as: TaskListFilters.self)
    }
}
