/// An ssh agent over keys held in process (``BuildSSHAgent/keyFiles``): answers the two
/// requests ``SSHAgentRequestFilter`` lets through, listing its identities and signing with
/// one of them. Any other message, a key it does not hold, or a failed signature is answered
/// with `SSH_AGENT_FAILURE`.
struct SSHKeyAgent: Sendable {
    let keys: [SSHPrivateKey]

    /// The framed answer to one framed request (its 4-byte length included).
    func answer(_ message: [UInt8]) -> [UInt8] {
        var request = SSHWireReader(Array(message.dropFirst(4)))
        var response = SSHWireWriter()
        switch try? request.byte() {
        case 11:  // SSH_AGENTC_REQUEST_IDENTITIES
            response.byte(12)  // SSH_AGENT_IDENTITIES_ANSWER
            response.uint32(UInt32(self.keys.count))
            for key in self.keys {
                response.lengthPrefixed(key.publicKeyBlob)
                response.string(key.comment)
            }
        case 13:  // SSH_AGENTC_SIGN_REQUEST
            guard let blob = try? request.lengthPrefixed(), let data = try? request.lengthPrefixed(),
                let flags = try? request.uint32(), let key = self.keys.first(where: { $0.publicKeyBlob == blob }),
                let signature = try? key.signature(of: data, flags: flags)
            else {
                return SSHAgentRequestFilter.failureResponse
            }
            response.byte(14)  // SSH_AGENT_SIGN_RESPONSE
            response.lengthPrefixed(signature)
        default:
            return SSHAgentRequestFilter.failureResponse
        }
        var framed = SSHWireWriter()
        framed.lengthPrefixed(response.bytes)
        return framed.bytes
    }
}
