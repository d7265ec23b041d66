/// A `.dockerignore` pattern of the regular-expression kind, compiled to a nondeterministic
/// automaton and matched by following every live state at once.
///
/// moby converts such a pattern to a Go regular expression, and Go's engine never backtracks:
/// no pattern makes docker's context walk slow. A backtracking engine can take minutes on
/// `*a*a*a*…` against a long name; this matcher takes time proportional to the path's length
/// times the pattern's, whatever they hold.
struct IgnorePatternAutomaton: Sendable {
    /// One piece of a pattern, in order.
    enum Element: Sendable, Equatable {
        /// One scalar of `set`: a literal, `?`, a bracket class or an escape such as `\d`.
        case one(ScalarSet)
        /// `*`: any run of scalars but `/`.
        case runWithoutSlash
        /// `**/` inside a pattern: any number of whole directories, even none (`(.*/)?`).
        case directories
        /// `**` ending a pattern: anything (`.*`).
        case anything
        /// `^`, which a Go regular expression reads as "at the start of the path".
        case start
    }

    /// What one state does.
    private enum Step: Sendable {
        /// Consumes one scalar of the set, then continues at `next`.
        case consume(ScalarSet, next: Int)
        /// Continues at each target without consuming.
        case split(Int, Int)
        /// Continues at `next` only before the first scalar.
        case atStart(next: Int)
    }

    /// The states; reaching index `steps.count` after the last scalar is a match.
    private let steps: [Step]

    init(_ elements: [Element]) {
        var steps: [Step] = []
        for element in elements {
            let start = steps.count
            switch element {
            case .one(let set):
                steps.append(.consume(set, next: start + 1))
            case .runWithoutSlash:
                steps.append(.split(start + 1, start + 2))
                steps.append(.consume(.notSlash, next: start))
            case .anything:
                steps.append(.split(start + 1, start + 2))
                steps.append(.consume(.notNewline, next: start))
            case .directories:
                // Skip, or any run then a `/`: `(.*/)?`.
                steps.append(.split(start + 1, start + 4))
                steps.append(.split(start + 2, start + 3))
                steps.append(.consume(.notNewline, next: start + 1))
                steps.append(.consume(.scalar("/"), next: start + 4))
            case .start:
                steps.append(.atStart(next: start + 1))
            }
        }
        self.steps = steps
    }

    /// Whether the whole of `path` matches (the expression is anchored at both ends) or, with
    /// `orAParent`, a part of it that ends before a `/`: one pass for every parent directory.
    func matches(_ path: String, orAParent: Bool = false) -> Bool {
        let accepting = self.steps.count
        var current = StateSet(capacity: accepting + 1)
        var next = StateSet(capacity: accepting + 1)
        var pending: [Int] = []
        self.enter(0, into: &current, atStart: true, pending: &pending)
        for scalar in path.unicodeScalars {
            if orAParent, scalar == "/", current.contains(accepting) { return true }
            next.removeAll()
            for state in current.members where state < accepting {
                if case .consume(let set, let target) = self.steps[state], set.contains(scalar) {
                    self.enter(target, into: &next, atStart: false, pending: &pending)
                }
            }
            if next.members.isEmpty { return false }
            swap(&current, &next)
        }
        return current.contains(accepting)
    }

    /// Adds `state` and every state reachable from it without consuming.
    private func enter(_ state: Int, into set: inout StateSet, atStart: Bool, pending: inout [Int]) {
        pending.append(state)
        while let state = pending.popLast() {
            guard set.insert(state), state < self.steps.count else { continue }
            switch self.steps[state] {
            case .consume:
                break
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .atStart(let next):
                if atStart { pending.append(next) }
            }
        }
    }
}

extension IgnorePatternAutomaton {
    /// The live states while matching: membership for the closure, the list for iteration.
    private struct StateSet {
        private var isMember: [Bool]
        private(set) var members: [Int] = []

        init(capacity: Int) {
            self.isMember = Array(repeating: false, count: capacity)
            self.members.reserveCapacity(capacity)
        }

        func contains(_ state: Int) -> Bool { self.isMember[state] }

        /// Whether `state` was new.
        mutating func insert(_ state: Int) -> Bool {
            if self.isMember[state] { return false }
            self.isMember[state] = true
            self.members.append(state)
            return true
        }

        mutating func removeAll() {
            for state in self.members { self.isMember[state] = false }
            self.members.removeAll(keepingCapacity: true)
        }
    }
}
