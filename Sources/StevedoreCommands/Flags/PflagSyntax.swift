import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// docker's flag syntax (spf13/pflag) where the argument parser reads a command line otherwise,
/// rewritten before it parses it.
///
/// An option's empty value, `--entrypoint=` (`run --entrypoint= IMAGE` clears the image's
/// entrypoint): the argument parser reads `--x=` as `--x` and takes the next argument as its
/// value; it becomes `--x ""`.
///
/// docker's boolean flags take a value after `=`: `--detach=false`, `-d=0`,
/// `-it=false` (the last letter of a group), `--rm=TRUE`, any of Go's `strconv.ParseBool`
/// spellings. The argument parser's flags take none: `--x=true` becomes `--x`, `--x=false`
/// becomes `--no-x` for a flag declared with an inversion (the flags whose default is true, or
/// that leave a setting unchanged when absent:
/// `--sig-proxy`, `service update --tty`, `swarm update --autolock`) and otherwise removes the
/// flag. As in pflag the last occurrence wins: `-it --tty=false` drops the `t`.
///
/// A value `ParseBool` refuses fails as docker fails, before any request: `invalid argument
/// "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax`, exit code 125.
///
/// A short option's value joined to its letter, `-n1`, `-uroot`, `-qn=2` (pflag drops one `=`
/// after the letter when something follows it: `-e=A=1` sets `A=1`): the argument parser
/// reads only `-n 1` and `-n=1`: the group is cut before the option's letter, which is given
/// its value after `=` (`-q -n=1`; a value of its own argument would be read as the end of the
/// options when it is `--`).
///
/// Reading a command line needs the command's table, which takes milliseconds to build. What
/// the argument parser either reads as pflag does or refuses is therefore left to it at first:
/// a group of letters alone (`-it`, `-uroot`) and a long name with a value (`--format=x`,
/// `--rm=false`); the table is built only when ``StevedoreCommand/parse(pflagSyntax:)`` finds
/// that the parser cannot read the command line as it is (or when something else on it needs
/// the table: an empty value, a short name's `=`, a group that holds more than letters).
///
/// `--x VALUE` stays two arguments, as in pflag (there `VALUE` is a positional argument), and
/// so do the values of options (`--label --rm=false` labels), and everything after `--` or, for
/// the commands that stop reading options at their first positional argument (`run IMAGE
/// --rm=false` runs `--rm=false` in the container), after that argument.
enum PflagSyntax {
    /// `arguments` (the command's path first, as after ``GlobalOptions/movingLeadingOptions(in:)``)
    /// with every boolean flag given a value, every empty option value and every value joined
    /// to its short option rewritten for the argument parser; with `readingAll` false, only
    /// those that the parser would read otherwise without refusing the command line.
    static func rewrite(
        _ arguments: [String], readingAll: Bool = true, root: ParsableCommand.Type = StevedoreCommand.self
    ) throws -> [String] {
        let (command, pathLength) = Self.command(in: arguments, root: root)
        // Only a command that runs has flags to rewrite; a group leaves its arguments to the parser.
        guard command.configuration.subcommands.isEmpty else { return arguments }
        let options = arguments[pathLength...].prefix { $0 != "--" }
        // Only a name given a value, or a group of short names (which may end in a value),
        // needs the command's table.
        let needsTable = options.contains { argument in
            guard argument.hasBytePrefix("-") else { return false }
            if argument.hasBytePrefix("--") {
                // The parser takes `--x=` as `--x` followed by a value, and `--help=VALUE` as a
                // request for help: both are always read.
                guard let equals = argument.utf8.firstIndex(of: UInt8(ascii: "=")) else { return false }
                return readingAll || argument.utf8.index(after: equals) == argument.utf8.endIndex || argument.hasBytePrefix("--help=")
            }
            if argument.contains(scalar: "=") { return true }
            guard argument.utf8.count > 2 else { return false }
            return readingAll || argument.utf8.dropFirst().contains { !Self.isASCIILetter($0) }
        }
        guard needsTable, let table = CommandFlagTable(command: command) else { return arguments }
        let read = try Self.occurrences(in: arguments, from: pathLength, table: table)
        return Self.rewritten(arguments, read, table: table)
    }

    /// The value of a short option that `rest` follows in its argument, as pflag reads it:
    /// `rest` (`-farg`), without one `=` that something follows (`-f=arg`; `-f=` is `=`).
    static func joinedValue(_ rest: String) -> String {
        rest.utf8.count > 1 && rest.hasBytePrefix("=") ? String(rest.dropFirst()) : rest
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// The command `arguments` run, and how many of the leading arguments name it
    /// (`["container", "run", "-d", "busybox"]`: `Run`, 2).
    static func command(in arguments: [String], root: ParsableCommand.Type) -> (command: ParsableCommand.Type, pathLength: Int) {
        var command = root
        var length = 0
        while length < arguments.count,
            let subcommand = command.configuration.subcommands.first(where: {
                $0._commandName == arguments[length] || $0.configuration.aliases.contains(arguments[length])
            })
        {
            command = subcommand
            length += 1
        }
        return (command, length)
    }

    /// `text` as Go's `strconv.ParseBool` reads it; ``InvalidFlagValue`` with its message when
    /// refused.
    static func value(_ text: String) throws -> Bool {
        guard let value = goParseBool(text) else {
            throw InvalidFlagValue(reason: "strconv.ParseBool: parsing \(GoQuote.quote(text)): invalid syntax")
        }
        return value
    }

    /// One boolean flag on the command line: `--x`, `--x=VALUE`, or a letter of a group of short
    /// names (`-dit`, `-d=VALUE`).
    private struct Occurrence {
        /// The index of its argument.
        var argument: Int
        /// Its flag, in the table's entries.
        var entry: Int
        /// Its position among the group's letters; nil for a long name.
        var letter: Int?
        /// The value after `=`, read; nil for a flag without one, which means true.
        var value: Bool?

        var isTrue: Bool { self.value ?? true }
    }

    /// A command line as pflag reads it: what ``rewritten(_:_:table:)`` rewrites.
    private struct ReadArguments {
        /// The boolean flags, each value after `=` checked.
        var occurrences: [Occurrence] = []
        /// The indexes of the options given an empty value (`--x=`).
        var emptyValues: Set<Int> = []
        /// By index, the groups of short names that end in an option's value (`-qn1`): the
        /// flags before the option's letter (`-q`, or `-` alone) and the option with its value
        /// (`-n=1`).
        var joinedValues: [Int: (flags: String, option: String)] = [:]
        /// The first option the command does not take, as the argument parser names it (`--nope`,
        /// `-z`): pflag refuses it before it counts the arguments.
        var firstUnknownOption: String?
    }

    /// The first option of `arguments` (the command's path first) that their command does not
    /// take, as the argument parser names it (`--nope`, `-z`); nil when there is none, or when
    /// a flag's value is refused anywhere on the line (which ``rewrite(_:readingAll:root:)``
    /// reports first).
    static func firstUnknownOption(in arguments: [String], root: ParsableCommand.Type = StevedoreCommand.self) -> String? {
        let (command, pathLength) = Self.command(in: arguments, root: root)
        guard let table = CommandFlagTable(command: command) else { return nil }
        return (try? Self.occurrences(in: arguments, from: pathLength, table: table))?.firstUnknownOption
    }

    /// `arguments` from `start` on, read as pflag reads them.
    private static func occurrences(in arguments: [String], from start: Int, table: CommandFlagTable) throws -> ReadArguments {
        var read = ReadArguments()
        var index = start
        while index < arguments.count {
            let argument = arguments[index]
            let position = index
            index += 1
            if argument == "--" { break }
            guard argument.hasBytePrefix("-"), argument.utf8.count > 1 else {
                if table.optionsEndAtFirstPositional { break }
                continue
            }
            if let body = argument.cut(prefix: "--") {
                let pair = body.cut(atFirst: "=")
                let name = pair?.before ?? body
                let text = pair.map { String($0.after) }
                guard let entry = table.index(long: name) else {
                    read.firstUnknownOption = read.firstUnknownOption ?? "--" + name
                    // An unknown option ends the options of a command that passes the rest on.
                    if table.optionsEndAtFirstPositional { break }
                    continue
                }
                if table.entries[entry].takesValue {
                    if text == nil { index += 1 } else if text == "" { read.emptyValues.insert(position) }
                } else if !table.entries[entry].isInversion {
                    let value = try text.map { try Self.value($0, for: table.entries[entry]) }
                    read.occurrences.append(Occurrence(argument: position, entry: entry, letter: nil, value: value))
                }
                continue
            }
            // A group of short names: booleans, then possibly one that takes a value (the rest of
            // the group, or else the next argument), or one boolean's `=VALUE`.
            let letters = Array(argument.dropFirst())
            var group: [Occurrence] = []
            var letter = 0
            var known = true
            while letter < letters.count {
                guard let entry = table.index(short: letters[letter]) else {
                    read.firstUnknownOption = read.firstUnknownOption ?? "-\(letters[letter])"
                    known = false
                    break
                }
                if table.entries[entry].takesValue {
                    if letter == letters.count - 1 {
                        index += 1
                    } else {
                        let value = Self.joinedValue(String(letters[(letter + 1)...]))
                        read.joinedValues[position] = ("-" + String(letters[..<letter]), "-\(letters[letter])=" + value)
                    }
                    break
                }
                // pflag's `-f=arg`: `=` right after the letter, and something after it.
                if letter + 2 < letters.count, letters[letter + 1] == "=" {
                    let value = try Self.value(String(letters[(letter + 2)...]), for: table.entries[entry])
                    group.append(Occurrence(argument: position, entry: entry, letter: letter, value: value))
                    break
                }
                group.append(Occurrence(argument: position, entry: entry, letter: letter, value: nil))
                letter += 1
            }
            guard known else {
                if table.optionsEndAtFirstPositional { break }
                continue
            }
            read.occurrences += group
        }
        return read
    }

    /// `text` read for `entry`, or docker's message for it with exit code 125.
    private static func value(_ text: String, for entry: CommandFlagTable.Entry) throws -> Bool {
        try FlagValue.parse(text, for: entry.dockerName, Self.value)
    }

    /// What becomes of one occurrence.
    private enum Outcome {
        /// Stays, without its value: the flag set.
        case kept
        /// Leaves the command line.
        case removed
        /// Becomes the flag's inversion, `--no-x`.
        case inverted
    }

    /// `arguments` with the occurrences of every flag that was given a value rewritten, each
    /// option given an empty value followed by that value, and each value joined to its short
    /// option after it.
    private static func rewritten(_ arguments: [String], _ read: ReadArguments, table: CommandFlagTable) -> [String] {
        let occurrences = read.occurrences
        // The flags given a value, and the value each ends with (pflag: the last one given).
        let given = Set(occurrences.filter { $0.value != nil }.map(\.entry))
        var finalValue: [Int: Bool] = [:]
        for occurrence in occurrences { finalValue[occurrence.entry] = occurrence.isTrue }
        func outcome(_ occurrence: Occurrence) -> Outcome {
            guard given.contains(occurrence.entry) else { return .kept }
            if table.entries[occurrence.entry].inversion != nil {
                // The parser's inversions take the last one given, as pflag does.
                return occurrence.isTrue ? .kept : .inverted
            }
            return occurrence.isTrue && finalValue[occurrence.entry] == true ? .kept : .removed
        }
        let byArgument = Dictionary(grouping: occurrences.filter { given.contains($0.entry) }, by: \.argument)
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            if read.emptyValues.contains(index) {
                result += [String(argument.dropLast()), ""]
            } else if let (flags, option) = read.joinedValues[index] {
                // The flags take no value (it ends the group): rewritten, they have no inversions.
                let rewrittenFlags = byArgument[index].map { Self.rewritten(flags, $0, table: table, outcome: outcome) } ?? [flags]
                result += rewrittenFlags.filter { $0 != "-" } + [option]
            } else if let rewritten = byArgument[index] {
                result += Self.rewritten(argument, rewritten, table: table, outcome: outcome)
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// `argument` with `occurrences` (the rewritten ones among its flags, in order) rewritten:
    /// nothing, one long flag, or a group of short names followed by any inversions.
    private static func rewritten(
        _ argument: String, _ occurrences: [Occurrence], table: CommandFlagTable, outcome: (Occurrence) -> Outcome
    ) -> [String] {
        var inversions: [String] = []
        var letters = Array(argument.dropFirst())
        // From the last rewritten letter back, so that positions stay valid.
        for occurrence in occurrences.reversed() {
            let entry = table.entries[occurrence.entry]
            let result = outcome(occurrence)
            if result == .inverted, let inversion = entry.inversion { inversions.insert("--" + inversion, at: 0) }
            guard let letter = occurrence.letter else {
                return result == .kept ? ["--" + (entry.long ?? "")] : inversions
            }
            // A letter's `=VALUE` ends the group: it goes with the value.
            if occurrence.value != nil { letters.removeSubrange((letter + 1)...) }
            if result != .kept { letters.remove(at: letter) }
        }
        return (letters.isEmpty ? [] : ["-" + String(letters)]) + inversions
    }
}
