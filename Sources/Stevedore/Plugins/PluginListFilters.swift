/// The `filters` of `GET /plugins`, one property per documented key; keys are ANDed.
public struct PluginListFilters: TypedFilters, Hashable {
    /// `enabled`: only enabled (`true`) or only disabled (`false`) plugins.
    public var enabled: Bool?
    /// `capability`: plugins each of whose interface types has one of these capabilities
    /// (`volumedriver`, `networkdriver`…; the daemon reads each as a regular expression).
    public var capability: [String] = []
    /// Keys this type does not know (newer daemons), merged into the request as given.
    public var additional = DockerFilters()

    public init() {}

    public init(enabled: Bool?, capability: [String] = []) {
        self.enabled = enabled
        self.capability = capability
    }

    /// The filters as the daemon takes them.
    public var dockerFilters: DockerFilters {
        self.additional.adding(["enabled": self.enabled.map { [String($0)] } ?? [], "capability": self.capability])
    }

    /// Puts a `--filter` value under its property; other keys (and `enabled` values other
    /// than `true` and `false`) go to ``additional``, for the daemon to judge.
    public mutating func add(key: String, value: String) throws {
        switch (key, Bool(value)) {
        case ("enabled", let enabled?) where self.enabled == nil: self.enabled = enabled
        case ("capability", _): self.capability.append(value)
        default: self.additional.add(key, value)
        }
    }
}
