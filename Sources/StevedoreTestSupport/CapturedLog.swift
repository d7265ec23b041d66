import Logging
import NIOConcurrencyHelpers

/// A logger whose every line (all levels, with metadata) is kept for a test to read: to check
/// what a client logs, e.g. that no secret ever reaches a log.
public final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    public init() {}

    /// A logger at `trace` level writing here.
    public var logger: Logger {
        var logger = Logger(label: "stevedore-test") { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    /// Every line logged so far, one per line.
    public var text: String { self.lines.withLockedValue { $0.joined(separator: "\n") } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
            self.log.lines.withLockedValue { $0.append("\(event.level) \(event.message) \(all)") }
        }
    }
}
