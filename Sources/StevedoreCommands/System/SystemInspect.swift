import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore inspect`: any object by name or id, as docker's top-level `inspect` finds it:
    /// tried as a container, an image, a network, a volume, then (on a swarm manager) a service,
    /// a task and a node, then a plugin, and (on a manager) a secret and a config; the first
    /// kind that has it answers. `--type` asks one kind only, and its error is the answer.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Return low-level information on Docker objects")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Option(name: .long, parsing: .unconditional, help: "Only inspect objects of the given type")
        var type: String?

        @Flag(name: [.customShort("s"), .long], help: "Display total file sizes if the type is container")
        var size = false

        @Argument(help: "Names or ids of objects") var objects: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let kinds = try Self.kinds(named: self.type)
            try await withClient(self.global) { client in
                try await inspectEach(self.objects, format: self.format) { reference in
                    try await Self.find(reference, among: kinds, constrained: self.type != nil, size: self.size, client: client)
                }
            }
        }

        /// The kinds `type` allows, in the order they are tried; docker's words for a type it
        /// does not know (exit code 1).
        static func kinds(named type: String?) throws -> [ObjectKind] {
            guard let type else { return ObjectKind.allCases }
            let names = ObjectKind.allCases.map(\.rawValue).sorted().joined(separator: "\", \"")
            guard !type.isEmpty else { throw CommandFailure(description: "type is empty: must be one of \"\(names)\"") }
            guard let kind = ObjectKind(rawValue: type) else {
                throw CommandFailure(description: "unknown type: \(GoQuote.quote(type)): must be one of \"\(names)\"")
            }
            return [kind]
        }

        /// `reference` inspected as the first of `kinds` that has it. Unless `constrained`, a kind
        /// that does not have it (not found, a reference it cannot hold, an operation the daemon
        /// does not support) passes it on, and the swarm's kinds are asked only of a manager.
        private static func find(
            _ reference: String, among kinds: [ObjectKind], constrained: Bool, size: Bool, client: DockerClient
        ) async throws -> (value: InspectedObject, raw: Data) {
            var isManager: Bool?
            for kind in kinds {
                if !constrained && kind.isSwarmObject {
                    if isManager == nil { isManager = await Self.isSwarmManager(client) }
                    if isManager == false { continue }
                }
                do {
                    let found = try await kind.inspect(reference, size: size, client: client)
                    if size && kind != .container { printError("WARNING: --size ignored for \(kind.rawValue)") }
                    return found
                } catch let error as DockerError where !constrained && Self.isSkippable(error, reference) {
                    continue
                }
            }
            throw DockerError(category: .notFound, message: "Error: No such object: \(reference)")
        }

        /// docker's `isErrSkippable`, and this client's refusal of a reference a kind cannot
        /// hold (a `/` in a volume's name), which a daemon answers with not found. An empty (or
        /// blank) reference is not skipped: docker's client refuses it for a container, the
        /// first kind.
        private static func isSkippable(_ error: DockerError, _ reference: String) -> Bool {
            error.category == .notFound || (error.category == .invalidInput && !reference.trimmingWhitespace().isEmpty)
                || error.message.contains("not supported")
                || error.message.contains("invalid reference format")
        }

        /// Whether the daemon manages a swarm; an error is printed and means no, as docker does.
        private static func isSwarmManager(_ client: DockerClient) async -> Bool {
            do {
                return try await client.system.info().swarm?.controlAvailable == true
            } catch {
                printError("\(error)")
                return false
            }
        }
    }
}

/// The kinds of object the top-level `inspect` knows, in the order it tries them.
enum ObjectKind: String, CaseIterable {
    case container, image, network, volume, service, task, node, plugin, secret, config

    var isSwarmObject: Bool {
        switch self {
        case .service, .task, .node, .secret, .config: return true
        case .container, .image, .network, .volume, .plugin: return false
        }
    }

    /// The object and the daemon's JSON for it, as each kind's own inspect command reads it.
    func inspect(_ reference: String, size: Bool, client: DockerClient) async throws -> (value: InspectedObject, raw: Data) {
        func found(_ result: (value: some Encodable & Sendable, raw: Data)) -> (value: InspectedObject, raw: Data) {
            (InspectedObject(result.value), result.raw)
        }
        switch self {
        case .container: return found(try await client.containers.inspectWithRaw(reference, size: size))
        case .image: return found(try await client.images.inspectWithRaw(reference))
        case .network: return found(try await client.networks.inspectWithRaw(reference))
        case .volume: return found(try await client.volumes.inspectWithRaw(reference))
        case .service: return found(try await client.services.inspectWithRaw(reference, insertDefaults: true))
        case .task: return found(try await client.tasks.inspectWithRaw(reference))
        case .node: return found(try await client.nodes.inspectWithRaw(reference))
        case .plugin: return found(try await client.plugins.inspectWithRaw(reference))
        case .secret: return found(try await client.secrets.inspectWithRaw(reference))
        case .config: return found(try await client.configs.inspectWithRaw(reference))
        }
    }
}

/// An object of any kind, encoded as its own type encodes: what a format's template sees.
struct InspectedObject: Encodable {
    private let base: any Encodable & Sendable

    init(_ base: some Encodable & Sendable) {
        self.base = base
    }

    // As a single value, so that the encoder sees the object's own type (its Go pointer fields).
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.base)
    }
}
