import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A signal to send to a container's main process (kill, stop, restart), checked locally
/// against the Linux signal table so that a typo fails before any request.
///
/// Accepts what the daemon's parser accepts: a name with or without the `SIG` prefix, in any
/// case (`SIGUSR1`, `usr1`), the real-time signals `RTMIN`, `RTMIN+1`…`RTMIN+15`,
/// `RTMAX-14`…`RTMAX-1`, `RTMAX`, and numbers 1–64. The value sent is the canonical `SIG…` name, or the number as given.
public struct ContainerSignal: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What the daemon receives: `SIGTERM`, `SIGRTMIN+3`, or a number such as `15`.
    public let rawValue: String
    /// The signal number on Linux (x86-64 and arm64 share the table).
    public let number: Int

    /// Parses `text`; throws ``DockerError/Category/invalidInput`` for a name not in the Linux
    /// table or a number outside 1–64.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if let number = Int(trimmed) {
            guard (1...Self.maximumNumber).contains(number) else {
                throw DockerError.invalidInput("invalid signal \"\(text)\": signal numbers run from 1 to \(Self.maximumNumber)")
            }
            self.rawValue = String(number)
            self.number = number
            return
        }
        let uppercased = trimmed.uppercased()
        let name = String(uppercased.cut(prefix: "SIG") ?? uppercased[...])
        guard let number = Self.number(ofName: name) else {
            throw DockerError.invalidInput(
                "invalid signal \"\(text)\": not a Linux signal name (such as SIGTERM, KILL, USR1, RTMIN+2) or number")
        }
        self.rawValue = "SIG" + name
        self.number = number
    }

    /// A signal literal such as `"SIGUSR1"`; a literal that is not a signal is a programming
    /// error and traps.
    public init(stringLiteral value: String) {
        do {
            try self.init(parsing: value)
        } catch {
            preconditionFailure("\(value) is not a Linux signal")
        }
    }

    public var description: String { self.rawValue }

    public static let hangup: ContainerSignal = "SIGHUP"
    public static let interrupt: ContainerSignal = "SIGINT"
    public static let quit: ContainerSignal = "SIGQUIT"
    public static let kill: ContainerSignal = "SIGKILL"
    public static let user1: ContainerSignal = "SIGUSR1"
    public static let user2: ContainerSignal = "SIGUSR2"
    public static let terminate: ContainerSignal = "SIGTERM"

    /// The Linux signals by name without `SIG`, as moby's signal table lists them (aliases
    /// included: `CLD`, `IOT`, `POLL`).
    public static let linuxTable: [String: Int] = [
        "ABRT": 6, "ALRM": 14, "BUS": 7, "CHLD": 17, "CLD": 17, "CONT": 18, "FPE": 8, "HUP": 1,
        "ILL": 4, "INT": 2, "IO": 29, "IOT": 6, "KILL": 9, "PIPE": 13, "POLL": 29, "PROF": 27,
        "PWR": 30, "QUIT": 3, "SEGV": 11, "STKFLT": 16, "STOP": 19, "SYS": 31, "TERM": 15,
        "TRAP": 5, "TSTP": 20, "TTIN": 21, "TTOU": 22, "URG": 23, "USR1": 10, "USR2": 12,
        "VTALRM": 26, "WINCH": 28, "XCPU": 24, "XFSZ": 25,
    ]

    static let realTimeMinimum = 34
    static let maximumNumber = 64

    /// The number of `name` (upper case, no `SIG`): the table, or `RTMIN[+n]` (n ≤ 15) /
    /// `RTMAX[-n]` (n ≤ 14), the real-time names the daemon knows.
    private static func number(ofName name: String) -> Int? {
        // ASCII only: a String key would take `\u{212A}ILL` (a Kelvin sign) for `KILL`, and the
        // daemon refuses what we would then send.
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        if let number = Self.linuxTable[name] { return number }
        let realTime: (base: Int, sign: Unicode.Scalar, maximumOffset: Int)
        let rest: Substring
        if let afterName = name.cut(prefix: "RTMIN") {
            (realTime, rest) = ((Self.realTimeMinimum, "+", 15), afterName)
        } else if let afterName = name.cut(prefix: "RTMAX") {
            (realTime, rest) = ((Self.maximumNumber, "-", 14), afterName)
        } else {
            return nil
        }
        if rest.isEmpty { return realTime.base }
        guard let offsetText = rest.cut(prefix: String(realTime.sign)), let offset = Int(offsetText),
            (1...realTime.maximumOffset).contains(offset)
        else {
            return nil
        }
        return realTime.sign == "+" ? realTime.base + offset : realTime.base - offset
    }
}
