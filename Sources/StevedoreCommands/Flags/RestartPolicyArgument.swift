import Stevedore
import StevedoreText

/// `--restart no|always|unless-stopped|on-failure[:max-retries]`, read as docker's
/// `ParseRestartPolicy` reads it: only the format is checked here (a name before the colon, a
/// whole-number count); the name and whether it takes a count are the daemon's to refuse, as
/// they are docker's, so that `stevedore` and `docker` fail alike, exit code included.
enum RestartPolicyArgument {
    /// The policy; `nil` for an empty value, which sets none (the daemon's default).
    static func parse(_ text: String) throws -> RestartPolicy? {
        guard !text.isEmpty else { return nil }
        let parts = text.cut(atFirst: ":")
        let (name, count) = parts ?? (Substring(text), "")
        if parts != nil, name.isEmpty {
            throw CommandFailure(description: "invalid restart policy format: no policy provided before colon", exitCode: 125)
        }
        var policy = RestartPolicy(name: .init(rawValue: String(name)))
        if !count.isEmpty {
            do {
                policy.maximumRetryCount = try GoNumber.atoi(String(count))
            } catch {
                throw CommandFailure(description: "invalid restart policy format: maximum retry count must be an integer", exitCode: 125)
            }
        }
        return policy
    }
}
