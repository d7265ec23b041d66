import Stevedore
import Testing

/// Platform specifiers read as containerd's `platforms.Parse` (1.0.0-rc.1, docker 28's) reads
/// docker's `--platform`.
@Suite struct OCIPlatformSpecifierTests {
    static let here = OCIPlatform.current

    /// containerd's refusal of an architecture or variant `part` of `specifier`.
    static func badComponent(_ part: String, of specifier: String) -> String {
        "\(part) is an invalid component of \(specifier): platform specifier component must match "
            + #""^[A-Za-z0-9_.-]+$": invalid argument"#
    }

    /// containerd's refusal of the operating system `part` of `specifier`.
    static func badOS(_ part: String, of specifier: String) -> String {
        "\(part) is an invalid OS component of \(specifier): OSAndVersion specifier component must match "
            + #""^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$": invalid argument"#
    }

    @Test(arguments: [
        ("linux/amd64", OCIPlatform(architecture: "amd64", os: "linux")),
        ("Linux/X86_64", OCIPlatform(architecture: "amd64", os: "linux")),
        ("linux/x86-64/v1", OCIPlatform(architecture: "amd64", os: "linux")),
        ("linux/amd64/v3", OCIPlatform(architecture: "amd64", os: "linux", variant: "v3")),
        ("linux/aarch64", OCIPlatform(architecture: "arm64", os: "linux")),
        // Three parts keep arm64's default variant; two drop it.
        ("linux/arm64/v8", OCIPlatform(architecture: "arm64", os: "linux", variant: "v8")),
        ("linux/arm64/9.0", OCIPlatform(architecture: "arm64", os: "linux", variant: "v9")),
        ("linux/arm", OCIPlatform(architecture: "arm", os: "linux")),
        ("linux/armhf", OCIPlatform(architecture: "arm", os: "linux")),
        ("linux/armel", OCIPlatform(architecture: "arm", os: "linux", variant: "v6")),
        ("linux/arm/7", OCIPlatform(architecture: "arm", os: "linux", variant: "v7")),
        ("linux/arm/5", OCIPlatform(architecture: "arm", os: "linux", variant: "v5")),
        ("linux/i386/v2", OCIPlatform(architecture: "386", os: "linux")),
        ("macos/arm64", OCIPlatform(architecture: "arm64", os: "darwin")),
        // Two parts are taken as they come: neither needs to be known.
        ("plan10/z80", OCIPlatform(architecture: "z80", os: "plan10")),
        ("windows(10.0.17763)/amd64", OCIPlatform(architecture: "amd64", os: "windows", osVersion: "10.0.17763")),
        ("windows()/amd64", OCIPlatform(architecture: "amd64", os: "windows")),
        // A lone word: an operating system, else an architecture, completed with this machine's.
        ("linux", OCIPlatform(architecture: Self.here.architecture, os: "linux")),
        ("freebsd", OCIPlatform(architecture: Self.here.architecture, os: "freebsd")),
        ("arm64", OCIPlatform(architecture: "arm64", os: Self.here.os)),
        ("armhf", OCIPlatform(architecture: "arm", os: Self.here.os)),
        ("armel", OCIPlatform(architecture: "arm", os: Self.here.os, variant: "v6")),
    ])
    func reads(specifier: String, expected: OCIPlatform) throws {
        #expect(try OCIPlatform(parsing: specifier) == expected)
    }

    @Test(arguments: [
        ("linux/*", #""linux/*": wildcards not yet supported: invalid argument"#),
        ("z80", #""z80": unknown operating system or architecture: invalid argument"#),
        ("linux/amd64/v3/x", #""linux/amd64/v3/x": cannot parse platform specifier: invalid argument"#),
        // A fourth part holds the rest, slashes and all.
        ("a/b/c/d/e", Self.badComponent(#""d/e""#, of: #""a/b/c/d/e""#)),
        ("linux/amd 64", Self.badComponent(#""amd 64""#, of: #""linux/amd 64""#)),
        ("linux/", Self.badComponent(#""""#, of: #""linux/""#)),
        ("lin.ux/amd64", Self.badOS(#""lin.ux""#, of: #""lin.ux/amd64""#)),
        ("", Self.badOS(#""""#, of: #""""#)),
        // Newer containerd takes OS features and escapes; docker 28's does not.
        ("windows(10.0+win32k)/amd64", Self.badOS(#""windows(10.0+win32k)""#, of: #""windows(10.0+win32k)/amd64""#)),
        // Go splits bytes: a combining accent does not hide the slash.
        ("linux/\u{301}x", Self.badComponent("\"\u{301}x\"", of: "\"linux/\u{301}x\"")),
        // Go quotes what it cannot print.
        ("linux/\tx", Self.badComponent(#""\tx""#, of: #""linux/\tx""#)),
    ])
    func refuses(specifier: String, message: String) {
        let error = #expect(throws: DockerError.self) { try OCIPlatform(parsing: specifier) }
        #expect(error?.category == .invalidInput)
        #expect(error?.message == message)
    }
}
