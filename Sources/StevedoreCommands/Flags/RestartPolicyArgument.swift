import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--restart no|always|unless-stopped|on-failure[:max-retries]`.
enum RestartPolicyArgument {
    static func parse(_ text: String) throws -> RestartPolicy {
        let parts = text.split(scalar: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        guard ["no", "always", "unless-stopped", "on-failure"].contains(name) else {
            throw CommandFailure(description: "invalid restart policy '\(text)'", exitCode: 125)
        }
        var policy = RestartPolicy(name: .init(rawValue: name))
        if parts.count == 2 {
            guard name == "on-failure", let count = Int(parts[1]), count >= 0 else {
                throw CommandFailure(
                    description: "invalid restart policy '\(text)': only on-failure takes a maximum retry count", exitCode: 125)
            }
            policy.maximumRetryCount = count
        }
        return policy
    }
}
