/// Go's `strconv.ParseBool`, as docker reads boolean values (`DOCKER_BUILDKIT`, `--mount
/// readonly=…`, `--docker skip-tls-verify=…`): `1`, `t`, `T`, `true`, `TRUE`, `True` and their
/// false twins; `nil` for any other text.
package func goParseBool(_ text: String) -> Bool? {
    switch text {
    case "1", "t", "T", "true", "TRUE", "True": true
    case "0", "f", "F", "false", "FALSE", "False": false
    default: nil
    }
}
