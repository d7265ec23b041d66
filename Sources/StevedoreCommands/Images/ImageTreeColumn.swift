/// A column of `image ls --tree`: its title, width and alignment, and which value it shows.
struct ImageTreeColumn {
    /// The value of an image or platform that a column after the first shows.
    enum Value {
        case id, diskUsage, contentSize, extra
    }

    var title: String
    /// Its width in columns: fixed for all but the first, which ``ImageTree`` sets.
    var width: Int
    var alignedRight: Bool
    /// `nil` for the first column, whose rows are names and platforms.
    var value: Value?

    /// Between two columns.
    static let spacing = "   "

    /// docker's columns: Image, ID, Disk usage, Content size, and Extra as wide as the letters
    /// `chips` may show (at least its title).
    static func all(chips: [ImageTreeChip], terminal: Bool) -> [ImageTreeColumn] {
        let chipsWidth = chips.reduce(0) { $0 + displayWidth($1.text(terminal: terminal)) }
        return [
            ImageTreeColumn(title: "Image", width: 0, alignedRight: false, value: nil),
            ImageTreeColumn(title: "ID", width: 12, alignedRight: false, value: .id),
            ImageTreeColumn(title: "Disk usage", width: 10, alignedRight: true, value: .diskUsage),
            ImageTreeColumn(title: "Content size", width: 12, alignedRight: true, value: .contentSize),
            ImageTreeColumn(title: "Extra", width: max("Extra".count, chipsWidth), alignedRight: false, value: .extra),
        ]
    }

    /// `text` in `color`, padded to the column's width on the side away from its alignment, or
    /// cut with `…` when wider.
    func print(_ color: ImageTreeStyle.Color, _ text: String) -> String {
        let textWidth = Self.displayWidth(text)
        guard textWidth <= self.width else { return color.apply(Self.ellipsis(text, length: self.width)) }
        let fill = String(repeating: " ", count: self.width - textWidth)
        return self.alignedRight ? fill + color.apply(text) : color.apply(text) + fill
    }

    /// docker's `tui.Ellipsis` for text without escape codes: its first `length - 1` characters
    /// and `…` when it has `length` or more (unchanged for a `length` of 0).
    static func ellipsis(_ text: String, length: Int) -> String {
        guard length > 0, text.unicodeScalars.count >= length else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(length - 1))) + "…"
    }

    /// docker's `tui.Width` for the texts of the tree: escape codes (from ESC to the next `m`)
    /// count for nothing and every other character for one column. Names of images are
    /// ASCII, and the tree's own characters (`→`, `├`, `└`, `─`) are one column wide outside
    /// East Asian locales.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                inEscape = scalar != "m"
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }
}
