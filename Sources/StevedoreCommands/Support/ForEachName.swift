import Stevedore
import StevedoreFormatting

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
/// ``InspectLayout``), each name inspected in turn, what was found printed (each element
/// through the template, or the daemon's JSON in an array: ``CommandOutput``), then every
/// failure in the order of the names (one not found, a template that fails on an element,
/// which prints nothing of it) on stderr, and exit code 1 when there was any. Without
/// `keepsDaemonJSON` (docker's `volume`, `node` and `service inspect`, whose lookups drop
/// the daemon's JSON), a template that fails on the typed value fails, where docker's other
/// inspect commands run it again over the daemon's JSON, and the JSON printed is what Go's
/// `json.MarshalIndent` writes of the typed value: `<`, `>` and `&` escaped (`\u003c`…).
func inspectEach<Value: Encodable>(
    _ names: [String], format: String?, keepsDaemonJSON: Bool = true,
    _ inspect: (String) async throws -> (value: Value, raw: Data)
) async throws {
    let layout = try InspectLayout(format)
    var found: [Data] = []
    var rendered = ""
    var failures: [String] = []
    for name in names {
        do {
            let (value, raw) = try await inspect(name)
            guard case .template(let template) = layout else {
                found.append(keepsDaemonJSON ? raw : GoJSONText.escapingHTML(raw))
                continue
            }
            rendered += try CommandOutput.renderInspected(value, raw: raw, with: template, fallsBackToJSON: keepsDaemonJSON)
        } catch let error as TemplateError {
            failures.append("template parsing error: \(error.message)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // The daemon's refusal, or the command's own (a node's `self` with no swarm).
            failures.append("\(error)")
        }
    }
    switch layout {
    // With nothing printed, docker still ends its (empty) template output with a newline.
    case .template: printOut(rendered.isEmpty ? "\n" : rendered)
    case .indented: CommandOutput.printInspected(found, compact: false)
    case .compact: CommandOutput.printInspected(found, compact: true)
    }
    if !failures.isEmpty { throw CommandFailure(description: failures.joined(separator: "\n"), exitCode: 1) }
}
