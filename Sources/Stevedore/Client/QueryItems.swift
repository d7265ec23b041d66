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
    let hex: StaticString = "0123456789ABCDEF"
    // At most three bytes for each: written in place, every path and query of every request
    // goes through here.
    return String(unsafeUninitializedCapacity: string.utf8.count * 3) { encoded in
        var count = 0
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded[count] = byte
                count += 1
            default:
                encoded[count] = UInt8(ascii: "%")
                encoded[count + 1] = hex.utf8Start[Int(byte >> 4)]
                encoded[count + 2] = hex.utf8Start[Int(byte & 0x0F)]
                count += 3
            }
        }
        return count
    }
}

extension QueryItems {
    /// An OCI platform as the JSON object the image endpoints take (`{"os":"linux","architecture":"arm64"}`).
    mutating func add(_ name: String, _ platform: OCIPlatform?) {
        guard let platform else { return }
        self.add(name, String(decoding: RegistryAuth.encodeJSON(platform), as: UTF8.self))
    }
}
