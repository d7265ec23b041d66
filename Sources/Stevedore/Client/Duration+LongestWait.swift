extension Duration {
    /// The longest the library waits, or tells the daemon to wait: `Int64.max` nanoseconds
    /// (about 292 years), what NIO's `TimeAmount` and the clocks' sleeps hold. A caller's
    /// `Duration` may be longer, and reading its components past `Int64.max` seconds traps.
    static let longestWait = Duration.nanoseconds(Int64.max)

    /// This duration, from zero (a negative one is no wait) to ``longestWait``: how the library
    /// reads a caller's duration.
    var clampedToLongestWait: Duration { min(max(self, .zero), .longestWait) }
}
