/// The JSON object `{}`, the value of set-like maps such as `ContainerConfig.ExposedPorts`
/// (`{"80/tcp": {}}`) and `ContainerConfig.Volumes` (`{"/data": {}}`).
///
/// It always encodes as `{}`. Decoding accepts any value, contents ignored: only the map's keys
/// carry meaning.
public struct EmptyObject: Codable, Hashable, Sendable {
    public init() {}

    public init(from decoder: any Decoder) throws {}

    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }

    private struct NoKeys: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension EmptyObject: JSONReadable {
    /// Whatever the value, as ``init(from:)`` takes it.
    package init(reading reader: inout JSONReader) throws {
        try reader.skipValue()
    }
}

extension EmptyObject: JSONWritable {
    /// Always `{}`, as ``encode(to:)`` writes it.
    package func write(to writer: inout JSONWriter) {
        writer.writeObject { _ in }
    }
}
