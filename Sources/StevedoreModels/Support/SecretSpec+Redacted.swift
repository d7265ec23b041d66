extension SecretSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The value with the data shown as `<redacted>`, so that a log line or an error message
    /// never carries it.
    public var description: String { self.redactedFields.description(of: "SecretSpec") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.plain("name", self.name)
        fields.plain("labels", self.labels.map { "\($0)" })
        fields.secret("data", self.data)
        fields.plain("driver", self.driver.map { "\($0)" })
        fields.plain("templating", self.templating.map { "\($0)" })
        return fields
    }
}
