import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore network …`: docker's network commands.
    struct Network: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage networks",
            subcommands: [Connect.self, Create.self, Disconnect.self, Inspect.self, List.self, Prune.self, Remove.self]
        )
    }
}

/// `--filter` arguments as typed filters; a malformed one is a usage error (exit 125) naming
/// `flag` as docker does.
func parseFilters<Filters: TypedFilters>(_ arguments: [String], as _: Filters.Type, flag: String = "-f, --filter") throws -> Filters {
    do {
        return try Filters(parsing: arguments)
    } catch let error as DockerError {
        let argument = arguments.first { !$0.contains("=") || $0.hasPrefix("=") } ?? ""
        throw CommandFailure(
            description: argument.isEmpty ? error.message : "invalid argument \"\(argument)\" for \"\(flag)\" flag: \(error.message)", exitCode: 125)
    }
}

/// Go's `sortorder.NaturalLess`, how docker orders networks and volumes by name: runs of
/// digits compare as numbers (`net2` before `net10`), everything else byte by byte.
func naturalLess(_ lhs: String, _ rhs: String) -> Bool {
    var left = Array(lhs.utf8)[...]
    var right = Array(rhs.utf8)[...]
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    while let a = left.first, let b = right.first {
        if isDigit(a) && isDigit(b) {
            let leftDigits = left.prefix(while: isDigit)
            let rightDigits = right.prefix(while: isDigit)
            left = left.dropFirst(leftDigits.count)
            right = right.dropFirst(rightDigits.count)
            let leftValue = leftDigits.drop { $0 == UInt8(ascii: "0") }
            let rightValue = rightDigits.drop { $0 == UInt8(ascii: "0") }
            if leftValue.count != rightValue.count { return leftValue.count < rightValue.count }
            if !leftValue.elementsEqual(rightValue) { return leftValue.lexicographicallyPrecedes(rightValue) }
            if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
        } else {
            if a != b { return a < b }
            left = left.dropFirst()
            right = right.dropFirst()
        }
    }
    return left.isEmpty && !right.isEmpty
}
