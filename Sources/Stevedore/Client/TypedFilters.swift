/// Filters read from the CLI's `--filter key=value` arguments: an endpoint's typed filters
/// have one typed property per key the API documents, and say where one key and value go
/// (``add(key:value:)``); keys they do not know go to their escape hatch for newer daemons.
/// ``DockerFilters`` is the untyped kind, every key as given.
public protocol TypedFilters: Sendable {
    init()

    /// Puts `value` under `key`; throws ``DockerError/Category/invalidInput`` for a value a
    /// typed key cannot hold (a boolean that is not `true`/`false`…).
    mutating func add(key: String, value: String) throws

    /// The filters as the daemon takes them.
    var dockerFilters: DockerFilters { get }
}

extension TypedFilters {
    /// Filters from the CLI's `--filter key=value` arguments, values of a key in byte order.
    /// Each argument is read as ``DockerFilters/add(parsing:)`` reads it; one without `=`, or a
    /// value a typed key cannot hold, throws ``DockerError/Category/invalidInput``.
    public init(parsing arguments: [String]) throws {
        var parsed = DockerFilters()
        for argument in arguments { try parsed.add(parsing: argument) }
        try self.init(parsed)
    }

    /// `filters` put under this type's keys, in byte order of keys and values; a value a
    /// typed key cannot hold throws ``DockerError/Category/invalidInput``.
    public init(_ filters: DockerFilters) throws {
        self.init()
        for (key, values) in filters.values.sorted(by: { $0.key < $1.key }) {
            for value in values.sorted() {
                try self.add(key: key.text, value: value.text)
            }
        }
    }
}

/// A boolean filter value in the spelling a typed property sends (`true`, `false`), or nil.
/// Other spellings (`1`, `TRUE`) and a key's second value go to the escape hatch as given:
/// the daemon's endpoints read them in ways of their own (some take `1` and `true` together,
/// some refuse any second value), which only the values docker would send get right.
func filterBoolean(_ value: String) -> Bool? {
    switch value {
    case "true": true
    case "false": false
    default: nil
    }
}

extension DockerFilters {
    /// These filters with each key's values added: how typed filters build their
    /// ``TypedFilters/dockerFilters`` on top of their escape hatch.
    func adding(_ keyed: KeyValuePairs<String, [String]>) -> DockerFilters {
        var filters = self
        for (key, values) in keyed {
            for value in values { filters.add(key, value) }
        }
        return filters
    }
}

/// Untyped filters are typed filters of any key: each value goes to the daemon as given.
extension DockerFilters: TypedFilters {
    public mutating func add(key: String, value: String) {
        self.add(key, value)
    }

    public var dockerFilters: DockerFilters { self }
}
