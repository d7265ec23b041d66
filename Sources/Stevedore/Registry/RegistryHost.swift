import StevedoreText

/// Registry addresses as the docker CLI normalises them, to find the credentials for an image
/// or a `login` argument.
public enum RegistryHost {
    /// Docker Hub's key in config.json and the server address the daemon expects for it.
    public static let dockerHubKey = "https://index.docker.io/v1/"

    /// The registry an image reference lives on: the first path component when it looks like a
    /// host (has a `.` or a `:`, or is `localhost`), else Docker Hub (`docker.io`), as the
    /// reference grammar of distribution/reference decides.
    ///
    ///     registry(ofImage: "busybox")                    // "docker.io"
    ///     registry(ofImage: "127.0.0.1:5000/team/app:1")  // "127.0.0.1:5000"
    public static func registry(ofImage reference: String) -> String {
        guard let slash = reference.unicodeScalars.firstIndex(of: "/") else { return "docker.io" }
        let first = reference[..<slash]
        if first.contains(scalar: ".") || first.contains(scalar: ":") || first == "localhost" || first.contains(where: \.isUppercase) {
            return String(first)
        }
        return "docker.io"
    }

    /// The config.json key for a registry: Docker Hub's aliases (`docker.io`,
    /// `index.docker.io`, `registry-1.docker.io`, with or without scheme) map to
    /// ``dockerHubKey``; other addresses lose their scheme and path, as `docker login` stores them.
    public static func configKey(for registry: String) -> String {
        let host = Self.hostname(registry)
        if host.isEmpty || ["docker.io", "index.docker.io", "registry-1.docker.io"].contains(host) {
            return Self.dockerHubKey
        }
        return host
    }

    /// The host of an address: without `http://`/`https://` and anything from the first `/`
    /// (the CLI's `ConvertToHostname`).
    public static func hostname(_ address: String) -> String {
        var rest = Substring(address)
        for scheme in ["http://", "https://"] {
            if let afterScheme = rest.cut(prefix: scheme) { rest = afterScheme }
        }
        if let slash = rest.unicodeScalars.firstIndex(of: "/") { rest = rest[..<slash] }
        return String(rest)
    }
}
