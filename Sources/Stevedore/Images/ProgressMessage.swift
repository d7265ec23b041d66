import StevedoreModels
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of the JSON progress stream that pull, push, import, load and build answer with.
///
/// The daemon writes these as newline-delimited JSON inside a `200` response: a layer's
/// progress (`id` + `status` + `progressDetail`), a plain status line (`id` empty), build
/// output text (`stream`), or auxiliary data (`aux`: the pushed digest, the built image id).
/// A line carrying `error`/`errorDetail` is never delivered as a message: the stream throws it
/// as a ``DockerError`` (see ``ProgressStream``).
///
/// Hand-written rather than generated because the spec's `CreateImageInfo` and
/// `PushImageInfo` lack `aux`, which is where the daemon puts the pushed digest.
public struct ProgressMessage: Codable, Hashable, Sendable {
    /// The layer (or image) the message is about, e.g. a short layer id; `nil` for global lines.
    public var id: String?
    /// What happens: `Pulling fs layer`, `Downloading`, `Pushed`, `Digest: sha256:…`…
    public var status: String?
    /// The daemon's preformatted progress bar (`[=====>   ] 1.2MB/3.4MB`).
    public var progress: String?
    /// Bytes done and expected for the current step of a layer.
    public var progressDetail: ProgressDetail?
    /// Build output text, newline included.
    public var stream: String?
    /// Auxiliary data: `{"Tag","Digest","Size"}` after a push, `{"ID"}` after a build.
    public var aux: JSONValue?
    var error: String?
    var errorDetail: ErrorDetail?

    public init(
        id: String? = nil,
        status: String? = nil,
        progress: String? = nil,
        progressDetail: ProgressDetail? = nil,
        stream: String? = nil,
        aux: JSONValue? = nil
    ) {
        self.id = id
        self.status = status
        self.progress = progress
        self.progressDetail = progressDetail
        self.stream = stream
        self.aux = aux
    }

    /// The digest this message announces: `aux.Digest` (push), or the `Digest: sha256:…`
    /// status line (pull).
    public var digest: String? {
        if let digest = self.aux?["Digest"]?.stringValue { return digest }
        return (self.status?.cut(prefix: "Digest: ")).map(String.init)
    }

    /// The image id a build, an import or a load announces: `aux.ID`, an import's last status
    /// (`sha256:…`), or `Loaded image ID: sha256:…`.
    public var imageID: String? {
        if let id = self.aux?["ID"]?.stringValue { return id }
        if self.id == nil, let status = self.status, status.hasBytePrefix("sha256:") { return status }
        if let loaded = self.stream?.cut(prefix: "Loaded image ID: ") { return loaded.trimmingWhitespace() }
        return nil
    }

    /// The error this line carries, if it is an error line.
    var carriedError: (message: String, code: Int?)? {
        if let message = self.errorDetail?.message ?? self.error {
            return (message, self.errorDetail?.code)
        }
        return nil
    }
}
