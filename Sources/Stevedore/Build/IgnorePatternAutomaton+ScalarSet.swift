import StevedoreText

extension IgnorePatternAutomaton {
    /// The scalars one step accepts, and the Go regular-expression syntax that makes them:
    /// moby passes a pattern's `[…]` classes and `\` escapes to Go's regexp package as they are.
    enum ScalarSet: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        /// `[^/]`: what `*` and `?` stand for.
        case notSlash
        /// Go's `.`: anything but a newline.
        case notNewline
        /// A bracket class or a Perl class, as ranges of scalar values.
        case ranges([ClosedRange<UInt32>], negated: Bool)

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .scalar(let expected): return scalar == expected
            case .notSlash: return scalar != "/"
            case .notNewline: return scalar != "\n"
            case .ranges(let ranges, let negated): return ranges.contains { $0.contains(scalar.value) } != negated
            }
        }

        /// Why a class or an escape is not valid Go syntax.
        struct SyntaxError: Error {}

        /// What `\` followed by `character` means to Go: ASCII punctuation stands for itself,
        /// `\d \w \s` (and their capitals) are Perl classes, `\a \f \t \n \r \v` control
        /// characters. Go's other escapes (`\b`, `\x41`, `\p{…}`, `\Q…\E`…) are not supported.
        static func escape(_ character: Unicode.Scalar) throws(SyntaxError) -> ScalarSet {
            if character.isASCII, !character.properties.isAlphabetic, !("0"..."9").contains(character) {
                return .scalar(character)
            }
            switch character {
            case "d", "D": return .ranges(Self.posixClasses["digit"]!, negated: character == "D")
            case "w", "W": return .ranges(Self.posixClasses["word"]!, negated: character == "W")
            case "s", "S": return .ranges([9...10, 12...13, 32...32], negated: character == "S")
            case "a": return .scalar("\u{07}")
            case "f": return .scalar("\u{0C}")
            case "t": return .scalar("\t")
            case "n": return .scalar("\n")
            case "r": return .scalar("\r")
            case "v": return .scalar("\u{0B}")
            default: throw SyntaxError()
            }
        }

        /// Reads the class whose `[` is at `characters[index - 1]` as Go does: a leading `^`
        /// negates, a `]` right after the opening (or the `^`) is literal, `a-z` is a range,
        /// `[:alpha:]` a POSIX class, `\` escapes. On return `index` is past the closing `]`.
        static func bracketClass(_ characters: [Unicode.Scalar], index: inout Int) throws(SyntaxError) -> ScalarSet {
            var negated = false
            if index < characters.count, characters[index] == "^" {
                negated = true
                index += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while true {
                guard index < characters.count else { throw SyntaxError() }
                if characters[index] == "]", !first {
                    index += 1
                    return .ranges(ranges, negated: negated)
                }
                first = false
                if let named = Self.namedClass(characters, index: &index) {
                    ranges += named
                    continue
                }
                let low = try Self.classMember(characters, index: &index)
                guard case .scalar(let lowScalar) = low else {
                    // A Perl class (`\d`) cannot start a range.
                    if case .ranges(let members, let memberNegated) = low { ranges += memberNegated ? Self.complement(members) : members }
                    continue
                }
                if index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]" {
                    index += 1
                    guard case .scalar(let highScalar) = try Self.classMember(characters, index: &index), highScalar >= lowScalar else {
                        throw SyntaxError()
                    }
                    ranges.append(lowScalar.value...highScalar.value)
                } else {
                    ranges.append(lowScalar.value...lowScalar.value)
                }
            }
        }

        /// One scalar of a class, or the set an escape inside it stands for.
        private static func classMember(_ characters: [Unicode.Scalar], index: inout Int) throws(SyntaxError) -> ScalarSet {
            guard index < characters.count else { throw SyntaxError() }
            let character = characters[index]
            index += 1
            guard character == "\\" else { return .scalar(character) }
            guard index < characters.count else { throw SyntaxError() }
            index += 1
            return try Self.escape(characters[index - 1])
        }

        /// `[:name:]` or `[:^name:]` at `index`, advancing past it; nil when there is none.
        private static func namedClass(_ characters: [Unicode.Scalar], index: inout Int) -> [ClosedRange<UInt32>]? {
            guard index + 1 < characters.count, characters[index] == "[", characters[index + 1] == ":" else { return nil }
            var end = index + 2
            while end + 1 < characters.count, !(characters[end] == ":" && characters[end + 1] == "]") { end += 1 }
            guard end + 1 < characters.count else { return nil }
            var name = String(String.UnicodeScalarView(characters[(index + 2)..<end]))
            let negated = name.hasBytePrefix("^")
            if negated { name.unicodeScalars.removeFirst() }
            guard let ranges = Self.posixClasses[name] else { return nil }
            index = end + 2
            return negated ? Self.complement(ranges) : ranges
        }

        /// The ranges of every scalar value not in `ranges` (which must be sorted).
        private static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
            var result: [ClosedRange<UInt32>] = []
            var next: UInt32 = 0
            for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
                next = max(next, range.upperBound + 1)
            }
            if next <= 0x10FFFF { result.append(next...0x10FFFF) }
            return result
        }

        /// Go's POSIX classes, all ASCII.
        private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
            "alnum": [48...57, 65...90, 97...122],
            "alpha": [65...90, 97...122],
            "ascii": [0...127],
            "blank": [9...9, 32...32],
            "cntrl": [0...31, 127...127],
            "digit": [48...57],
            "graph": [33...126],
            "lower": [97...122],
            "print": [32...126],
            "punct": [33...47, 58...64, 91...96, 123...126],
            "space": [9...13, 32...32],
            "upper": [65...90],
            "word": [48...57, 65...90, 95...95, 97...122],
            "xdigit": [48...57, 65...70, 97...102],
        ]
    }
}
