import StevedoreText

/// `--platform` as docker's `run`, `create`, `pull`, `import` and `build` read it: when it is
/// not given, `DOCKER_DEFAULT_PLATFORM` (docker's other commands with a `--platform`, such as
/// `image inspect` and `push`, have no such default).
func platformFlag(_ given: String?) -> String? {
    given ?? ProcessEnvironment.value(of: "DOCKER_DEFAULT_PLATFORM")
}
