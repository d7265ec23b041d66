import StevedoreTestSupport
import Testing

@testable import StevedoreFormatting

@Suite struct TabWriterTests {
    @Test func alignsLikeDockerPs() {
        // `docker ps --format 'table {{.ID}}\t{{.Image}}\t{{.Names}}\t{{.Status}}'`, docker 28.
        let input =
            "CONTAINER ID\tIMAGE\tNAMES\tSTATUS\n" + "0123456789ab\tnginx:latest\tweb\tUp 2 hours\n"
            + "fedcba987654\tbusybox\ta-much-longer-container-name\tExited (0) 3 days ago\n"
        let expected = """
            CONTAINER ID   IMAGE          NAMES                          STATUS
            0123456789ab   nginx:latest   web                            Up 2 hours
            fedcba987654   busybox        a-much-longer-container-name   Exited (0) 3 days ago

            """
        #expect(TabWriter.docker.format(input) == expected)
    }

    @Test func shortCellsGetTheMinimumWidthAndTheLastCellIsNotPadded() {
        #expect(TabWriter.docker.format("a\tb\n") == "a         b\n")
        #expect(TabWriter.docker.format("a\tb\t\n") == "a         b         \n")
        #expect(TabWriter.docker.format("no tabs\n") == "no tabs\n")
        #expect(TabWriter.docker.format("a\tpartial") == "a         partial")
        #expect(TabWriter.docker.format("") == "")
    }

    @Test func aLineWithoutTabsEndsTheColumnBlock() {
        let output = TabWriter.docker.format("aaaaaaaaaaaaaaaa\tx\nbreak\nb\ty\n")
        #expect(output == "aaaaaaaaaaaaaaaa   x\nbreak\nb         y\n")
    }

    @Test func columnBlocksFollowGoRules() {
        // Lines 1-2 share column 0; line 3 has fewer cells, so column 1 of line 4 starts a new block.
        let writer = TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padCharacter: ".")
        let output = writer.format("a\tbbb\tc\naa\tb\tc\naaa\t\nx\tyyyyy\tz\n")
        #expect(output == "a...bbb.c\naa..b...c\naaa.\nx...yyyyy.z\n")
    }

    @Test func tabPaddingRoundsToTabStops() {
        let writer = TabWriter(minWidth: 0, tabWidth: 8, padding: 1, padCharacter: "\t")
        #expect(writer.format("a\tb\nabcdefghij\tc\n") == "a\t\tb\nabcdefghij\tc\n")
    }

    /// docker's tables count the columns a terminal shows: two for an ideograph or an emoji,
    /// none for a combining accent.
    @Test func dockerTablesCountDisplayColumns() {
        let cells = "日本語\tx\ne\u{301}\ty\n👍\tz\nab\tw\n"
        #expect(TabWriter.docker.format(cells) == "日本語    x\ne\u{301}         y\n👍        z\nab        w\n")
    }

    /// Invariant: in every block of lines with the same cell count, each column starts at the same
    /// offset, and it is at least `minWidth + padding`-wide beyond the widest cell of the column.
    @Test(arguments: 1...25)
    func alignmentInvariants(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let columns = Int.random(in: 2...5, using: &generator)
        let rows = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
            (0..<columns).map { _ in String(repeating: "x", count: Int.random(in: 0...20, using: &generator)) }
        }
        let output = TabWriter.docker.format(rows.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == rows.count)
        var offset = 0
        for column in 0..<columns - 1 {
            let widest = rows.map { $0[column].count }.max() ?? 0
            let width = max(widest + 3, 10)
            for (line, row) in zip(lines, rows) {
                let characters = Array(line)
                #expect(String(characters[offset..<offset + row[column].count]) == row[column])
                #expect(characters[offset + row[column].count..<offset + width].allSatisfy { $0 == " " })
            }
            offset += width
        }
        for (line, row) in zip(lines, rows) { #expect(String(Array(line)[offset...]) == row[columns - 1]) }
    }
}
