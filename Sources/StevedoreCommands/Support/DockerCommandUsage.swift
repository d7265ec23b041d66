import StevedoreText

/// A command as docker's CLI words its refusals of a command line: its use line (`ps
/// [OPTIONS]`) and the argument counts it takes, from docker's own table (``all``).
///
/// docker refuses a flag it cannot take with pflag's words, the command's usage and exit code
/// 125 (`unknown flag: --nope`, then `Usage:  docker ps [OPTIONS]` and `Run 'docker ps --help'
/// for more information`), and a wrong number of arguments with its own words, exit code 1
/// (`docker: 'docker rm' requires at least 1 argument`). swift-argument-parser, which reads the
/// command line here, has other words for both; ``refusal(forParserMessage:arguments:)`` says
/// them as docker does.
struct DockerCommandUsage: Sendable {
    /// The argument counts a command takes (docker's `cli.NoArgs`, `cli.ExactArgs`…).
    enum Arguments: Sendable, Equatable {
        /// Whatever the command checks itself.
        case unchecked
        case none
        case exactly(Int)
        case atLeast(Int)
        case atMost(Int)
        case range(Int, Int)
        /// cobra's own `ExactArgs`, which `context use` has: its words, without the usage.
        case acceptsExactly(Int)
    }

    /// The command's path as typed after the program's name (`container list`).
    let path: String
    /// docker's use line of the command, after its parent's path (`ls [OPTIONS]`).
    let use: String
    let arguments: Arguments

    init(_ path: String, _ use: String, _ arguments: Arguments) {
        self.path = path
        self.use = use
        self.arguments = arguments
    }

    /// The root command.
    static let root = DockerCommandUsage("", "[OPTIONS] COMMAND [ARG...]", .unchecked)

    private static let byPath = Dictionary(Self.all.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

    /// The command `arguments` name (after the program's name): the longest run of leading
    /// words that is a command path. Like docker, which reads each command's flags before its
    /// subcommand's name, it stops at the first option. Only the words of a command Stevedore
    /// has are read: the table holds docker's commands that it has not (`stack`), which are an
    /// unknown command to the root.
    static func command(in arguments: [String]) -> DockerCommandUsage {
        var command = Self.root
        var path: [String] = []
        let implemented = PflagSyntax.command(in: arguments, root: StevedoreCommand.self).pathLength
        for argument in arguments.prefix(implemented) {
            guard !argument.hasBytePrefix("-"), let next = Self.byPath[(path + [argument]).joined(separator: " ")] else { break }
            path.append(argument)
            command = next
        }
        return command
    }

    /// `stevedore container ls`: the parent's path and the command's own name, which an alias
    /// typed in its place does not change.
    var commandPath: String {
        guard !self.path.isEmpty, let name = self.use.split(scalar: " ").first else { return self.parentPath }
        return self.parentPath + " " + name
    }

    /// `stevedore container ls [OPTIONS]`.
    var useLine: String { self.parentPath + " " + self.use }

    /// `stevedore container` for `container ls`: the program's name and the path's words but
    /// the last.
    private var parentPath: String {
        (["stevedore"] + self.path.split(scalar: " ").dropLast().map(String.init)).joined(separator: " ")
    }

    /// Whether the command has subcommands (`container`), which docker names when an
    /// argument is none of them.
    var hasSubcommands: Bool {
        let prefix = self.path.isEmpty ? "" : self.path + " "
        return Self.all.contains { $0.path.hasBytePrefix(prefix) && $0.path != self.path }
    }

    /// What docker appends to a flag's refusal (pflag's message, or a value a flag refused).
    var flagUsage: String { self.usage(helpVerb: "Run") }

    /// The usage block docker prints after a refusal: the use line, then where the help is,
    /// said with `helpVerb` (docker's refusals differ in it).
    private func usage(helpVerb: String) -> String {
        "\n\nUsage:  \(self.useLine)\n\n\(helpVerb) '\(self.commandPath) --help' for more information"
    }

    /// docker's refusal of the command line `arguments` where swift-argument-parser refused it
    /// with `message`; `nil` where docker's words are not known (the parser's then stand).
    func refusal(forParserMessage message: String, arguments: [String]) -> CommandFailure? {
        if let option = Self.quoted(after: "Unknown option '", in: message) {
            // A global option after an argument that names no command: docker's root knows the
            // option, and refuses the command.
            if self.path.isEmpty, let first = arguments.first, !first.hasBytePrefix("-"), GlobalOptions.names.contains(option) {
                return self.countRefusal(firstArgument: first)
            }
            return self.unknownFlagRefusal(option, in: arguments)
        }
        if let option = Self.quoted(after: "Missing value for '", in: message) {
            let name = String(option.prefix { $0 != " " })
            return CommandFailure(description: Self.missingValue(name, in: arguments) + self.flagUsage, exitCode: 125)
        }
        guard UsageExitCode.isArgumentCount(parserMessage: message) else { return nil }
        // pflag reads every flag before the arguments are counted: an unknown one is refused first.
        if let option = PflagSyntax.firstUnknownOption(in: arguments) {
            return self.unknownFlagRefusal(option, in: arguments)
        }
        if case .acceptsExactly(let count) = self.arguments {
            // The command takes no option but --help: every other word after its path counts,
            // `-` (stdin's name) too.
            let words = arguments.dropFirst(self.path.split(scalar: " ").count)
            let received = words.filter { $0 == "-" || !$0.hasBytePrefix("-") }.count
            return CommandFailure(description: "accepts \(count) arg(s), received \(received)")
        }
        // The argument may hold a quote itself: it ends at the message's last one.
        let firstArgument =
            message.cut(prefix: "Unexpected argument '")?.cut(suffix: "'").map(String.init)
            ?? Self.firstOfUnexpectedArguments(in: message)
        return self.countRefusal(firstArgument: firstArgument)
    }

    /// pflag's refusal of `option` (as the argument parser names it: `--nope`, `-z`) on the
    /// command line `arguments`, with the command's usage, exit code 125.
    private func unknownFlagRefusal(_ option: String, in arguments: [String]) -> CommandFailure {
        CommandFailure(description: Self.unknownFlag(option, in: arguments) + self.flagUsage, exitCode: 125)
    }

    /// The first argument of the parser's `2 unexpected arguments: 'a', 'b'`.
    private static func firstOfUnexpectedArguments(in message: String) -> String? {
        guard let start = message.firstRange(of: " unexpected arguments: '")?.upperBound else { return nil }
        let list = message[start...]
        return String(list.firstRange(of: "', '").map { list[..<$0.lowerBound] } ?? list)
    }

    /// docker's words for a wrong number of arguments, exit code 1; `firstArgument` is the one
    /// a command with subcommands does not know.
    func countRefusal(firstArgument: String?) -> CommandFailure? {
        let path = self.commandPath
        func argumentWord(_ count: Int) -> String { count == 1 ? "argument" : "arguments" }
        // What is wrong, and the verb of the pointer to the help after the usage.
        let (problem, helpVerb): (String, String)
        switch self.arguments {
        case .acceptsExactly:
            return nil
        case .unchecked:
            guard self.path.isEmpty, let firstArgument else { return nil }
            // The root's: no usage block.
            return CommandFailure(
                description: "stevedore: unknown command: stevedore \(firstArgument)\n\nRun 'stevedore --help' for more information")
        case .none where self.hasSubcommands:
            guard let firstArgument else { return nil }
            (problem, helpVerb) = ("unknown command: \(path) \(firstArgument)", "Run")
        case .none:
            (problem, helpVerb) = ("'\(path)' accepts no arguments", "Run")
        case .exactly(let count):
            (problem, helpVerb) = ("'\(path)' requires \(count) \(argumentWord(count))", "Run")
        case .atLeast(let count):
            (problem, helpVerb) = ("'\(path)' requires at least \(count) \(argumentWord(count))", "See")
        case .atMost(let count):
            // docker 28's own words, typo included.
            (problem, helpVerb) = ("'\(path)' requires at most \(count) \(argumentWord(count))", "SRun")
        case .range(let minimum, let maximum):
            (problem, helpVerb) = ("'\(path)' requires at least \(minimum) and at most \(maximum) \(argumentWord(maximum))", "Run")
        }
        return CommandFailure(description: "stevedore: " + problem + self.usage(helpVerb: helpVerb), exitCode: 1)
    }

    /// pflag's words for an option no command takes: a short one names the group it was in.
    /// pflag names a short option by the rest of its group from that letter on (`-z` of `-az`).
    /// The group is the first in which the letter is read as an option: every letter before it
    /// is a flag (in `-uroot -r`, `r` is a letter of `-u`'s value).
    private static func unknownFlag(_ option: String, in arguments: [String]) -> String {
        guard !option.hasBytePrefix("--"), let letter = option.dropFirst().first else { return "unknown flag: \(option)" }
        let (command, pathLength) = PflagSyntax.command(in: arguments, root: StevedoreCommand.self)
        let table = CommandFlagTable(command: command)
        func isFlag(_ letter: Character) -> Bool {
            guard let table, let index = table.index(short: letter) else { return true }
            return !table.entries[index].takesValue
        }
        let group = arguments.dropFirst(pathLength).prefix { $0 != "--" }.lazy.compactMap { argument -> Substring? in
            guard argument.hasBytePrefix("-"), !argument.hasBytePrefix("--"), let at = argument.firstIndex(of: letter) else { return nil }
            return argument.dropFirst()[..<at].allSatisfy(isFlag) ? argument[at...] : nil
        }.first
        return "unknown shorthand flag: '\(letter)' in \(group.map { "-" + $0 } ?? option)"
    }

    /// pflag's words for an option without its value, which comes last: a short one by its letter.
    private static func missingValue(_ name: String, in arguments: [String]) -> String {
        if let last = arguments.last, last.hasBytePrefix("-"), !last.hasBytePrefix("--"), let letter = last.last {
            return "flag needs an argument: '\(letter)' in -\(letter)"
        }
        return "flag needs an argument: \(name)"
    }

    /// The text between `prefix`'s closing quote and the next `'` in `message`.
    private static func quoted(after prefix: String, in message: String) -> String? {
        guard message.hasBytePrefix(prefix) else { return nil }
        return String(message.dropFirst(prefix.count).prefix { $0 != "'" })
    }
}
