import ArgumentParser
import Stevedore

/// The `-s`/`-t` options of stop and restart.
struct StopOptions: ParsableArguments {
    @Option(name: [.customShort("s"), .long], parsing: .unconditional, help: "Signal to send to the container")
    var signal: String?

    /// docker's `int`; `-1` (any negative value) waits for ever, so the next argument is taken whatever it looks like,
    /// as docker's flag parsing takes it.
    @Option(
        name: [.customShort("t"), .customLong("timeout")], parsing: .unconditional, help: "Seconds to wait before killing the container")
    var timeout: GoInteger<Int>?

    /// docker's deprecated name of `--timeout`, still taken: each use prints docker's notice on
    /// standard output; giving both names is refused.
    @Option(name: .customLong("time"), parsing: .unconditionalSingleValue, help: .hidden)
    var deprecatedTime: [GoInteger<Int>] = []

    /// Parses the values and prints the notice for each `--time`, as docker's flag parser does
    /// once all its values parsed.
    func options() throws -> ContainerStopOptions {
        let time = try self.deprecatedTime.map { try $0.value(for: "--time") }
        var timeout = try self.timeout?.value(for: "-t, --timeout")
        for _ in time { printOut("Flag --time has been deprecated, use --timeout instead\n") }
        if !time.isEmpty {
            guard timeout == nil else { throw CommandFailure(description: "conflicting options: cannot specify both --timeout and --time") }
            timeout = time.last
        }
        return ContainerStopOptions(
            signal: try parseSignalFlag(self.signal),
            // The daemon waits for ever for any negative timeout, as docker documents `-1`.
            timeout: timeout.map { $0 < 0 ? .waitForever : .seconds($0) }
        )
    }
}
