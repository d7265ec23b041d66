import NIOCore

/// A tar reader as a state machine: feed it the bytes as they arrive, in any chunking, and it
/// returns what they complete (an entry's header, pieces of its content, its end). It does no
/// I/O, so it is tested on its own and drives both listing and extracting.
///
/// PAX extended headers (`path`, `linkpath`, `size`) and GNU long names are applied to the
/// entry they precede; global PAX headers are skipped.
public struct TarParser: Sendable {
    /// What a chunk of input completed.
    public enum Event: Sendable, Equatable {
        /// An entry's header; its content (if any) follows as ``content(_:)`` events.
        case header(TarHeader)
        /// A piece of the current entry's content.
        case content(ByteBuffer)
        /// The current entry's content is complete.
        case endOfEntry
    }

    private enum State: Sendable {
        /// Waiting for a header block.
        case header
        /// Inside an entry's content: bytes left, padding after.
        case content(remaining: Int64, padding: Int)
        /// Collecting a PAX or GNU header's content, for the entry that follows.
        case metadata(kind: TarHeader.Kind, remaining: Int64, padding: Int, collected: ByteBuffer)
        /// Skipping bytes after an entry: its padding, or the data of an entry not read.
        case padding(Int64)
        /// Two zero blocks (or one, then the end of input) were read.
        case finished
    }

    private var state = State.header
    private var pending = ByteBuffer()
    private var overrides: [String: String] = [:]
    private var zeroBlocks = 0

    public init() {}

    /// Whether the end-of-archive marker has been read.
    public var isFinished: Bool {
        if case .finished = self.state { return true }
        return false
    }

    /// Whether the input so far ends between entries: before a header, in the padding after
    /// an entry, or after the end-of-archive marker. An archive cut inside a header or an
    /// entry's content does not. (Some writers, the docker CLI's context export among them, end
    /// without the marker.)
    public var isAtEntryBoundary: Bool {
        switch self.state {
        case .header: return self.pending.readableBytes == 0
        case .padding, .finished: return true
        case .content, .metadata: return false
        }
    }

    /// Consumes `bytes` and returns the events they complete. Throws
    /// ``DockerError/Category/malformedResponse`` for a corrupt header.
    public mutating func feed(_ bytes: ByteBuffer) throws -> [Event] {
        var input = bytes
        var events: [Event] = []
        while true {
            switch self.state {
            case .finished:
                return events
            case .header:
                self.pending.writeBuffer(&input)
                guard self.pending.readableBytes >= TarHeader.blockSize,
                    let block = self.pending.readSlice(length: TarHeader.blockSize)
                else {
                    return events
                }
                input = self.pending
                self.pending = ByteBuffer()
                try self.handleHeaderBlock(block, events: &events)
            case .content(let remaining, let padding):
                guard input.readableBytes > 0 else { return events }
                let take = Int(min(Int64(input.readableBytes), remaining))
                if take > 0, let piece = input.readSlice(length: take) {
                    events.append(.content(piece))
                }
                let left = remaining - Int64(take)
                if left == 0 {
                    events.append(.endOfEntry)
                    self.state = padding > 0 ? .padding(Int64(padding)) : .header
                } else {
                    self.state = .content(remaining: left, padding: padding)
                }
            case .metadata(let kind, let remaining, let padding, var collected):
                guard input.readableBytes > 0 else { return events }
                let take = Int(min(Int64(input.readableBytes), remaining))
                var piece = input.readSlice(length: take)!
                collected.writeBuffer(&piece)
                let left = remaining - Int64(take)
                if left == 0 {
                    try self.applyMetadata(kind: kind, collected)
                    self.state = padding > 0 ? .padding(Int64(padding)) : .header
                } else {
                    self.state = .metadata(kind: kind, remaining: left, padding: padding, collected: collected)
                }
            case .padding(let count):
                guard input.readableBytes > 0 else { return events }
                let skip = Int(min(count, Int64(input.readableBytes)))
                input.moveReaderIndex(forwardBy: skip)
                self.state = count - Int64(skip) > 0 ? .padding(count - Int64(skip)) : .header
            }
        }
    }

    private mutating func handleHeaderBlock(_ block: ByteBuffer, events: inout [Event]) throws {
        guard var header = try TarHeader.parse(block: block.readableBytesView) else {
            self.zeroBlocks += 1
            if self.zeroBlocks == 2 { self.state = .finished }
            return
        }
        self.zeroBlocks = 0
        guard header.size >= 0 else {
            throw DockerError.malformedResponse("invalid tar header: negative size for \(header.name)")
        }
        let padding = TarHeader.padding(forContentSize: header.size)
        switch header.kind {
        case .paxExtended, .paxGlobal, .gnuLongName, .gnuLongLink:
            guard header.size <= 1 << 20 else {
                throw DockerError.malformedResponse("invalid tar archive: an extended header of \(header.size) bytes")
            }
            self.state =
                header.size == 0
                ? .header
                : .metadata(kind: header.kind, remaining: header.size, padding: padding, collected: ByteBuffer())
            return
        default:
            break
        }
        if let path = self.overrides["path"] { header.name = TarHeader.cleaned(path) }
        if let link = self.overrides["linkpath"] { header.linkName = link }
        if let size = self.overrides["size"].flatMap({ Int64($0) }), size >= 0 { header.size = size }
        self.overrides = [:]
        // As Go's reader: links, devices, directories and FIFOs carry no data whatever their
        // size says; other kinds than regular files have data, which is skipped.
        if header.kind.isHeaderOnly { header.size = 0 }
        let contentSize = header.kind == .regularFile ? header.size : 0
        events.append(.header(header))
        if contentSize == 0 {
            events.append(.endOfEntry)
            let (skip, overflow) = header.size.addingReportingOverflow(Int64(TarHeader.padding(forContentSize: header.size)))
            guard !overflow else { throw DockerError.malformedResponse("invalid tar header: size \(header.size) of \(header.name)") }
            self.state = skip > 0 ? .padding(skip) : .header
        } else {
            self.state = .content(remaining: contentSize, padding: TarHeader.padding(forContentSize: contentSize))
        }
    }

    private mutating func applyMetadata(kind: TarHeader.Kind, _ collected: ByteBuffer) throws {
        switch kind {
        case .gnuLongName:
            self.overrides["path"] = String(decoding: collected.readableBytesView.prefix(while: { $0 != 0 }), as: UTF8.self)
        case .gnuLongLink:
            self.overrides["linkpath"] = String(decoding: collected.readableBytesView.prefix(while: { $0 != 0 }), as: UTF8.self)
        case .paxExtended:
            for (key, value) in try Self.paxRecords(collected) where ["path", "linkpath", "size"].contains(key) {
                // As Go's archive/tar: a NUL in a name is a corrupt header. A path component
                // `..\0` is not `..` to a check, but is to the kernel, which stops at the NUL.
                guard !value.utf8.contains(0) else {
                    throw DockerError.malformedResponse("invalid tar header: a NUL in the PAX record \(key)")
                }
                self.overrides[key] = value
            }
        default:
            break
        }
    }

    /// The `key=value` records of a PAX header (`"<length> key=value\n"` each, the length
    /// counting the whole record). A record that is not one of these (a length that is not a
    /// number, under 5 or past the end, no newline where it ends, no `=` or no key) makes the archive
    /// invalid, as it does for Go's archive/tar: ``DockerError/Category/malformedResponse``.
    static func paxRecords(_ buffer: ByteBuffer) throws -> [(String, String)] {
        var records: [(String, String)] = []
        var bytes = buffer.readableBytesView[...]
        while !bytes.isEmpty {
            guard let space = bytes.firstIndex(of: UInt8(ascii: " ")),
                let length = Int(String(decoding: bytes[..<space], as: UTF8.self)),
                length >= 5, length <= bytes.count,
                case let end = bytes.index(bytes.startIndex, offsetBy: length), space < end - 1,
                bytes[end - 1] == UInt8(ascii: "\n"),
                case let record = bytes[(space + 1)..<(end - 1)],
                let equals = record.firstIndex(of: UInt8(ascii: "=")), equals > record.startIndex
            else {
                throw DockerError.malformedResponse("invalid tar header: a malformed PAX record")
            }
            records.append((String(decoding: record[..<equals], as: UTF8.self), String(decoding: record[(equals + 1)...], as: UTF8.self)))
            bytes = bytes[end...]
        }
        return records
    }
}
