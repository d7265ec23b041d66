import StevedoreText
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Read-only: changing the environment (`setenv`) while other tests read it is not safe.
@Suite struct ProcessEnvironmentTests {
    @Test func aVariableIsReadAsTheCLibraryReadsIt() throws {
        let path = try #require(getenv("PATH"))
        #expect(ProcessEnvironment.value(of: "PATH") == String(cString: path))
        #expect(ProcessEnvironment.value(of: "STEVEDORE_ENVIRONMENT_TEST_NEVER_SET") == nil)
    }

    /// C would read `PATH\0x` as `PATH`: no variable's name holds a NUL (nor a `=`).
    @Test func namesNoVariableCanHaveAreNotLookedUp() {
        #expect(ProcessEnvironment.value(of: "") == nil)
        #expect(ProcessEnvironment.value(of: "PATH\u{0}x") == nil)
    }
}
