import NIOHTTP1

/// What `/_ping` tells about the daemon, from its response headers.
public struct PingResponse: Hashable, Sendable {
    /// `API-Version`: the daemon's highest API version; `nil` for very old daemons.
    public var apiVersion: APIVersion?
    /// `OSType`: `linux` or `windows`.
    public var osType: String?
    /// `Docker-Experimental`.
    public var experimental: Bool
    /// `Builder-Version`: `1` (classic) or `2` (BuildKit), API ≥ 1.42 daemons.
    public var builderVersion: String?
    /// `Swarm`: e.g. `inactive`, `active/worker`, `active/manager`; API ≥ 1.42 daemons.
    public var swarm: String?

    init(headers: HTTPHeaders) {
        // HTTPHeaders compare names case-insensitively: 20.10 says `API-Version`, newer `Api-Version`.
        self.apiVersion = headers.first(name: "API-Version").flatMap(APIVersion.init)
        self.osType = headers.first(name: "OSType")
        self.experimental = headers.first(name: "Docker-Experimental") == "true"
        self.builderVersion = headers.first(name: "Builder-Version")
        self.swarm = headers.first(name: "Swarm")
    }
}

extension DockerClient.System {
    /// `HEAD /_ping` (falling back to `GET` when `HEAD` fails: old daemons do not know it, and
    /// an error answer to `HEAD` has no body to explain it): whether the daemon answers, and
    /// what its headers say. Unversioned, so it works before negotiation.
    public func ping() async throws -> PingResponse {
        var request = DockerRequest(.HEAD, "/_ping")
        request.isVersioned = false
        do {
            return try await self.client.exchange(request) { PingResponse(headers: $0.headers) }
        } catch let error as DockerError where error.statusCode != nil {
            request.method = .GET
            return try await self.client.exchange(request) { response in
                for try await _ in response.body {}
                return PingResponse(headers: response.headers)
            }
        }
    }
}
