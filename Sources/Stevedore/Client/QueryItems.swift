/// The query of a request, in order, percent-encoded when rendered.
struct QueryItems: Sendable {
    private(set) var items: [(name: String, value: String)] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { self.items.append((name, value)) }
    }

    /// Booleans as the daemon parses them (`1`/`0`), omitted when `nil`.
    mutating func add(_ name: String, _ value: Bool?) {
        if let value { self.items.append((name, value ? "1" : "0")) }
    }

    mutating func add<Integer: BinaryInteger>(_ name: String, _ value: Integer?) {
        if let value { self.items.append((name, String(value))) }
    }

    /// `filters` as the JSON object the API expects; omitted when empty.
    mutating func add(_ name: String, _ filters: DockerFilters?) {
        if let filters, !filters.isEmpty { self.items.append((name, filters.json)) }
    }

    /// `?a=1&b=2`, or the empty string.
    var encoded: String {
        guard !self.items.isEmpty else { return "" }
        return "?" + self.items.map { "\(percentEncode($0.name))=\(percentEncode($0.value))" }.joined(separator: "&")
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a value is safe as a
/// path segment or a query component.
func percentEncode(_ string: String) -> String {
    var encoded = ""
    encoded.reserveCapacity(string.utf8.count)
    for byte in string.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            encoded.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = Array("0123456789ABCDEF".utf8)
            encoded += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]], as: UTF8.self)
        }
    }
    return encoded
}

extension QueryItems {
    /// An OCI platform as the JSON object the image endpoints take (`{"os":"linux","architecture":"arm64"}`).
    mutating func add(_ name: String, _ platform: OCIPlatform?) {
        guard let platform else { return }
        self.add(name, String(decoding: RegistryAuth.encodeJSON(platform), as: UTF8.self))
    }
}
