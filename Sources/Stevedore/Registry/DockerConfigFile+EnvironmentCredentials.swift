import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerConfigFile {
    /// The environment variable whose credentials take precedence over config.json's (docker
    /// 28.3.2 and later): one JSON object, `{"auths": {"<registry>": {"auth": "<base64 of
    /// user:password>"}}}`, and nothing else.
    public static let environmentCredentialsVariable = "DOCKER_AUTH_CONFIG"

    /// Reads ``environmentCredentialsVariable``'s value as docker reads it: strictly, a field
    /// it does not know being an error, and each registry's `auth` decoded. The errors say
    /// what docker says (it then goes on with config.json's credentials alone).
    static func environmentCredentials(from text: String) throws(DockerError) -> [String: RegistryAuth] {
        let value: JSONValue
        do {
            value = try decodeJSON(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw DockerError.invalidConfiguration(
                "\(Self.environmentCredentialsVariable) is not one JSON object: \(DockerError.reason(of: error))")
        }
        let document = try Self.fields(of: value, into: "Go value", of: "configfile.configEnv", known: "auths")
        let auths = try Self.fields(
            of: document["auths"] ?? .null, into: "Go struct field configEnv.auths",
            of: "map[string]configfile.configEnvAuth")
        var credentials: [String: RegistryAuth] = [:]
        for (registry, entry) in auths.sorted(by: { $0.key < $1.key }) {
            let members = try Self.fields(of: entry, into: "Go struct field configEnv.auths", of: "configfile.configEnvAuth", known: "auth")
            var encoded = ""
            switch members["auth"] ?? .null {
            case .null: break
            case .string(let text): encoded = text
            case let other:
                throw DockerError.invalidConfiguration(
                    "json: cannot unmarshal \(Self.goJSONKind(of: other)) into Go struct field configEnvAuth.auths.auth of type string")
            }
            guard !encoded.isEmpty else {
                throw DockerError.invalidConfiguration(
                    "\(Self.environmentCredentialsVariable) environment variable is missing key `auth` for \(registry)")
            }
            let (username, password) = try Self.userAndPassword(base64: encoded)
            credentials[registry] = RegistryAuth(username: username, password: password, serverAddress: registry)
        }
        return credentials
    }

    /// The members of `value`, an object (`null` reads as none) decoded into `goType` (the
    /// `destination` of encoding/json's error). With `known`, a struct's one field: any other
    /// member is an unknown field, and the member is returned under `known` whatever its case,
    /// as encoding/json matches field names.
    private static func fields(
        of value: JSONValue, into destination: String, of goType: String, known: String? = nil
    ) throws(DockerError) -> [String: JSONValue] {
        let members: [String: JSONValue]
        switch value {
        case .null: return [:]
        case .object(let object): members = object
        default:
            throw DockerError.invalidConfiguration(
                "json: cannot unmarshal \(Self.goJSONKind(of: value)) into \(destination) of type \(goType)")
        }
        guard let known else { return members }
        var fields: [String: JSONValue] = [:]
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            guard key.lowercased() == known else { throw DockerError.invalidConfiguration("json: unknown field \"\(key)\"") }
            fields[known] = member
        }
        return fields
    }

    /// The `auths` of a config file given as `text` (docker reads `DOCKER_AUTH_CONFIG` so for
    /// `--use-api-socket`), by registry as it names them: read as config.json is read, fields
    /// it does not know ignored and each `auth` decoded. Throws
    /// ``DockerError/Category/invalidConfiguration`` for text that is not such a file.
    public static func credentials(inConfigJSON text: String) throws -> [String: RegistryAuth] {
        let value: JSONValue
        do {
            value = try decodeJSON(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw DockerError.invalidConfiguration("it is not a JSON object: \(DockerError.reason(of: error))")
        }
        guard case .object(let object) = value else {
            throw DockerError.invalidConfiguration(
                "json: cannot unmarshal \(Self.goJSONKind(of: value)) into Go value of type configfile.ConfigFile")
        }
        var config = DockerConfigFile(url: URL(fileURLWithPath: "/"))
        config.json = object
        var credentials: [String: RegistryAuth] = [:]
        for key in config.authsKeys {
            do {
                credentials[key] = try config.fileCredentials(forKey: key) ?? RegistryAuth(serverAddress: key)
            } catch {
                throw DockerError.invalidConfiguration("the auth of \"\(key)\" is not base64 of user:password")
            }
        }
        return credentials
    }

    /// An `auth` value, `base64(user:password)`, taken apart as docker does: the user must not
    /// be empty; NUL bytes around the password are dropped.
    private static func userAndPassword(base64 encoded: String) throws(DockerError) -> (String, String) {
        let lines = encoded.filter { $0 != "\r" && $0 != "\n" }
        guard let data = Data(base64Encoded: lines) else {
            throw DockerError.invalidConfiguration("illegal base64 data in the auth of \(Self.environmentCredentialsVariable)")
        }
        let decoded = String(decoding: data, as: UTF8.self)
        guard let (user, password) = decoded.cut(atFirst: ":"), !user.isEmpty else {
            throw DockerError.invalidConfiguration("Invalid auth configuration file")
        }
        var trimmed = password
        while trimmed.first == "\0" { trimmed.removeFirst() }
        while trimmed.last == "\0" { trimmed.removeLast() }
        return (String(user), String(trimmed))
    }

    /// The word encoding/json names a JSON value's kind with in an unmarshalling error.
    private static func goJSONKind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
