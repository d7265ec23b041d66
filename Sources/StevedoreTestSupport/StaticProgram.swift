import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A C program built with `cc -static` for tests that need a tool the busybox image lacks (a
/// plugin's socket listener, an ssh agent client): it runs in any rootfs.
public enum StaticProgram {
    /// The binary of `source`, built on first use into the temporary directory (renamed into
    /// place, so that tests building it at once do not see half a file; named after the
    /// source's length, so that a changed source is built again).
    public static func binary(named name: String, source: String) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-static-\(name)")
        let binary = directory.appendingPathComponent("\(name)-\(source.utf8.count)")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary.path }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let unique = UUID().uuidString
        let sourceFile = directory.appendingPathComponent("\(unique).c")
        try Data(source.utf8).write(to: sourceFile)
        defer { try? FileManager.default.removeItem(at: sourceFile) }
        let built = directory.appendingPathComponent(unique)
        _ = try await LocalServerProcess.runTool("/usr/bin/cc", ["-static", "-Os", "-s", "-o", built.path, sourceFile.path])
        guard rename(built.path, binary.path) == 0 else { throw TestServerError("cannot move \(name) into place") }
        return binary.path
    }
}
