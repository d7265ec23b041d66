extension TemplateValue {
    /// This value with the fields of `other` it lacks added, object by object at every depth:
    /// a model's encoding completed with the daemon's JSON, so that a template sees fields the
    /// model does not know while the ones it knows keep their typed form (docker renders the
    /// typed value and falls back to the raw JSON).
    public func addingMissingFields(from other: TemplateValue) -> TemplateValue {
        guard case .object(var fields) = self, case .object(let others) = other else { return self }
        for (key, value) in others.fields {
            if let own = fields[key] {
                fields[key] = own.addingMissingFields(from: value)
            } else {
                fields[key] = value
            }
        }
        return .object(fields)
    }
}
