import Foundation
import Stevedore

/// Why a flag's value was refused, before the flag's name is known (the parsers of values are
/// shared by several flags and commands).
struct InvalidFlagValue: Error, Equatable {
    var reason: String
}
