#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fields of `stat` that the C libraries spell differently, read one way for the build
/// context's tar and the BuildKit file sync.
extension stat {
    /// The modification time (`st_mtim` on Linux, `st_mtimespec` on Darwin).
    var modificationTime: timespec {
        #if canImport(Darwin)
            self.st_mtimespec
        #else
            self.st_mtim
        #endif
    }

    /// The major and minor numbers of a device node's `st_rdev`: the C libraries' `major()`
    /// and `minor()`, which are macros Swift does not import.
    var deviceNumbers: (major: UInt64, minor: UInt64) {
        #if canImport(Darwin)
            let device = UInt64(UInt32(bitPattern: self.st_rdev))
            return ((device >> 24) & 0xff, device & 0xff_ffff)
        #else
            let device = UInt64(self.st_rdev)
            return (((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff)), (device & 0xff) | ((device >> 12) & ~UInt64(0xff)))
        #endif
    }
}

/// `SOCK_STREAM` as `socket(2)` takes it: an enum in Glibc's overlay, an `Int32` elsewhere.
package let streamSocketType: Int32 = {
    #if canImport(Glibc)
        Int32(SOCK_STREAM.rawValue)
    #else
        SOCK_STREAM
    #endif
}()
