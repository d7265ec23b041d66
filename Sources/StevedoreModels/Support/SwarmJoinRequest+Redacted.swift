extension SwarmJoinRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value with the join token shown as `<redacted>`, so that a log line or an error message
    /// never carries it.
    public var description: String { self.redactedFields.description(of: "SwarmJoinRequest") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.plain("listenAddr", self.listenAddr)
        fields.plain("advertiseAddr", self.advertiseAddr)
        fields.plain("dataPathAddr", self.dataPathAddr)
        fields.plain("remoteAddrs", self.remoteAddrs.map { "\($0)" })
        fields.secret("joinToken", self.joinToken)
        fields.plain("availability", self.availability?.rawValue)
        return fields
    }
}
