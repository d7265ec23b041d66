#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the daemon says about a path in a container: the `X-Docker-Container-Path-Stat`
/// header of `GET`/`HEAD /containers/{id}/archive`, base64-encoded JSON.
public struct ContainerPathStat: Hashable, Sendable, Codable {
    /// The last element of the path (`busybox` for `/bin/busybox`).
    public var name: String
    /// The size in bytes (of the link itself for a symbolic link).
    public var size: Int64
    /// Type and permission bits, in Go's `os.FileMode` encoding.
    public var mode: Mode
    /// The modification time as the daemon wrote it (RFC 3339); see ``modificationDate``.
    public var mtime: String
    /// The target of a symbolic link; empty otherwise.
    public var linkTarget: String

    public init(name: String, size: Int64, mode: Mode, mtime: String, linkTarget: String = "") {
        self.name = name
        self.size = size
        self.mode = mode
        self.mtime = mtime
        self.linkTarget = linkTarget
    }

    /// The modification time; `nil` when the daemon's text does not parse.
    public var modificationDate: Date? {
        DockerTimestamp.date(from: self.mtime)
    }

    /// A file mode in Go's `os.FileMode` encoding: permission bits `0o777` low, type and
    /// special bits at the top (not the `st_mode` layout of C).
    public struct Mode: RawRepresentable, Hashable, Sendable, Codable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public init(from decoder: any Decoder) throws {
            self.rawValue = try decoder.singleValueContainer().decode(UInt32.self)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(self.rawValue)
        }

        static let directoryBit: UInt32 = 1 << 31
        static let symbolicLinkBit: UInt32 = 1 << 27
        static let deviceBit: UInt32 = 1 << 26
        static let namedPipeBit: UInt32 = 1 << 25
        static let socketBit: UInt32 = 1 << 24
        static let setuidBit: UInt32 = 1 << 23
        static let setgidBit: UInt32 = 1 << 22
        static let characterDeviceBit: UInt32 = 1 << 21
        static let stickyBit: UInt32 = 1 << 20
        static let irregularBit: UInt32 = 1 << 19
        static let typeBits = directoryBit | symbolicLinkBit | deviceBit | namedPipeBit | socketBit | characterDeviceBit | irregularBit

        public var isDirectory: Bool { self.rawValue & Self.directoryBit != 0 }
        public var isSymbolicLink: Bool { self.rawValue & Self.symbolicLinkBit != 0 }
        /// A regular file: none of the type bits set.
        public var isRegularFile: Bool { self.rawValue & Self.typeBits == 0 }
        /// The permission bits, `0o755` and the like.
        public var permissions: UInt32 { self.rawValue & 0o777 }
        /// Permissions plus setuid (`0o4000`), setgid (`0o2000`) and sticky (`0o1000`), as
        /// `chmod` takes them.
        public var unixPermissions: UInt32 {
            var bits = self.permissions
            if self.rawValue & Self.setuidBit != 0 { bits |= 0o4000 }
            if self.rawValue & Self.setgidBit != 0 { bits |= 0o2000 }
            if self.rawValue & Self.stickyBit != 0 { bits |= 0o1000 }
            return bits
        }
    }

    /// The stat of a response's `X-Docker-Container-Path-Stat` header.
    static func decode(header: String?) throws -> ContainerPathStat {
        guard let header, !header.isEmpty else {
            throw DockerError.malformedResponse("the daemon's answer has no X-Docker-Container-Path-Stat header")
        }
        guard let json = Data(base64Encoded: header) else {
            throw DockerError.malformedResponse("the X-Docker-Container-Path-Stat header is not base64: \(header)")
        }
        do {
            return try JSONDecoder().decode(ContainerPathStat.self, from: json)
        } catch {
            throw DockerError.malformedResponse("the X-Docker-Container-Path-Stat header is not the expected JSON: \(error)")
        }
    }
}
