import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// Many requests and attach sessions in one process, sampling its open file descriptors and
/// resident memory: both must stay flat. Not part of the timed CI run: `scripts/soak` runs it
/// (STEVEDORE_SOAK=1; STEVEDORE_SOAK_REQUESTS and STEVEDORE_SOAK_SESSIONS set the counts).
@Suite(
    "Soak: descriptors and memory over many requests and attach sessions",
    .enabled(if: ProcessInfo.processInfo.environment["STEVEDORE_SOAK"] == "1", "scripts/soak runs it"))
struct SoakTests {
    /// Open file descriptors of this process.
    static func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
    }

    /// Resident memory of this process, in MiB.
    static func residentMiB() -> Double {
        let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
        let pages = fields.count > 1 ? Double(fields[1]) ?? 0 : 0
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// `35 fds, 43.6 MiB`.
    static func sample() -> String {
        "\(Self.openDescriptors()) fds, \(String(format: "%.1f", Self.residentMiB())) MiB"
    }

    static func count(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback
    }

    @Test func requestsAndAttachSessionsLeaveDescriptorsAndMemoryFlat() async throws {
        let requests = Self.count("STEVEDORE_SOAK_REQUESTS", 100_000)
        let sessions = Self.count("STEVEDORE_SOAK_SESSIONS", 1_000)
        try await TestEngine.withClient { client in
            // 8 concurrent loops of requests; the first round warms up what stays (8 pooled
            // connections, the executor's threads, the allocator's arenas) and is the baseline.
            func requestRound(_ count: Int) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            for _ in 0..<(count / 8) { _ = try await client.system.ping() }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await requestRound(2_000)
            let (startDescriptors, startMiB) = (Self.openDescriptors(), Self.residentMiB())
            print("soak: after warming up: \(Self.sample())")
            let rounds = 10
            for round in 1...rounds {
                try await requestRound(requests / rounds)
                print("soak: \(round * requests / rounds) requests: \(Self.sample())")
            }
            let (requestDescriptors, requestMiB) = (Self.openDescriptors(), Self.residentMiB())
            try await client.withContainer(["sh", "-c", "while :; do echo tick; sleep 0.05; done"]) { id in
                for session in 1...sessions {
                    try await client.containers.withAttach(id, options: .init(stdout: true, stderr: true)) { streams in
                        var output = streams.output.makeAsyncIterator()
                        _ = try await output.next()
                    }
                    if session % (sessions / 10) == 0 {
                        print("soak: \(session) attach sessions: \(Self.sample())")
                    }
                }
            }
            let (endDescriptors, endMiB) = (Self.openDescriptors(), Self.residentMiB())
            #expect(requestDescriptors <= startDescriptors + 4, "descriptors grew over the requests")
            #expect(endDescriptors <= startDescriptors + 4, "descriptors grew over the attach sessions")
            #expect(requestMiB - startMiB < 16, "memory grew over the requests: \(startMiB) → \(requestMiB) MiB")
            #expect(endMiB - requestMiB < 16, "memory grew over the attach sessions: \(requestMiB) → \(endMiB) MiB")
        }
    }
}
