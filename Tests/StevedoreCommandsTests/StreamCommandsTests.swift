import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

/// `run`, `exec`, `logs` and `attach` as processes against the real engine: output, stdin,
/// exit codes.
@Suite(
    "Stream commands against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct StreamCommandsTests {
    let stevedore = CommandLineProcess.stevedore
    let image = TestEngine.image

    @Test func runInteractiveForwardsStdinAndItsEOF() async throws {
        let outcome = try await self.stevedore.run(["run", "-i", "--rm", self.image, "cat"], input: Data("hi\n".utf8))
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardOutput == "hi\n")
    }

    /// A stdin that cannot be read (a directory) still ends the container's input, as docker
    /// ends it after a failed copy: `cat` sees EOF. (It waited for input forever.)
    @Test func anUnreadableStdinStillEndsTheInput() async throws {
        let bash = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/bash"))
        let outcome = try await withTimeout(120) {
            try await bash.run(
                ["-c", #""$STEVEDORE" run -i --rm "$IMAGE" sh -c 'cat; echo after' < /; echo "status $?""#],
                environment: ["STEVEDORE": self.stevedore.executable.path, "IMAGE": self.image])
        }
        #expect(outcome.standardOutput == "after\nstatus 0\n", "\(outcome)")
    }

    /// The daemon ends a container's stats stream when it exits: `stats` goes on showing the
    /// others until interrupted, as docker's does. (It ended at once, with status 0.)
    @Test func statsGoesOnWhenOneOfItsContainersExits() async throws {
        let suffix = UInt32.random(in: 0...UInt32.max)
        let (short, long) = ("stevedore-stats-short-\(suffix)", "stevedore-stats-long-\(suffix)")
        let bash = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/bash"))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-stats-\(suffix)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let outcome = try await withTimeout(240) {
            try await bash.run(
                [
                    "-c",
                    """
                    trap '"$STEVEDORE" rm -f "$SHORT" "$LONG" >/dev/null 2>&1' EXIT
                    "$STEVEDORE" run -d --name "$LONG" "$IMAGE" sleep 600 >/dev/null || exit 1
                    "$STEVEDORE" run -d --name "$SHORT" "$IMAGE" sleep 3 >/dev/null || exit 1
                    "$STEVEDORE" stats "$SHORT" "$LONG" >"$OUT" 2>&1 &
                    pid=$!
                    "$STEVEDORE" wait "$SHORT" >/dev/null
                    sleep 4
                    if kill -0 $pid 2>/dev/null; then echo running; kill $pid; wait $pid; else wait $pid; echo "ended $?"; fi
                    """,
                ],
                environment: [
                    "STEVEDORE": self.stevedore.executable.path, "IMAGE": self.image, "SHORT": short, "LONG": long, "OUT": output,
                ])
        }
        #expect(outcome.standardOutput == "running\n", "\(outcome)")
        let shown = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(shown.components(separatedBy: "\u{1B}[2J").last?.contains(long) == true, "\(shown.suffix(600))")
    }

    @Test func runKeepsStreamsApartAndExitsWithTheContainersCode() async throws {
        let name = "stevedore-cli-rm-\(UInt32.random(in: 0...UInt32.max))"
        let outcome = try await self.stevedore.run([
            "run", "--rm", "--name", name, "-e", "WHO=env", "-w", "/tmp", self.image, "sh", "-c", "echo $WHO $(pwd); echo oops >&2; exit 3",
        ])
        #expect(outcome.status == 3)
        #expect(outcome.standardOutput == "env /tmp\n")
        #expect(outcome.standardError == "oops\n")
        // The exit code came from the wait for the daemon's removal: nothing is left.
        try await TestEngine.withClient { client in
            await #expect(throws: DockerError.self) { try await client.containers.inspect(name) }
        }
    }

    /// With a TTY too, as docker's `run` (a `timeout` or a cancelled CI job sends TERM).
    @Test(arguments: ["--tty=false", "--tty"])
    func runForwardsSignalsToTheContainer(tty: String) async throws {
        // The container traps TERM and exits 3; a `run` that did not forward the signal would
        // die of it (143) and leave the container running.
        let script = """
            trapping='trap "echo got TERM; exit 3" TERM; echo ready; while :; do sleep 0.1; done'
            "$STEVEDORE" run --rm --sig-proxy=true "$TTY" "$IMAGE" sh -c "$trapping" >"$OUT" &
            pid=$!
            # Signals are forwarded once the container runs (as docker's); on a loaded machine
            # the start can take tens of seconds, and a TERM before it would end `run` itself.
            for _ in $(seq 1500); do grep -q ready "$OUT" && break; sleep 0.1; done
            grep -q ready "$OUT" || { echo "no ready after 150 s"; exit 1; }
            kill -TERM $pid
            wait $pid
            echo "status $?"
            cat "$OUT"
            """
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sig-proxy-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let shell = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/sh"))
        let outcome = try await withTimeout(240) {
            try await shell.run(
                ["-c", script],
                environment: ["STEVEDORE": self.stevedore.executable.path, "IMAGE": self.image, "OUT": output, "TTY": tty])
        }
        // A TTY ends its lines with CRLF.
        let lines = tty == "--tty" ? "ready\r\ngot TERM\r\n" : "ready\ngot TERM\n"
        #expect(outcome.standardOutput == "status 3\n" + lines, "\(outcome)")
    }

    /// After the session too: attached to stdin only, at its end `run` goes on waiting for the
    /// exit code, and a signal meanwhile still goes to the container, as docker's.
    @Test func runForwardsSignalsWhileItWaitsForTheExit() async throws {
        let name = "stevedore-cli-sig-wait-\(UInt32.random(in: 0...UInt32.max))"
        let script = """
            "$STEVEDORE" run -i -a stdin --rm --name "$NAME" "$IMAGE" sh -c 'trap "exit 7" TERM; while :; do sleep 0.1; done' </dev/null &
            pid=$!
            for _ in $(seq 1500); do
                [ "$("$STEVEDORE" inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" = true ] && break
                sleep 0.1
            done
            # The session ends with stdin; then run only waits.
            sleep 1
            kill -TERM $pid
            wait $pid
            echo "status $?"
            """
        let shell = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/sh"))
        let outcome = try? await withTimeout(240) {
            try await shell.run(
                ["-c", script], environment: ["STEVEDORE": self.stevedore.executable.path, "IMAGE": self.image, "NAME": name])
        }
        let left = try await TestEngine.withClient { client in
            let left = (try? await client.containers.inspect(name)) != nil
            try? await client.containers.remove(name, options: .init(force: true))
            return left
        }
        #expect(outcome?.standardOutput == "status 7\n", "\(String(describing: outcome))")
        #expect(!left)
    }

    /// Any other command ends on the first SIGINT as docker's: `logs -f` and a build (never
    /// with success) with exit code 130, `exec` and a prompt with 0 (the prompt's line ended).
    /// Sent to a background job of a script, which inherits SIGINT ignored: docker's CLI takes
    /// it even so.
    @Test(arguments: [
        (["logs", "-f"], "status 130\n"), (["build"], "status 130\n"), (["exec"], "status 0\n"),
        (["container", "prune"], "status 0\nends [y/N] \n"),
    ])
    func aSigintEndsACommandAsDockers(command: [String], expected: String) async throws {
        let name = "stevedore-cli-sigint-\(UInt32.random(in: 0...UInt32.max))"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigint-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments: [String]
        switch command {
        case ["exec"]: arguments = ["exec", name, "sh", "-c", "echo ready; sleep 100"]
        case ["logs", "-f"]: arguments = command + [name]
        case ["build"]:
            let dockerfile = "FROM \(self.image)\nRUN sleep 100\n"
            try dockerfile.write(to: directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
            arguments = ["build", "--network", "none", "--no-cache", "--progress", "plain", directory.path]
        default: arguments = command
        }
        let script = """
            mkfifo "$IN"
            sleep 100 >"$IN" &
            holder=$!
            "$STEVEDORE" "$@" <"$IN" >"$OUT" 2>&1 &
            pid=$!
            for _ in $(seq 1500); do [ -s "$OUT" ] && break; sleep 0.1; done
            sleep 0.5
            kill -INT $pid
            wait $pid
            echo "status $?"
            kill $holder
            # The prompt's line ended: its last 7 bytes are `[y/N] ` and a newline.
            [ "$(tail -c 7 "$OUT")" = "[y/N] " ] && echo "ends [y/N] "
            """
        try await TestEngine.withClient { client in
            let body = ContainerCreateBody(cmd: ["sh", "-c", "while :; do echo line; sleep 0.2; done"], image: self.image)
            _ = try await client.containers.create(body, options: .init(name: name))
            try await client.containers.start(name)
        }
        let shell = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/sh"))
        let outcome = try? await withTimeout(240) {
            try await shell.run(
                ["-c", script, "sh"] + arguments,
                environment: [
                    "STEVEDORE": self.stevedore.executable.path, "IN": directory.appendingPathComponent("in").path,
                    "OUT": directory.appendingPathComponent("out").path,
                ])
        }
        try await TestEngine.withClient { client in try await client.containers.remove(name, options: .init(force: true)) }
        #expect(outcome?.standardOutput == expected, "\(String(describing: outcome))")
    }

    /// A container that ignores the signals keeps `run` running through two of them, forwarded
    /// or not; the third SIGINT/SIGTERM ends it at once, as docker's CLI, leaving the container
    /// running. `start -a` ends on the first, exit code 0, as docker's.
    @Test(arguments: [["run", "--sig-proxy=true"], ["run", "--sig-proxy=false"], ["start", "-a"]])
    func terminationSignalsEndAnAttachedCommandAsDockers(command: [String]) async throws {
        let name = "stevedore-cli-sigs-\(UInt32.random(in: 0...UInt32.max))"
        let ignoring = ["sh", "-c", "trap '' TERM INT; echo ready; while :; do sleep 0.1; done"]
        let script = """
            "$STEVEDORE" "$@" >"$OUT" 2>&1 &
            pid=$!
            for _ in $(seq 1500); do grep -q ready "$OUT" && break; sleep 0.1; done
            grep -q ready "$OUT" || { echo "no ready after 150 s"; exit 1; }
            kill -TERM $pid; sleep 0.5
            if kill -0 $pid 2>/dev/null; then
                kill -INT $pid; sleep 0.5
                kill -0 $pid && echo "running after two"
                kill -TERM $pid
            fi
            wait $pid
            echo "status $?"
            cat "$OUT"
            """
        let arguments: [String]
        if command == ["start", "-a"] {
            try await TestEngine.withClient { client in
                _ = try await client.containers.create(ContainerCreateBody(cmd: ignoring, image: self.image), options: .init(name: name))
            }
            arguments = command + [name]
        } else {
            arguments = command + ["--rm", "--name", name, self.image] + ignoring
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sigs-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let shell = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/sh"))
        let outcome = try? await withTimeout(240) {
            try await shell.run(
                ["-c", script, "sh"] + arguments, environment: ["STEVEDORE": self.stevedore.executable.path, "OUT": output])
        }
        let running = try await TestEngine.withClient { client in
            let running = (try? await client.containers.inspect(name))?.state?.running
            try? await client.containers.remove(name, options: .init(force: true))
            return running
        }
        #expect(running == true)
        let expected =
            command == ["start", "-a"]
            ? "status 0\nready\n" : "running after two\nstatus 1\nready\n\ngot 3 SIGTERM/SIGINTs, forcefully exiting\n"
        #expect(outcome?.standardOutput.hasSuffix(expected) == true, "\(String(describing: outcome))")
    }

    @Test func aClosedPipeEndsQuietlyAndAFullDiskFails() async throws {
        // `| head -1` closes the pipe: the CLI ends as SIGPIPE ends other tools (141), with no
        // crash report, unless it proxies signals (SIGPIPE among them), where docker's fails
        // the write (1); output that cannot be written (a full disk) is exit code 1, never 0.
        let script = """
            "$STEVEDORE" run --rm --sig-proxy=false "$IMAGE" sh -c 'yes | head -200000' | head -1
            echo "pipe ${PIPESTATUS[0]}"
            "$STEVEDORE" run --rm "$IMAGE" sh -c 'yes | head -200000' 2>"$ERR" | head -1
            echo "proxied ${PIPESTATUS[0]}"
            cat "$ERR"
            "$STEVEDORE" run --rm "$IMAGE" echo hi >/dev/full 2>"$ERR"
            echo "full $?"
            cat "$ERR"
            """
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let bash = CommandLineProcess(executable: URL(fileURLWithPath: "/bin/bash"))
        let outcome = try await bash.run(
            ["-c", script], environment: ["STEVEDORE": self.stevedore.executable.path, "IMAGE": self.image, "ERR": errors])
        #expect(
            outcome.standardOutput
                == "y\npipe 141\ny\nproxied 1\nwrite /dev/stdout: broken pipe\nfull 1\nwrite /dev/stdout: no space left on device\n",
            "\(outcome)")
    }

    @Test func runFailuresHaveDockersExitCodes() async throws {
        let missingCommand = try await self.stevedore.run(["run", "--rm", self.image, "no-such-command"])
        #expect(missingCommand.status == 127, "\(missingCommand)")
        // `--pull never`: by default a missing image is pulled first, as docker does.
        let missingImage = try await self.stevedore.run(["run", "--rm", "--pull", "never", "stevedore-test/missing:none", "true"])
        #expect(missingImage.status == 125, "\(missingImage)")
        #expect(missingImage.standardError.contains("No such image"))
        let notExecutable = try await self.stevedore.run(["run", "--rm", self.image, "/etc/passwd"])
        #expect(notExecutable.status == 126, "\(notExecutable)")
    }

    @Test func detachedRunThenExecLogsAndLabels() async throws {
        let name = "stevedore-cli-streams-\(UInt32.random(in: 0...UInt32.max))"
        let started = try await self.stevedore.run([
            "run", "-d", "--name", name, "-l", "purpose=cli-test", "-e", "X=1", self.image, "sh", "-c", "echo one; echo two; sleep 300",
        ])
        #expect(started.status == 0, "\(started)")
        try await TestEngine.withClient { client in
            do {
                try await self.checkExecAndLogs(name, started: started, client: client)
            } catch {
                try? await client.containers.remove(name, options: .init(force: true))
                throw error
            }
            try await client.containers.remove(name, options: .init(force: true))
        }
    }

    private func checkExecAndLogs(_ name: String, started: CommandLineProcess.Outcome, client: DockerClient) async throws {
        let inspected = try await client.containers.inspect(name)
        #expect(inspected.id == started.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(inspected.config?.labels?["purpose"] == "cli-test")

        let exec = try await self.stevedore.run(["exec", "-e", "Y=2", "-u", "nobody", name, "sh", "-c", "echo $X$Y $(id -un); exit 5"])
        #expect(exec.status == 5)
        #expect(exec.standardOutput == "12 nobody\n")
        let piped = try await self.stevedore.run(["exec", "-i", name, "cat"], input: Data("through exec\n".utf8))
        #expect(piped.standardOutput == "through exec\n")

        // Wait until the container has written both lines.
        var logs = try await self.stevedore.run(["logs", name])
        for _ in 0..<50 where logs.standardOutput != "one\ntwo\n" {
            try await Task.sleep(for: .milliseconds(100))
            logs = try await self.stevedore.run(["logs", name])
        }
        #expect(logs.standardOutput == "one\ntwo\n")
        #expect(try await self.stevedore.run(["logs", "-n", "1", name]).standardOutput == "two\n")
        #expect(try await self.stevedore.run(["logs", "--tail", "-1", name]).standardOutput == "one\ntwo\n")
        let stamped = try await self.stevedore.run(["logs", "-t", "--tail", "1", name]).standardOutput
        #expect(DockerTimestamp(String(stamped.prefix(while: { $0 != " " }))) != nil, "\(stamped)")
    }

    /// A stdin already at its end may end the attach early: the command still waits for the
    /// container to stop and exits with its code, as docker's (it registered its wait first).
    @Test func attachExitsWithTheContainersCodeWhenItsStdinIsAtItsEnd() async throws {
        try await TestEngine.withResources { client, resources in
            let body = ContainerCreateBody(
                // Long enough for the command to attach on a loaded machine before the exit.
                attachStdin: true, openStdin: true, cmd: ["sh", "-c", "sleep 10; exit 5"], image: self.image,
                hostConfig: .init(networkMode: "none"))
            let id = try await client.containers.create(body).id
            resources.container(id)
            try await client.containers.start(id)
            let outcome = try await self.stevedore.run(["attach", id])
            #expect(outcome.status == 5, "\(outcome)")
            #expect(try await client.containers.inspect(id).state?.running == false)
        }
    }

    @Test func attachingToAStoppedContainerIsRefused() async throws {
        try await TestEngine.withClient { client in
            let id = try await client.containers.create(ContainerCreateBody(cmd: ["true"], image: self.image)).id
            let outcome = try await self.stevedore.run(["attach", id])
            try await client.containers.remove(id, options: .init(force: true))
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains("You cannot attach to a stopped container"))
        }
    }
}
