/// A letter of the tree's "Extra" column: `U` for an image or platform that containers use.
struct ImageTreeChip {
    let letter: String
    let description: String
    /// The 256-colour foreground and background of the letter on a terminal.
    let foreground: Int
    let background: Int
    /// Whether an image or platform shows the letter.
    let check: @Sendable (ImageTree.Details) -> Bool

    static let inUse = ImageTreeChip(letter: "U", description: "In Use", foreground: 0, background: 14) { $0.inUse }

    /// Every letter, in the legend's order.
    static let all = [inUse]

    /// The letter: on a terminal, padded with a space each side on its colours.
    func text(terminal: Bool) -> String {
        guard terminal else { return self.letter }
        return "\u{1B}[38;5;\(self.foreground)m\u{1B}[48;5;\(self.background)m \(self.letter) \u{1B}[0m"
    }

    /// The letters that some image or platform of `tree` shows, each once, in the order docker
    /// finds them (it looks at the letters from the last).
    static func possible(in tree: ImageTree) -> [ImageTreeChip] {
        var remaining = Self.all
        var possible: [ImageTreeChip] = []
        for image in tree.images {
            for details in [image.details] + image.platforms.map(\.details) {
                for index in remaining.indices.reversed() where remaining[index].check(details) {
                    possible.append(remaining.remove(at: index))
                }
            }
        }
        return possible
    }
}
