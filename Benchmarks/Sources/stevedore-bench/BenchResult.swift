#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What one workload run measured, printed as the one JSON line Benchmarks/harness.py reads
/// (the same fields as the Go, docker-py and ceiling drivers).
struct BenchResult {
    var operations: Int
    var bytes: Int64 = 0
    var duration: Duration
    /// Latencies of single requests, when the workload measures them.
    var latencies: [Duration] = []

    var json: String {
        var fields = [
            "\"ops\": \(self.operations)", "\"bytes\": \(self.bytes)", "\"seconds\": \(Self.seconds(self.duration))",
        ]
        if !self.latencies.isEmpty {
            let sorted = self.latencies.sorted()
            for (name, fraction) in [("p50_ms", 0.5), ("p99_ms", 0.99)] {
                fields.append("\"\(name)\": \(Self.seconds(sorted[Int(Double(sorted.count - 1) * fraction)]) * 1000)")
            }
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// A workload's own check of its result failed.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
