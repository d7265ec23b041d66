import Stevedore
import StevedoreText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// docker's `--cidfile` of `create` and `run`: the file is made before the container, refused
/// when it exists (another container may own it), receives the id once the container exists,
/// and is removed by ``finish()`` when it never received one (the create failed). Its
/// failures are ``DockerError/Category/invalidInput`` errors in docker's words.
final class ContainerIDFile {
    private let path: String
    private var descriptor: Int32 = -1
    private var written = false

    /// The file at `path`, made empty now; nil for no `--cidfile` (or an empty one).
    init?(path: String?) throws {
        guard let path, !path.isEmpty else { return nil }
        self.path = path
        var status = stat()
        if stat(path, &status) == 0 {
            throw DockerError(
                category: .invalidInput,
                message: "container ID file found, make sure the other container isn't running or delete \(path)")
        }
        self.descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard self.descriptor >= 0 else {
            throw DockerError(
                category: .invalidInput, message: "failed to create the container ID file: open \(path): \(goErrnoText(errno))")
        }
    }

    /// Writes `id` (without a newline, as docker).
    func record(_ id: String) throws {
        var bytes = Array(id.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(self.descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 && errno == EINTR { continue }
                throw DockerError(
                    category: .invalidInput,
                    message: "failed to write the container ID to the file: write \(self.path): \(goErrnoText(errno))")
            }
            bytes = bytes.dropFirst(count)
        }
        self.written = true
    }

    /// Closes the file, and removes it unless it holds an id. Failures are ignored, as docker
    /// ignores them.
    func finish() {
        guard self.descriptor >= 0 else { return }
        _ = close(self.descriptor)
        self.descriptor = -1
        if !self.written { _ = unlink(self.path) }
    }
}
