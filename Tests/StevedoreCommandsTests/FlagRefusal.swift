import Testing

@testable import StevedoreCommands

/// The message of the ``CommandFailure`` `body` throws, which must carry docker's exit code for
/// a refused command line (125); nil when `body` succeeds, a note for any other error.
func flagRefusal(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let failure as CommandFailure {
        #expect(failure.exitCode == 125, "exit code of \(failure)", sourceLocation: sourceLocation)
        return failure.description
    } catch {
        return "unexpected \(error)"
    }
}
