import Foundation
import Stevedore

/// A failure the CLI reports as docker does: its message alone on stderr (nothing when it is
/// empty), and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
}
