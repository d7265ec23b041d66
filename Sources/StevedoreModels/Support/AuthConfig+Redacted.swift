extension AuthConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credentials with the password shown as `<redacted>`, so that a log line or an error
    /// message never carries it.
    public var description: String { self.redactedFields.description(of: "AuthConfig") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.plain("username", self.username)
        fields.secret("password", self.password)
        fields.plain("email", self.email)
        fields.plain("serveraddress", self.serveraddress)
        return fields
    }
}
