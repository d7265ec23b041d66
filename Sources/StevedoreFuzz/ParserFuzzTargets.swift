import Foundation
import NIOCore
import StevedoreFormatting
import StevedoreText

@testable import Stevedore
@testable import StevedoreCommands

/// The parsers of what a user types and of what a file or a daemon hands over, each on arbitrary
/// input: none may crash or hang, and what one accepts it must accept again as it prints it.
enum ParserFuzzTargets {
    /// The targets by name, in the order ``FuzzTargets`` numbers them after its own.
    static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
        ("docker-host", Self.dockerHost), ("image-name", Self.imageName), ("go-duration", Self.goDuration),
        ("event-time", Self.eventTime), ("signal", Self.signal), ("detach-keys", Self.detachKeys), ("filters", Self.filters),
        ("json", Self.json), ("template", Self.template), ("dockerignore", Self.dockerIgnore), ("tar", Self.tar),
        ("path-stat", Self.pathStat), ("object-path", Self.objectPath), ("create-flags", Self.createFlags),
        ("key-value-flags", Self.keyValueFlags), ("context-meta", Self.contextMetadata),
        ("model-reading", Self.modelReading),
    ]

    private static func text(_ data: [UInt8]) -> String { String(decoding: data, as: UTF8.self) }

    static func dockerHost(_ data: [UInt8]) {
        guard let host = try? DockerHost(parsing: Self.text(data)) else { return }
        precondition((try? DockerHost(parsing: host.description)) != nil, "a parsed host does not parse as printed")
    }

    static func imageName(_ data: [UInt8]) {
        guard let name = try? ImageName(parsing: Self.text(data)) else { return }
        precondition((try? ImageName(parsing: name.description)) == name, "an image name does not parse back as printed")
        _ = name.familiarString
        _ = name.withDefaultTag
    }

    static func goDuration(_ data: [UInt8]) {
        let text = Self.text(data)
        if let nanoseconds = GoDuration.nanoseconds(text) {
            precondition(GoDuration.seconds(text) == Double(nanoseconds) / 1e9, "seconds and nanoseconds disagree")
        }
    }

    static func eventTime(_ data: [UInt8]) {
        _ = try? EventTime.parse(Self.text(data), now: Date(timeIntervalSince1970: 1_700_000_000))
    }

    static func signal(_ data: [UInt8]) {
        _ = try? ContainerSignal(parsing: Self.text(data))
    }

    static func detachKeys(_ data: [UInt8]) {
        let split = data.firstIndex(of: 0) ?? data.endIndex
        guard let keys = try? DetachKeys(parsing: Self.text(Array(data[..<split]))) else { return }
        precondition((try? DetachKeys(parsing: keys.description)) == keys, "detach keys do not parse back as printed")
        var matcher = DetachKeys.Matcher(keys)
        let (pass, _) = matcher.feed(data[split...])
        precondition(pass.count <= data.count - split, "the matcher made up bytes")
    }

    static func filters(_ data: [UInt8]) {
        let lines = Self.text(data).split(scalar: "\n").map(String.init)
        _ = try? ContainerListFilters(parsing: lines)
        _ = try? VolumePruneFilters(parsing: lines)
        var filters = DockerFilters()
        for line in lines {
            try? filters.add(parsing: line)
            _ = LabelFilter(parsing: line).description
        }
        _ = filters.json
    }

    /// The models' generated readers against `JSONDecoder`, on the responses the client reads
    /// most: whatever a reader reads, `JSONDecoder` decodes to the same value (what the reader
    /// gives up, the client leaves to `JSONDecoder`).
    static func modelReading(_ data: [UInt8]) {
        let json = Data(data)
        func agree<Model: Decodable & JSONReadable & JSONWritable & Equatable>(_ type: Model.Type) {
            guard let read = try? JSONReader.decode(Model.self, from: json) else { return }
            let decoded = try? JSONDecoder().decode(Model.self, from: json)
            precondition(decoded == read, "\(Model.self): read otherwise than JSONDecoder decodes it")
            // What was read is written back to text that decodes to it.
            let written = try? JSONWriter.encode(read)
            let decodedFromWritten = written.flatMap { try? JSONDecoder().decode(Model.self, from: Data($0)) }
            precondition(decodedFromWritten == read, "\(Model.self): written otherwise than read")
        }
        agree([ContainerSummary].self)
        agree(ContainerInspectResponse.self)
        agree(EventMessage.self)
        agree(ContainerWaitResponse.self)
        agree(PortMap.self)
        agree(JSONValue.self)
        agree([String: String].self)
        agree(String.self)
        agree(Double.self)
        agree(UInt16.self)
    }

    static func json(_ data: [UInt8]) {
        guard let value = try? TemplateValue(json: Data(data)) else { return }
        precondition((try? TemplateValue(json: value.jsonText())) != nil, "parsed JSON does not parse as printed")
        _ = GoJSONText.indent(data)
        precondition((try? TemplateValue(json: GoJSONText.compact(data))) != nil, "valid JSON does not parse compacted")
    }

    /// A template (before the first NUL) rendered on a JSON value (after it).
    static func template(_ data: [UInt8]) {
        let split = data.firstIndex(of: 0) ?? data.endIndex
        guard var format = try? OutputFormat(Self.text(Array(data[..<split]))) else { return }
        // Go's templates may ask for unbounded work (`{{range 9999999}}`): bounded here so that
        // only a crash or a loop the template did not ask for fails the target.
        format.limits = GoTemplate.ExecutionLimits(steps: 20_000, bytes: 4 << 20)
        let value = (try? TemplateValue(json: Data(data[min(split + 1, data.endIndex)...]))) ?? .object(TemplateObject())
        _ = try? format.render([value, value], titles: ["ID": "CONTAINER ID"])
    }

    static func dockerIgnore(_ data: [UInt8]) {
        let text = Self.text(data)
        guard let ignore = try? DockerIgnore(contents: text) else { return }
        for path in text.split(whereSeparator: \.isWhitespace).prefix(8) { _ = ignore.isExcluded(String(path)) }
    }

    /// A tar stream in pieces: no crash, and content never beyond what a header announced.
    static func tar(_ data: [UInt8]) {
        var parser = TarParser()
        var start = 0
        var step = Int(data.first ?? 0) % 700 + 1
        do {
            while start < data.count {
                let end = min(data.count, start + step)
                _ = try parser.feed(ByteBuffer(bytes: data[start..<end]))
                start = end
                step = step * 7 % 1031 + 1
            }
        } catch {}
    }

    /// The `key=value` lists of the flags that take them, the input's lines being one list:
    /// `--log-opt`, `--annotation` and `--storage-opt` (create), `-l`/`--label`, `--opt`,
    /// `--aux-address`, `--ipam-opt`, `--driver-opt`, `--label-add` (`keyValueMap`: volumes,
    /// networks, images, nodes, containers), secrets' and configs' `--label`, the service
    /// commands' `-e`/`--env-add`/`--log-opt` and `-l`/`--container-label`, `-e` of create and
    /// exec, and `--build-arg`, read through the build command as its flags are. Whatever a
    /// reader accepts keeps each line's key (what precedes its first `=`) and the value of the
    /// last line with that key; the two label checks, the services' and the secrets', agree.
    /// (`--env-file`, `--label-file` and `--sysctl` are the `create-flags` target's.)
    static func keyValueFlags(_ data: [UInt8]) {
        let lines = Self.text(data).split(scalar: "\n").map(String.init)
        // The lines split as the flags document it: a key, and the value after the first `=`.
        let pairs = lines.map { line -> (key: String, value: String?) in
            let parts = line.split(scalar: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : nil)
        }
        let documented = lines.isEmpty ? nil : Dictionary(pairs.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { $1 })
        precondition(keyValueMap(lines) == documented, "a key=value map lost a key or kept an earlier value")

        // `try?` flattens the optional maps: nil is a refusal or no lines at all.
        let emptyKey = pairs.contains { $0.key.isEmpty && $0.value != nil }
        let logOptions = try? FlagValue.keyValues(lines, for: "--log-opt", bareValue: "")
        precondition(logOptions == (emptyKey ? nil : documented), "--log-opt read otherwise than documented")
        let storageOptions = try? FlagValue.keyValues(lines, for: "--storage-opt")
        let refused = emptyKey || pairs.contains { $0.value == nil }
        precondition(storageOptions == (refused ? nil : documented), "--storage-opt read otherwise than documented")

        var labelsAccepted = true
        for line in lines {
            guard let label = try? OptsFlagParsers.label(line) else {
                labelsAccepted = false
                continue
            }
            precondition(label == line, "a service label was changed")
        }
        switch Result(catching: { try swarmObjectLabels(lines) }) {
        case .success(let labels):
            precondition(labelsAccepted, "a secret took a label that a service refuses")
            precondition(labels == documented, "a secret's labels lost a key")
        case .failure:
            precondition(!labelsAccepted, "a secret refused a label that a service takes")
        }

        // `-e` of services, create and exec: an entry with a value passes as written, a name
        // alone takes this process's value or passes as it is.
        for (line, pair) in zip(lines, pairs) {
            guard let entry = try? OptsFlagParsers.environment(line) else {
                precondition(pair.key.isEmpty, "a service's environment entry with a name was refused")
                continue
            }
            precondition(!pair.key.isEmpty, "a service's environment entry without a name was taken")
            precondition(pair.value == nil ? entry.hasBytePrefix(line) : entry == line, "a service's environment entry was changed")
            precondition(OptsFlagParsers.environmentKey(entry) == pair.key, "a service's environment entry changed its name")
        }

        let arguments = lines.map { "--build-arg=\($0)" } + ["."]
        if let build = try? StevedoreCommand.Image.Build.parse(arguments), let options = try? build.options() {
            let process = ProcessInfo.processInfo.environment
            let expected = Dictionary(pairs.map { ($0.key, $0.value ?? process[$0.key]) }, uniquingKeysWith: { $1 })
            precondition(options.buildArgs == expected, "--build-arg read otherwise than documented")
        }
    }

    /// A context's meta.json: what decodes is written as docker writes it and reads back the
    /// same; an import's rename of it decodes too.
    static func contextMetadata(_ data: [UInt8]) {
        guard let context = try? ContextMetadata.decode(Data(data), path: "meta.json") else { return }
        let again = try? ContextMetadata.decode(ContextMetadata.encode(context), path: "meta.json")
        precondition(again == context, "a context's meta.json does not read back as written")
        precondition((try? ContextMetadata.decode(try ContextMetadata.renamed(Data(data), to: "renamed"), path: "meta.json")) != nil)
    }

    static func pathStat(_ data: [UInt8]) {
        _ = try? ContainerPathStat.decode(header: Self.text(data))
    }

    static func objectPath(_ data: [UInt8]) {
        let text = Self.text(data)
        for kind in [ObjectPath.container, .image, .exec, .network, .volume, .distribution] {
            _ = try? kind(text, "/json")
        }
        _ = try? ContainerName.validate(text)
    }

    /// The value parsers of `create`'s flags, each on every line of the input (argument
    /// parsing itself is swift-argument-parser's).
    static func createFlags(_ data: [UInt8]) {
        for line in Self.text(data).split(scalar: "\n").map(String.init) {
            _ = try? ContainerFlagParsers.ulimit(line)
            _ = try? ContainerFlagParsers.weightDevice(line)
            _ = try? ContainerFlagParsers.throttleBytes(line)
            _ = try? ContainerFlagParsers.throttleIOps(line)
            _ = try? ContainerFlagParsers.deviceCgroupRule(line)
            _ = try? ContainerFlagParsers.sysctl(line)
            _ = try? ContainerFlagParsers.link(line)
            _ = try? ContainerFlagParsers.attachStream(line)
            _ = try? MemorySize.parse(line)
            _ = try? MemorySize.parseOrUnlimited(line)
            _ = try? MountArgument.parse(line)
            _ = try? RestartPolicyArgument.parse(line)
            _ = try? ContainerConfigOptions.ports(publish: [line], expose: [line])
            _ = try? FlagValue.duration(line)
            _ = try? BuildKitFlags.secret(line)
            _ = try? BuildKitFlags.sshAgent(line)
            _ = try? BuildKitFlags.export([line])
            _ = try? NetworkAttachment(parsing: line).checkedEndpointSettings()
            _ = try? ContainerFlagParsers.gpuRequest(line)
            _ = ContainerFlagParsers.isMACAddress(line)
            _ = try? GoNumber.atoi(line)
        }
        // CSV records and PEM blocks may span lines: the whole input is one value.
        let text = Self.text(data)
        if let fields = try? GoCSV.record(text) { precondition(!fields.isEmpty, "a CSV record without a field") }
        _ = StevedoreCommand.Swarm.containsPEMBlock(text)
        // An --env-file or --label-file: every entry it yields is a KEY=value with a key.
        for kind in [KeyValueFile.Kind.environment, .labels] {
            for entry in (try? KeyValueFile.parse(Data(data), path: "fuzz", kind)) ?? [] {
                precondition(!entry.hasBytePrefix("=") && !entry.hasBytePrefix(" ") && !entry.hasBytePrefix("\t"), "an entry without a key")
            }
        }
    }
}
