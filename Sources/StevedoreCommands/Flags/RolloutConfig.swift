import Stevedore

/// A service's update or rollback configuration: the two generated types have the same
/// fields, which the `--update-*` and `--rollback-*` flags set alike.
protocol RolloutConfig {
    var parallelism: Int64? { get set }
    var delay: Int64? { get set }
    var monitor: Int64? { get set }
    var maxFailureRatio: Double? { get set }
    /// `FailureAction`'s raw value.
    var failureActionName: String? { get set }
    /// `Order`'s raw value.
    var orderName: String? { get set }
}

extension ServiceSpec.UpdateConfig: RolloutConfig {
    var failureActionName: String? {
        get { self.failureAction?.rawValue }
        set { self.failureAction = newValue.map { FailureAction(rawValue: $0) } }
    }

    var orderName: String? {
        get { self.order?.rawValue }
        set { self.order = newValue.map { Order(rawValue: $0) } }
    }
}

extension ServiceSpec.RollbackConfig: RolloutConfig {
    var failureActionName: String? {
        get { self.failureAction?.rawValue }
        set { self.failureAction = newValue.map { FailureAction(rawValue: $0) } }
    }

    var orderName: String? {
        get { self.order?.rawValue }
        set { self.order = newValue.map { Order(rawValue: $0) } }
    }
}
