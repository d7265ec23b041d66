import NIOCore
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An error raised by the transport: the connection could not be made, or the peer broke the
/// HTTP exchange. The Docker client maps these to its own errors with hints for the user.
public struct HTTPTransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, without the details.
    public enum Code: Hashable, Sendable {
        /// A unix socket path does not exist.
        case socketNotFound
        /// The socket exists but this process may not open it.
        case permissionDenied
        /// Nothing listens at the address.
        case connectionRefused
        /// The connection was not established within the connect timeout.
        case connectTimeout
        /// The peer closed the connection before the response was complete.
        case connectionClosed
        /// The peer's bytes are not a valid HTTP/1.1 response.
        case malformedResponse
        /// A body was larger than the limit the caller set.
        case bodyTooLarge
        /// The request did not complete before its deadline.
        case deadlineExceeded
        /// The transport was shut down.
        case shutdown
        /// The request asked for an upgrade and the response was neither `101` nor `200`.
        case upgradeRefused
        /// The TLS handshake or session failed (an untrusted certificate, a wrong name, no
        /// client certificate where the peer demands one).
        case tls
        /// The program a connection runs through (ssh) is missing or could not start.
        case commandNotFound
        /// Any other I/O failure.
        case io
    }

    /// What went wrong.
    public var code: Code
    /// Details: the address, the underlying error, the limit.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(self.code): \(self.detail)" }

    public static func connectionClosed(_ detail: String = "the peer closed the connection before the response was complete") -> Self {
        .init(.connectionClosed, detail)
    }
    public static func malformedResponse(_ detail: String) -> Self { .init(.malformedResponse, detail) }
    public static func bodyTooLarge(limit: Int) -> Self { .init(.bodyTooLarge, "the body is larger than \(limit) bytes") }
    public static let deadlineExceeded = Self(.deadlineExceeded, "the request did not complete before its deadline")
    public static let shutdown = Self(.shutdown, "the transport was shut down")
    /// A connection was closed before a request could start on it; nothing was written.
    static let staleConnection = Self(.connectionClosed, "the connection was closed before the request was sent")
    /// The caller was cancelled while it waited for a connection of the pool; nothing was sent.
    static let cancelledWhileWaiting = Self(.io, "cancelled while waiting for a connection")
    /// The daemon closed the connection after the request was written, before any answer.
    static let closedBeforeAnswering = Self(.connectionClosed, "the daemon closed the connection before it answered")
    /// ``closedBeforeAnswering`` for a `GET` or `HEAD` on a kept-alive connection: the peer closed
    /// it while it was idle (a proxy's or a relay's idle timeout) and the close crossed the
    /// request. Nothing was done, so the pool sends the request again on a new connection, as
    /// Go's transport does.
    static let idleConnectionClosed = Self(.connectionClosed, "the daemon closed the idle connection the request was sent on")

    /// Whether `error` is the peer's reset of the connection (`ECONNRESET`), which ends a raw
    /// duplex as its close does (see ``HTTPConnectionStateMachine/peerReset(_:)``).
    static func isPeerReset(_ error: any Error) -> Bool {
        (error as? IOError)?.errnoCode == ECONNRESET
    }

    /// Classifies a failure to connect to `target`.
    static func connectFailure(_ error: any Error, target: ConnectionTarget) -> Self {
        if let error = error as? HTTPTransportError { return error }
        if let ioError = error as? IOError {
            switch ioError.errnoCode {
            case ENOENT: return .init(.socketNotFound, "\(target): no such file")
            case EACCES, EPERM: return .init(.permissionDenied, "\(target): permission denied")
            case ECONNREFUSED: return .init(.connectionRefused, "\(target): connection refused")
            default: return .init(.io, "\(target): \(ioError)")
            }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .init(.connectTimeout, "\(target): connect timed out")
        }
        if let connectionError = error as? NIOConnectionError {
            // NIO wraps per-address failures for host names that resolve to several addresses.
            if let first = connectionError.connectionErrors.first {
                return connectFailure(first.error, target: target)
            }
            return .init(.connectionRefused, "\(target): could not connect (\(connectionError))")
        }
        return .init(.io, "\(target): \(error)")
    }
}
