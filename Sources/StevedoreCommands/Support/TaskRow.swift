import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of `node ps` and `service ps`: the fields of docker's task formatting context, as
/// strings. The name and the node come resolved (``TaskTable`` looks them up); the rest is
/// read from the task.
struct TaskRow: FormatterContext {
    static let formatterContextType = "*task.taskContext"
    var CurrentState: String
    var DesiredState: String
    var Error: String
    var ID: String
    var Image: String
    var Name: String
    var Node: String
    var Ports: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.Image}}\t{{.Node}}\t{{.DesiredState}}\t{{.CurrentState}}\t{{.Error}}\t{{.Ports}}"
    static let titles = [
        "ID": "ID", "Name": "NAME", "Image": "IMAGE", "Node": "NODE", "DesiredState": "DESIRED STATE",
        "CurrentState": "CURRENT STATE", "Error": "ERROR", "Ports": "PORTS",
    ]

    /// docker shortens a task's error to this many characters unless `--no-trunc`.
    private static let errorWidth = 30

    /// The row of `task`, shown under `name` and on `node`. `truncate` (no `--no-trunc`)
    /// shortens the id to 12 characters and the error to 30, and drops the image's digest when
    /// the image has a tag.
    init(_ task: DockerTask, name: String, node: String, truncate: Bool, now: Date = Date()) {
        let id = task.id ?? ""
        self.ID = truncate ? ObjectID.truncated(id) : id
        self.Name = name
        self.Node = node
        self.Image = Self.image(task.spec?.containerSpec?.image ?? "", truncate: truncate)
        self.DesiredState = Self.prettyPrint(task.desiredState?.rawValue ?? "")
        self.CurrentState = Self.currentState(task.status, now: now)
        var error = task.status?.err ?? ""
        if truncate { error = Self.ellipsis(error, width: Self.errorWidth) }
        self.Error = error.isEmpty ? "" : "\"\(error)\""
        self.Ports = (task.status?.portStatus?.ports ?? [])
            .map { "*:\($0.publishedPort ?? 0)->\($0.targetPort ?? 0)/\($0.`protocol`?.rawValue ?? "")" }
            .joined(separator: ",")
    }

    /// docker's `formatter.PrettyPrint` of a text: the first letter upper-cased and the rest
    /// lower-cased (`running` is `Running`, `READY` is `Ready`); a single letter is lower-cased.
    static func prettyPrint(_ text: String) -> String {
        guard text.count > 1 else { return text.lowercased() }
        return text.prefix(1).uppercased() + text.dropFirst().lowercased()
    }

    /// docker's `formatter.Ellipsis` for text of narrow characters: at most `width`
    /// characters, the last one `…` when some were cut.
    static func ellipsis(_ text: String, width: Int) -> String {
        guard text.unicodeScalars.count > width else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(width - 1))) + "…"
    }

    /// The image as docker shows it: with `truncate`, a tagged reference loses its digest and
    /// takes its short form (`nginx:1.27`); anything else is shown as the spec has it.
    private static func image(_ image: String, truncate: Bool) -> String {
        guard truncate, let reference = try? ImageName(parsing: image), let tag = reference.tag else { return image }
        return reference.familiarName + ":" + tag
    }

    /// `Running 5 minutes ago`: the state and how long ago the task reached it. A task
    /// without a time is as old as Go's zero time, which Go's durations cap at about 292
    /// years.
    private static func currentState(_ status: TaskStatus?, now: Date) -> String {
        let since = (status?.timestamp.flatMap { DockerTimestamp($0) } ?? .zero).date
        let longestGoDuration = Double(Int64.max) / 1e9
        let elapsed = min(now.timeIntervalSince(since), longestGoDuration)
        let state = Self.prettyPrint(status?.state?.rawValue ?? "")
        return state + " " + HumanDuration.describe(seconds: elapsed).lowercased() + " ago"
    }
}
