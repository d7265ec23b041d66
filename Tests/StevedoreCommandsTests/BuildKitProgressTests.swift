import Foundation
import Stevedore
import Testing

@testable import StevedoreCommands

/// The plain BuildKit display from made-up updates: buildx's line shapes, one update at a time.
struct BuildKitProgressTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    private func at(_ seconds: Double) -> Date { self.start.addingTimeInterval(seconds) }

    @Test func stepsPrintTheirSubtasksOutputAndEnd() {
        var progress = BuildKitPlainProgress()
        let load = BuildKitVertex(digest: "a", name: "[internal] load build definition from Dockerfile", started: self.at(0))
        var text = progress.render(BuildKitStatus(vertexes: [load]))
        // A step that ends and starts again within one batch prints once.
        var ended = load
        ended.completed = self.at(0.02)
        var again = load
        again.started = self.at(0.03)
        again.completed = self.at(0.05)
        text += progress.render(
            BuildKitStatus(
                vertexes: [ended, again],
                statuses: [
                    BuildKitVertexStatus(id: "transferring dockerfile:", vertex: "a", current: 0, timestamp: self.at(0.03)),
                    BuildKitVertexStatus(
                        id: "transferring dockerfile:", vertex: "a", current: 253, timestamp: self.at(0.04), started: self.at(0.03),
                        completed: self.at(0.035)),
                ]))
        let run = BuildKitVertex(digest: "b", name: "[2/2] RUN make", started: self.at(1))
        text += progress.render(
            BuildKitStatus(
                vertexes: [run], logs: [BuildKitLog(vertex: "b", timestamp: self.at(1.5), stream: 1, data: Array("one\ntw".utf8))]))
        text += progress.render(
            BuildKitStatus(logs: [BuildKitLog(vertex: "b", timestamp: self.at(12.25), stream: 2, data: Array("o\nthree\n".utf8))]))
        let cached = BuildKitVertex(digest: "c", name: "[1/2] FROM busybox", cached: true, started: self.at(1), completed: self.at(1))
        text += progress.render(BuildKitStatus(vertexes: [cached]))
        var failed = run
        failed.completed = self.at(13)
        failed.error = "process \"/bin/sh -c make\" did not complete successfully: exit code: 2"
        text += progress.render(BuildKitStatus(vertexes: [failed]))
        #expect(
            text == """
                #1 [internal] load build definition from Dockerfile
                #1 transferring dockerfile: 253B done
                #1 DONE 0.0s

                #2 [2/2] RUN make
                #2 0.500 one
                #2 0.500 two
                #2 11.25 three
                #2 ...

                #3 [1/2] FROM busybox
                #3 CACHED

                #2 [2/2] RUN make
                #2 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2

                """)
        #expect(
            progress.errorSummary() == """
                ------
                 > [2/2] RUN make:
                0.500 one
                0.500 two
                11.25 three
                ------

                """)
    }

    @Test func anUnfinishedStepIsLeftWithDotsAndSubtasksAreThrottled() {
        var progress = BuildKitPlainProgress()
        let pull = BuildKitVertex(digest: "p", name: "[1/1] FROM alpine", started: self.at(0))
        let layer = { (current: Int64, time: Double) in
            BuildKitVertexStatus(
                id: "sha256:abc", vertex: "p", current: current, total: 3_400_000, timestamp: self.at(time), started: self.at(0))
        }
        var text = progress.render(BuildKitStatus(vertexes: [pull], statuses: [layer(1_000, 0.5)]))
        // Less than 5% more and less than 5 s later: not printed again.
        text += progress.render(BuildKitStatus(statuses: [layer(100_000, 1)]))
        text += progress.render(BuildKitStatus(statuses: [layer(1_700_000, 1.2)]))
        let other = BuildKitVertex(digest: "o", name: "[internal] load .dockerignore", started: self.at(1.3))
        text += progress.render(BuildKitStatus(vertexes: [other]))
        #expect(
            text == """
                #1 [1/1] FROM alpine
                #1 sha256:abc 1.00kB / 3.40MB 0.5s
                #1 sha256:abc 1.70MB / 3.40MB 1.2s
                #1 ...

                #2 [internal] load .dockerignore

                """)
    }

    /// The live view's last draw goes up over every line of the view before it, also when
    /// updates were still gathering in a batch as the build ended (a finished step folds its
    /// output lines away, so the undrawn view was shorter than the one on screen).
    @Test func theLastViewReplacesTheOneOnScreen() throws {
        var display = BuildKitProgressDisplay(mode: .tty)
        let clock = ContinuousClock.now
        var run = BuildKitVertex(digest: "r", name: "[2/2] RUN make", started: self.at(0))
        let output = BuildKitLog(vertex: "r", timestamp: self.at(0.5), stream: 1, data: Array("one\ntwo\nthree\n".utf8))
        #expect(display.render(BuildKitStatus(vertexes: [run], logs: [output]), now: clock) == "")
        let shown = display.render(BuildKitStatus(), now: clock + .milliseconds(150))
        let shownLines = shown.split(separator: "\n").count
        #expect(shownLines == 5, "\(shown)")
        // The step ends and the export starts less than a batch interval before the build ends.
        run.completed = self.at(2)
        let export = BuildKitVertex(digest: "e", name: "exporting to image", started: self.at(2))
        #expect(display.render(BuildKitStatus(vertexes: [run, export]), now: clock + .milliseconds(200)) == "")
        let last = display.finish()
        #expect(last.hasPrefix("\u{1B}[\(shownLines)A\r\u{1B}[J[+] Building "), "\(last)")
        #expect(last.split(separator: "\n").first?.hasSuffix(" (1/2) FINISHED") == true, "\(last)")
        #expect(last.split(separator: "\n").count == 3, "\(last)")
    }

    @Test func sizesAreBuildKitsDecimalUnits() {
        #expect(BuildKitPlainProgress.bytes(0) == "0B")
        #expect(BuildKitPlainProgress.bytes(999) == "999B")
        #expect(BuildKitPlainProgress.bytes(1_234) == "1.23kB")
        #expect(BuildKitPlainProgress.bytes(3_400_000) == "3.40MB")
    }

    @Test func flagsAreReadAsDockerReadsThem() throws {
        #expect(try BuildKitFlags.secret("id=a,src=/f") == BuildSecret(id: "a", source: .file(URL(fileURLWithPath: "/f"))))
        #expect(try BuildKitFlags.secret("id=a,env=V") == BuildSecret(id: "a", source: .environmentVariable("V")))
        #expect(try BuildKitFlags.secret("type=env,id=a,src=V") == BuildSecret(id: "a", source: .environmentVariable("V")))
        #expect(try BuildKitFlags.secret("src=/run/token") == BuildSecret(id: "token", source: .file(URL(fileURLWithPath: "/run/token"))))
        for invalid in ["a", "id=a,what=b", "type=bytes,id=a"] {
            #expect(throws: CommandFailure.self) { try BuildKitFlags.secret(invalid) }
        }
        #expect(try BuildKitFlags.sshAgent("default") == BuildSSHAgent())
        // A path that is no socket is a key file.
        #expect(
            try BuildKitFlags.sshAgent("git=/run/agent.sock")
                == BuildSSHAgent(id: "git", keyFiles: [URL(fileURLWithPath: "/run/agent.sock")]))
        #expect(
            try BuildKitFlags.sshAgent("git=/a.key,/b.key")
                == BuildSSHAgent(id: "git", keyFiles: [URL(fileURLWithPath: "/a.key"), URL(fileURLWithPath: "/b.key")]))
        #expect(try BuildKitFlags.export([]) == nil)
        #expect(try BuildKitFlags.export(["out"]) == .directory(URL(fileURLWithPath: "out")))
        #expect(try BuildKitFlags.export(["type=tar,dest=o.tar"]) == .tarFile(URL(fileURLWithPath: "o.tar")))
        for invalid in [["type=local"], ["type=oci,dest=x"], ["a", "b"], ["type=local,dest=-"]] {
            #expect(throws: CommandFailure.self) { try BuildKitFlags.export(invalid) }
        }
    }
}
