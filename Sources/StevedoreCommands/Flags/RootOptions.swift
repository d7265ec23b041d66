import ArgumentParser

/// The global options as ``GlobalOptions/movingLeadingOptions(in:)`` parses them from before the
/// command (their help is the root's discussion). Not an option group of the root: the
/// argument parser takes a command's options after its subcommands too (`ps --debug`), where
/// docker refuses them. Commands see them as ``GlobalOptions``.
struct RootOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional) var context: String?
    @Flag(name: .long) var tls = false
    @Flag(name: .long) var tlsverify = false
    @Option(name: .long, parsing: .unconditional) var tlscacert: String?
    @Option(name: .long, parsing: .unconditional) var tlscert: String?
    @Option(name: .long, parsing: .unconditional) var tlskey: String?
    @Flag(name: .long) var debug = false
    @Option(name: .long, parsing: .unconditional) var logLevel: String = "info"
    @Flag(name: .long) var version = false

    /// The options as commands read them.
    var options: GlobalOptions {
        var options = GlobalOptions()
        options.context = self.context
        options.tls = self.tls
        options.tlsverify = self.tlsverify
        options.tlscacert = self.tlscacert
        options.tlscert = self.tlscert
        options.tlskey = self.tlskey
        options.debug = self.debug
        options.logLevel = self.logLevel
        options.version = self.version
        return options
    }
}
