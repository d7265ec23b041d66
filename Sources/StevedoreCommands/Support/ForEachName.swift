import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs `action` on each object named (containers, images), as docker's multi-object commands do: prints
/// each name that succeeded, reports the failures on stderr, and fails (exit 1) at the end if
/// any did. docker collects the failures and reports them together at the end (its
/// `errors.Join`), or with `failuresAsTheyHappen` (`start`, `network rm`) one by one. `missing`
/// says what an object that does not exist is (``MissingObject``). `summary` is the command's
/// last line then, given the names that failed (none by default; `start` names them).
func forEachName(
    _ names: [String], print printName: Bool = true, missing: MissingObject = .failure, failuresAsTheyHappen: Bool = false,
    summary: ([String]) -> String = { _ in "" }, _ action: (String) async throws -> Void
) async throws {
    var failed: [String] = []
    var failures: [String] = []
    do {
        for name in names {
            do {
                try await action(name)
                if printName { printOut(name + "\n") }
            } catch let error as DockerError {
                let isMissing = error.category == .notFound && missing != .failure
                if failuresAsTheyHappen || (isMissing && missing == .reportedAtOnce) {
                    printError("\(error)")
                } else {
                    failures.append("\(error)")
                }
                if !isMissing { failed.append(name) }
            }
        }
    } catch {
        // Another error ends the command: what failed before it is still reported.
        if !failures.isEmpty { printError(failures.joined(separator: "\n")) }
        throw error
    }
    if !failed.isEmpty {
        throw CommandFailure(description: (failures + [summary(failed)]).filter { !$0.isEmpty }.joined(separator: "\n"), exitCode: 1)
    }
    // Only objects that were missing: reported, and no failure.
    if !failures.isEmpty { printError(failures.joined(separator: "\n")) }
}

/// What a multi-object command makes of an object that does not exist.
enum MissingObject {
    /// A failure like any other.
    case failure
    /// Reported at once, no failure: docker's `rm -f`.
    case reportedAtOnce
    /// Reported with the failures, no failure by itself: docker's `rmi -f`.
    case reportedWithFailures
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
