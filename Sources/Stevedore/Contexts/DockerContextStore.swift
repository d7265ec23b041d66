import Crypto
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

/// The docker CLI's context store, `contexts/` in its configuration directory (`DOCKER_CONFIG`,
/// default `~/.docker`), read and written as the CLI does:
///
/// - `contexts/meta/<id>/meta.json`, where `<id>` is the hex SHA-256 of the context's name:
///   `{"Name":…,"Metadata":{"Description":…},"Endpoints":{"docker":{"Host":…,"SkipTLSVerify":…}}}`,
///   compact, without a final newline, mode 0644;
/// - `contexts/tls/<id>/docker/{ca,cert,key}.pem`, copies of the files a context was created
///   with, mode 0600 in 0700 directories.
///
/// Fields Stevedore does not know (other metadata, other endpoints) are kept on update. Every
/// write replaces its file atomically. The store holds no state: each call reads the disk.
public struct DockerContextStore: Sendable {
    /// The configuration directory whose `contexts/` this store is.
    public let configDirectory: URL

    public init(configDirectory: URL) {
        self.configDirectory = configDirectory
    }

    /// The store of the configuration directory of `environment` (see
    /// ``DockerConfigFile/directory(environment:)``).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(configDirectory: DockerConfigFile.directory(environment: environment))
    }

    /// Where a context's `meta.json` is, whether or not the context exists.
    public func metadataDirectory(forContext name: String) -> URL {
        self.configDirectory.appendingPathComponent("contexts/meta/\(Self.identifier(of: name))")
    }

    /// Where a context's TLS material is, whether or not it has any.
    public func tlsDirectory(forContext name: String) -> URL {
        self.configDirectory.appendingPathComponent("contexts/tls/\(Self.identifier(of: name))")
    }

    /// The directory of a context's `docker` endpoint TLS files.
    func dockerTLSDirectory(forContext name: String) -> URL {
        self.tlsDirectory(forContext: name).appendingPathComponent("docker")
    }

    /// The hex SHA-256 of `name`: the directory names of its context.
    static func identifier(of name: String) -> String {
        SHA256.hash(data: Data(name.utf8)).map { $0.hexDigits(width: 2) }.joined()
    }

    /// Checks `name` as docker does before storing a context: not empty, not `default`, and
    /// matching `^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$` (so at least two characters). Throws
    /// ``DockerError/Category/invalidInput`` with docker's message.
    public static func validate(name: String) throws {
        guard !name.isEmpty else { throw DockerError.invalidInput("context name cannot be empty") }
        guard name != DockerContext.defaultName else {
            throw DockerError.invalidInput("\"\(DockerContext.defaultName)\" is a reserved context name")
        }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let bytes = Array(name.utf8)
        let valid =
            bytes.count >= 2 && isAlphanumeric(bytes[0])
            && bytes.dropFirst().allSatisfy { isAlphanumeric($0) || "_.+-".utf8.contains($0) }
        guard valid else {
            throw DockerError.invalidInput(
                "context name \"\(name)\" is invalid, names are validated against regexp \"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$\"")
        }
    }

    // MARK: Reading

    /// Every stored context (not `default`), sorted by name. A `meta.json` that cannot be
    /// parsed, or a directory of the store that cannot be read, fails the whole list, as in
    /// docker.
    public func list() throws -> [DockerContext] {
        let root = self.configDirectory.appendingPathComponent("contexts/meta")
        guard stat.isDirectory(root.path) else { return [] }
        let paths: [String]
        do {
            paths = try FileManager.default.subpathsOfDirectory(atPath: root.path)
        } catch {
            throw DockerError.invalidConfiguration("failed to read the contexts in \(root.path): \(DockerError.reason(of: error))")
        }
        var contexts: [DockerContext] = []
        for path in paths where path == "meta.json" || path.hasByteSuffix("/meta.json") {
            let url = root.appendingPathComponent(path)
            guard let status = stat.of(url.path), status.st_mode & S_IFMT == S_IFREG else { continue }
            do {
                contexts.append(try self.context(metadataFile: url))
            } catch var error as DockerError {
                error.message = "failed to read metadata: \(error.message)"
                throw error
            }
        }
        return contexts.sorted { $0.name < $1.name }
    }

    /// Whether a context named `name` is stored.
    public func contains(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: self.metadataDirectory(forContext: name).appendingPathComponent("meta.json").path)
    }

    /// The stored context `name`. Throws ``DockerError/Category/notFound`` naming it when it is
    /// not stored (`default` never is: see ``DockerContext/defaultContext(environment:)``), and
    /// ``DockerError/Category/invalidConfiguration`` for a `meta.json` that cannot be parsed.
    public func inspect(_ name: String) throws -> DockerContext {
        let file = self.metadataDirectory(forContext: name).appendingPathComponent("meta.json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw DockerError(
                category: .notFound, message: "context \"\(name)\": context not found: open \(file.path): no such file or directory")
        }
        do {
            return try self.context(metadataFile: file)
        } catch var error as DockerError {
            error.message = "context \"\(name)\": \(error.message)"
            throw error
        }
    }

    /// The names of the TLS files each endpoint of context `name` has, sorted (what
    /// `docker context inspect` shows as `TLSMaterial`).
    public func tlsFileNames(ofContext name: String) -> [String: [String]] {
        let directory = self.tlsDirectory(forContext: name)
        var result: [String: [String]] = [:]
        for endpoint in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(endpoint).path)) ?? []
            result[endpoint] = files.filter { !Self.isDirectory(directory.appendingPathComponent("\(endpoint)/\($0)")) }.sorted()
        }
        return result
    }

    /// The context a `meta.json` describes, with the TLS files stored beside it.
    private func context(metadataFile file: URL) throws -> DockerContext {
        var context = try ContextMetadata.decode(try Self.read(file), path: file.path)
        let tls = self.dockerTLSDirectory(forContext: context.name)
        if Self.isDirectory(tls) {
            func stored(_ name: String) -> URL? {
                let url = tls.appendingPathComponent(name)
                return FileManager.default.fileExists(atPath: url.path) ? url : nil
            }
            context.tls = DockerContext.TLSFiles(
                caCertificate: stored("ca.pem"), clientCertificate: stored("cert.pem"), clientKey: stored("key.pem"))
        }
        return context
    }

    // MARK: Writing

    /// Stores a new context: its metadata, and copies of its TLS files. Throws
    /// ``DockerError/Category/invalidInput`` for an invalid name,
    /// ``DockerError/Category/conflict`` when the name is taken, and
    /// ``DockerError/Category/invalidConfiguration`` for a TLS file that cannot be read or a
    /// host that does not parse.
    public func create(_ context: DockerContext) throws {
        try self.checkNewName(context.name)
        try self.write(context)
    }

    /// Checks that a new context can be stored as `name`, as ``create(_:)`` and
    /// ``import(_:from:)`` do before anything else: a valid name (``validate(name:)``) that no
    /// stored context has, else ``DockerError/Category/conflict`` (`context "NAME" already
    /// exists`).
    public func checkNewName(_ name: String) throws {
        try Self.validate(name: name)
        guard !self.contains(name) else {
            throw DockerError(category: .conflict, message: "context \"\(name)\" already exists")
        }
    }

    /// Replaces the stored context of the same name with `context`: its description, endpoint
    /// and TLS files (`nil` removes them). Throws as ``create(_:)``, and
    /// ``DockerError/Category/notFound`` when no such context is stored.
    public func update(_ context: DockerContext) throws {
        try Self.validate(name: context.name)
        _ = try self.inspect(context.name)
        try self.write(context)
    }

    /// Removes context `name` and its TLS files. Throws ``DockerError/Category/notFound`` when
    /// it is not stored, and ``DockerError/Category/invalidInput`` for `default`.
    public func remove(_ name: String) throws {
        guard name != DockerContext.defaultName else {
            throw DockerError.invalidInput("context \"\(DockerContext.defaultName)\" cannot be removed")
        }
        let metadata = self.metadataDirectory(forContext: name)
        guard FileManager.default.fileExists(atPath: metadata.path) else {
            throw DockerError(category: .notFound, message: "context \"\(name)\" does not exist")
        }
        for (directory, what) in [(metadata, "metadata"), (self.tlsDirectory(forContext: name), "TLS data")]
        where FileManager.default.fileExists(atPath: directory.path) {
            do {
                try FileManager.default.removeItem(at: directory)
            } catch {
                throw DockerError.invalidConfiguration(
                    "failed to remove context \(name): failed to remove \(what): \(DockerError.reason(of: error))")
            }
        }
    }

    private func write(_ context: DockerContext) throws {
        if let host = context.endpoint?.host, !host.isEmpty {
            _ = try DockerContext.host(parsing: host)
        }
        // Read the TLS files before the old ones are removed: an update may name the store's own.
        let files = try (context.tls?.byStoredName ?? []).map { name, url in
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DockerError.invalidConfiguration("cannot read the TLS file \(url.path)")
            }
            return (name, data)
        }
        try self.writeMetadata(ContextMetadata.encode(context), forContext: context.name)
        try self.replaceTLSFiles(context.tls == nil ? nil : files, forContext: context.name)
    }

    /// Writes a context's `meta.json` (0644, in a 0755 directory).
    func writeMetadata(_ data: Data, forContext name: String) throws {
        let directory = self.metadataDirectory(forContext: name)
        try Self.createDirectory(directory, mode: 0o755)
        try AtomicFile.write(data, to: directory.appendingPathComponent("meta.json"), mode: 0o644)
    }

    /// Replaces the `docker` endpoint's TLS files of context `name`; `nil` leaves it none.
    func replaceTLSFiles(_ files: [(name: String, data: Data)]?, forContext name: String) throws {
        let tls = self.tlsDirectory(forContext: name)
        if FileManager.default.fileExists(atPath: tls.path) {
            try FileManager.default.removeItem(at: tls)
        }
        guard let files else { return }
        let directory = self.dockerTLSDirectory(forContext: name)
        try Self.createDirectory(directory, mode: 0o700)
        for (file, data) in files {
            try AtomicFile.write(data, to: directory.appendingPathComponent(file), mode: 0o600)
        }
    }

    // MARK: Files

    static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DockerError.invalidConfiguration("cannot read \(url.path)")
        }
        return data
    }

    static func isDirectory(_ url: URL) -> Bool {
        stat.isDirectory(url.path)
    }

    private static func createDirectory(_ url: URL, mode: Int) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: mode])
        } catch {
            throw DockerError.invalidConfiguration("cannot create \(url.path): \(DockerError.reason(of: error))")
        }
    }
}
