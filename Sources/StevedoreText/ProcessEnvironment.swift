#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// This process's environment, looked up by the bytes of a name as Go's `os.LookupEnv` looks
/// it up. `ProcessInfo`'s dictionary has `String` keys, which take canonically equivalent names
/// for one: `-e \u{212A}EY` (a Kelvin sign) would get `KEY`'s value.
package enum ProcessEnvironment {
    /// The value of the variable `name`; nil when it is not set, or when `name` is empty or
    /// holds a `=` or a NUL, which no variable's name can.
    package static func value(of name: String) -> String? {
        guard !name.isEmpty, !name.utf8.contains(0), !name.contains(scalar: "=") else { return nil }
        return getenv(name).map { String(cString: $0) }
    }
}
