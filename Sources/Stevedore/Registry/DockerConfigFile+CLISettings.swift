extension DockerConfigFile {
    /// The docker CLI's own settings in the file, which a docker-compatible command line reads
    /// as docker does: its list commands' default `--format` (used when none is given and,
    /// except for `ps` and `stats`, without `-q`) and the detach keys of `run`, `start`,
    /// `attach` and `exec` when `--detach-keys` is not given. `nil` when the file has none
    /// (or an empty one, which docker ignores).
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
        /// `detachKeys`: the sequence that detaches from a container (`ctrl-p,ctrl-q` by default).
        public var detachKeys: String?
    }

    /// The CLI settings this file holds.
    public var cliSettings: CLISettings {
        func value(_ key: String) -> String? {
            self.json[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        return CLISettings(
            psFormat: value("psFormat"), imagesFormat: value("imagesFormat"), networksFormat: value("networksFormat"),
            volumesFormat: value("volumesFormat"), statsFormat: value("statsFormat"), detachKeys: value("detachKeys"))
    }
}
