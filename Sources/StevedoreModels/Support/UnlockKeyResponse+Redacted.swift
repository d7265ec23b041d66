extension UnlockKeyResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value with the unlock key shown as `<redacted>`, so that a log line or an error message
    /// never carries it.
    public var description: String { self.redactedFields.description(of: "UnlockKeyResponse") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.secret("unlockKey", self.unlockKey)
        return fields
    }
}
