import Stevedore
import StevedoreText

/// docker's content trust, which stevedore does not implement: images are neither verified
/// when pulled nor signed when pushed. docker turns it on with `DOCKER_CONTENT_TRUST` (any value
/// but a false Go boolean) unless `--disable-content-trust` says otherwise; stevedore takes the
/// flag as docker's scripts pass it, and fails before any request when trust would be on, rather
/// than skip the verification or signature asked for.
enum ContentTrust {
    /// Fails when content trust is asked for: `--disable-content-trust=false` (`disabled` is
    /// `false`), or `DOCKER_CONTENT_TRUST` without the flag (`disabled` is `nil`). As docker,
    /// trust is not looked at for an `image` already exact: a digest without a tag, or an id.
    static func refuseIfRequested(disabled: Bool?, image: String? = nil) throws {
        let requested = disabled.map { !$0 } ?? Self.environmentRequestsTrust
        guard requested, !(image.map(Self.isExact) ?? false) else { return }
        throw CommandFailure(
            description: "content trust is not supported: stevedore neither verifies nor signs images; "
                + "unset DOCKER_CONTENT_TRUST or pass --disable-content-trust")
    }

    /// Whether `image` names one image whatever a registry says: an image id, or a name with a
    /// digest and no tag (docker checks trust only for a `NamedTagged` reference).
    private static func isExact(_ image: String) -> Bool {
        if image.wholeMatch(of: /(sha256:)?[0-9a-f]{64}/) != nil { return true }
        guard let reference = try? ImageName(parsing: image) else { return false }
        return reference.digest != nil && reference.tag == nil
    }

    /// docker's `IsTrusted`: `DOCKER_CONTENT_TRUST` set and not a false Go boolean (a value
    /// `ParseBool` refuses counts as on).
    static var environmentRequestsTrust: Bool {
        guard let value = ProcessEnvironment.value(of: "DOCKER_CONTENT_TRUST"), !value.isEmpty else { return false }
        return goParseBool(value) ?? true
    }
}
