extension DockerConfigFile {
    /// The proxy variables that the file's `proxies` give the containers and builds of the
    /// daemon at `host`, as the docker CLI passes them on (`run` and `create` in the container's
    /// environment, `build` as build arguments) where the command line sets none of that name.
    ///
    /// The entry is the one keyed by `host` as the client was given it (`tcp://docker:2376`), else
    /// `default`; each of its `httpProxy`, `httpsProxy`, `noProxy`, `ftpProxy` and `allProxy` that
    /// is not empty is set under both of its names (`HTTP_PROXY` and `http_proxy`). Empty when
    /// the file has no such entry.
    ///
    ///     {"proxies": {"default": {"httpProxy": "http://proxy:3128", "noProxy": "localhost"}}}
    public func proxyVariables(forHost host: String) -> [String: String] {
        let proxies = self.json["proxies"]?.objectValue ?? [:]
        guard let entry = (proxies[host] ?? proxies["default"])?.objectValue else { return [:] }
        var variables: [String: String] = [:]
        for (key, name) in Self.proxyKeys {
            guard let value = entry[key]?.stringValue, !value.isEmpty else { continue }
            variables[name] = value
            variables[name.lowercased()] = value
        }
        return variables
    }

    /// The keys of a `proxies` entry and the variables they set.
    private static let proxyKeys = [
        ("httpProxy", "HTTP_PROXY"), ("httpsProxy", "HTTPS_PROXY"), ("noProxy", "NO_PROXY"), ("ftpProxy", "FTP_PROXY"),
        ("allProxy", "ALL_PROXY"),
    ]
}
