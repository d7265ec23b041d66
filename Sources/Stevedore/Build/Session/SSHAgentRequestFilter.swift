/// Splits the byte stream a build step writes to a forwarded ssh agent into the agent
/// protocol's messages (a 4-byte big-endian length, then a type byte and its body), and keeps
/// the agent read-only: listing identities and signing pass, anything else (adding, removing,
/// locking, extensions) is answered with a failure without reaching the agent.
struct SSHAgentRequestFilter: Sendable {
    enum Action: Equatable, Sendable {
        /// This message (whole, with its length) goes to the agent.
        case forward([UInt8])
        /// Answer ``failureResponse`` in the agent's place.
        case refuse
    }

    /// `SSH_AGENTC_REQUEST_IDENTITIES` and `SSH_AGENTC_SIGN_REQUEST`.
    static let allowedTypes: Set<UInt8> = [11, 13]
    /// `SSH_AGENT_FAILURE`, framed.
    static let failureResponse: [UInt8] = [0, 0, 0, 1, 5]
    /// OpenSSH's agent refuses longer messages.
    static let maximumMessageLength = 256 << 10

    private var pending: [UInt8] = []

    /// The actions `bytes` complete. Throws ``DockerError/Category/malformedResponse`` for a
    /// message longer than an agent accepts.
    mutating func feed(_ bytes: some Collection<UInt8>) throws -> [Action] {
        self.pending.append(contentsOf: bytes)
        var actions: [Action] = []
        var start = 0
        while self.pending.count - start >= 4 {
            let length = self.pending[start..<start + 4].reduce(0) { $0 << 8 | Int($1) }
            guard length <= Self.maximumMessageLength else {
                throw DockerError.malformedResponse("a build step sent the ssh agent a message of \(length) bytes")
            }
            guard self.pending.count - start - 4 >= length else { break }
            let message = Array(self.pending[start..<start + 4 + length])
            if length > 0, Self.allowedTypes.contains(message[4]) {
                actions.append(.forward(message))
            } else {
                actions.append(.refuse)
            }
            start += 4 + length
        }
        self.pending.removeFirst(start)
        return actions
    }
}
