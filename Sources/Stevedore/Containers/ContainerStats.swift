extension DockerClient.Containers {
    /// `GET /containers/{id}/stats?stream=false`: one sample of the container's resource usage.
    ///
    /// By default the daemon takes two samples a second apart so that `precpuStats` is
    /// filled and `ContainerStatsResponse/cpuPercent` is meaningful; `oneShot` (`one-shot`,
    /// API ≥ 1.41) answers at once with an empty `precpuStats` (and, from Docker 28, without
    /// `id` and `name`). A stopped container gives zeroed statistics.
    public func stats(_ id: String, oneShot: Bool = false) async throws -> ContainerStatsResponse {
        var query = QueryItems()
        query.add("stream", false)
        if oneShot {
            try await self.client.requireAPIVersion(APIVersion(1, 41), for: "the one-shot option of container stats")
            query.add("one-shot", true)
        }
        return try await self.client.decode(
            ContainerStatsResponse.self, from: DockerRequest(.GET, try ObjectPath.container(id, "/stats"), query: query))
    }

    /// `GET /containers/{id}/stats`: a sample about every second for as long as the container
    /// exists, each with the previous sample's CPU figures in `precpuStats`. A stopped
    /// container's stream sends zeroed samples; the stream ends when the container is removed
    /// or the daemon closes it. Leaving the loop or cancelling the task closes the connection.
    public func statsStream(_ id: String) async throws -> JSONLinesStream<ContainerStatsResponse> {
        var query = QueryItems()
        query.add("stream", true)
        var request = DockerRequest(.GET, try ObjectPath.container(id, "/stats"), query: query)
        request.isStream = true
        let response = try await self.client.send(request)
        return JSONLinesStream(body: response.body, host: self.client.configuration.host)
    }
}
