/// When a container's image is pulled before the container is created: docker's `--pull` of
/// `create` and `run`. See ``ContainerCreateOptions/pull``.
public enum ImagePullPolicy: String, Hashable, Sendable, CaseIterable {
    /// Pull when the daemon answers that it lacks the image, then create again (docker's
    /// default). An image the daemon has is used as it is, however old.
    case missing
    /// Pull before every create, so that the container runs the registry's current image.
    case always
    /// Never pull: a missing image throws ``DockerError/Category/notFound`` (the endpoint alone).
    case never
}
