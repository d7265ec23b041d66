import StevedoreModels

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decodes JSON the daemon sent as `Value`.
///
/// A model is read by its generated `init(reading:)` (``JSONReader``): on a container list that
/// is more than ten times faster than `JSONDecoder`, whose generic containers are not specialized
/// for the models (Benchmarks/results/2026-12-04-list-conc-profile.md). Any other type, and any
/// document the reader leaves (it gives up where it could differ from `JSONDecoder`), is decoded
/// by `JSONDecoder`, whose value or error is then the answer.
func decodeJSON<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
    if let readable = Value.self as? any JSONReadable.Type, let value = (try? JSONReader.decode(readable, from: data)) as? Value {
        return value
    }
    return try JSONDecoder().decode(Value.self, from: data)
}
