#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fields of `stat` that the C libraries spell differently, read one way for the local tar
/// archives and the BuildKit file sync.
extension stat {
    /// The status of `path`: of a final symbolic link itself (`lstat`), or of what it points to
    /// when `followingLinks` (`stat`). `nil`, with `errno` set, when it cannot be read.
    static func of(_ path: String, followingLinks: Bool = false) -> stat? {
        var status = stat()
        return (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 ? status : nil
    }

    /// Whether `path` names a directory, or a symbolic link to one unless `followingLinks` is
    /// false.
    static func isDirectory(_ path: String, followingLinks: Bool = true) -> Bool {
        stat.of(path, followingLinks: followingLinks).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false
    }

    /// Whether `path` names a regular file, or a symbolic link to one.
    static func isRegularFile(_ path: String) -> Bool {
        stat.of(path, followingLinks: true).map { $0.st_mode & S_IFMT == S_IFREG } ?? false
    }

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

    /// The `st_rdev` of a device node numbered `major`, `minor`: the C libraries' `makedev()`,
    /// the inverse of ``deviceNumbers``.
    static func device(major: UInt32, minor: UInt32) -> dev_t {
        #if canImport(Darwin)
            dev_t(bitPattern: (major & 0xff) << 24 | (minor & 0xff_ffff))
        #else
            let (major, minor) = (UInt64(major), UInt64(minor))
            return dev_t((major & 0xffff_f000) << 32 | (major & 0xfff) << 8 | (minor & 0xffff_ff00) << 12 | (minor & 0xff))
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
