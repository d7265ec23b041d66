extension DockerClient.Services {
    /// Waits until the service runs what its spec asks, reporting after each look at the
    /// swarm (every ``ServiceConvergenceOptions/pollInterval``): the task of each slot or node
    /// and its state, how many run (or, for jobs, completed), the verification once all run.
    ///
    /// The rules are the docker CLI's, so that `progress` can draw what `docker service
    /// create` draws: the wait ends when every task kept running for the stability period,
    /// when a job's tasks all completed, or when the swarm reports the service's update
    /// completed; an update the swarm rolled back ends it too, with
    /// ``ServiceConvergence/rollbackMessage`` set (the previous spec runs again). An update or
    /// rollback that paused throws ``DockerError/Category/serviceNotConverged`` with the
    /// swarm's reason. Tasks on nodes that are down do not count: when a node dies, its tasks
    /// are rescheduled and the report shows it. Cancel the task to stop waiting; the swarm
    /// goes on converging.
    @discardableResult
    public func waitUntilConverged(
        _ id: String, options: ServiceConvergenceOptions = .init(), progress: (ServiceConvergence) async throws -> Void = { _ in }
    ) async throws -> ServiceConvergence {
        var tracker = ServiceConvergenceTracker(stabilityPeriod: options.stabilityPeriod)
        let clock = ContinuousClock()
        while true {
            let service = try await self.inspect(id)
            if let final = try tracker.examine(service, now: clock.now) {
                try await progress(final)
                return final
            }
            var filters = TaskListFilters()
            filters.service = [service.id ?? id]
            // The daemon's own filter of docker's CLI: only the tasks of the current spec.
            filters.additional.add("_up-to-date", "true")
            let tasks = try await self.client.tasks.list(filters)
            let activeNodes = Set(try await self.client.nodes.list().filter { $0.status?.state != .down }.compactMap(\.id))
            let report = try tracker.report(service, tasks: tasks, activeNodes: activeNodes, now: clock.now)
            try await progress(report)
            if report.isFinal { return report }
            try await Task.sleep(for: options.pollInterval.clampedToLongestWait, clock: clock)
        }
    }
}
