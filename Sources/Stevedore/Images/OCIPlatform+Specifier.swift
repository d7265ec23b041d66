import StevedoreText

extension OCIPlatform {
    /// The machine this program runs on (not the daemon's), in Go's spelling: `linux`,
    /// `darwin`; `amd64`, `arm64`. A specifier naming only an operating system or only an
    /// architecture is completed with it, as docker's CLI completes one with its own.
    public static let current = OCIPlatform(architecture: Self.currentArchitecture, os: Self.currentOS)

    private static var currentOS: String {
        #if os(Linux)
            "linux"
        #elseif os(macOS)
            "darwin"
        #elseif os(Windows)
            "windows"
        #elseif os(FreeBSD)
            "freebsd"
        #elseif os(OpenBSD)
            "openbsd"
        #elseif os(Android)
            "android"
        #else
            "unknown"
        #endif
    }

    private static var currentArchitecture: String {
        #if arch(x86_64)
            "amd64"
        #elseif arch(arm64)
            "arm64"
        #elseif arch(i386)
            "386"
        #elseif arch(arm)
            "arm"
        #elseif arch(powerpc64le)
            "ppc64le"
        #elseif arch(powerpc64)
            "ppc64"
        #elseif arch(s390x)
            "s390x"
        #elseif arch(riscv64)
            "riscv64"
        #elseif arch(wasm32)
            "wasm"
        #else
            "unknown"
        #endif
    }

    /// Reads a platform specifier as docker's CLI (28) reads `--platform`, with containerd's
    /// `platforms.Parse` (1.0.0-rc.1): `OS`, `ARCH`, `OS/ARCH` or `OS/ARCH/VARIANT`, where
    /// `OS` may carry a version in parentheses, `windows(10.0.17763)/amd64`.
    ///
    /// Names are lowercased and normalized: `x86_64` is `amd64`, `aarch64` is `arm64`, `i386`
    /// is `386`, `armhf` is `arm` and `armel` is `arm/v6`, `macos` is `darwin`; two parts drop
    /// `arm`'s default variant `v7`, and `arm64/v8` and `amd64/v1` drop theirs except that
    /// three-part `arm64` says `v8`. A lone word is an operating system if it is one Go knows,
    /// completed with ``current``'s architecture, else an architecture Go knows, completed with
    /// ``current``'s operating system. Anything else throws
    /// ``DockerError/Category/invalidInput`` with containerd's message.
    public init(parsing specifier: String) throws {
        func invalid(_ reason: String) -> DockerError { .invalidInput(reason + ": invalid argument") }
        let quoted = GoQuote.quote(specifier)
        guard !specifier.contains(scalar: "*") else { throw invalid("\(quoted): wildcards not yet supported") }
        // At most four parts, a fourth holding the rest (and failing below).
        let parts = specifier.split(scalar: "/", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard let (name, version) = Self.operatingSystemComponent(parts[0]) else {
            throw invalid(
                "\(GoQuote.quote(parts[0])) is an invalid OS component of \(quoted): OSAndVersion specifier component must match "
                    + GoQuote.quote(#"^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$"#))
        }
        for part in parts.dropFirst() where part.isEmpty || !part.utf8.allSatisfy(Self.isComponentByte) {
            throw invalid(
                "\(GoQuote.quote(part)) is an invalid component of \(quoted): platform specifier component must match "
                    + GoQuote.quote(#"^[A-Za-z0-9_.-]+$"#))
        }
        self.init(os: Self.normalizedOS(name), osVersion: version)
        switch parts.count {
        case 1:
            if let os = self.os, Self.knownOperatingSystems.contains(os) {
                self.architecture = Self.current.architecture
                return
            }
            (self.architecture, self.variant) = Self.normalizedArchitecture(parts[0], variant: "")
            if self.architecture == "arm" && self.variant == "v7" { self.variant = nil }
            guard let architecture = self.architecture, Self.knownArchitectures.contains(architecture) else {
                throw invalid("\(quoted): unknown operating system or architecture")
            }
            self.os = Self.current.os
        case 2:
            (self.architecture, self.variant) = Self.normalizedArchitecture(parts[1], variant: "")
            if self.architecture == "arm" && self.variant == "v7" { self.variant = nil }
        case 3:
            (self.architecture, self.variant) = Self.normalizedArchitecture(parts[1], variant: parts[2])
            if self.architecture == "arm64" && self.variant == nil { self.variant = "v8" }
        default:
            throw invalid("\(quoted): cannot parse platform specifier")
        }
    }

    /// `NAME[(VERSION)]`, split as containerd's `^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$`
    /// splits it (an empty version is none); nil where that does not match.
    private static func operatingSystemComponent(_ component: String) -> (name: String, version: String?)? {
        let bytes = component.utf8
        let name = bytes.prefix(while: Self.isNameByte)
        guard !name.isEmpty else { return nil }
        let rest = bytes.dropFirst(name.count)
        guard !rest.isEmpty else { return (String(decoding: name, as: UTF8.self), nil) }
        guard rest.count >= 2, rest.first == UInt8(ascii: "("), rest.last == UInt8(ascii: ")") else { return nil }
        let version = rest.dropFirst().dropLast()
        guard version.allSatisfy(Self.isComponentByte) else { return nil }
        return (String(decoding: name, as: UTF8.self), version.isEmpty ? nil : String(decoding: version, as: UTF8.self))
    }

    /// `[A-Za-z0-9_-]`: what an operating system's name is made of.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// `[A-Za-z0-9_.-]`: what the architecture and variant may be made of.
    private static func isComponentByte(_ byte: UInt8) -> Bool {
        Self.isNameByte(byte) || byte == UInt8(ascii: ".")
    }

    private static func normalizedOS(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered == "macos" ? "darwin" : lowered
    }

    /// containerd's architecture and variant normalization; an empty variant is nil.
    private static func normalizedArchitecture(_ architecture: String, variant: String) -> (String, String?) {
        var architecture = architecture.lowercased()
        var variant = variant.lowercased()
        switch architecture {
        case "i386":
            architecture = "386"
            variant = ""
        case "x86_64", "x86-64", "amd64":
            architecture = "amd64"
            if variant == "v1" { variant = "" }
        case "aarch64", "arm64":
            architecture = "arm64"
            switch variant {
            case "8", "v8", "v8.0": variant = ""
            case "9", "9.0", "v9.0": variant = "v9"
            default: break
            }
        case "armhf":
            architecture = "arm"
            variant = "v7"
        case "armel":
            architecture = "arm"
            variant = "v6"
        case "arm":
            switch variant {
            case "", "7": variant = "v7"
            case "5", "6", "8": variant = "v" + variant
            default: break
            }
        default:
            break
        }
        return (architecture, variant.isEmpty ? nil : variant)
    }

    private static let knownOperatingSystems: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd",
        "openbsd", "plan9", "solaris", "windows", "zos",
    ]

    private static let knownArchitectures: Set<String> = [
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "ppc64", "ppc64le", "loong64", "mips", "mipsle",
        "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "riscv", "riscv64", "s390", "s390x", "sparc", "sparc64",
        "wasm",
    ]
}
