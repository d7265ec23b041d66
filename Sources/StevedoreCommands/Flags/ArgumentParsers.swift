import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--filter key=value` arguments as filters; a malformed one is a usage error (exit 125)
/// naming `flag` as docker does.
func parseFilters(_ arguments: [String], flag: String = "-f, --filter") throws -> DockerFilters {
    try checkFilterArguments(arguments, flag: flag)
    var filters = DockerFilters()
    for argument in arguments { try filters.add(parsing: argument) }
    return filters
}

/// `--filter` arguments as typed filters; a malformed one, or a value its key cannot hold, is
/// a usage error (exit 125), the first naming `flag` as docker does.
func parseFilters<Filters: TypedFilters>(_ arguments: [String], as _: Filters.Type, flag: String = "-f, --filter") throws -> Filters {
    try checkFilterArguments(arguments, flag: flag)
    do {
        return try Filters(parsing: arguments)
    } catch let error as DockerError {
        throw CommandFailure(description: error.message, exitCode: 125)
    }
}

/// Fails with docker's refusal of a flag's value (exit 125, the command's usage after it) for
/// the first argument without `=`.
func checkFilterArguments(_ arguments: [String], flag: String = "-f, --filter") throws {
    guard let malformed = arguments.first(where: { !DockerFilters.isWellFormed($0) }) else { return }
    throw CommandFailure(
        description: "invalid argument \"\(malformed)\" for \"\(flag)\" flag: bad format of filter (expected name=value)",
        exitCode: 125, isFlagValue: true)
}

/// `reference` parsed as docker parses a name argument; a malformed one fails as docker's CLI
/// does, with its message and exit code 1.
func parseImageName(_ reference: String) throws -> ImageName {
    do {
        return try ImageName(parsing: reference)
    } catch let error as DockerError {
        throw CommandFailure(description: error.message, exitCode: 1)
    }
}

/// A `-s`/`--signal` value of `kill`, `stop` and `restart`: an empty one, as an absent one, is
/// the daemon's default signal (docker sends it empty, and the daemon reads it so).
func parseSignalFlag(_ value: String?) throws -> ContainerSignal? {
    guard let value, !value.isEmpty else { return nil }
    return try ContainerSignal(parsing: value)
}

/// Fails as docker fails for a name an image is to be tagged with (`tag`'s target, `commit`'s
/// repository) that has a digest: a tag cannot give one.
func checkTaggable(_ reference: ImageName) throws {
    guard reference.digest == nil else { throw CommandFailure(description: "refusing to create a tag with a digest reference") }
}

/// The reference pull and push work on, as docker resolves it: `--all-tags` takes a bare
/// name; otherwise a bare name gets `latest`, announced with `Using default tag: latest`.
func resolveTag(of name: String, allTags: Bool, quiet: Bool) throws -> ImageName {
    let reference = try parseImageName(name)
    if allTags {
        guard reference.isNameOnly else { throw CommandFailure(description: "tag can't be used with --all-tags/-a") }
        return reference
    }
    if reference.isNameOnly && !quiet { printOut("Using default tag: latest\n") }
    return reference.withDefaultTag
}

/// `--label`/`--opt` values as docker's map options read them: `key=value`, or `key` alone for
/// an empty value; the last of a repeated key wins. Nil when there are none.
func keyValueMap(_ entries: [String]) -> [String: String]? {
    guard !entries.isEmpty else { return nil }
    return Dictionary(
        entries.map { text in
            let pair = LabelFilter(parsing: text)
            return (pair.key, pair.value ?? "")
        }, uniquingKeysWith: { $1 })
}

/// `--since`/`--until` as docker's client reads them: an empty value is none, anything else
/// is read as ``EventTime/parse(_:now:)`` reads it, refused in docker's words (exit code 1), after
/// `invalid value for "since": ` where docker's client names the `flag` (`logs`, not `events`).
func parseTimeFlag(_ value: String?, now: Date, flag: String? = nil) throws -> String? {
    guard let value, !value.isEmpty else { return nil }
    do {
        return try EventTime.timestamp(value, now: now, localOffset: EventTime.localOffset(at: now))
    } catch {
        throw CommandFailure(description: (flag.map { "invalid value for \"\($0)\": " } ?? "") + error.goMessage)
    }
}

/// `--tail` of `logs` and `service logs`: a number of lines; docker passes anything else on,
/// and the daemon reads what is not a whole number (`all`, `-1`, `ten`) as all of them.
func parseLogTail(_ text: String) -> ContainerLogsOptions.Tail {
    guard let count = Int(text), count >= 0 else { return .all }
    return .lines(count)
}

/// `--tail` of `service logs`, which the daemon reads strictly: `all` or a count of lines; it
/// refuses anything else, in these words (exit code 1).
func parseServiceLogTail(_ text: String) throws -> ContainerLogsOptions.Tail {
    if text == "all" || text.isEmpty { return .all }
    guard let count = Int(text) else { throw CommandFailure(description: "tail value must be a positive integer or \"all\"") }
    guard count >= 0 else { throw CommandFailure(description: "negative tail values not supported") }
    return .lines(count)
}

extension Collection {
    /// The collection, or `nil` when it is empty: docker's flags leave a field out of a request
    /// rather than send it empty.
    var nilIfEmpty: Self? { self.isEmpty ? nil : self }
}
