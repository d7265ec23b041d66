import Foundation
import NIOCore
import Testing

@testable import Stevedore

/// The context store on a temporary configuration directory: the docker CLI's file formats,
/// byte for byte, and its resolution order.
@Suite("Docker contexts: the store, its archive and the current context")
struct DockerContextStoreTests {
    /// A fresh configuration directory, removed afterwards.
    static func withStore(_ body: (DockerContextStore, [String: String]) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-contexts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(DockerContextStore(configDirectory: directory), ["DOCKER_CONFIG": directory.path, "HOME": directory.path])
    }

    static func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    @Test func metaJSONIsWrittenAsDockerWritesIt() throws {
        try Self.withStore { store, _ in
            try store.create(DockerContext(name: "my-ctx", description: "d", endpoint: .init(host: "tcp://1.2.3.4:2375")))
            try store.create(DockerContext(name: "nohost", endpoint: .init(host: nil, skipTLSVerify: true)))
            try store.create(DockerContext(name: "tls-ctx", description: "a<b>&\"c", endpoint: .init(host: "tcp://1.2.3.4:2376")))
            let directory = store.metadataDirectory(forContext: "my-ctx")
            #expect(directory.lastPathComponent == "2e949dbc66d8e770bad3c1d483a32c09f47684977c5793624a441c886e9d1abb")
            func meta(_ name: String) throws -> String {
                String(
                    decoding: try Data(contentsOf: store.metadataDirectory(forContext: name).appendingPathComponent("meta.json")),
                    as: UTF8.self)
            }
            #expect(
                try meta("my-ctx")
                    == #"{"Name":"my-ctx","Metadata":{"Description":"d"},"#
                    + #""Endpoints":{"docker":{"Host":"tcp://1.2.3.4:2375","SkipTLSVerify":false}}}"#
            )
            #expect(try meta("nohost") == #"{"Name":"nohost","Metadata":{},"Endpoints":{"docker":{"SkipTLSVerify":true}}}"#)
            #expect(
                try meta("tls-ctx")
                    == #"{"Name":"tls-ctx","Metadata":{"Description":"a\u003cb\u003e\u0026\"c"},"#
                    + #""Endpoints":{"docker":{"Host":"tcp://1.2.3.4:2376","SkipTLSVerify":false}}}"#
            )
            #expect(try Self.mode(directory.appendingPathComponent("meta.json")) == 0o644)
            #expect(try store.inspect("tls-ctx").description == "a<b>&\"c")
        }
    }

    @Test func tlsFilesAreCopiedIntoTheStoreAndTurnTLSOn() throws {
        try Self.withStore { store, _ in
            let source = store.configDirectory.appendingPathComponent("source")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            for name in ["ca", "cert", "key"] { try Data("\(name) PEM".utf8).write(to: source.appendingPathComponent("\(name).pem")) }
            let files = DockerContext.TLSFiles(
                caCertificate: source.appendingPathComponent("ca.pem"), clientCertificate: source.appendingPathComponent("cert.pem"),
                clientKey: source.appendingPathComponent("key.pem"))
            try store.create(DockerContext(name: "secure", endpoint: .init(host: "tcp://10.0.0.1:2376"), tls: files))
            try FileManager.default.removeItem(at: source)

            let stored = try store.inspect("secure")
            let tls = try #require(stored.tls)
            #expect(
                tls.caCertificate?.deletingLastPathComponent() == store.tlsDirectory(forContext: "secure").appendingPathComponent("docker"))
            #expect(try Data(contentsOf: try #require(tls.clientKey)) == Data("key PEM".utf8))
            #expect(try Self.mode(try #require(tls.clientKey)) == 0o600)
            #expect(try Self.mode(store.tlsDirectory(forContext: "secure")) == 0o700)
            #expect(store.tlsFileNames(ofContext: "secure") == ["docker": ["ca.pem", "cert.pem", "key.pem"]])

            let configuration = try stored.clientConfiguration()
            #expect(configuration.tls?.caCertificatePath == tls.caCertificate?.path)
            #expect(configuration.tls?.clientKeyPath == tls.clientKey?.path)
            #expect(configuration.tls?.verifyServer == true)

            // An update keeps the store's own files, or drops them.
            var described = stored
            described.description = "kept"
            try store.update(described)
            #expect(try store.inspect("secure").tls == tls)
            described.tls = nil
            try store.update(described)
            #expect(try store.inspect("secure").tls == nil)
            #expect(try store.inspect("secure").clientConfiguration().tls == nil)
        }
    }

    @Test func tlsAppliesToTCPOnlyAndSkipVerifyAloneTurnsItOn() throws {
        let skip = DockerContext(name: "skip", endpoint: .init(host: "tcp://10.0.0.1:2376", skipTLSVerify: true))
        #expect(try skip.clientConfiguration().tls == DockerTLSOptions(verifyServer: false))
        let unix = DockerContext(name: "unix", endpoint: .init(host: "unix:///run/x.sock", skipTLSVerify: true), tls: .init())
        #expect(try unix.clientConfiguration().tls == nil)
        #expect(try DockerContext(name: "nohost", endpoint: .init(host: nil)).clientConfiguration().host == .local)
        let none = #expect(throws: DockerError.self) { try DockerContext(name: "bare").clientConfiguration() }
        #expect(none?.message == "context \"bare\" has no docker endpoint")
        let malformed = #expect(throws: DockerError.self) {
            try DockerContext(name: "bad", endpoint: .init(host: "foo")).clientConfiguration()
        }
        #expect(malformed?.message.hasPrefix("context \"bad\": invalid Docker host \"foo\"") == true)
        for empty in ["tcp://", "unix://", "ssh:// "] {
            let error = #expect(throws: DockerError.self) {
                try DockerContext(name: "empty", endpoint: .init(host: empty)).clientConfiguration()
            }
            #expect(error?.message == "context \"empty\": invalid Docker host \"\(empty)\": a context's host needs an address")
        }
        let portOnly = DockerContext(name: "port", endpoint: .init(host: "tcp://:2375"))
        #expect(try portOnly.clientConfiguration().host.description == "tcp://127.0.0.1:2375")
        // The store refuses to keep one, as the CLI's create refuses it.
        try Self.withStore { store, _ in
            let empty = DockerContext(name: "empty", endpoint: .init(host: "tcp://"))
            let stored = #expect(throws: DockerError.self) { try store.create(empty) }
            #expect(stored?.message.contains("a context's host needs an address") == true)
        }
    }

    @Test func namesAreValidatedAsDockerValidatesThem() throws {
        for valid in ["ab", "my-ctx", "a.b+c_d-e", "0x"] { try DockerContextStore.validate(name: valid) }
        let pattern = #"names are validated against regexp "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$""#
        for invalid in ["x", "-ab", "a b", "ab\n", "é1", "a/b"] {
            let error = #expect(throws: DockerError.self) { try DockerContextStore.validate(name: invalid) }
            #expect(error?.message == "context name \"\(invalid)\" is invalid, \(pattern)")
            #expect(error?.category == .invalidInput)
        }
        #expect(
            (#expect(throws: DockerError.self) { try DockerContextStore.validate(name: "") })?.message == "context name cannot be empty")
        #expect(
            (#expect(throws: DockerError.self) { try DockerContextStore.validate(name: "default") })?.message
                == "\"default\" is a reserved context name")
    }

    @Test func errorsCarryDockersMessages() throws {
        try Self.withStore { store, _ in
            let missing = #expect(throws: DockerError.self) { try store.inspect("nonexist") }
            let path = store.metadataDirectory(forContext: "nonexist").appendingPathComponent("meta.json").path
            #expect(missing?.message == "context \"nonexist\": context not found: open \(path): no such file or directory")
            #expect(missing?.category == .notFound)
            try store.create(DockerContext(name: "taken", endpoint: .init(host: nil)))
            let taken = #expect(throws: DockerError.self) { try store.create(DockerContext(name: "taken")) }
            #expect(taken?.message == "context \"taken\" already exists")
            #expect(taken?.category == .conflict)
            #expect((#expect(throws: DockerError.self) { try store.remove("default") })?.message == "context \"default\" cannot be removed")
            #expect((#expect(throws: DockerError.self) { try store.remove("gone") })?.message == "context \"gone\" does not exist")
            #expect((#expect(throws: DockerError.self) { try store.update(DockerContext(name: "gone")) })?.category == .notFound)
            try store.remove("taken")
            #expect(!store.contains("taken"))
            #expect(try store.list().isEmpty)

            // A broken meta.json fails the list, naming the file.
            try store.create(DockerContext(name: "broken", endpoint: .init(host: nil)))
            try Data("{bad".utf8).write(to: store.metadataDirectory(forContext: "broken").appendingPathComponent("meta.json"))
            let list = #expect(throws: DockerError.self) { try store.list() }
            #expect(list?.message.hasPrefix("failed to read metadata: parsing ") == true)
        }
    }

    @Test func metadataIsReadLenientlyAndUnknownFieldsSurviveAnUpdate() throws {
        try Self.withStore { store, _ in
            let directory = store.metadataDirectory(forContext: "old")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let written =
                #"{"name":"old","metadata":{"Description":"d","StackOrchestrator":"swarm"},"#
                + #""endpoints":{"docker":{"host":"tcp://h:1","skiptlsverify":true},"kubernetes":{"Namespace":"x"}}}"#
            try Data(written.utf8).write(to: directory.appendingPathComponent("meta.json"))
            var context = try store.inspect("old")
            #expect(context.endpoint == .init(host: "tcp://h:1", skipTLSVerify: true))
            #expect(context.description == "d")
            context.description = "new"
            try store.update(context)
            let rewritten = String(decoding: try Data(contentsOf: directory.appendingPathComponent("meta.json")), as: UTF8.self)
            #expect(
                rewritten
                    == #"{"Name":"old","Metadata":{"Description":"new","StackOrchestrator":"swarm"},"#
                    + #""Endpoints":{"docker":{"Host":"tcp://h:1","SkipTLSVerify":true},"kubernetes":{"Namespace":"x"}}}"#
            )
        }
    }

    @Test func listIsSortedByName() throws {
        try Self.withStore { store, _ in
            for name in ["b2", "b10", "a1"] { try store.create(DockerContext(name: name, endpoint: .init(host: nil))) }
            #expect(try store.list().map(\.name) == ["a1", "b10", "b2"])
        }
    }

    // MARK: Archive

    @Test func exportAndImportRoundTripWithTLS() throws {
        try Self.withStore { store, environment in
            let ca = store.configDirectory.appendingPathComponent("ca.pem")
            try FileManager.default.createDirectory(at: store.configDirectory, withIntermediateDirectories: true)
            try Data("CA".utf8).write(to: ca)
            try store.create(
                DockerContext(name: "src", description: "d", endpoint: .init(host: "tcp://h:2376"), tls: .init(caCertificate: ca)))
            let archive = try store.export("src", environment: environment)
            #expect(archive.count % 512 == 0)
            try store.import("copy", from: archive)
            let copy = try store.inspect("copy")
            #expect(copy.description == "d")
            #expect(copy.endpoint == .init(host: "tcp://h:2376"))
            #expect(try Data(contentsOf: try #require(copy.tls?.caCertificate)) == Data("CA".utf8))
            #expect(copy.tls?.clientKey == nil)
            let taken = #expect(throws: DockerError.self) { try store.import("copy", from: archive) }
            #expect(taken?.message == "context \"copy\" already exists")
        }
    }

    /// Go's exporter never writes the end-of-archive blocks nor the last entry's padding.
    @Test func anArchiveWithoutItsEndMarkerImports() throws {
        try Self.withStore { store, environment in
            try store.create(DockerContext(name: "src", endpoint: .init(host: "tcp://h:1")))
            let archive = try store.export("src", environment: environment)
            try store.import("cut", from: archive.prefix(archive.count - 1024))
            #expect(try store.inspect("cut").endpoint?.host == "tcp://h:1")
            // Cut inside an entry, it is refused and nothing is stored.
            let truncated = #expect(throws: DockerError.self) { try store.import("half", from: archive.prefix(560)) }
            #expect(truncated?.message == "unexpected EOF")
            #expect(!store.contains("half"))
        }
    }

    @Test func importRefusesWhatIsNotAContext() throws {
        try Self.withStore { store, _ in
            func tar(_ entries: [(String, String)]) -> Data {
                var buffer = ByteBuffer()
                for (name, content) in entries {
                    var header = TarHeader(name: name, kind: .regularFile, mode: 0o644, size: Int64(content.utf8.count)).encoded()
                    buffer.writeBuffer(&header)
                    buffer.writeString(content)
                    buffer.writeRepeatingByte(0, count: TarHeader.padding(forContentSize: Int64(content.utf8.count)))
                }
                return Data(buffer.readableBytesView)
            }
            let cases: [(Data, String)] = [
                (Data(), "invalid context: no metadata found"),
                (tar([("other.txt", "x")]), "other.txt: unexpected context file"),
                (tar([("tls/docker/a/b.pem", "x")]), "archive format is invalid"),
                (tar([("tls/../meta.json", "x")]), "tls/../meta.json: unexpected path format"),
                (Data("PK\u{03}\u{04}rest".utf8), "zip context archives are not supported: export the context again as a tar"),
                (Data(count: DockerContextStore.maximumArchiveSize + 1), "read exceeds the defined limit"),
            ]
            for (archive, message) in cases {
                let error = #expect(throws: DockerError.self) { try store.import("bad", from: archive) }
                #expect(error?.message == message)
                #expect(!store.contains("bad"))
            }
            // Any other field survives an import, its keys sorted as Go sorts a map.
            try store.import(
                "kept",
                from: tar([
                    (
                        "meta.json",
                        #"{"Name":"x","Metadata":{"z":1,"Description":"d"},"Endpoints":{"docker":{"Host":"tcp://h:1","Extra":true}}}"#
                    )
                ]))
            let meta = String(
                decoding: try Data(contentsOf: store.metadataDirectory(forContext: "kept").appendingPathComponent("meta.json")),
                as: UTF8.self)
            #expect(
                meta == #"{"Name":"kept","Metadata":{"Description":"d","z":1},"Endpoints":{"docker":{"Extra":true,"Host":"tcp://h:1"}}}"#)
        }
    }

    // MARK: The current context

    @Test func resolutionFollowsDockersOrder() throws {
        try Self.withStore { store, base in
            for name in ["flag", "env", "config"] {
                try store.create(DockerContext(name: name, endpoint: .init(host: "tcp://\(name):2375")))
            }
            func resolved(_ environment: [String: String], context: String? = nil) throws -> String {
                try store.currentContextName(environment: base.merging(environment) { $1 }, context: context)
            }
            #expect(try resolved([:]) == "default")
            try store.use("config")
            #expect(try resolved([:]) == "config")
            #expect(try resolved(["DOCKER_CONTEXT": "env"]) == "env")
            #expect(try resolved(["DOCKER_CONTEXT": "env", "DOCKER_HOST": "tcp://x:1"]) == "default")
            #expect(try resolved(["DOCKER_HOST": "tcp://x:1"], context: "flag") == "flag")
            #expect(try resolved(["DOCKER_CONTEXT": "env"], context: "flag") == "flag")
            #expect(try resolved([:], context: "") == "config", "an empty flag is no flag")

            // The configuration follows the same order.
            func host(_ environment: [String: String], context: String? = nil) throws -> String {
                try DockerClientConfiguration.fromEnvironment(base.merging(environment) { $1 }, context: context).host.description
            }
            #expect(try host([:]) == "tcp://config:2375")
            #expect(try host(["DOCKER_CONTEXT": "env"]) == "tcp://env:2375")
            #expect(try host(["DOCKER_HOST": "tcp://x:1"]) == "tcp://x:1")
            #expect(try host(["DOCKER_HOST": "tcp://x:1"], context: "flag") == "tcp://flag:2375")
            #expect(try host([:], context: "default") == "unix:///var/run/docker.sock")
            let unknown = #expect(throws: DockerError.self) { try host([:], context: "nonexist") }
            #expect(unknown?.category == .notFound)
            #expect(unknown?.message.hasPrefix("context \"nonexist\": context not found") == true)

            // `use default` removes the key; config.json keeps its other fields.
            var config = try store.configFile()
            config.credentialsStore = "pass"
            try config.save()
            try store.use("default")
            #expect(try store.configFile().currentContext == nil)
            #expect(try store.configFile().credentialsStore == "pass")
            #expect((#expect(throws: DockerError.self) { try store.use("nonexist") })?.category == .notFound)
        }
    }

    @Test func theDefaultContextIsTheEnvironments() throws {
        #expect(DockerContext.defaultContext(environment: [:]).endpoint == .init(host: "unix:///var/run/docker.sock"))
        #expect(DockerContext.defaultContext(environment: ["DOCKER_HOST": "tcp://h:1"]).endpoint == .init(host: "tcp://h:1"))
        let tls = DockerContext.defaultContext(environment: ["DOCKER_TLS": "1", "DOCKER_CERT_PATH": "/nonexistent"])
        #expect(tls.endpoint == .init(host: "tcp://localhost:2376", skipTLSVerify: true))
        #expect(tls.tls == .init())
        #expect(try tls.clientConfiguration().tls?.verifyServer == false)
    }
}
