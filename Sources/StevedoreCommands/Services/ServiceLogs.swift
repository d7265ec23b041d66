import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

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

extension StevedoreCommand.Service {
    /// `stevedore service logs SERVICE|TASK`: the output of a service's tasks (or of one
    /// task), stdout to stdout and stderr to stderr, each line prefixed as docker does with the
    /// task that wrote it, `web.1.abcdef123456@node-1    | `, unless `--raw`.
    struct Logs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "logs", abstract: "Fetch the logs of a service or task")

        @Flag(name: .long, help: "Show extra details provided to logs")
        var details = false

        @Flag(name: [.customShort("f"), .long], help: "Follow log output")
        var follow = false

        @Flag(name: .long, help: "Do not map IDs to Names in output")
        var noResolve = false

        @Flag(name: .long, help: "Do not include task IDs in output")
        var noTaskIds = false

        @Flag(name: .long, help: "Do not truncate output")
        var noTrunc = false

        @Flag(name: .long, help: "Do not neatly format logs")
        var raw = false

        @Option(
            name: .long, parsing: .unconditional,
            help: "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)")
        var since: String?

        @Option(
            name: [.customShort("n"), .long], parsing: .unconditional,
            help: "Number of lines to show from the end of the logs (default \"all\")")
        var tail = "all"

        @Flag(name: [.customShort("t"), .long], help: "Show timestamps")
        var timestamps = false

        @Argument(help: "SERVICE|TASK") var target: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let source = try await self.source(client: client)
                if source.tty && !self.raw { throw CommandFailure(description: "tty service logs only supported with --raw") }
                // As docker, the service or task is looked up before the options are read.
                let tail = try parseServiceLogTail(self.tail)
                let since = try parseTimeFlag(self.since, now: Date(), flag: "since")
                // The prefix needs each line's task, which only the details name.
                let options = ServiceLogsOptions(
                    follow: self.follow, since: since, timestamps: self.timestamps, tail: tail, details: self.details || !self.raw)
                let output =
                    if source.isTask {
                        try await client.tasks.logs(self.target, options: options)
                    } else {
                        try await client.services.logs(self.target, options: options)
                    }
                guard !self.raw else {
                    try await output.write(
                        stdout: { try writeAll($0, to: STDOUT_FILENO) },
                        stderr: { try writeAll($0, to: STDERR_FILENO) })
                    return
                }
                var prefixes = ServiceLogPrefixes(
                    client: client, resolving: !self.noResolve, taskIDs: self.noTaskIds ? nil : self.noTrunc, padding: source.padding)
                // Streams whose last piece was part of an over-long line: what follows continues it.
                var continuing: Set<ContainerOutputChunk.Stream> = []
                // The message goes out as the task wrote it (docker writes its bytes as they came).
                for try await line in output.lines() {
                    var bytes = line.bytes
                    if !continuing.contains(line.stream) { bytes = try await self.prettyLine(line.bytes, prefixes: &prefixes) }
                    if line.isPartial { continuing.insert(line.stream) } else { continuing.remove(line.stream) }
                    if !line.isPartial { bytes.writeString("\n") }
                    try writeAll(bytes, to: line.stream == .stderr ? STDERR_FILENO : STDOUT_FILENO)
                }
            }
        }

        /// Whether the target is a task (it names no service), whether it runs with a TTY, and
        /// the width of the slot numbers, for docker's alignment: the replicas of a replicated
        /// service, or the task's slot.
        private func source(client: DockerClient) async throws -> (isTask: Bool, tty: Bool, padding: Int) {
            do {
                let service = try await client.services.inspect(self.target)
                let replicas = service.spec?.mode?.replicated?.replicas
                return (false, service.spec?.taskTemplate?.containerSpec?.tty ?? false, replicas.map { String($0).count } ?? 1)
            } catch let error as DockerError where error.category == .notFound {
                do {
                    let task = try await client.tasks.inspect(self.target)
                    return (true, task.spec?.containerSpec?.tty ?? false, String(task.slot ?? 0).count)
                } catch let error as DockerError where error.category == .notFound {
                    throw CommandFailure(description: "no such task or service: \(self.target)")
                }
            }
        }

        /// A line as docker prints it: `[TIMESTAMP ]TASK@NODE    | [DETAILS ]MESSAGE`, where the
        /// daemon sent `[TIMESTAMP ]DETAILS MESSAGE`. The swarm's own details (node, service and
        /// task ids) make the prefix; the others are shown with `--details`.
        private func prettyLine(_ line: ByteBuffer, prefixes: inout ServiceLogPrefixes) async throws -> ByteBuffer {
            // `[timestamp ]details message`: the fields before the message end at a space.
            var message = line
            var fields: [String] = []
            for _ in 0...(self.timestamps ? 1 : 0) {
                guard let space = message.readableBytesView.firstIndex(of: UInt8(ascii: " ")) else {
                    // docker's message holds the line with its newline.
                    throw CommandFailure(description: "invalid context in log message: \(String(buffer: line))\n")
                }
                fields.append(String(buffer: message.readSlice(length: space - message.readerIndex)!))
                message.moveReaderIndex(forwardBy: 1)
            }
            var details = try Self.parseDetails(fields[fields.count - 1][...])
            let context = try ServiceLogContext(removingFrom: &details)
            var text = self.timestamps ? fields[0] + " " : ""
            text += try await prefixes.prefix(for: context) + "    | "
            if self.details {
                text += details.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",") + " "
            }
            var pretty = ByteBuffer(string: text)
            pretty.writeImmutableBuffer(message)
            return pretty
        }

        /// The details the daemon puts before each line: `key=value` pairs joined by commas,
        /// both sides query-escaped.
        private static func parseDetails(_ text: Substring) throws -> [String: String] {
            var details: [String: String] = [:]
            for pair in text.split(scalar: ",", omittingEmptySubsequences: false) {
                guard let (key, value) = pair.cut(atFirst: "="), !key.isEmpty else {
                    throw CommandFailure(description: "invalid details format")
                }
                details[try Self.queryUnescaped(key)] = try Self.queryUnescaped(value)
            }
            return details
        }

        /// Go's `url.QueryUnescape`: `%XX` is a byte, `+` a space.
        private static func queryUnescaped(_ text: Substring) throws -> String {
            let bytes = Array(text.utf8)
            var decoded: [UInt8] = []
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "%"):
                    guard index + 2 < bytes.count, let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
                    else {
                        let escape = String(decoding: bytes[index..<min(index + 3, bytes.count)], as: UTF8.self)
                        throw CommandFailure(description: "invalid URL escape \(GoQuote.quote(escape))")
                    }
                    decoded.append(high << 4 | low)
                    index += 3
                case UInt8(ascii: "+"):
                    decoded.append(UInt8(ascii: " "))
                    index += 1
                case let byte:
                    decoded.append(byte)
                    index += 1
                }
            }
            return String(decoding: decoded, as: UTF8.self)
        }

        private static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}

/// The task a log line comes from, as the swarm's details name it.
private struct ServiceLogContext: Hashable {
    var nodeID: String
    var serviceID: String
    var taskID: String

    /// Takes the swarm's keys out of `details`, leaving the container's own; a missing one
    /// fails as docker's does.
    init(removingFrom details: inout [String: String]) throws {
        func take(_ object: String) throws -> String {
            guard let value = details.removeValue(forKey: "com.docker.swarm.\(object).id") else {
                // Go's map text: `map[key:value …]`, keys sorted.
                let entries = details.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
                throw CommandFailure(description: "missing \(object) id in details: map[\(entries.joined(separator: " "))]")
            }
            return value
        }
        self.nodeID = try take("node")
        self.serviceID = try take("service")
        self.taskID = try take("task")
    }
}

/// docker's prefix of a task's lines, `SERVICE.SLOT.TASKID@NODE` padded so that the bars line up
/// over the slot numbers, computed once per task.
private struct ServiceLogPrefixes {
    let client: DockerClient
    /// Show the service's and the node's names (`--no-resolve`: their ids).
    let resolving: Bool
    /// Show the task's id, whole (`true`) or short (`false`); nil: no id (`--no-task-ids`).
    let taskIDs: Bool?
    /// The width of the widest slot number.
    let padding: Int
    private var prefixes: [ServiceLogContext: String] = [:]
    /// Node and service id → name, as docker's resolver caches them.
    private var names: [String: String] = [:]

    init(client: DockerClient, resolving: Bool, taskIDs: Bool?, padding: Int) {
        self.client = client
        self.resolving = resolving
        self.taskIDs = taskIDs
        self.padding = padding
    }

    mutating func prefix(for context: ServiceLogContext) async throws -> String {
        if let known = self.prefixes[context] { return known }
        let node = await self.name(of: context.nodeID) { client, id in
            let found = try await client.nodes.inspect(id)
            if let name = found.spec?.name, !name.isEmpty { return name }
            if let hostname = found.description?.hostname, !hostname.isEmpty { return hostname }
            return id
        }
        let service = await self.name(of: context.serviceID) { client, id in
            try await client.services.inspect(id).spec?.name ?? ""
        }
        let task = try await self.client.tasks.inspect(context.taskID)
        let slot = String(task.slot ?? 0)
        var prefix = "\(service).\(slot)"
        if let whole = self.taskIDs {
            let id = task.id ?? ""
            prefix += "." + (whole ? id : ObjectID.truncated(id))
        }
        prefix += "@" + node + String(repeating: " ", count: max(0, self.padding - slot.count))
        self.prefixes[context] = prefix
        return prefix
    }

    /// The name `lookup` finds for `id`; the id itself when not resolving or when the lookup
    /// fails (docker's resolver is best-effort).
    private mutating func name(of id: String, _ lookup: (DockerClient, String) async throws -> String) async -> String {
        guard self.resolving else { return id }
        if let known = self.names[id] { return known }
        let name = (try? await lookup(self.client, id)) ?? id
        self.names[id] = name
        return name
    }
}
