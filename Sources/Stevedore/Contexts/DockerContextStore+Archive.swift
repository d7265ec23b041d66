import NIOCore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerContextStore {
    /// The largest archive ``import(_:from:)`` reads, as docker: 10 MiB.
    public static let maximumArchiveSize = 10 << 20

    /// Context `name` as docker's `.dockercontext` archive (what `docker context export`
    /// writes): a tar of `meta.json` (0644), the directory `tls` (0700) and, when the context
    /// has TLS files, `tls/docker/<file>` (0600). `default` is exported as the environment
    /// describes it.
    public func export(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Data {
        if name != DockerContext.defaultName { try Self.validate(name: name) }
        let context = try self.context(named: name, environment: environment)
        var tar = InMemoryTar()
        tar.append("meta.json", .regularFile, mode: 0o644, contents: ContextMetadata.encode(context))
        tar.append("tls", .directory, mode: 0o700)
        if let tls = context.tls {
            tar.append("tls/docker", .directory, mode: 0o700)
            for (file, url) in tls.byStoredName {
                tar.append("tls/docker/\(file)", .regularFile, mode: 0o600, contents: try Self.read(url))
            }
        }
        return Data(readableBytesOf: tar.finished)
    }

    /// Stores the context in `archive` (from ``export(_:environment:)`` or `docker context
    /// export`, tar with or without its end marker) as `name`.
    ///
    /// Throws ``DockerError/Category/invalidInput`` for an invalid name and
    /// ``DockerError/Category/conflict`` when it is taken, as ``create(_:)``; and
    /// ``DockerError/Category/invalidInput`` with docker's message for an archive that is not a
    /// context: larger than ``maximumArchiveSize``, truncated, a zip (which old CLIs wrote), an
    /// entry other than `meta.json` and `tls/<endpoint>/<file>`, or no `meta.json`. Nothing is
    /// stored then.
    public func `import`(_ name: String, from archive: Data) throws {
        try self.checkNewName(name)
        guard archive.count <= Self.maximumArchiveSize else { throw DockerError.invalidInput("read exceeds the defined limit") }
        guard !archive.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw DockerError.invalidInput("zip context archives are not supported: export the context again as a tar")
        }
        var parser = TarParser()
        let events: [TarParser.Event]
        do {
            events = try parser.feed(ByteBuffer(bytes: archive))
        } catch {
            throw DockerError.invalidInput("unexpected EOF")
        }
        guard parser.isAtEntryBoundary else { throw DockerError.invalidInput("unexpected EOF") }
        var metadata: Data?
        var tlsFiles: [(name: String, data: Data)] = []
        var current: (header: TarHeader, data: Data)?
        for event in events {
            switch event {
            case .header(let header): current = (header, Data())
            case .content(let piece): current?.data.append(contentsOf: piece.readableBytesView)
            case .endOfEntry:
                guard let (header, data) = current, header.kind == .regularFile else { continue }
                let path = header.name
                guard path == "meta.json" || path.hasBytePrefix("tls/") else {
                    throw DockerError.invalidInput("\(path): unexpected context file")
                }
                guard !path.contains(scalar: "\\") else { throw DockerError.invalidInput("\(path): unexpected '\\' in path") }
                guard path.split(scalar: "/", omittingEmptySubsequences: false).allSatisfy({ !["", ".", ".."].contains($0) }) else {
                    throw DockerError.invalidInput("\(path): unexpected path format")
                }
                if path == "meta.json" {
                    metadata = try ContextMetadata.renamed(data, to: name)
                    continue
                }
                let parts = path.dropFirst("tls/".count).split(scalar: "/")
                guard parts.count == 2 else { throw DockerError.invalidInput("archive format is invalid") }
                // Only the docker endpoint has TLS material today; others are not kept.
                if parts[0] == "docker" { tlsFiles.append((String(parts[1]), data)) }
            }
        }
        guard let metadata else { throw DockerError.invalidInput("invalid context: no metadata found") }
        try self.writeMetadata(metadata, forContext: name)
        try self.replaceTLSFiles(tlsFiles.isEmpty ? nil : tlsFiles, forContext: name)
    }
}
