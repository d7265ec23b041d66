extension TemplateValue {
    /// This value with the fields of `other` it lacks added, object by object at every depth:
    /// a model's encoding completed with the daemon's JSON, so that a template sees fields the
    /// model does not know while the ones it knows keep their typed form (docker renders the
    /// typed value and falls back to the raw JSON).
    ///
    /// Arrays of the same length are completed element by element. A struct's fields come in
    /// `other`'s order, which is the daemon's: its Go type's field
    /// order, which docker's `json` writes (the model's may differ), with the fields only the
    /// model has after them; a null field the daemon left out stays out of `json`
    /// (``TemplateObject/omittedFromJSON``). A typed map keeps Go's order, by key.
    public func addingMissingFields(from other: TemplateValue) -> TemplateValue {
        // An array of structs (`Mounts`, `IPAM.Config`) element by element.
        if case .array(let own) = self, case .array(let others) = other, own.count == others.count {
            return .array(zip(own, others).map { $0.addingMissingFields(from: $1) })
        }
        guard case .object(let own) = self, case .object(let others) = other else { return self }
        let merged = own.merged(inOrderOf: others) { $0.addingMissingFields(from: $1) }
        guard own.typedMapElement == nil else { return .object(merged.sortedByKey()) }
        var fields = merged
        fields.omittedFromJSON = Set(own.fields.filter { others[$0.key] == nil && $0.value == .null }.map(\.key))
        return .object(fields)
    }
}
