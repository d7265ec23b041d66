#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a BuildKit build writes its result's files instead of making an image
/// (`docker build --output`): the files of the last stage (or ``ImageBuildOptions/target``),
/// sent by the daemon through the build's session.
public enum BuildExport: Hashable, Sendable {
    /// `type=local`: the files, written into this directory (made if missing; files already in
    /// it are kept or overwritten, never removed).
    case directory(URL)
    /// `type=tar`: the files as one tar archive, written to this file (created or truncated).
    case tarFile(URL)

    /// The exporter the daemon runs (`outputs` of `POST /build`).
    var output: BuildOutput {
        switch self {
        case .directory: BuildOutput(type: "local")
        case .tarFile: BuildOutput(type: "tar")
        }
    }
}
