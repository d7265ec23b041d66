import StevedoreText

extension DockerConfigFile {
    /// The docker CLI's own settings in the file, which a docker-compatible command line reads
    /// as docker does: its list commands' default `--format` (used when none is given and,
    /// except for `ps` and `stats`, without `-q`), the detach keys of `run`, `start`,
    /// `attach` and `exec` when `--detach-keys` is not given, and the filters every prune
    /// command adds. `nil` when the file has none (or an empty one, which docker ignores).
    public struct CLISettings: Hashable, Sendable {
        /// `psFormat`: for `ps`.
        public var psFormat: String?
        /// `imagesFormat`: for `images`.
        public var imagesFormat: String?
        /// `networksFormat`: for `network ls`.
        public var networksFormat: String?
        /// `volumesFormat`: for `volume ls`.
        public var volumesFormat: String?
        /// `statsFormat`: for `stats`.
        public var statsFormat: String?
        /// `pluginsFormat`: for `plugin ls`.
        public var pluginsFormat: String?
        /// `servicesFormat`: for `service ls`.
        public var servicesFormat: String?
        /// `tasksFormat`: for `service ps` and `node ps`.
        public var tasksFormat: String?
        /// `nodesFormat`: for `node ls`.
        public var nodesFormat: String?
        /// `secretFormat`: for `secret ls`.
        public var secretFormat: String?
        /// `configFormat`: for `config ls`.
        public var configFormat: String?
        /// `serviceInspectFormat`: for `service inspect` without `--format` (`pretty` for its
        /// human layout).
        public var serviceInspectFormat: String?
        /// `detachKeys`: the sequence that detaches from a container (`ctrl-p,ctrl-q` by default).
        public var detachKeys: String?
        /// `pruneFilters`: `key=value` filters that every prune command adds to its own (see
        /// ``addingPruneFilters(to:)``). Empty when the file has none.
        public var pruneFilters: [String] = []

        /// `filters` with ``pruneFilters`` added, as the docker CLI documents its merge: the
        /// command line's label filters come first, so that a configured `label=V` is left out
        /// when the command line excludes `V` with `label!=V`, and a configured `label!=V` when
        /// it asks for `label=V`. Entries without `=` are skipped, as docker skips them; a value
        /// a typed key cannot hold throws ``DockerError/Category/invalidInput``.
        ///
        /// (docker 28 also leaves out a configured `label` or `label!` whenever the command line
        /// has no filter of the opposite key at all, which its documentation does not describe:
        /// such a filter is kept here, so that a prune removes no more than configured.)
        public func addingPruneFilters<Filters: TypedFilters>(to filters: Filters) throws -> Filters {
            let given = filters.dockerFilters
            var merged = filters
            for entry in self.pruneFilters {
                guard let (key, value) = entry.cut(atFirst: "=") else { continue }
                let opposite = key == "label" ? "label!" : key == "label!" ? "label" : nil
                if let opposite, given.contains(opposite, String(value)) { continue }
                try merged.add(key: String(key), value: String(value))
            }
            return merged
        }
    }

    /// The CLI settings this file holds.
    public var cliSettings: CLISettings {
        func value(_ key: String) -> String? {
            self.json[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        return CLISettings(
            psFormat: value("psFormat"), imagesFormat: value("imagesFormat"), networksFormat: value("networksFormat"),
            volumesFormat: value("volumesFormat"), statsFormat: value("statsFormat"), pluginsFormat: value("pluginsFormat"),
            servicesFormat: value("servicesFormat"), tasksFormat: value("tasksFormat"), nodesFormat: value("nodesFormat"),
            secretFormat: value("secretFormat"), configFormat: value("configFormat"),
            serviceInspectFormat: value("serviceInspectFormat"), detachKeys: value("detachKeys"),
            pruneFilters: self.json["pruneFilters"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
