import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs `action` on each object named (containers, images), as docker's multi-object commands do: prints
/// each name that succeeded, reports each failure on stderr, and fails (exit 1) at the end if
/// any did. With `missingIsNoFailure` (docker's `rm -f` and `rmi -f`), an object that does not
/// exist is reported but does not fail the command. `summary` is the command's last line
/// then, given the names that failed (none by default; `start` names them).
func forEachName(
    _ names: [String], print printName: Bool = true, missingIsNoFailure: Bool = false,
    summary: ([String]) -> String = { _ in "" }, _ action: (String) async throws -> Void
) async throws {
    var failed: [String] = []
    for name in names {
        do {
            try await action(name)
            if printName { printOut(name + "\n") }
        } catch let error as DockerError {
            if !(missingIsNoFailure && error.category == .notFound) { failed.append(name) }
            printError("\(error)")
        }
    }
    if !failed.isEmpty { throw CommandFailure(description: summary(failed), exitCode: 1) }
}

/// What docker's inspect commands do with several names: the format checked first (see
/// ``InspectLayout``), each name inspected in turn, failures reported on stderr as they come,
/// then what was found printed (``CommandOutput/printInspected(_:layout:)``) and exit code 1
/// when anything failed.
func inspectEach<Value: Encodable>(
    _ names: [String], format: String?, _ inspect: (String) async throws -> (value: Value, raw: Data)
) async throws {
    let layout = try InspectLayout(format)
    var found: [(value: Value, raw: Data)] = []
    do {
        try await forEachName(names, print: false) { found.append(try await inspect($0)) }
    } catch {
        try CommandOutput.printInspected(found, layout: layout)
        throw error
    }
    try CommandOutput.printInspected(found, layout: layout)
}
