import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure the CLI reports as docker does: its message alone on stderr (nothing when it is
/// empty), and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
}

/// Go's text for an errno, which is the C library's with its first letter lower-cased
/// (`no such file or directory`): how docker's messages end when a file operation fails.
func goErrnoText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
