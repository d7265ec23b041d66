import StevedoreModels

extension RegistryAuth: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credentials with their secrets (password, `auth`, identity and registry tokens)
    /// shown as `<redacted>`: what string interpolation, `print`, `dump` and a debugger show,
    /// so that a log line or an error message that names credentials never carries them.
    public var description: String { self.redactedFields.description(of: "RegistryAuth") }

    public var debugDescription: String { self.description }

    public var customMirror: Mirror { self.redactedFields.mirror(of: self) }

    private var redactedFields: RedactedFields {
        var fields = RedactedFields()
        fields.plain("username", self.username)
        fields.secret("password", self.password)
        fields.secret("auth", self.auth)
        fields.plain("email", self.email)
        fields.plain("serverAddress", self.serverAddress)
        fields.secret("identityToken", self.identityToken)
        fields.secret("registryToken", self.registryToken)
        return fields
    }
}
