import Stevedore

// FoundationEssentials, as a Linux program that needs no locale data imports it: the default
// path's memory is measured without ICU.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// Stevedore's benchmark driver, run by Benchmarks/harness.py beside the Go, docker-py and
// no-library drivers:
//
//     stevedore-bench WORKLOAD ARGS...         (DOCKER_HOST names the engine)
//     stevedore-bench-tuned WORKLOAD ARGS...
//
// Each workload verifies its result and prints one JSON line (see BenchResult); a failed check
// or error exits 1 with the reason on stderr.
//
// Two profiles of one source, told apart by the name the program runs under (Benchmarks/run
// builds it twice):
// - `stevedore-bench`, the default path: a plain `swift build -c release`, the client exactly
//   as `DockerClient.fromEnvironment()` makes it, and plain async code (this file's `run`
//   is a nonisolated function: its loops run on the global executor, as a user's do).
// - `stevedore-bench-tuned`: statically linked (see Benchmarks/run), a pool of 64
//   connections for list-conc's 64 workers, and the request loops and stream readers on the
//   client's executor (`withTaskExecutorPreference(client.taskExecutor)`), as
//   `DockerClient.taskExecutor` advises for them. list-conc's workers stay on the global
//   executor, where they decode in parallel, and so do demux (no I/O) and build.
// The name's suffix, not a parsed path: a `URL` costs every run half a millisecond of start-up.
let isTuned = CommandLine.arguments.first?.hasSuffix("-tuned") ?? false

func integer(_ arguments: [String], _ index: Int) throws -> Int {
    guard index < arguments.count, let value = Int(arguments[index]) else {
        throw BenchFailure("argument \(index) must be an integer")
    }
    return value
}

func string(_ arguments: [String], _ index: Int) throws -> String {
    guard index < arguments.count else { throw BenchFailure("missing argument \(index)") }
    return arguments[index]
}

func makeClient() throws -> DockerClient {
    guard isTuned else { return try DockerClient.fromEnvironment() }
    var configuration = try DockerClientConfiguration.fromEnvironment()
    // As many pooled connections as the most concurrent workload has workers (list-conc's
    // 64); Go's client has no limit.
    configuration.connectionPool.maxConnections = 64
    return try DockerClient(configuration: configuration)
}

/// The workloads this driver runs, as `stevedore-bench workloads` lists them for the harness.
/// `exec-run` and `run` make exec's and lifecycle's requests through the library's own
/// operations for them; the peers have no such operations, and the harness does not run them.
let workloads = [
    "ping-seq", "list-conc", "logs", "attach", "stdin-echo", "exec", "exec-run", "lifecycle", "run", "demux", "build",
]

func run(_ arguments: [String]) async throws -> BenchResult {
    let workload = try string(arguments, 1)
    let client = try makeClient()
    defer { client.shutdown() }
    let preferred: (any TaskExecutor)? = isTuned && onClientExecutorWhenTuned.contains(workload) ? client.taskExecutor : nil
    return try await withTaskExecutorPreference(preferred) { try await run(workload, arguments, with: client) }
}

/// The workloads the tuned driver runs from a task preferring the client's executor.
let onClientExecutorWhenTuned: Set = ["ping-seq", "logs", "attach", "stdin-echo", "exec", "lifecycle"]

func run(_ workload: String, _ arguments: [String], with client: DockerClient) async throws -> BenchResult {
    switch workload {
    case "ping-seq":
        return try await RequestWorkloads.pingSequence(client, count: try integer(arguments, 2))
    case "list-conc":
        return try await RequestWorkloads.listConcurrently(
            client, workers: try integer(arguments, 2), each: try integer(arguments, 3), minimumCount: try integer(arguments, 4))
    case "logs":
        return try await StreamWorkloads.logs(
            client, container: try string(arguments, 2), stdout: Int64(try integer(arguments, 3)),
            stderr: Int64(try integer(arguments, 4)))
    case "attach":
        return try await StreamWorkloads.attach(client, image: try string(arguments, 2), size: Int64(try integer(arguments, 3)))
    case "stdin-echo":
        return try await StreamWorkloads.stdinEcho(client, image: try string(arguments, 2), size: Int64(try integer(arguments, 3)))
    case "exec":
        return try await StreamWorkloads.exec(client, container: try string(arguments, 2), count: try integer(arguments, 3))
    case "exec-run":
        return try await StreamWorkloads.execRun(client, container: try string(arguments, 2), count: try integer(arguments, 3))
    case "demux":
        return try await StreamWorkloads.demux(total: try integer(arguments, 2))
    case "lifecycle":
        return try await RequestWorkloads.lifecycle(
            client, image: try string(arguments, 2), count: try integer(arguments, 3), parallel: try integer(arguments, 4))
    case "run":
        return try await RequestWorkloads.run(
            client, image: try string(arguments, 2), count: try integer(arguments, 3), parallel: try integer(arguments, 4))
    case "build":
        return try await RequestWorkloads.build(client, directory: URL(fileURLWithPath: try string(arguments, 2)))
    default:
        throw BenchFailure("unknown workload \(workload)")
    }
}

do {
    if CommandLine.arguments.dropFirst().first == "workloads" {
        print(workloads.joined(separator: "\n"))
        exit(0)
    }
    print(try await run(CommandLine.arguments).json)
} catch {
    let message = Array("stevedore-bench: \(error)\n".utf8)
    _ = write(STDERR_FILENO, message, message.count)
    exit(1)
}
