extension JoinTokens: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value with both tokens (either lets a host join the swarm) shown as `<redacted>`, so that a log line or an error message
    /// never carries it.
    public var description: String { self.redactedFields.description(of: "JoinTokens") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.secret("worker", self.worker)
        fields.secret("manager", self.manager)
        return fields
    }
}
