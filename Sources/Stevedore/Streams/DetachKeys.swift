import StevedoreText

/// A detach key sequence such as docker's default `ctrl-p,ctrl-q`: typed on an attached
/// terminal, it ends the attach and leaves the container running.
///
/// The daemon recognises the sequence given as `detachKeys` (attach, exec, start); an
/// interactive client also watches its own input with ``Matcher`` so that it knows it
/// detached (rather than the container having ended) and stops at once.
public struct DetachKeys: Hashable, Sendable, CustomStringConvertible {
    /// The bytes of the sequence.
    public let bytes: [UInt8]
    /// The text it was parsed from, as the daemon takes it.
    public let description: String

    /// Docker's default, `ctrl-p,ctrl-q`.
    public static let `default` = try! DetachKeys(parsing: "ctrl-p,ctrl-q")

    /// Parses docker's format (moby's `term.ToBytes`): comma-separated keys, each a single
    /// byte (taken as typed: `P` is not `p`), `DEL`, or `ctrl-<key>` with `<key>` one of
    /// `a`–`z`, `@`, `[`, `\`, `]`, `^`, `_` (lowercase, as docker spells them). Throws
    /// ``DockerError/Category/invalidInput`` for anything else.
    public init(parsing text: String) throws {
        var bytes: [UInt8] = []
        for key in text.split(scalar: ",", omittingEmptySubsequences: false) {
            let utf8 = key.utf8
            if utf8.count == 1, let byte = utf8.first {
                bytes.append(byte)
            } else if utf8.elementsEqual("DEL".utf8) {
                bytes.append(0x7F)
            } else if utf8.count == 6, utf8.starts(with: "ctrl-".utf8), let byte = utf8.last {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(byte - UInt8(ascii: "a") + 1)
                case UInt8(ascii: "@"): bytes.append(0)
                case UInt8(ascii: "["), UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                    bytes.append(byte - UInt8(ascii: "[") + 27)
                default: throw Self.invalid(text)
                }
            } else {
                throw Self.invalid(text)
            }
        }
        self.bytes = bytes
        self.description = text
    }

    private static func invalid(_ text: String) -> DockerError {
        DockerError.invalidInput(
            "invalid detach keys \"\(text)\": use comma-separated keys, each a character, DEL or ctrl-<a-z, @, [, \\, ], ^ or _>")
    }

    /// Watches input for the sequence. Bytes that might begin it are held back until the
    /// sequence completes (they are then dropped, as docker does) or breaks (they are released
    /// ahead of the byte that broke it).
    public struct Matcher: Sendable {
        public let keys: DetachKeys
        private var matched = 0

        public init(_ keys: DetachKeys) {
            self.keys = keys
        }

        /// The bytes of `input` to pass on, and whether the sequence was completed (the bytes
        /// after it are dropped). After a completed sequence the matcher starts afresh.
        public mutating func feed(_ input: some Sequence<UInt8>) -> (pass: [UInt8], detached: Bool) {
            var pass: [UInt8] = []
            for byte in input {
                if byte == self.keys.bytes[self.matched] {
                    self.matched += 1
                    if self.matched == self.keys.bytes.count {
                        self.matched = 0
                        return (pass, true)
                    }
                } else {
                    pass += self.keys.bytes[..<self.matched]
                    self.matched = 0
                    if byte == self.keys.bytes[0] {
                        if self.keys.bytes.count == 1 { return (pass, true) }
                        self.matched = 1
                    } else {
                        pass.append(byte)
                    }
                }
            }
            return (pass, false)
        }
    }
}
