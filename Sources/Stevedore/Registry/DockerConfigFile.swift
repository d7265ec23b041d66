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

/// The docker CLI's configuration file, `config.json`, for its registry credentials: where
/// `docker login` stores them and where pulls, pushes and builds find them.
///
/// Found as the CLI finds it: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`; a
/// missing file is an empty configuration. Credentials come from, in the CLI's order:
/// `credHelpers[<registry>]` (a ``CredentialHelper`` for that registry), else `credsStore` (a
/// helper for all registries), else the `auths` entry (`auth` is standard base64 of
/// `user:password`; `identitytoken` a login token). Registry addresses are normalised with
/// ``RegistryHost``: Docker Hub is `https://index.docker.io/v1/`.
///
/// Loaded with ``load(environment:)``, the credentials of ``environmentCredentialsVariable``
/// (`DOCKER_AUTH_CONFIG`) come first, as docker 28's: a registry it names is not looked up in
/// the file or a helper. A value docker cannot read is set aside (see
/// ``environmentCredentialsError``) and the file's credentials serve alone.
///
/// Saving keeps every field Stevedore does not know (`psFormat`, `proxies`…) as it was.
public struct DockerConfigFile: Hashable, Sendable {
    /// The file read, and written by ``save()``.
    public let url: URL
    /// The whole JSON object, unknown fields included.
    var json: [String: JSONValue]
    /// Directories searched for credential helpers (default: `PATH`).
    var helperSearchPath: [String]?
    /// ``environmentCredentialsVariable``'s credentials, by registry as the variable names
    /// them: matched exactly, before the file and its helpers.
    var environmentCredentials: [String: RegistryAuth] = [:]
    /// Why the environment's ``environmentCredentialsVariable`` was not used: it is not what
    /// docker reads there (docker prints this and goes on with the file's credentials, as
    /// this configuration does). `nil` when the variable is unset, empty or used.
    public private(set) var environmentCredentialsError: DockerError?

    /// An empty configuration that ``save()`` writes to `url`.
    public init(url: URL) {
        self.url = url
        self.json = [:]
    }

    /// Reads the file at `url` to its end (a pipe serves); a missing file is an empty
    /// configuration, an unreadable or malformed one throws
    /// ``DockerError/Category/invalidConfiguration`` with the reason, as Go words it.
    ///
    /// The docker CLI warns about a malformed file and goes on with an empty configuration,
    /// which its next `login` writes over; here it is an error, so that nothing is lost.
    public static func load(from url: URL) throws -> DockerConfigFile {
        var config = DockerConfigFile(url: url)
        let bytes: [UInt8]
        do {
            bytes = try FileContents.bytes(ofFile: url.path)
        } catch  where error.operation == "open" && error.code == ENOENT {
            return config
        } catch {
            throw DockerError.invalidConfiguration("cannot read the docker config: \(error)")
        }
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return config }
        let value: JSONValue
        do {
            value = try decodeJSON(JSONValue.self, from: Data(bytes))
        } catch {
            throw DockerError.invalidConfiguration("cannot read the docker config \(url.path): it is not valid JSON: fix it or remove it")
        }
        guard case .object(let object) = value else {
            throw DockerError.invalidConfiguration(
                "cannot read the docker config \(url.path): it is not a JSON object: fix it or remove it")
        }
        config.json = object
        return config
    }

    /// The configuration the docker CLI would use under `environment`: `DOCKER_CONFIG`'s
    /// `config.json`, else `$HOME/.docker/config.json`, with the credentials of
    /// `DOCKER_AUTH_CONFIG` over it. `PATH` of `environment` is where credential helpers are
    /// looked for.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerConfigFile {
        var config = try Self.load(from: Self.directory(environment: environment).appendingPathComponent("config.json"))
        config.helperSearchPath = environment["PATH"].map { $0.split(scalar: ":").map(String.init) }
        if let text = environment[Self.environmentCredentialsVariable], !text.isEmpty {
            do {
                config.environmentCredentials = try Self.environmentCredentials(from: text)
            } catch {
                config.environmentCredentialsError = error
            }
        }
        return config
    }

    /// The docker CLI's configuration directory in `environment`: `DOCKER_CONFIG`, else
    /// `$HOME/.docker`. It holds `config.json` and the context store.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let configured = environment["DOCKER_CONFIG"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".docker")
    }

    // MARK: Reading

    /// `currentContext`: the context `docker context use` selected; `nil` for `default`.
    public var currentContext: String? {
        get { self.json["currentContext"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        set { self.json["currentContext"] = newValue.flatMap { $0.isEmpty ? nil : JSONValue.string($0) } }
    }

    /// `credsStore`: the helper holding every registry's credentials, if set.
    public var credentialsStore: String? {
        get { self.json["credsStore"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        set { self.json["credsStore"] = newValue.map(JSONValue.string) }
    }

    /// `credHelpers`: registry → helper name.
    public var credentialHelpers: [String: String] {
        (self.json["credHelpers"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// The keys of `auths`.
    public var authsKeys: [String] { (self.json["auths"]?.objectValue ?? [:]).keys.sorted() }

    /// The helper that holds `registry`'s credentials, if one does: its `credHelpers` entry,
    /// else `credsStore`.
    public func helper(forRegistry registry: String) throws -> CredentialHelper? {
        let key = RegistryHost.configKey(for: registry)
        let helpers = self.credentialHelpers
        let name = helpers[key] ?? helpers.first { RegistryHost.configKey(for: $0.key) == key }?.value ?? self.credentialsStore
        return try name.map { try CredentialHelper(name: $0, searchPath: self.helperSearchPath) }
    }

    /// The credentials for `registry` (a host, `docker.io`, or a URL), or `nil` when none are
    /// configured. A helper that fails or is missing throws; its message says which.
    public func credentials(forRegistry registry: String) async throws -> RegistryAuth? {
        let key = RegistryHost.configKey(for: registry)
        if let credentials = self.environmentCredentials[key] { return credentials }
        if let helper = try self.helper(forRegistry: registry) {
            return try await helper.get(key)
        }
        return try self.fileCredentials(forKey: key)
    }

    /// The credentials for the registry `image` (a reference) lives on.
    public func credentials(forImage image: String) async throws -> RegistryAuth? {
        try await self.credentials(forRegistry: RegistryHost.registry(ofImage: image))
    }

    /// The credentials `docker pull` and the plugin commands send for `image`: as
    /// ``credentials(forImage:)``, but when the registry's helper is missing or fails, its
    /// `auths` entry (usually none) instead of the helper's error. A `credsStore` copied from
    /// another machine (`desktop`, `osxkeychain`) then does not stop pulls of public images;
    /// a private one is refused by its registry, as when no credentials are configured.
    /// Only cancellation is thrown.
    public func credentialsIgnoringHelperFailure(forImage image: String) async throws -> RegistryAuth? {
        let registry = RegistryHost.registry(ofImage: image)
        do {
            return try await self.credentials(forRegistry: registry)
        } catch {
            // A helper's run ends with its own error when the task is cancelled.
            try Task.checkCancellation()
            return try? self.fileCredentials(forKey: RegistryHost.configKey(for: registry))
        }
    }

    /// Every registry's credentials, keyed by config key, for a build's `X-Registry-Config`:
    /// the `auths` entries, the `credHelpers` registries, and (when `credsStore` is set) every
    /// registry `auths` names, each read as ``credentials(forRegistry:)`` would, and the
    /// environment's, keyed as `DOCKER_AUTH_CONFIG` names them.
    public func allCredentials() async throws -> [String: RegistryAuth] {
        var result = self.environmentCredentials
        for key in Set(self.authsKeys + self.credentialHelpers.keys) {
            if let credentials = try await self.credentials(forRegistry: key) {
                result[RegistryHost.configKey(for: key)] = credentials
            }
        }
        return result
    }

    /// The `auths` entry for `key`, matched exactly or by hostname as the CLI does for entries
    /// written by old versions (`https://registry:5000/v1/`).
    func fileCredentials(forKey key: String) throws -> RegistryAuth? {
        let auths = self.json["auths"]?.objectValue ?? [:]
        let entry = auths[key] ?? auths.first { RegistryHost.configKey(for: $0.key) == key }?.value
        guard let entry = entry?.objectValue else { return nil }
        var credentials = RegistryAuth(serverAddress: key)
        credentials.email = entry["email"]?.stringValue
        credentials.identityToken = entry["identitytoken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        credentials.registryToken = entry["registrytoken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        if let encoded = entry["auth"]?.stringValue, !encoded.isEmpty {
            guard let decoded = Data(base64Encoded: encoded).map({ String(decoding: $0, as: UTF8.self) }),
                let (username, password) = decoded.cut(atFirst: ":")
            else {
                throw DockerError.invalidConfiguration("the auth of \"\(key)\" in \(self.url.path) is not base64 of user:password")
            }
            credentials.username = String(username)
            credentials.password = String(password)
        }
        guard credentials.username != nil || credentials.identityToken != nil || credentials.registryToken != nil else { return nil }
        return credentials
    }

    // MARK: Writing

    /// Stores `credentials` for `registry` as `docker login` does: in its helper when one is
    /// configured (config.json then keeps an empty `auths` entry naming the registry), else in
    /// `auths` as `auth` = base64(`user:password`) (an identity token instead of the password
    /// when there is one). The environment's credentials for `registry`, if any, give way to
    /// these. Call ``save()`` afterwards.
    public mutating func store(_ credentials: RegistryAuth, forRegistry registry: String) async throws {
        let key = RegistryHost.configKey(for: registry)
        // As docker's store of the environment's credentials: what was stored is what is read.
        self.environmentCredentials[key] = nil
        var auths = self.json["auths"]?.objectValue ?? [:]
        if let helper = try self.helper(forRegistry: registry) {
            try await helper.store(credentials, for: key)
            auths[key] = .object([:])
        } else {
            var entry: [String: JSONValue] = [:]
            if let username = credentials.username {
                let secret = credentials.identityToken == nil ? credentials.password ?? "" : ""
                entry["auth"] = .string(Data("\(username):\(secret)".utf8).base64EncodedString())
            }
            if let token = credentials.identityToken { entry["identitytoken"] = .string(token) }
            auths[key] = .object(entry)
        }
        self.json["auths"] = .object(auths)
    }

    /// Forgets `registry`'s credentials (`docker logout`): erases them from its helper, if any,
    /// and removes the `auths` entry; this value also forgets the environment's. Returns whether
    /// there was anything to forget in the file or the helper.
    @discardableResult
    public mutating func erase(registry: String) async throws -> Bool {
        let key = RegistryHost.configKey(for: registry)
        self.environmentCredentials[key] = nil
        var auths = self.json["auths"]?.objectValue ?? [:]
        let matching = auths.keys.filter { $0 == key || RegistryHost.configKey(for: $0) == key }
        var found = !matching.isEmpty
        if let helper = try self.helper(forRegistry: registry), try await helper.get(key) != nil {
            try await helper.erase(key)
            found = true
        }
        for existing in matching { auths.removeValue(forKey: existing) }
        self.json["auths"] = .object(auths)
        return found
    }

    /// Writes the file (indented JSON, mode 0600 as the CLI writes it), creating its
    /// directory; the write goes to a temporary file renamed over the old one.
    public func save() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let directory = self.url.deletingLastPathComponent()
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(try encoder.encode(JSONValue.object(self.json)), to: self.url, mode: 0o600)
        } catch let error as DockerError {
            throw error
        } catch {
            throw DockerError.invalidConfiguration("cannot write the docker config \(self.url.path): \(DockerError.reason(of: error))")
        }
    }
}
