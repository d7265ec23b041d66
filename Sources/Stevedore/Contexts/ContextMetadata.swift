import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A context's `meta.json`, read leniently and written byte for byte as the docker CLI writes
/// it (Go's `json.Marshal`): compact, `Name`, `Metadata`, `Endpoints` in that order, the keys of
/// everything inside sorted, `<`, `>` and `&` escaped, no final newline.
enum ContextMetadata {
    /// The context `data` describes (without its TLS files, which are not in meta.json). Keys
    /// match case-insensitively, as Go's decoder matches them; unknown metadata and endpoints
    /// are kept.
    static func decode(_ data: Data, path: String) throws -> DockerContext {
        let object = try Self.object(data, path: path)
        var context = DockerContext(name: Self.field("Name", in: object)?.stringValue ?? "")
        switch Self.field("Metadata", in: object) {
        case nil, .null?:
            break
        case .object(var metadata)?:
            context.description = metadata.removeValue(forKey: "Description")?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            context.additionalMetadata = metadata
        default:
            throw DockerError.invalidConfiguration("parsing \(path): the context metadata is not a JSON object")
        }
        var endpoints = Self.field("Endpoints", in: object)?.objectValue ?? [:]
        if let docker = endpoints.removeValue(forKey: "docker")?.objectValue {
            context.endpoint = DockerContext.Endpoint(
                host: Self.field("Host", in: docker)?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                skipTLSVerify: Self.field("SkipTLSVerify", in: docker)?.boolValue ?? false)
        }
        context.otherEndpoints = endpoints
        return context
    }

    /// `context`'s meta.json, as `docker context create` and `update` write it.
    static func encode(_ context: DockerContext) -> Data {
        var metadata = context.additionalMetadata
        if let description = context.description, !description.isEmpty { metadata["Description"] = .string(description) }
        var endpoints = context.otherEndpoints
        if let endpoint = context.endpoint {
            var docker: [String: JSONValue] = ["SkipTLSVerify": .bool(endpoint.skipTLSVerify)]
            if let host = endpoint.host, !host.isEmpty { docker["Host"] = .string(host) }
            endpoints["docker"] = .object(docker)
        }
        return Self.document(name: context.name, metadata: .object(metadata), endpoints: endpoints.isEmpty ? nil : .object(endpoints))
    }

    /// An imported meta.json as `docker context import` rewrites it: renamed to `name`, every
    /// other field kept as it was.
    static func renamed(_ data: Data, to name: String) throws -> Data {
        let object = try Self.object(data, path: "meta.json")
        func present(_ key: String) -> JSONValue? {
            guard let value = Self.field(key, in: object), value != .null else { return nil }
            return value
        }
        return Self.document(name: name, metadata: present("Metadata"), endpoints: present("Endpoints"))
    }

    // MARK: JSON

    private static func object(_ data: Data, path: String) throws -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw DockerError.invalidConfiguration("parsing \(path): \(error)")
        }
        guard case .object(let object) = value else {
            throw DockerError.invalidConfiguration("parsing \(path): not a JSON object")
        }
        return object
    }

    /// The member `key` of `object`, its exact spelling first, else any spelling (Go's rule).
    private static func field(_ key: String, in object: [String: JSONValue]) -> JSONValue? {
        object[key] ?? object.first { $0.key.lowercased() == key.lowercased() }?.value
    }

    private static func document(name: String, metadata: JSONValue?, endpoints: JSONValue?) -> Data {
        var text = "{\"Name\":\(JSONValue.string(name).goJSON)"
        if let metadata { text += ",\"Metadata\":\(metadata.goJSON)" }
        if let endpoints { text += ",\"Endpoints\":\(endpoints.goJSON)" }
        return Data((text + "}").utf8)
    }
}
