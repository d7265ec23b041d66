import Stevedore

/// A service's update or rollback configuration: the two generated types have the same
/// fields, which the `--update-*` and `--rollback-*` flags set alike.
protocol RolloutConfig {
    associatedtype FailureAction: RawRepresentable<String>
    associatedtype Order: RawRepresentable<String>
    var parallelism: Int64? { get set }
    var delay: Int64? { get set }
    var monitor: Int64? { get set }
    var maxFailureRatio: Double? { get set }
    var failureAction: FailureAction? { get set }
    var order: Order? { get set }
}

extension RolloutConfig {
    /// `FailureAction`'s raw value (the generated enums take any value, so none is lost).
    var failureActionName: String? {
        get { self.failureAction?.rawValue }
        set { self.failureAction = newValue.flatMap(FailureAction.init(rawValue:)) }
    }

    /// `Order`'s raw value.
    var orderName: String? {
        get { self.order?.rawValue }
        set { self.order = newValue.flatMap(Order.init(rawValue:)) }
    }
}

extension ServiceSpec.UpdateConfig: RolloutConfig {}

extension ServiceSpec.RollbackConfig: RolloutConfig {}
