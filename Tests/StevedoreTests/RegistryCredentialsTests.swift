import Foundation
import StevedoreTestSupport
import Testing

@testable import Stevedore

@Suite("Registry credentials: X-Registry-Auth, config.json, credential helpers")
struct RegistryCredentialsTests {
    @Test func headerIsBase64URLOfTheJSON() throws {
        let auth = RegistryAuth(username: "user", password: "p+ss/w=rd??>>", serverAddress: "127.0.0.1:5000")
        let header = auth.headerValue
        #expect(!header.contains("+") && !header.contains("/"))
        let standard = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let decoded = try JSONDecoder().decode(RegistryAuth.self, from: try #require(Data(base64Encoded: standard)))
        #expect(decoded == auth)
        let json = String(decoding: try #require(Data(base64Encoded: standard)), as: UTF8.self)
        #expect(json == #"{"password":"p+ss/w=rd??>>","serveraddress":"127.0.0.1:5000","username":"user"}"#)
    }

    @Test func registryHostsAreNormalisedLikeTheCLI() {
        #expect(RegistryHost.registry(ofImage: "busybox") == "docker.io")
        #expect(RegistryHost.registry(ofImage: "library/busybox:1") == "docker.io")
        #expect(RegistryHost.registry(ofImage: "127.0.0.1:5000/a/b:1") == "127.0.0.1:5000")
        #expect(RegistryHost.registry(ofImage: "localhost/a") == "localhost")
        #expect(RegistryHost.registry(ofImage: "ghcr.io/o/r") == "ghcr.io")
        for hub in ["docker.io", "index.docker.io", "https://index.docker.io/v1/", "registry-1.docker.io", ""] {
            #expect(RegistryHost.configKey(for: hub) == RegistryHost.dockerHubKey)
        }
        #expect(RegistryHost.configKey(for: "https://registry.example.com:5000/v2/") == "registry.example.com:5000")
    }

    @Test func authsEntriesAreReadAndWrittenLikeDockerLogin() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["DOCKER_CONFIG": directory.path, "PATH": "/nonexistent"]
        var config = try DockerConfigFile.load(environment: environment)
        #expect(try await config.credentials(forImage: "127.0.0.1:5000/x") == nil)
        config.json["psFormat"] = "table {{.ID}}"
        try await config.store(RegistryAuth(username: "me", password: "a:b+c/="), forRegistry: "http://127.0.0.1:5000/")
        try await config.store(RegistryAuth(username: "hub", password: "pw"), forRegistry: "docker.io")
        try config.save()

        let reloaded = try DockerConfigFile.load(environment: environment)
        #expect(reloaded.json["psFormat"]?.stringValue == "table {{.ID}}")
        #expect(reloaded.authsKeys == ["127.0.0.1:5000", RegistryHost.dockerHubKey])
        let local = try #require(try await reloaded.credentials(forImage: "127.0.0.1:5000/team/app:1"))
        #expect(local.username == "me" && local.password == "a:b+c/=")
        #expect(try await reloaded.credentials(forImage: "busybox")?.username == "hub")
        let raw = try String(contentsOf: directory.appendingPathComponent("config.json"), encoding: .utf8)
        #expect(raw.contains(Data("me:a:b+c/=".utf8).base64EncodedString()))

        var erasing = reloaded
        #expect(try await erasing.erase(registry: "127.0.0.1:5000"))
        #expect(try await erasing.credentials(forRegistry: "127.0.0.1:5000") == nil)
    }

    /// `DOCKER_AUTH_CONFIG` comes before the file for the registries it names, exactly as it
    /// names them; a login or logout of one of them goes to the file and is what is read next.
    @Test func environmentCredentialsComeFirst() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = ["DOCKER_CONFIG": directory.path, "PATH": "/nonexistent"]
        var file = try DockerConfigFile.load(environment: environment)
        try await file.store(RegistryAuth(username: "file", password: "f"), forRegistry: "127.0.0.1:5000")
        try await file.store(RegistryAuth(username: "other", password: "o"), forRegistry: "ghcr.io")
        try file.save()

        let auth = { (pair: String) in Data(pair.utf8).base64EncodedString() }
        environment[DockerConfigFile.environmentCredentialsVariable] =
            #"{"auths": {"127.0.0.1:5000": {"auth": "\#(auth("env:a:b\0"))"}, "quay.io": {"Auth": "\#(auth("q:q"))"}}}"#
        var config = try DockerConfigFile.load(environment: environment)
        #expect(config.environmentCredentialsError == nil)
        let local = try #require(try await config.credentials(forImage: "127.0.0.1:5000/app"))
        #expect(local.username == "env" && local.password == "a:b" && local.serverAddress == "127.0.0.1:5000")
        #expect(try await config.credentials(forImage: "ghcr.io/o/r")?.username == "other")
        let all = try await config.allCredentials()
        #expect(all.mapValues { $0.username } == ["127.0.0.1:5000": "env", "ghcr.io": "other", "quay.io": "q"])

        try await config.store(RegistryAuth(username: "new", password: "n"), forRegistry: "127.0.0.1:5000")
        #expect(try await config.credentials(forRegistry: "127.0.0.1:5000")?.username == "new")
        #expect(try await config.erase(registry: "quay.io") == false)
        #expect(try await config.credentials(forRegistry: "quay.io") == nil)
    }

    /// A config file given as text, as `--use-api-socket` reads `DOCKER_AUTH_CONFIG`: leniently,
    /// what config.json may hold besides `auths` ignored, the registries as it names them.
    @Test func credentialsInConfigJSONAreReadAsConfigJSONIs() throws {
        let text = #"{"auths": {"r:5000": {"auth": "dTpw", "identitytoken": "t"}, "bare": {}}, "credsStore": "none"}"#
        let credentials = try DockerConfigFile.credentials(inConfigJSON: text)
        #expect(credentials["r:5000"] == RegistryAuth(username: "u", password: "p", serverAddress: "r:5000", identityToken: "t"))
        #expect(credentials["bare"] == RegistryAuth(serverAddress: "bare"))
        #expect(try DockerConfigFile.credentials(inConfigJSON: "{}").isEmpty)
        for malformed in ["[1]", "{", #"{"auths": {"r": {"auth": "%%%"}}}"#] {
            #expect(throws: DockerError.self) { try DockerConfigFile.credentials(inConfigJSON: malformed) }
        }
    }

    /// A `DOCKER_AUTH_CONFIG` docker would not read is set aside with docker's reason, and the
    /// file's credentials serve alone.
    @Test(arguments: [
        (#"{"auths": {}, "credsStore": "x"}"#, #"json: unknown field "credsStore""#),
        (#"{"auths": {"r": {}}}"#, "DOCKER_AUTH_CONFIG environment variable is missing key `auth` for r"),
        (#"{"auths": {"r": {"auth": "dTpw", "email": "e"}}}"#, #"json: unknown field "email""#),
        (#"{"auths": {"r": {"auth": "OnA="}}}"#, "Invalid auth configuration file"),
        (#"{"auths": {"r": {"auth": "bm9jb2xvbg=="}}}"#, "Invalid auth configuration file"),
        (#"{"auths": {"r": {"auth": 5}}}"#, "json: cannot unmarshal number into Go struct field configEnvAuth.auths.auth of type string"),
        (
            #"{"auths": ["r"]}"#,
            "json: cannot unmarshal array into Go struct field configEnv.auths of type map[string]configfile.configEnvAuth"
        ),
        ("[]", "json: cannot unmarshal array into Go value of type configfile.configEnv"),
    ])
    func malformedEnvironmentCredentialsAreSetAside(value: String, reason: String) async throws {
        let environment = [
            "DOCKER_CONFIG": "/nonexistent/stevedore-config", "PATH": "/nonexistent",
            DockerConfigFile.environmentCredentialsVariable: value,
        ]
        let config = try DockerConfigFile.load(environment: environment)
        #expect(config.environmentCredentialsError?.message == reason)
        #expect(try await config.allCredentials().isEmpty)
    }

    /// A config.json that cannot be read or is not a JSON object is an error that names the
    /// file and says what to do, never an empty configuration a `login` would write over.
    @Test func anUnreadableOrMalformedConfigIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.json")
        for (content, reason) in [("{bad", "it is not valid JSON"), ("[]", "it is not a JSON object")] {
            try Data(content.utf8).write(to: file)
            let error = #expect(throws: DockerError.self) { try DockerConfigFile.load(from: file) }
            #expect(error?.category == .invalidConfiguration)
            #expect(error?.message == "cannot read the docker config \(file.path): \(reason): fix it or remove it")
        }
        try Data(" \n".utf8).write(to: file)
        #expect(try DockerConfigFile.load(from: file).json.isEmpty)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
        let unreadable = #expect(throws: DockerError.self) { try DockerConfigFile.load(from: file) }
        #expect(unreadable?.message == "cannot read the docker config: read \(file.path): is a directory")
    }

    @Test func aMissingHelperIsAClearError() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = #"{"credsStore":"stevedore-missing","auths":{"file.example":{"auth":"dTpw"}}}"#
        try Data(text.utf8).write(to: directory.appendingPathComponent("config.json"))
        let config = try DockerConfigFile.load(environment: ["DOCKER_CONFIG": directory.path, "PATH": directory.path])
        let error = await #expect(throws: DockerError.self) { try await config.credentials(forRegistry: "example.com") }
        #expect(error?.category == .invalidConfiguration)
        #expect(error?.message.contains("docker-credential-stevedore-missing is not installed") == true)
        // docker's pull goes on with the file's entry, usually none.
        #expect(try await config.credentialsIgnoringHelperFailure(forImage: "example.com/app") == nil)
        let fromFile = try await config.credentialsIgnoringHelperFailure(forImage: "file.example/app:1")
        #expect(fromFile?.username == "u" && fromFile?.password == "p")
        #expect(throws: DockerError.self) { try CredentialHelper(name: "../evil") }
    }

    @Test func helpersGetStoreAndReportTheirErrors() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-helper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let helper = try TestCredentialHelper.install(in: directory, name: "stevetest", username: "u", password: "p+/=")
        #expect(
            try await helper.get("registry.example.com")
                == RegistryAuth(username: "u", password: "p+/=", serverAddress: "registry.example.com"))
        // What a failing helper printed stays out of the error (it may hold the secret); the
        // hint says how to see it.
        let failure = await #expect(throws: DockerError.self) { try await helper.get("fail.example.com") }
        #expect(failure?.message == "docker-credential-stevetest get failed (exit status 1)")
        #expect(failure?.hint == "run `echo fail.example.com | docker-credential-stevetest get` to see the helper's own message")
        #expect(try await helper.get("unknown.example.com") == nil)
        try await helper.store(RegistryAuth(username: "x", password: "y"), for: "registry.example.com")
        let stored = try String(contentsOf: directory.appendingPathComponent("stored"), encoding: .utf8)
        #expect(stored.contains(#""Secret":"y""#) && stored.contains(#""ServerURL":"registry.example.com""#))
    }

    @Test func secretsNeverReachDescriptionsOrErrors() async throws {
        let secret = "s3cr3t-\(UUID().uuidString)"
        let credentials = RegistryAuth(
            username: "u", password: secret, auth: secret, serverAddress: "r.example.com", identityToken: secret, registryToken: secret)
        var dumped = ""
        dump(credentials, to: &dumped)
        for shown in ["\(credentials)", String(describing: credentials), String(reflecting: credentials), dumped, "\([credentials])"] {
            #expect(!shown.contains(secret), "\(shown)")
            #expect(shown.contains("r.example.com") && shown.contains("<redacted>"), "\(shown)")
        }
        let login = AuthConfig(username: "u", password: secret, serveraddress: "r.example.com")
        #expect(!"\(login)".contains(secret) && !String(reflecting: login).contains(secret))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-helper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let helper = try TestCredentialHelper.install(in: directory, name: "stevetest", username: "u", password: secret)
        for server in ["leak.example.com", "garbage.example.com"] {
            let error = await #expect(throws: DockerError.self) { try await helper.get(server) }
            let shown = "\(String(describing: error)) \(error?.message ?? "") \(error?.hint ?? "")"
            #expect(!shown.contains(secret), "\(shown)")
            #expect(shown.contains("docker-credential-stevetest"), "\(shown)")
        }
        #expect(!"\(try await helper.get("registry.example.com") as Any)".contains(secret))
    }
}
