import ArgumentParser

/// `--disable-content-trust` of the commands that would verify an image (`pull`, `build`,
/// `create`, `run`, `plugin install`, `plugin upgrade`): see ``ContentTrust``.
struct ContentTrustOptions: ParsableArguments {
    @Flag(name: .long, inversion: .prefixedNo, help: "Skip image verification (default true)")
    var disableContentTrust: Bool?

    /// Fails when verification of `image` is asked for, which stevedore cannot do.
    func refuseIfRequested(image: String?) throws {
        try ContentTrust.refuseIfRequested(disabled: self.disableContentTrust, image: image)
    }
}
