import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The client's OS and architecture in Go's spelling (`linux/amd64`).
enum Platform {
    static var os: String {
        #if os(Linux)
            "linux"
        #elseif os(macOS)
            "darwin"
        #else
            "unknown"
        #endif
    }

    static var arch: String {
        #if arch(x86_64)
            "amd64"
        #elseif arch(arm64)
            "arm64"
        #else
            "unknown"
        #endif
    }
}
