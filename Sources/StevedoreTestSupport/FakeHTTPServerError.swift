/// A ``FakeHTTPServer`` script met bytes it cannot make sense of, or the server could not start.
public struct FakeHTTPServerError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
