/// The colours of docker's terminal output (`internal/tui`, `aec` codes) as `image ls --tree`
/// uses them: on a terminal each text is wrapped in its codes and a reset; elsewhere the
/// output is plain, but for the titles, which docker colours on any output.
struct ImageTreeStyle {
    /// SGR codes put before a text, and a reset after it; none leave the text as it is.
    struct Color {
        let codes: String

        init(_ codes: String) {
            self.codes = codes
        }

        static let none = Color("")

        func apply(_ text: String) -> String {
            self.codes.isEmpty ? text : self.codes + text + "\u{1B}[0m"
        }

        /// These codes followed by `other`'s; no colour stays none.
        func with(_ other: Color) -> Color {
            self.codes.isEmpty ? self : Color(self.codes + other.codes)
        }
    }

    /// Bold in the default colour, on any output.
    static let title = Color("\u{1B}[39m\u{1B}[1m")
    static let faint = Color("\u{1B}[2m")

    /// The warning before the tree: light yellow.
    let warning: Color
    /// Details: the default colour.
    let normal: Color
    /// `<untagged>`: faint.
    let untagged: Color
    /// An image's names: bold blue.
    let topName: Color

    init(terminal: Bool) {
        self.warning = terminal ? Color("\u{1B}[93m") : .none
        self.normal = terminal ? Color("\u{1B}[39m") : .none
        self.untagged = terminal ? Color("\u{1B}[39m\u{1B}[2m") : .none
        self.topName = terminal ? Color("\u{1B}[34m\u{1B}[1m") : .none
    }
}
