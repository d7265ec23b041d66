import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a flag's value was refused, before the flag's name is known (the parsers of values are
/// shared by several flags and commands).
struct InvalidFlagValue: Error, Equatable {
    var reason: String
}
