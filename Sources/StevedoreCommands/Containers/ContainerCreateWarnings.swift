import Stevedore
import StevedoreText

/// What `create` and `run` print on stderr once the container is made, as docker does: the
/// daemon's warnings, then docker's own about a loopback DNS server (`--dns 127.0.0.1`),
/// which the container reaches on its own loopback, not the host's.
func printCreateWarnings(_ created: ContainerCreateResponse, body: ContainerCreateBody) {
    // The addresses are in Go's canonical form (``OptsFlagParsers/ipAddress(_:)``), an
    // IPv4-mapped one written as IPv4: loopback is 127.0.0.0/8 and ::1.
    let loopback = body.hostConfig?.dns?.first { $0.hasBytePrefix("127.") || $0 == "::1" }
    printWarnings((created.warnings ?? []) + (loopback.map { ["Localhost DNS (\($0)) may fail in containers."] } ?? []))
}
