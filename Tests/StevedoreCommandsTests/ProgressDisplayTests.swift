import Foundation
import Stevedore
import Testing

@testable import StevedoreCommands

/// docker's jsonmessage rendering of a pull recorded from dockerd 20.10 (one layer already
/// present, one downloaded), on a terminal and off one.
@Suite struct ProgressDisplayTests {
    static func recordedPull() throws -> [ProgressMessage] {
        let text = try String(contentsOf: GoldenTests.goldenDirectory.appendingPathComponent("pull-progress.ndjson"), encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).map { try JSONDecoder().decode(ProgressMessage.self, from: Data($0.utf8)) }
    }

    static func render(_ messages: [ProgressMessage], _ display: ProgressDisplay) -> String {
        var display = display
        return messages.map { display.render($0) }.joined()
    }

    @Test func offATerminalLinesWithABarAreDroppedAndTheOthersPrintedPlain() throws {
        let output = Self.render(try Self.recordedPull(), ProgressDisplay(isTerminal: false))
        #expect(
            output == """
                latest: Pulling from big
                ce815c03130d: Already exists
                11b9d4dc6fcb: Pulling fs layer
                11b9d4dc6fcb: Verifying Checksum
                11b9d4dc6fcb: Download complete
                11b9d4dc6fcb: Pull complete
                Digest: sha256:d238f2eab6ef97628a9b7af109dbc009c1332d09b4713e8cf48e0da8e0cd1e61
                Status: Downloaded newer image for 127.0.0.1:45123/big:latest

                """)
    }

    @Test func onATerminalEachLayerKeepsItsLineRedrawnInPlace() throws {
        let output = Self.render(try Self.recordedPull(), ProgressDisplay(isTerminal: true, width: 200))
        try GoldenTests.compare(output, golden: "pull-progress-tty.txt")
        // The second layer's updates go one line up, clear it, and come back down.
        #expect(
            output.contains(
                "\u{1B}[1A\u{1B}[2K\r11b9d4dc6fcb: Downloading [>                                                  ] "
                    + " 36.45kB/3.001MB\r\u{1B}[1B"
            ))
        // A status line without a bar, then the first layer on a line of its own.
        #expect(output.hasPrefix("latest: Pulling from big\n\n\u{1B}[1A\u{1B}[2K\rce815c03130d: Already exists \r\u{1B}[1B"))
        #expect(
            output.hasSuffix(
                "Digest: sha256:d238f2eab6ef97628a9b7af109dbc009c1332d09b4713e8cf48e0da8e0cd1e61\nStatus: Downloaded "
                    + "newer image for 127.0.0.1:45123/big:latest\n"
            ))
    }

    @Test func aNarrowTerminalShowsCountsWithoutTheBar() {
        let display = ProgressDisplay(isTerminal: true, width: 80)
        #expect(display.bar(ProgressDetail(current: 36445, total: 3_001_132)) == " 36.45kB/3.001MB")
        // A current beyond the total shows the current alone.
        #expect(display.bar(ProgressDetail(current: 5000, total: 100)) == "     5kB")
        #expect(display.bar(ProgressDetail()) == "")
    }

    @Test func countsABrokenDaemonCouldSendKeepTheBarWithinItsColumns() {
        let display = ProgressDisplay(isTerminal: true, width: 200)
        #expect(display.bar(ProgressDetail(current: Int.max, total: 1)).hasPrefix("[" + String(repeating: "=", count: 50) + ">] "))
        #expect(display.bar(ProgressDetail(current: -5, total: 10)).hasPrefix("[>" + String(repeating: " ", count: 50) + "] "))
    }

    @Test func aLineWithoutALayerForgetsTheLayerLines() {
        var display = ProgressDisplay(isTerminal: true)
        _ = display.render(ProgressMessage(id: "a", status: "Pushing", progressDetail: ProgressDetail(current: 1, total: 2)))
        _ = display.render(ProgressMessage(status: "next tag"))
        // "a" again is a new line, not a move up to the old one.
        #expect(
            display.render(ProgressMessage(id: "a", status: "Pushed", progressDetail: ProgressDetail()))
                == "\n\u{1B}[1A\u{1B}[2K\ra: Pushed \r\u{1B}[1B")
    }

    @Test func auxMessagesAreNotShown() {
        var display = ProgressDisplay(isTerminal: false)
        #expect(display.render(ProgressMessage(progressDetail: ProgressDetail(), aux: .object(["Digest": .string("sha256:x")]))) == "")
    }
}

/// docker's drawing of a root CA rotation (`swarm ca --rotate`), on and off a terminal.
@Suite struct RootRotationDisplayTests {
    static let underWay = SwarmRootRotation(
        desiredTrustRoot: "root", nodes: 3, nodesWithRotatedCertificate: 2, nodesTrustingDesiredRoot: 1, isInProgress: true)
    static let digest = "sha256:4813494d137e1631bba301d5acab6e7bb7aa74ce1185d456565ef51d737677b2"

    /// Off a terminal the counted lines are dropped and the digest line printed at each look.
    @Test func offATerminalOnlyTheDigestLinesArePrinted() {
        var display = RootRotationDisplay(output: ProgressDisplay(isTerminal: false))
        let shown = display.start() + display.render(Self.underWay)
        let expected = "desired root digest: \n  rotated TLS certificates: \n  rotated CA certificates:  \n"
        #expect(shown == expected + "desired root digest: \(Self.digest)\n")
    }

    /// On a terminal each line keeps its place; the trusted roots count as none while
    /// certificates are still being rotated, then as counted.
    @Test func onATerminalTheCountsAreRedrawnInPlace() {
        var display = RootRotationDisplay(output: ProgressDisplay(isTerminal: true, width: 80))
        _ = display.start()
        let underWay = display.render(Self.underWay)
        #expect(underWay.contains("  rotated TLS certificates:  2/3 nodes"), "\(underWay)")
        #expect(underWay.contains("  rotated CA certificates:   0/3 nodes"), "\(underWay)")
        var converged = Self.underWay
        (converged.nodesWithRotatedCertificate, converged.nodesTrustingDesiredRoot, converged.isInProgress) = (3, 3, false)
        let done = display.render(converged)
        #expect(done.contains("  rotated CA certificates:   3/3 nodes"), "\(done)")
        #expect(!done.contains("\n"), "the lines are redrawn, none added")
        var wide = RootRotationDisplay(output: ProgressDisplay(isTerminal: true, width: 150))
        _ = wide.start()
        #expect(wide.render(converged).contains("[" + String(repeating: "=", count: 50) + ">] 3/3 nodes"))
    }
}
