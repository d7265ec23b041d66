import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `--filter` and `--force` options of the prune commands.
struct PruneOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditionalSingleValue, help: "Provide filter values (e.g. \"until=<timestamp>\")")
    var filter: [String] = []

    @Flag(name: [.customShort("f"), .long], help: "Do not prompt for confirmation")
    var force = false
}
