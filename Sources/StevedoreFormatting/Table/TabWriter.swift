/// Go's `text/tabwriter` (flags 0): aligns tab-separated cells into columns.
///
/// Text is cut into cells by `\t` (or `\v`); a line's last cell is not tab-terminated and
/// takes no part in alignment. Adjacent lines that have a cell in column *k* form a column
/// block; every cell of the block is padded to the block's width, which is the widest cell
/// plus `padding`, and at least `minWidth`. A line without any tab ends all blocks (Go flushes
/// there), as does `\f`. A cell is as wide as the columns a terminal shows its text in
/// (``DisplayWidth``: two for an ideograph, none for a combining accent), as docker's own
/// copy of the tabwriter measures it, where Go's counts runes.
///
/// docker prints its tables with `TabWriter(minWidth: 10, tabWidth: 1, padding: 3, padCharacter: " ")`,
/// which is ``docker``.
public struct TabWriter: Sendable {
    public var minWidth: Int
    /// Width of a tab character when `padCharacter` is `\t`.
    public var tabWidth: Int
    public var padding: Int
    public var padCharacter: Character

    /// The configuration of docker's `formatter` package: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
    public static let docker = TabWriter(minWidth: 10, tabWidth: 1, padding: 3, padCharacter: " ")

    public init(minWidth: Int, tabWidth: Int, padding: Int, padCharacter: Character) {
        self.minWidth = minWidth
        self.tabWidth = tabWidth
        self.padding = padding
        self.padCharacter = padCharacter
    }

    private struct Cell {
        var text: String
        var width: Int
    }

    /// Formats all of `text`, as writing it to a Go tabwriter and flushing would.
    public func format(_ text: String) -> String {
        var output = ""
        var lines: [[Cell]] = [[]]
        var cellText = String.UnicodeScalarView()
        func endCell() {
            let text = String(cellText)
            lines[lines.count - 1].append(Cell(text: text, width: DisplayWidth.of(text)))
            cellText = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t", "\u{0B}":
                endCell()
            case "\n", "\u{0C}":
                endCell()
                let cellCount = lines[lines.count - 1].count
                lines.append([])
                if scalar == "\u{0C}" || cellCount == 1 {
                    flush(&lines, into: &output)
                }
            default:
                cellText.append(scalar)
            }
        }
        endCell()
        flush(&lines, into: &output)
        return output
    }

    /// Writes the buffered lines; the last one is the unterminated partial line.
    private func flush(_ lines: inout [[Cell]], into output: inout String) {
        var widths: [Int] = []
        formatBlock(lines, from: 0, to: lines.count, widths: &widths, into: &output)
        lines = [[]]
    }

    /// Go's recursive `format`: finds column blocks in `lines[start..<end]` for the column
    /// after `widths`, and writes the lines once the widths of all their columns are known.
    private func formatBlock(_ lines: [[Cell]], from start: Int, to end: Int, widths: inout [Int], into output: inout String) {
        let column = widths.count
        var blockStart = start
        var line = start
        while line < end {
            if column >= lines[line].count - 1 {
                line += 1
                continue
            }
            writeLines(lines, from: blockStart, to: line, widths: widths, into: &output)
            blockStart = line
            var width = minWidth
            while line < end, column < lines[line].count - 1 {
                width = max(width, lines[line][column].width + padding)
                line += 1
            }
            widths.append(width)
            formatBlock(lines, from: blockStart, to: line, widths: &widths, into: &output)
            widths.removeLast()
            blockStart = line
        }
        writeLines(lines, from: blockStart, to: end, widths: widths, into: &output)
    }

    private func writeLines(_ lines: [[Cell]], from start: Int, to end: Int, widths: [Int], into output: inout String) {
        for index in start..<end {
            for (column, cell) in lines[index].enumerated() {
                output += cell.text
                if column < widths.count { output += paddingText(cellWidth: widths[column], textWidth: cell.width) }
            }
            if index + 1 < lines.count { output += "\n" }
        }
    }

    private func paddingText(cellWidth: Int, textWidth: Int) -> String {
        guard padCharacter == "\t" else { return String(repeating: padCharacter, count: cellWidth - textWidth) }
        guard tabWidth > 0 else { return "" }
        let rounded = (cellWidth + tabWidth - 1) / tabWidth * tabWidth
        return String(repeating: "\t", count: (rounded - textWidth + tabWidth - 1) / tabWidth)
    }
}
