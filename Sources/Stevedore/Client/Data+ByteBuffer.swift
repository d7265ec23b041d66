import NIOCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Data {
    /// A copy of the readable bytes of `buffer`, which it leaves as it is.
    ///
    /// Use this in place of `Data(buffer.readableBytesView)`: that generic initializer casts its
    /// sequence to `ContiguousBytes` at run time, and the first such cast in a process walks every
    /// protocol conformance of the program (about 0.1 ms, each process start of the CLI).
    package init(readableBytesOf buffer: ByteBuffer) {
        self = buffer.withUnsafeReadableBytes { bytes in
            guard let start = bytes.baseAddress else { return Data() }
            return Data(bytes: start, count: bytes.count)
        }
    }
}
