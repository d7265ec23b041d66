extension Terminal {
    /// The `[height, width]` to create a TTY process with: this terminal's, when `tty`.
    static func consoleSize(tty: Bool) -> [Int]? {
        guard tty, let size = Terminal.size() else { return nil }
        return [size.height, size.width]
    }
}
