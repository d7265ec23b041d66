import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How the daemon frames a process's output on attach, exec start and logs.
public enum StreamFraming: Hashable, Sendable {
    /// Bytes as the process wrote them: a TTY's output (stdout and stderr are one stream), or a
    /// websocket attach.
    case raw
    /// stdout and stderr in frames with 8-byte headers (see ``StreamDemultiplexer``): a process
    /// without a TTY.
    case multiplexed

    /// The framing of a response, decided as the daemon intends it, never by guessing from the
    /// bytes.
    ///
    /// From API 1.42 on, the daemon says it in `Content-Type`:
    /// `application/vnd.docker.multiplexed-stream` or `application/vnd.docker.raw-stream`.
    /// Older daemons label every attach and exec stream `raw-stream`, multiplexed or not (dockerd
    /// 20.10 does), so below 1.42, and whenever the header is absent or unknown, the framing
    /// follows from `tty`: the container's or the exec's `Tty`.
    public static func of(contentType: String?, apiVersion: APIVersion, tty: Bool) -> StreamFraming {
        Self.declared(contentType: contentType, apiVersion: apiVersion) ?? (tty ? .raw : .multiplexed)
    }

    /// The framing of a response as ``of(contentType:apiVersion:tty:)`` decides it, calling `tty`
    /// (an inspect of the container or exec) only when the `Content-Type` does not decide: so
    /// that on API ≥ 1.42 logs and attach cost no extra round trip.
    static func of(contentType: String?, apiVersion: APIVersion, tty: () async throws -> Bool) async throws -> StreamFraming {
        if let declared = Self.declared(contentType: contentType, apiVersion: apiVersion) { return declared }
        return try await tty() ? .raw : .multiplexed
    }

    /// The framing `Content-Type` declares, when the API version makes it trustworthy.
    private static func declared(contentType: String?, apiVersion: APIVersion) -> StreamFraming? {
        guard apiVersion >= APIVersion(1, 42), let contentType else { return nil }
        let mediaType = contentType.split(scalar: ";").first.map { $0.trimmingWhitespace().lowercased() }
        switch mediaType {
        case "application/vnd.docker.multiplexed-stream": return .multiplexed
        case "application/vnd.docker.raw-stream": return .raw
        default: return nil
        }
    }
}
