import ArgumentParser
import Stevedore

/// The `-s`/`-t` options of stop and restart.
struct StopOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], parsing: .unconditional, help: "Signal to send to the container")
    var signal: String?

    /// docker's `int`; `-1` waits for ever, so the next argument is taken whatever it looks like,
    /// as docker's flag parsing takes it.
    @Option(
        name: [.customShort("t"), .customLong("timeout"), .customLong("time")], parsing: .unconditional,
        help: "Seconds to wait before killing the container")
    var timeout: GoInteger<Int>?

    func options() throws -> ContainerStopOptions {
        let timeout = try self.timeout?.value(for: "-t, --timeout")
        return ContainerStopOptions(
            signal: try self.signal.map(ContainerSignal.init(parsing:)),
            timeout: timeout.map { $0 == -1 ? .waitForever : .seconds($0) }
        )
    }
}
