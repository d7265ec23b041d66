import StevedoreText
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ProcessEnvironmentTests {
    /// A Kelvin sign (U+212A) is canonically equivalent to `K`: a `String`-keyed lookup
    /// would find `…KEY` for `…\u{212A}EY`; Go's `os.LookupEnv`, comparing bytes, does not.
    @Test func namesAreLookedUpByTheirBytes() {
        setenv("STEVEDORE_ENVIRONMENT_TEST_KEY", "value=1", 1)
        defer { unsetenv("STEVEDORE_ENVIRONMENT_TEST_KEY") }
        #expect(ProcessEnvironment.value(of: "STEVEDORE_ENVIRONMENT_TEST_KEY") == "value=1")
        #expect(ProcessEnvironment.value(of: "STEVEDORE_ENVIRONMENT_TEST_\u{212A}EY") == nil)
        #expect(ProcessEnvironment.value(of: "STEVEDORE_ENVIRONMENT_TEST_KEY=value") == nil)
        #expect(ProcessEnvironment.value(of: "") == nil)
        #expect(ProcessEnvironment.value(of: "STEVEDORE_ENVIRONMENT_TEST_UNSET") == nil)
    }
}
