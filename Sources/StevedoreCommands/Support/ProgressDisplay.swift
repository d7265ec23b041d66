import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders a pull, push, load, import or build progress stream as the docker CLI's
/// `jsonmessage.DisplayJSONMessagesStream` does.
///
/// On a terminal each layer keeps one line, redrawn in place: a new layer id adds a line, an
/// update moves the cursor up to its line (`ESC[nA`), clears it (`ESC[2K`), writes the status
/// and bar, and moves back down (`ESC[nB`). A line without a layer id forgets the layer lines
/// (later updates of an old id get a new line). Off a terminal, messages with a progress bar
/// are dropped and the others printed one per line. `aux` messages are not shown: callers read
/// them (the built image id, the pushed digest).
///
/// A value type fed one message at a time: ``render(_:)`` returns the bytes to write, so it is
/// tested on recorded streams without a terminal.
struct ProgressDisplay {
    /// Whether the output is a terminal (redraw in place) or not (plain lines).
    var isTerminal: Bool
    /// The terminal's width: the bar is drawn only when it exceeds 110 columns, as docker does.
    var width: Int
    /// Layer id → its line, counted from the first layer line.
    private var lines: [String: Int] = [:]

    init(isTerminal: Bool, width: Int = 200) {
        self.isTerminal = isTerminal
        self.width = width
    }

    /// The display of standard output: a terminal or not, and its width (200 when unknown).
    static func standardOutput(forcing plain: Bool = false) -> ProgressDisplay {
        Self.of(STDOUT_FILENO, forcing: plain)
    }

    /// The display of standard error, where `create` and `run` show an image pull (their
    /// stdout is the container's id or output).
    static func standardError() -> ProgressDisplay {
        Self.of(STDERR_FILENO, forcing: false)
    }

    private static func of(_ descriptor: Int32, forcing plain: Bool) -> ProgressDisplay {
        let isTerminal = !plain && isatty(descriptor) != 0
        let terminalWidth = isTerminal ? Terminal.windowSize(of: descriptor)?.width ?? 0 : 0
        let width = terminalWidth > 0 ? terminalWidth : 200
        return ProgressDisplay(isTerminal: isTerminal, width: width)
    }

    /// The text `message` adds to the output.
    mutating func render(_ message: ProgressMessage) -> String {
        guard message.aux == nil else { return "" }
        var output = ""
        var distance = 0
        let id = message.id ?? ""
        if !id.isEmpty && (message.progressDetail != nil || !(message.progress ?? "").isEmpty) {
            let line: Int
            if let known = self.lines[id] {
                line = known
            } else {
                line = self.lines.count
                self.lines[id] = line
                if self.isTerminal { output += "\n" }
            }
            distance = self.lines.count - line
            if self.isTerminal && distance > 0 { output += "\u{1B}[\(distance)A" }
        } else {
            self.lines = [:]
        }
        output += self.display(message)
        if !id.isEmpty && self.isTerminal && distance > 0 { output += "\u{1B}[\(distance)B" }
        return output
    }

    /// `JSONMessage.Display`: one message's text.
    private func display(_ message: ProgressMessage) -> String {
        var output = ""
        var ending = ""
        let bar = message.progressDetail.map { self.bar($0) } ?? ""
        if self.isTerminal && message.stream == nil && message.progressDetail != nil {
            output += "\u{1B}[2K\r"
            ending = "\r"
        } else if message.progressDetail != nil && !bar.isEmpty {
            return ""
        }
        if let id = message.id, !id.isEmpty { output += "\(id): " }
        let status = message.status ?? ""
        if message.progressDetail != nil && self.isTerminal {
            output += "\(status) \(bar)\(ending)"
        } else if let progress = message.progress, !progress.isEmpty {
            output += "\(status) \(progress)\(ending)"
        } else if let stream = message.stream, !stream.isEmpty {
            output += stream + ending
        } else {
            output += status + ending + "\n"
        }
        return output
    }

    /// `JSONProgress.String`: `[=====>    ] 1.2MB/3.4MB`, the bar only on wide terminals.
    func bar(_ detail: ProgressDetail) -> String {
        let current = detail.current ?? 0
        let total = detail.total ?? 0
        if current <= 0 && total <= 0 { return "" }
        let currentText = Self.padded(HumanSize.decimal(Int64(current), precision: 4))
        if total <= 0 { return currentText }
        return self.box(current, of: total)
            + (current > total ? currentText : currentText + "/" + HumanSize.decimal(Int64(total), precision: 4))
    }

    /// `JSONProgress.String` of a count in `units` (the swarm's progress counts `nodes`):
    /// `[=====>    ] 1/3 nodes`, the bar only on wide terminals; the total is left out when the
    /// count passes it.
    func count(_ current: Int, of total: Int, units: String) -> String {
        if current <= 0 && total <= 0 { return "" }
        if total <= 0 { return "\(current) \(units)" }
        return self.box(current, of: total) + (current > total ? "\(current) \(units)" : "\(current)/\(total) \(units)")
    }

    /// The bar of `current` out of `total` and a space, fifty columns wide, when the terminal
    /// is wider than 110 columns; empty otherwise.
    func box(_ current: Int, of total: Int) -> String {
        guard self.width > 110 else { return "" }
        // A daemon's current above its total (or below zero) fills the bar or leaves it empty.
        let percentage = Int(min(max(Double(current) / Double(total), 0), 1) * 100) / 2
        return "[" + String(repeating: "=", count: percentage) + ">" + String(repeating: " ", count: max(50 - percentage, 0)) + "] "
    }

    /// Go's `%8v`: right-aligned in eight columns.
    private static func padded(_ text: String) -> String {
        String(repeating: " ", count: max(8 - text.count, 0)) + text
    }
}

extension ProgressStream {
    /// Shows the stream with `display` through `write` (stdout unless told; nothing when
    /// `quiet`), handing `aux` messages to `onAux`; returns what ``ProgressStream/finish()``
    /// would. The stream's error is thrown once what came before it is shown.
    @discardableResult
    func show(
        quiet: Bool = false, display: ProgressDisplay = .standardOutput(), write: (String) -> Void = printOut,
        onAux: (ProgressMessage) -> Void = { _ in }
    ) async throws -> ProgressStream.Summary {
        var display = display
        var summary = ProgressStream.Summary()
        for try await message in self {
            summary.add(message)
            if message.aux != nil { onAux(message) }
            if !quiet { write(display.render(message)) }
        }
        return summary
    }
}
