import ArgumentParser
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The named arguments of one command as swift-argument-parser declares them: which names are
/// flags, which take a value, and whether the command stops reading options at its first
/// positional argument. ``PflagSyntax`` reads a command line with it as docker's flag parsing
/// (spf13/pflag) would, before the argument parser sees it.
///
/// It is read from the command's description in swift-argument-parser's JSON (`_dumpHelp()`, what
/// `--experimental-dump-help` prints): the parser's own view of the command, option groups
/// included, so that no list of flags is kept twice. The parser keeps its argument sets internal.
struct CommandFlagTable {
    /// A flag or an option, under all its names.
    struct Entry: Equatable {
        var long: String?
        var short: Character?
        /// An option: its value follows `=`, or is the next argument (or the rest of a group of
        /// short names: `-p80`), as pflag takes it.
        var takesValue: Bool
        /// For a flag `--x` declared with `inversion: .prefixedNo`: `no-x`, the flag that
        /// `--x=false` becomes.
        var inversion: String?
        /// The `--no-x` half of such a declaration, which docker does not have: `--no-x=VALUE` is
        /// left to the argument parser to refuse.
        var isInversion = false

        /// The flag as pflag names it in its messages: `-d, --detach`, `--rm`; `--help` alone,
        /// as docker marks the help flag's `-h` deprecated.
        var dockerName: String {
            switch (self.long == "help" ? nil : self.short, self.long) {
            case (let short?, let long?): "-\(short), --\(long)"
            case (nil, let long?): "--\(long)"
            case (let short?, nil): "-\(short)"
            case (nil, nil): ""
            }
        }
    }

    private(set) var entries: [Entry] = []
    private var longNames: [String: Int] = [:]
    private var shortNames: [Character: Int] = [:]

    /// docker's `SetInterspersed(false)` (`run`, `create`, `exec`, `service create`, `top`): the
    /// first positional argument and everything after it are the command's, never options.
    /// The argument parser does the same for a command whose last argument takes all remaining
    /// input (`.captureForPassthrough`) or all unrecognized input.
    private(set) var optionsEndAtFirstPositional = false

    /// The table of `command`, nil when its description cannot be read.
    init?(command: ParsableCommand.Type) {
        self.init(description: Data(command._dumpHelp().utf8))
    }

    /// The table of the command that `description` (swift-argument-parser's JSON description
    /// of a command, `ToolInfoV0`) describes.
    init?(description: Data) {
        guard let tool = try? JSONDecoder().decode(ToolInfo.self, from: description) else { return nil }
        let arguments = tool.command.arguments ?? []
        let flags = Set(arguments.filter { $0.kind == "flag" }.flatMap { $0.names ?? [] }.filter { $0.kind == "long" }.map(\.name))
        for argument in arguments {
            guard argument.kind != "positional" else {
                if argument.isRepeating, ["allRemainingInput", "allUnrecognized"].contains(argument.parsingStrategy) {
                    self.optionsEndAtFirstPositional = true
                }
                continue
            }
            let names = argument.names ?? []
            let long = names.first { $0.kind == "long" }?.name
            let short = names.first { $0.kind == "short" }?.name.first
            var entry = Entry(long: long, short: short, takesValue: argument.kind == "option")
            if !entry.takesValue, let long {
                if flags.contains("no-" + long) {
                    entry.inversion = "no-" + long
                } else if let inverted = long.cut(prefix: "no-"), flags.contains(String(inverted)) {
                    entry.isInversion = true
                }
            }
            self.add(entry)
        }
    }

    /// The index in ``entries`` of the flag or option named `--name`.
    func index(long name: Substring) -> Int? {
        self.longNames[String(name)]
    }

    /// The index in ``entries`` of the flag or option named `-letter`.
    func index(short letter: Character) -> Int? {
        self.shortNames[letter]
    }

    /// Adds `entry`; a name already taken keeps its first owner, as the parser gives a
    /// command's own `-h` (`run`'s `--hostname`) precedence over the help flag's.
    private mutating func add(_ entry: Entry) {
        let index = self.entries.count
        self.entries.append(entry)
        if let long = entry.long, self.longNames[long] == nil {
            self.longNames[long] = index
        }
        if let short = entry.short, self.shortNames[short] == nil {
            self.shortNames[short] = index
        }
    }

    /// The part of swift-argument-parser's `ToolInfoV0` read here.
    private struct ToolInfo: Decodable {
        struct Command: Decodable {
            var arguments: [Argument]?
        }

        struct Argument: Decodable {
            var kind: String
            var names: [Name]?
            var parsingStrategy: String
            var isRepeating: Bool
        }

        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var command: Command
    }
}
