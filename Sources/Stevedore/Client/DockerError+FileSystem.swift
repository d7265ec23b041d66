#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension DockerError {
    /// What the system said of a failed local file operation, in its words (`No such file or
    /// directory`): FileManager's errors carry the `errno` as their underlying error, and their
    /// own description is a dump of fields.
    package static func reason(of error: any Error) -> String {
        if let error = error as? DockerError { return error.message }
        let posix = (error as? POSIXError) ?? ((error as? CocoaError)?.underlying as? POSIXError)
        return posix.map { String(cString: strerror($0.code.rawValue)) } ?? String(describing: error)
    }

    /// `message: reason` for a failed local file operation; a ``DockerError`` passes through.
    static func invalidInput(_ message: String, cause: any Error) -> DockerError {
        cause as? DockerError ?? DockerError(category: .invalidInput, message: "\(message): \(Self.reason(of: cause))")
    }
}
