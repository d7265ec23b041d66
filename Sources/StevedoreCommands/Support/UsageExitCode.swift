/// docker's exit code for a command line its parser refuses, from the parser's message.
///
/// docker (cobra) exits 125 for a flag it cannot take (`unknown flag: --nope`, a flag without its
/// value, `--force=maybe`) and 1 when the arguments are too few or too many (`"docker rm"
/// requires at least 1 argument`, an unknown command). swift-argument-parser exits 64 for all of
/// them and says which in its message's opening words; only those words are read, so that a
/// message the parser words differently in a later version still exits as a flag error.
enum UsageExitCode {
    /// Argument counts: `Missing expected argument '<containers> ...'` (a positional argument:
    /// an option's synopsis starts with a dash), `Unexpected argument 'x'`, `2 unexpected arguments: …`.
    static func docker(forParserMessage message: String) -> Int32 {
        if message.hasPrefix("Missing expected argument '<") || message.hasPrefix("Unexpected argument ")
            || message.contains(" unexpected arguments: ")
        {
            return 1
        }
        return 125
    }
}
