import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm update`: changes the settings given, keeping the others, and prints
    /// the unlock key when autolock is turned on. Without any setting it prints its help, as
    /// docker does.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update the swarm")

        @Flag(name: .long, inversion: .prefixedNo, help: "Change manager autolocking setting (true|false)") var autolock: Bool?
        @OptionGroup var options: SpecOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let settings = try self.options.settings(autolock: self.autolock)
            guard !settings.isEmpty else { throw CleanExit.helpRequest(self) }
            try await withClient(self.global) { client in
                let current = try await client.swarm.inspect()
                var spec = current.spec ?? SwarmSpec()
                let wasLocked = spec.encryptionConfig?.autoLockManagers ?? false
                // An external CA given without its certificate is taken to use the swarm's root.
                settings.apply(to: &spec, defaultCACertificate: current.tlsInfo?.trustRoot)
                try await client.swarm.update(spec, options: SwarmUpdateOptions(version: Int64(clamping: current.version?.index ?? 0)))
                printOut("Swarm updated.\n")
                if spec.encryptionConfig?.autoLockManagers == true && !wasLocked {
                    let key = try await StevedoreCommand.Swarm.fetchUnlockKey(client: client)
                    printOut(StevedoreCommand.Swarm.unlockInstructions(key ?? ""))
                }
            }
        }
    }

    /// The swarm settings `init` and `update` share, each changed only when given (the help's
    /// defaults are the swarm's own).
    struct SpecOptions: ParsableArguments {
        @Option(name: .long, parsing: .unconditional, help: "Task history retention limit (default 5)")
        var taskHistoryLimit: GoInteger<Int64>?

        @Option(name: .long, parsing: .unconditional, help: "Dispatcher heartbeat period (ns|us|ms|s|m|h) (default 5s)")
        var dispatcherHeartbeat: String?

        @Option(name: .long, parsing: .unconditional, help: "Number of additional Raft snapshots to retain")
        var maxSnapshots: GoInteger<UInt64>?

        @Option(name: .long, parsing: .unconditional, help: "Number of log entries between Raft snapshots (default 10000)")
        var snapshotInterval: GoInteger<UInt64>?

        @Option(name: .long, parsing: .unconditional, help: "Validity period for node certificates (ns|us|ms|s|m|h) (default 2160h0m0s)")
        var certExpiry: String?

        @Option(
            name: .customLong("external-ca"), parsing: .unconditionalSingleValue,
            help: "Specifications of one or more certificate signing endpoints")
        var externalCA: [String] = []

        /// The settings given, with `autolock` (whose flag differs between `init` and
        /// `update`), read and checked: a bad value fails as docker's flag parsing does,
        /// before anything is sent.
        func settings(autolock: Bool?) throws -> SwarmSettings {
            let taskHistoryLimit = try self.taskHistoryLimit?.value(for: "--task-history-limit")
            let maxSnapshots = try self.maxSnapshots?.value(for: "--max-snapshots")
            let snapshotInterval = try self.snapshotInterval?.value(for: "--snapshot-interval")
            let heartbeat = try self.dispatcherHeartbeat.map { try FlagValue.parse($0, for: "--dispatcher-heartbeat", FlagValue.duration) }
            let certExpiry = try self.certExpiry.map { try FlagValue.parse($0, for: "--cert-expiry", FlagValue.duration) }
            let externalCAs = try FlagValue.parseAll(self.externalCA, for: "--external-ca", StevedoreCommand.Swarm.externalCA)
            return SwarmSettings(
                taskHistoryLimit: taskHistoryLimit, dispatcherHeartbeat: heartbeat, maxSnapshots: maxSnapshots,
                snapshotInterval: snapshotInterval, certExpiry: certExpiry, externalCAs: externalCAs.isEmpty ? nil : externalCAs,
                autolock: autolock)
        }
    }

    /// docker's `--external-ca` value, CSV fields of `key=value`: `protocol=cfssl` and `url=…`
    /// are required, `cacert=FILE` reads the CA's PEM certificate, other keys are options of
    /// the CA's driver.
    static func externalCA(_ text: String) throws -> SwarmSpec.CAConfig.ExternalCA {
        var externalCA = SwarmSpec.CAConfig.ExternalCA()
        var options: [String: String] = [:]
        var hasProtocol = false
        var hasURL = false
        for field in try GoCSV.record(text) {
            guard let (key, rawValue) = field.cut(atFirst: "=") else {
                throw InvalidFlagValue(reason: "invalid field '\(field)' must be a key=value pair")
            }
            let value = String(rawValue)
            switch key.lowercased() {
            case "protocol":
                hasProtocol = true
                guard value.lowercased() == "cfssl" else { throw InvalidFlagValue(reason: "unrecognized external CA protocol \(value)") }
                externalCA.`protocol` = .cfssl
            case "url":
                hasURL = true
                externalCA.url = value
            case "cacert":
                externalCA.caCert = try Self.pemCertificate(value)
            default:
                options[String(key)] = value
            }
        }
        guard hasProtocol else { throw InvalidFlagValue(reason: "the external-ca option needs a protocol= parameter") }
        guard hasURL else { throw InvalidFlagValue(reason: "the external-ca option needs a url= parameter") }
        externalCA.options = options.isEmpty ? nil : options
        return externalCA
    }

    /// The PEM text of the file at `path`, for `cacert=`.
    private static func pemCertificate(_ path: String) throws -> String {
        let text: String?
        do {
            text = try Self.readPEM(atPath: path)
        } catch let error as InvalidFlagValue {
            throw InvalidFlagValue(reason: "unable to read CA cert for external CA: \(error.reason)")
        }
        guard let text else { throw InvalidFlagValue(reason: "CA cert for external CA must be in PEM format") }
        return text
    }

    /// The text of the file at `path`, or `nil` when it holds no PEM block; throws Go's reason
    /// when it cannot be read (`open PATH: no such file or directory`).
    static func readPEM(atPath path: String) throws -> String? {
        let data: Data
        do {
            data = try LocalFiles.contents(ofFile: path)
        } catch {
            throw InvalidFlagValue(reason: "\(error)")
        }
        let text = String(decoding: data, as: UTF8.self)
        return Self.containsPEMBlock(text) ? text : nil
    }

    /// Whether `text` holds a block Go's `pem.Decode` reads: a `-----BEGIN TYPE-----` line,
    /// optional `Key: value` headers, base64 lines, and `-----END TYPE-----`.
    static func containsPEMBlock(_ text: String) -> Bool {
        let lines = text.split(scalar: "\n", omittingEmptySubsequences: false).map { $0.hasByteSuffix("\r") ? $0.dropLast() : $0 }
        for (start, line) in lines.enumerated() where line.hasBytePrefix("-----BEGIN ") && line.hasByteSuffix("-----") && line.count > 16 {
            let end = "-----END \(line.dropFirst(11).dropLast(5))-----"
            guard let endIndex = lines[(start + 1)...].firstIndex(where: { $0 == end }) else { continue }
            let content = lines[(start + 1)..<endIndex].drop { $0.contains(scalar: ":") }
            if Data(base64Encoded: content.joined().filter { !$0.isWhitespace }) != nil { return true }
        }
        return false
    }
}

/// Swarm settings from the command line, read and checked; nil for those not given, which
/// keep the spec's value.
struct SwarmSettings {
    /// `--task-history-limit`.
    var taskHistoryLimit: Int64?
    /// `--dispatcher-heartbeat`, in nanoseconds.
    var dispatcherHeartbeat: Int64?
    /// `--max-snapshots`.
    var maxSnapshots: UInt64?
    /// `--snapshot-interval`.
    var snapshotInterval: UInt64?
    /// `--cert-expiry`, in nanoseconds.
    var certExpiry: Int64?
    /// `--external-ca`, replacing the spec's list.
    var externalCAs: [SwarmSpec.CAConfig.ExternalCA]?
    /// `--autolock`.
    var autolock: Bool?

    /// Whether nothing was given.
    var isEmpty: Bool {
        self.taskHistoryLimit == nil && self.dispatcherHeartbeat == nil && self.maxSnapshots == nil && self.snapshotInterval == nil
            && self.certExpiry == nil && self.externalCAs == nil && self.autolock == nil
    }

    /// Writes the settings given into `spec`. External CAs given without a certificate get
    /// `defaultCACertificate` (the swarm's root, on update), as docker does.
    func apply(to spec: inout SwarmSpec, defaultCACertificate: String? = nil) {
        if let limit = self.taskHistoryLimit {
            Self.edit(&spec.orchestration, from: SwarmSpec.Orchestration()) { $0.taskHistoryRetentionLimit = limit }
        }
        if let period = self.dispatcherHeartbeat {
            Self.edit(&spec.dispatcher, from: SwarmSpec.Dispatcher()) { $0.heartbeatPeriod = period }
        }
        if let snapshots = self.maxSnapshots {
            Self.edit(&spec.raft, from: SwarmSpec.Raft()) { $0.keepOldSnapshots = snapshots }
        }
        if let interval = self.snapshotInterval {
            Self.edit(&spec.raft, from: SwarmSpec.Raft()) { $0.snapshotInterval = interval }
        }
        if let expiry = self.certExpiry {
            Self.edit(&spec.caConfig, from: SwarmSpec.CAConfig()) { $0.nodeCertExpiry = expiry }
        }
        if var externalCAs = self.externalCAs {
            if let defaultCACertificate {
                for index in externalCAs.indices where (externalCAs[index].caCert ?? "").isEmpty {
                    externalCAs[index].caCert = defaultCACertificate
                }
            }
            Self.edit(&spec.caConfig, from: SwarmSpec.CAConfig()) { $0.externalCAs = externalCAs }
        }
        if let autolock = self.autolock {
            Self.edit(&spec.encryptionConfig, from: SwarmSpec.EncryptionConfig()) { $0.autoLockManagers = autolock }
        }
    }

    /// Changes a section of the spec in place, starting from `empty` when the spec has none.
    private static func edit<Section>(_ section: inout Section?, from empty: Section, _ change: (inout Section) -> Void) {
        var edited = section ?? empty
        change(&edited)
        section = edited
    }
}
