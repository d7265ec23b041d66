import NIOCore

/// How the transport connects and pools connections.
public struct HTTPTransportConfiguration: Sendable {
    /// How long opening a connection may take. Default: 10 seconds.
    public var connectTimeout: TimeAmount = .seconds(10)
    /// The most connections open or being opened at once for ordinary requests; further requests
    /// wait for one to come free. Connections upgraded to a raw duplex do not count. Default: 16.
    public var maxConnections: Int = 16
    /// How long a kept-alive connection stays open unused. Default: 90 seconds (as Go's client).
    public var idleTimeout: TimeAmount = .seconds(90)

    public init() {}
}
