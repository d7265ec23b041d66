#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file operation that failed, in the words of Go's `*os.PathError` that docker's messages
/// carry: the operation, the path, the errno's text (`open PATH: no such file or directory`,
/// `read PATH: is a directory`).
package struct GoPathError: Error, CustomStringConvertible, Sendable {
    /// What failed: `open`, `read`, `write`.
    package var operation: String
    package var path: String
    /// The errno.
    package var code: Int32

    package init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// An errno alone, as Go returns a bare `syscall.Errno` (`not a directory`).
    package init(code: Int32) {
        self.init(operation: "", path: "", code: code)
    }

    /// Go's own words for a failure no errno names (`EvalSymlinks: too many links`).
    package init(message: String) {
        self.init(operation: "", path: "", code: 0)
        self.message = message
    }

    /// Set for an error in Go's own words, which the description is then.
    private var message: String?

    package var description: String {
        if let message { return message }
        return self.operation.isEmpty ? goErrnoText(self.code) : "\(self.operation) \(self.path): \(goErrnoText(self.code))"
    }
}

/// Go's text for an errno, which is the C library's with its first letter lower-cased
/// (`no such file or directory`): how docker's messages end when a file operation fails.
package func goErrnoText(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
}
