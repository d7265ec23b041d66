import Foundation
import Testing

@testable import Stevedore

/// config.json's settings for a docker-compatible command line: the list formats and the
/// prune filters, merged as the docker CLI documents.
@Suite("config.json's CLI settings")
struct CLISettingsTests {
    static func settings(_ json: String) throws -> DockerConfigFile.CLISettings {
        try Self.file(json).cliSettings
    }

    static func file(_ json: String) throws -> DockerConfigFile {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(json.utf8).write(to: directory.appendingPathComponent("config.json"))
        return try DockerConfigFile.load(environment: ["DOCKER_CONFIG": directory.path])
    }

    /// `proxies`: the host's entry, else `default`; each value not empty under both names.
    @Test func proxyVariablesAreTheHostsEntryElseTheDefault() throws {
        let file = try Self.file(
            #"{"proxies": {"default": {"httpProxy": "http://p:3128", "noProxy": "localhost", "ftpProxy": ""},"#
                + #" "tcp://docker:2376": {"allProxy": "socks5://s"}}}"#)
        #expect(
            file.proxyVariables(forHost: "unix:///var/run/docker.sock")
                == ["HTTP_PROXY": "http://p:3128", "http_proxy": "http://p:3128", "NO_PROXY": "localhost", "no_proxy": "localhost"])
        #expect(file.proxyVariables(forHost: "tcp://docker:2376") == ["ALL_PROXY": "socks5://s", "all_proxy": "socks5://s"])
        #expect(try Self.file("{}").proxyVariables(forHost: "unix:///var/run/docker.sock").isEmpty)
    }

    @Test func everyFormatIsReadAndAnEmptyOneIsNone() throws {
        let keys = [
            "psFormat", "imagesFormat", "networksFormat", "volumesFormat", "statsFormat", "pluginsFormat", "servicesFormat",
            "tasksFormat", "nodesFormat", "secretFormat", "configFormat", "serviceInspectFormat", "detachKeys",
        ]
        let json = "{" + keys.map { "\"\($0)\": \"\($0) value\"" }.joined(separator: ", ") + "}"
        let settings = try Self.settings(json)
        let read: [String?] = [
            settings.psFormat, settings.imagesFormat, settings.networksFormat, settings.volumesFormat, settings.statsFormat,
            settings.pluginsFormat, settings.servicesFormat, settings.tasksFormat, settings.nodesFormat, settings.secretFormat,
            settings.configFormat, settings.serviceInspectFormat, settings.detachKeys,
        ]
        #expect(read == keys.map { "\($0) value" })
        let empty = try Self.settings(#"{"servicesFormat": "", "pruneFilters": "label=a"}"#)
        #expect(empty.servicesFormat == nil)
        #expect(empty.pruneFilters == [], "a string where docker has a list is no filter")
    }

    @Test func pruneFiltersAreAddedUnlessTheCommandLineExcludesThem() throws {
        let settings = try Self.settings(
            #"{"pruneFilters": ["label=kept", "label=dropped", "label!=tmp", "label!=wanted", "until=24h", "no equals sign", "x="]}"#)
        #expect(settings.pruneFilters.count == 7)
        let given: DockerFilters = ["label!": ["dropped"], "label": ["wanted"]]
        let merged = try settings.addingPruneFilters(to: given)
        let expected: DockerFilters = [
            "label": ["wanted", "kept"], "label!": ["dropped", "tmp"], "until": ["24h"], "x": [""],
        ]
        #expect(merged == expected)
        // Without label filters of its own, the command line takes the configured ones.
        let alone = try settings.addingPruneFilters(to: DockerFilters())
        #expect(alone == ["label": ["kept", "dropped"], "label!": ["tmp", "wanted"], "until": ["24h"], "x": [""]])

        // Typed filters take them under their keys; a value such a key cannot hold is refused.
        let typed = try settings.addingPruneFilters(to: PruneFilters(label: [LabelFilter(parsing: "wanted")]))
        #expect(typed.label.map(\.description).sorted() == ["dropped", "kept", "wanted"])
        #expect(typed.labelNot.map(\.description) == ["tmp"])
        #expect(typed.until == "24h")
        // Two `until`s both go, for the daemon to refuse as it refuses docker's.
        let untils = try Self.settings(#"{"pruneFilters": ["until=24h"]}"#).addingPruneFilters(to: PruneFilters(until: "1h"))
        #expect(untils.dockerFilters == ["until": ["1h", "24h"]])
        let refusing = try Self.settings(#"{"pruneFilters": ["exited=maybe"]}"#)
        #expect(throws: DockerError.self) { try refusing.addingPruneFilters(to: ContainerListFilters()) }
    }
}
