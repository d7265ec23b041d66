/// What ``DockerClient/Containers/create(_:options:pullProgress:)`` reports of a pull it makes.
public enum ImagePullEvent: Hashable, Sendable {
    /// The pull of this image (with its default tag) is about to be asked for: docker prints
    /// `Unable to find image '…' locally` here when the policy is ``ImagePullPolicy/missing``.
    case started(ImageName)
    /// A progress message of the pull, as ``ProgressStream`` yields them.
    case progress(ProgressMessage)
}
