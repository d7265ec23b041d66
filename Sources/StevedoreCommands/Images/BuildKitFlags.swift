import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The BuildKit flags of `build`, read as docker reads them.
enum BuildKitFlags {
    /// `--secret id=ID[,src=FILE|,env=VARIABLE][,type=file|env]`: comma-separated `key=value`
    /// fields. Without a source, the variable named ID if it is set, else the file named ID.
    static func secret(_ value: String) throws -> BuildSecret {
        var id: String?
        var file: String?
        var variable: String?
        var type: String?
        for field in value.split(scalar: ",", omittingEmptySubsequences: false) {
            guard let (rawKey, rawValue) = field.cut(atFirst: "=") else {
                throw Self.invalid("--secret", value, "invalid field '\(field)' must be a key=value pair")
            }
            let key = rawKey.lowercased()
            let fieldValue = String(rawValue)
            switch key {
            case "type":
                guard fieldValue == "file" || fieldValue == "env" else {
                    throw Self.invalid("--secret", value, "unsupported secret type \"\(fieldValue)\"")
                }
                type = fieldValue
            case "id": id = fieldValue
            case "source", "src": file = fieldValue
            case "env": variable = fieldValue
            default: throw Self.invalid("--secret", value, "unexpected key '\(key)' in '\(field)'")
            }
        }
        if type == "env" && variable == nil {
            variable = file
            file = nil
        }
        guard let id = id ?? file.map({ URL(fileURLWithPath: $0).lastPathComponent }) ?? variable, !id.isEmpty else {
            throw Self.invalid("--secret", value, "the secret needs an id")
        }
        if let variable { return BuildSecret(id: id, source: .environmentVariable(variable)) }
        if let file { return BuildSecret(id: id, source: .file(URL(fileURLWithPath: file))) }
        if type != "file" && ProcessEnvironment.value(of: id) != nil {
            return BuildSecret(id: id, source: .environmentVariable(id))
        }
        return BuildSecret(id: id, source: .file(URL(fileURLWithPath: id)))
    }

    /// `--ssh default|ID[=SOCKET|KEY[,KEY…]]`: the agent's id, and its socket (`$SSH_AUTH_SOCK`
    /// when nothing follows) or the key files Stevedore serves itself.
    static func sshAgent(_ value: String) throws -> BuildSSHAgent {
        let parts = value.split(scalar: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let id = parts[0].isEmpty ? "default" : String(parts[0])
        guard parts.count == 2 else { return BuildSSHAgent(id: id) }
        do {
            return try BuildSSHAgent(id: id, paths: parts[1].split(scalar: ",").map(String.init))
        } catch let error as DockerError {
            throw Self.invalid("--ssh", value, error.message)
        }
    }

    /// `-o/--output type=local,dest=DIR`, `type=tar,dest=FILE` (`-` for stdout), or a bare
    /// `DIR` (`type=local`); at most one.
    static func export(_ values: [String]) throws -> BuildExport? {
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw CommandFailure(description: "multiple outputs are not supported", exitCode: 125) }
        var type: String?
        var destination: String?
        if !value.contains(scalar: "=") && !value.contains(scalar: ",") {
            (type, destination) = value == "-" ? ("tar", "-") : ("local", value)
        } else {
            for field in value.split(scalar: ",") {
                guard let (rawKey, rawValue) = field.cut(atFirst: "=") else {
                    throw Self.invalid("--output", value, "invalid value \(field)")
                }
                let key = rawKey.lowercased()
                let fieldValue = String(rawValue)
                switch key {
                case "type": type = fieldValue
                case "dest": destination = fieldValue
                default: throw Self.invalid("--output", value, "unexpected key '\(key)': Stevedore exports type=local and type=tar")
                }
            }
        }
        guard let destination, !destination.isEmpty else {
            throw Self.invalid("--output", value, "dest is required for \(type ?? "local") exporter")
        }
        switch type ?? "local" {
        case "local":
            guard destination != "-" else { throw Self.invalid("--output", value, "a local export needs a directory, not -") }
            return .directory(URL(fileURLWithPath: destination))
        case "tar":
            if destination == "-" {
                guard isatty(STDOUT_FILENO) == 0 else {
                    throw CommandFailure(description: "refusing to write output to console", exitCode: 1)
                }
                return .tarFile(URL(fileURLWithPath: "/dev/stdout"))
            }
            return .tarFile(URL(fileURLWithPath: destination))
        case let other:
            throw Self.invalid("--output", value, "output type \(other) is not supported: use local or tar")
        }
    }

    private static func invalid(_ flag: String, _ value: String, _ reason: String) -> CommandFailure {
        CommandFailure(description: "invalid argument \"\(value)\" for \"\(flag)\" flag: \(reason)", exitCode: 125)
    }
}
