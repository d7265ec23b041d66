/// A state machine behind a reference, so that `#expect`, which captures what it evaluates, can
/// check the action of a mutating event: `#expect(machine { $0.receivedEnd() } == ...)`.
final class Ref<Value> {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Applies `event` to the value and returns what it returned.
    func callAsFunction<Result>(_ event: (inout Value) -> Result) -> Result {
        event(&self.value)
    }
}
