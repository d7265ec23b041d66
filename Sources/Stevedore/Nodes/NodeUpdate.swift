extension DockerClient.Nodes {
    /// `POST /nodes/{id}/update`: replaces the node's spec: its role (promote, demote), its
    /// availability (`active`, `pause`, `drain`: drained nodes' tasks move elsewhere) and its
    /// labels. Send the whole spec from an inspect, changed.
    ///
    /// `version`: the node's `Version.Index` the update is based on, from
    /// ``DockerClient/Nodes/inspect(_:)``. A stale one is refused (`update out of sequence`),
    /// so concurrent updates cannot overwrite each other.
    public func update(_ id: String, _ spec: NodeSpec, version: Int64) async throws {
        var query = QueryItems()
        query.add("version", version)
        let request = DockerRequest(.POST, try ObjectPath.node(id, "/update"), query: query, body: try self.client.jsonBody(spec))
        try await self.client.discardingBody(request)
    }
}
