import ArgumentParser
import Stevedore

/// The `-s`/`-t` options of stop and restart.
struct StopOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], help: "Signal to send to the container")
    var signal: String?

    @Option(name: [.customShort("t"), .customLong("timeout"), .customLong("time")], help: "Seconds to wait before killing the container")
    var timeout: Int?

    func options() throws -> ContainerStopOptions {
        ContainerStopOptions(
            signal: try self.signal.map(ContainerSignal.init(parsing:)),
            timeout: self.timeout.map { $0 == -1 ? .waitForever : .seconds($0) }
        )
    }
}
