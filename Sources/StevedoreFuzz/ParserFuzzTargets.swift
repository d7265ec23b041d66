import Foundation
import NIOCore
import StevedoreFormatting

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
        ("context-meta", Self.contextMetadata),
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
        let lines = Self.text(data).split(separator: "\n").map(String.init)
        _ = try? ContainerListFilters(parsing: lines)
        _ = try? VolumePruneFilters(parsing: lines)
        var filters = DockerFilters()
        for line in lines {
            try? filters.add(parsing: line)
            _ = LabelFilter(parsing: line).description
        }
        _ = filters.json
    }

    static func json(_ data: [UInt8]) {
        guard let value = try? TemplateValue(json: Data(data)) else { return }
        precondition((try? TemplateValue(json: value.jsonText())) != nil, "parsed JSON does not parse as printed")
        _ = GoJSONIndent.indent(data)
    }

    /// A template (before the first NUL) rendered on a JSON value (after it).
    static func template(_ data: [UInt8]) {
        let split = data.firstIndex(of: 0) ?? data.endIndex
        guard let format = try? OutputFormat(Self.text(Array(data[..<split]))) else { return }
        let value = (try? TemplateValue(json: Data(data[min(split + 1, data.endIndex)...]))) ?? .object(TemplateObject())
        _ = try? format.render([value, value], titles: ["ID": "CONTAINER ID"], escapingHTMLInJSON: true)
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
        for line in Self.text(data).split(separator: "\n").map(String.init) {
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
            _ = try? ContainerConfigOptions.portBinding(line)
            _ = try? FlagValue.duration(line)
            _ = try? BuildKitFlags.secret(line)
            _ = try? BuildKitFlags.sshAgent(line)
            _ = try? BuildKitFlags.export([line])
        }
        // An --env-file or --label-file: every entry it yields is a KEY=value with a key.
        for kind in [KeyValueFile.Kind.environment, .labels] {
            for entry in (try? KeyValueFile.parse(Data(data), path: "fuzz", kind)) ?? [] {
                precondition(!entry.hasPrefix("=") && !entry.hasPrefix(" ") && !entry.hasPrefix("\t"), "an entry without a key")
            }
        }
    }
}
