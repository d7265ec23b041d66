import StevedoreText

/// docker's exit code for a command line its parser refuses, from the parser's message.
///
/// docker (cobra) exits 125 for a flag it cannot take (`unknown flag: --nope`, a flag without its
/// value, `--force=maybe`) and 1 when the arguments are too few or too many (`"docker rm"
/// requires at least 1 argument`, an unknown command). swift-argument-parser exits 64 for all of
/// them and says which in its message's opening words; only those words are read, so that a
/// message the parser words differently in a later version still exits as a flag error.
enum UsageExitCode {
    /// Positional arguments (their synopsis starts with `<`, an option's with a dash): `Missing
    /// expected argument '<containers> ...'`, `Missing one of: '<a>', '<b>'`, `The value 'x' is
    /// invalid for '<n>'`, `Unexpected argument 'x'`, `2 unexpected arguments: …` are 1 (docker
    /// checks its arguments in the command, after the flags); everything else is a flag's, 125.
    static func docker(forParserMessage message: String) -> Int32 {
        let aboutArguments =
            Self.isArgumentCount(parserMessage: message)
            || (message.hasBytePrefix("The value '") && message.contains("' is invalid for '<"))
        return aboutArguments ? 1 : 125
    }

    /// Whether the parser refused the number of positional arguments (too few or too many).
    static func isArgumentCount(parserMessage message: String) -> Bool {
        message.hasBytePrefix("Missing expected argument '<") || message.hasBytePrefix("Missing one of: '<")
            || message.hasBytePrefix("Unexpected argument ") || message.contains(" unexpected arguments: ")
    }
}
