#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options of ``DockerClient/System/events(_:)`` (`GET /events`).
public struct SystemEventsOptions: Hashable, Sendable {
    /// Events from this time on (`since`): Unix seconds with an optional fraction
    /// (`"1700000000.123456789"`) or RFC 3339. Without it only new events are sent.
    public var since: String?
    /// Events up to this time (`until`); the stream ends there. Without it the stream is endless.
    public var until: String?
    /// `filters`: `type`, `event`, `container`, `image`, `label`, `network`, `volume`, `daemon`…
    public var filters: DockerFilters

    public init(since: String? = nil, until: String? = nil, filters: DockerFilters = .init()) {
        self.since = since
        self.until = until
        self.filters = filters
    }

    /// `date` as the `since`/`until` value the daemon parses (Unix seconds with nanoseconds).
    public static func timestamp(_ date: Date) -> String {
        // Seconds and fraction apart: a Double holds ~16 digits, a nanosecond time needs 19,
        // and a time after 2262 has more nanoseconds than 64 bits hold (the daemon reads the
        // seconds as a 64-bit number, so those are capped there).
        let interval = date.timeIntervalSince1970
        guard interval.isFinite else { return interval < 0 ? "0.000000000" : "\(Int64.max).000000000" }
        var seconds = interval.rounded(.down)
        var nanoseconds = Int64(((interval - seconds) * 1e9).rounded())
        if nanoseconds == 1_000_000_000 {
            seconds += 1
            nanoseconds = 0
        }
        guard seconds < 0x1p63 else { return "\(Int64.max).000000000" }
        guard seconds >= 0 else { return "0.000000000" }
        return Self.timestamp(seconds: Int64(seconds), nanoseconds: nanoseconds)
    }

    static func timestamp(seconds: Int64, nanoseconds: Int64) -> String {
        "\(seconds)." + String(repeating: "0", count: 9 - String(nanoseconds).count) + String(nanoseconds)
    }

    /// A time before 1970 (a daemon's clock can say anything) is 1970, as a `Date` before it is.
    static func timestamp(unixNanoseconds: Int64) -> String {
        guard unixNanoseconds >= 0 else { return "0.000000000" }
        return Self.timestamp(seconds: unixNanoseconds / 1_000_000_000, nanoseconds: unixNanoseconds % 1_000_000_000)
    }
}

extension DockerClient.System {
    /// `GET /events`: the daemon's events as they happen, decoded one per line.
    ///
    /// The stream ends at `until`, or when the daemon closes the connection. Leaving the loop or
    /// cancelling the task closes the connection. For a stream that survives daemon restarts and
    /// dropped connections, see ``DockerClient/System/eventsResuming(_:maxReconnectAttempts:)``.
    ///
    /// The daemon sends the response head before it subscribes to its event log, so this call can
    /// return before an event of an action started right after it is sure to be delivered. To
    /// watch for the events of something you are about to do, pass a `since` taken before it:
    /// the daemon first replays what it logged since then.
    public func events(_ options: SystemEventsOptions = .init()) async throws -> JSONLinesStream<EventMessage> {
        var query = QueryItems()
        query.add("since", options.since)
        query.add("until", options.until)
        query.add("filters", options.filters)
        var request = DockerRequest(.GET, "/events", query: query)
        request.isStream = true
        let response = try await self.client.send(request)
        return JSONLinesStream(body: response.body, host: self.client.configuration.host)
    }

    /// Events like ``DockerClient/System/events(_:)``, reconnecting when the connection drops: the new request asks
    /// for events `since` the last one received, and events seen before the drop are not
    /// delivered twice. Gives up after `maxReconnectAttempts` failed reconnections in a row
    /// (waiting 0.1 s, doubling up to 5 s, between them), throwing the last error.
    public func eventsResuming(_ options: SystemEventsOptions = .init(), maxReconnectAttempts: Int = 10) -> ResumingEventStream {
        ResumingEventStream(client: self.client, options: options, maxReconnectAttempts: maxReconnectAttempts)
    }
}

/// The stream of ``DockerClient/System/eventsResuming(_:maxReconnectAttempts:)``.
public struct ResumingEventStream: AsyncSequence, Sendable {
    public typealias Element = EventMessage

    let client: DockerClient
    let options: SystemEventsOptions
    let maxReconnectAttempts: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: self.client, options: self.options, maxReconnectAttempts: self.maxReconnectAttempts)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: DockerClient
        var options: SystemEventsOptions
        let maxReconnectAttempts: Int
        var current: JSONLinesStream<EventMessage>.AsyncIterator?
        /// The latest time of the events delivered, and the events delivered at that very time:
        /// the daemon's `since` is inclusive, so these come again after a reconnection.
        var lastTimeNano: Int64?
        var deliveredAtLastTime: Set<EventMessage> = []
        /// Whether the connection is a reconnection still sending events up to
        /// ``lastTimeNano``, which were delivered before. Only those are skipped: on one
        /// connection an event can come after a later one (the daemon stamps an event before it
        /// publishes it, and a clock can step back), and it is delivered.
        var replaying = false
        var failedAttempts = 0

        init(client: DockerClient, options: SystemEventsOptions, maxReconnectAttempts: Int) {
            self.client = client
            self.options = options
            self.maxReconnectAttempts = maxReconnectAttempts
        }

        public mutating func next() async throws -> EventMessage? {
            while true {
                try Task.checkCancellation()
                do {
                    if self.current == nil {
                        self.current = try await self.client.system.events(self.options).makeAsyncIterator()
                    }
                    guard let event = try await self.current?.next() else {
                        // The daemon ended the stream: at `until` that is the end; otherwise it
                        // went away (a restart) and we resume.
                        if self.options.until != nil { return nil }
                        self.current = nil
                        self.replaying = self.lastTimeNano != nil
                        try await self.backOff(after: DockerError(category: .connection, message: "the daemon closed the event stream"))
                        continue
                    }
                    self.failedAttempts = 0
                    if self.replaying, let time = event.timeNano, let last = self.lastTimeNano {
                        if time < last || (time == last && self.deliveredAtLastTime.contains(event)) { continue }
                        self.replaying = time == last
                    }
                    self.remember(event)
                    return event
                } catch let error as DockerError where Self.isResumable(error) {
                    self.current = nil
                    self.replaying = self.lastTimeNano != nil
                    try await self.backOff(after: error)
                }
            }
        }

        private mutating func remember(_ event: EventMessage) {
            // An event older than one delivered before it moves the resumption point back no more.
            guard let time = event.timeNano, time >= self.lastTimeNano ?? .min else { return }
            if time != self.lastTimeNano {
                self.lastTimeNano = time
                self.deliveredAtLastTime = []
            }
            self.deliveredAtLastTime.insert(event)
            self.options.since = SystemEventsOptions.timestamp(unixNanoseconds: time)
        }

        private mutating func backOff(after error: DockerError) async throws {
            self.failedAttempts += 1
            guard self.failedAttempts <= self.maxReconnectAttempts else { throw error }
            let delay = Swift.min(0.1 * Double(1 << Swift.min(self.failedAttempts - 1, 6)), 5)
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }

        /// Failures of the connection, not answers that would come again.
        private static func isResumable(_ error: DockerError) -> Bool {
            [.connection, .daemonUnreachable, .timeout].contains(error.category)
        }
    }
}
