import ArgumentParser
import Foundation
import Stevedore
import Testing

@testable import StevedoreCommands

/// docker's boolean flags given a value (`--detach=false`, `-it=false`, `--autolock`) and
/// options given an empty one (`--entrypoint=`), read as docker's flag parsing (spf13/pflag)
/// reads them: the command lines the argument parser gets,
/// and the values the commands end up with. Every refusal's message is the docker CLI's.
@Suite struct PflagSyntaxTests {
    /// Command lines as given, and as the argument parser gets them.
    static let rewrites: [([String], [String])] = [
        (["run", "--detach=false", "busybox"], ["run", "busybox"]),
        (["run", "-d=false", "busybox"], ["run", "busybox"]),
        (["run", "--detach=true", "busybox"], ["run", "--detach", "busybox"]),
        (["container", "run", "-d=1", "--rm=T", "busybox"], ["container", "run", "-d", "--rm", "busybox"]),
        // In a group only the last letter takes `=VALUE`.
        (["run", "-it=false", "busybox"], ["run", "-i", "busybox"]),
        (["run", "-dit=TRUE", "busybox"], ["run", "-dit", "busybox"]),
        // The last one given wins.
        (["run", "-it", "--tty=false", "busybox"], ["run", "-i", "busybox"]),
        (["run", "--tty=false", "-it", "busybox"], ["run", "-it", "busybox"]),
        (["ps", "--all=true", "-a=false"], ["ps"]),
        (["ps", "--no-trunc=false", "--no-trunc"], ["ps", "--no-trunc"]),
        (["ps", "-aq=false"], ["ps", "-a"]),
        (["ps", "--help=false"], ["ps"]),
        // A value of an option, and what follows the image of a command that passes it on.
        (["run", "--label", "--rm=false", "busybox"], ["run", "--label", "--rm=false", "busybox"]),
        (["run", "-l", "--rm=false", "busybox"], ["run", "-l", "--rm=false", "busybox"]),
        (["run", "-dl", "a=b", "--rm=0", "busybox"], ["run", "-dl", "a=b", "busybox"]),
        (["run", "--name=x", "--rm=false", "busybox", "--rm=false"], ["run", "--name=x", "busybox", "--rm=false"]),
        (["exec", "-it=false", "c", "sh", "-c=true"], ["exec", "-i", "c", "sh", "-c=true"]),
        (["create", "--init=false", "--", "--rm=false"], ["create", "--no-init", "--", "--rm=false"]),
        (["ps", "--", "--all=true"], ["ps", "--", "--all=true"]),
        // Flags whose default is true, or that leave a setting alone when absent: their inversion.
        (["run", "--sig-proxy=false", "busybox"], ["run", "--no-sig-proxy", "busybox"]),
        (["attach", "--sig-proxy=true", "c"], ["attach", "--sig-proxy", "c"]),
        (["build", "--rm=false", "."], ["build", "--no-rm", "."]),
        (["history", "-H=false", "busybox"], ["history", "--no-human", "busybox"]),
        (["commit", "-p=f", "c"], ["commit", "--no-pause", "c"]),
        (["network", "create", "--ipv4=0", "--ipv6=false", "n"], ["network", "create", "--no-ipv4", "--no-ipv6", "n"]),
        (["swarm", "update", "--autolock=false"], ["swarm", "update", "--no-autolock"]),
        (["service", "update", "-dt=false", "s"], ["service", "update", "-d", "--no-tty", "s"]),
        (["service", "create", "--read-only=false", "--init=1", "busybox"], ["service", "create", "--no-read-only", "--init", "busybox"]),
        // docker has no `--no-tty`: left for the parser to refuse.
        (["service", "update", "--no-tty=false", "s"], ["service", "update", "--no-tty=false", "s"]),
        // An option's empty value: its own argument, so that the next stays what it is.
        (["run", "--entrypoint=", "busybox", "--x="], ["run", "--entrypoint", "", "busybox", "--x="]),
        (["ps", "--format=", "-n", "1"], ["ps", "--format", "", "-n", "1"]),
        (["run", "--rm=false", "--name=", "busybox"], ["run", "--name", "", "busybox"]),
        // A value joined to its short option (pflag drops one `=` with something after it),
        // alone or ending a group; the booleans before it rewritten as ever.
        (["ps", "-n1"], ["ps", "-n=1"]),
        (["ps", "-qn1", "-aqn=2"], ["ps", "-q", "-n=1", "-aq", "-n=2"]),
        (["logs", "-n5", "c"], ["logs", "-n=5", "c"]),
        (["ps", "-fstatus=exited"], ["ps", "-f=status=exited"]),
        (["run", "-uroot", "-w/tmp", "-p8080:80", "busybox", "-uroot"], ["run", "-u=root", "-w=/tmp", "-p=8080:80", "busybox", "-uroot"]),
        (["run", "-ie=A=1", "-e=", "-e-x", "-e=--", "busybox"], ["run", "-i", "-e=A=1", "-e==", "-e=-x", "-e=--", "busybox"]),
        (["run", "-dl", "a=b", "-dlc=d", "--detach=false", "busybox"], ["run", "-l", "a=b", "-l=c=d", "busybox"]),
        (["run", "--sig-proxy=false", "-ad", "busybox"], ["run", "--no-sig-proxy", "-a=d", "busybox"]),
        (["commit", "-pmx", "--pause=false", "c"], ["commit", "-p", "-m=x", "--no-pause", "c"]),
        (["run", "-l", "-qn1", "busybox"], ["run", "-l", "-qn1", "busybox"]),
        // Nothing to rewrite.
        (["run", "-it", "busybox", "ls", "-la"], ["run", "-it", "busybox", "ls", "-la"]),
        (["run", "--rm", "false", "busybox"], ["run", "--rm", "false", "busybox"]),
        (["ps", "--filter=status=exited", "--format={{.ID}}"], ["ps", "--filter=status=exited", "--format={{.ID}}"]),
        (["container", "--all=false"], ["container", "--all=false"]),
    ]

    @Test(arguments: Self.rewrites)
    func theParserGetsFlagsWithoutValues(given: [String], parsed: [String]) throws {
        #expect(try PflagSyntax.rewrite(given) == parsed)
    }

    /// A letter that takes a value takes the rest of its group, as pflag reads it, whether the
    /// parser refuses the group as it stands (`-uroot`: `-r` is no flag) or the group holds
    /// more than letters (`-n2`).
    @Test func aJoinedValueIsTheOptionsValue() throws {
        let run = try Self.parse(["run", "-dit", "-uroot", "busybox", "true"], as: StevedoreCommand.Container.Run.self)
        #expect(run.detach && run.config.interactive && run.config.tty && run.config.user == "root" && run.image == "busybox")
        // A value that is `--` is the option's, not the end of the options.
        let dashes = try Self.parse(["run", "-e=--", "-d", "busybox"], as: StevedoreCommand.Container.Run.self)
        #expect(dashes.config.env == ["--"] && dashes.detach && dashes.image == "busybox")
        let list = try Self.parse(["container", "ls", "-aqn2"], as: StevedoreCommand.Container.List.self)
        #expect(list.arguments.all && list.arguments.quiet && list.arguments.last.text == "2")
    }

    /// A long name's value is left to the parser, which reads an option's as pflag does and
    /// refuses a flag's (then the line is read with the command's table); an empty value, which
    /// the parser would take from the next argument, is rewritten before it parses.
    @Test func aLongNamesValueIsLeftToTheParserUntilItRefusesIt() throws {
        let line = ["ps", "--format={{.ID}}", "-a", "--all=false", "--filter=status=exited"]
        #expect(try PflagSyntax.rewrite(line, readingAll: false) == line)
        #expect(try PflagSyntax.rewrite(["ps", "--format=", "-a"], readingAll: false) == ["ps", "--format", "", "-a"])
        let ps = try Self.parse(line, as: StevedoreCommand.PS.self)
        #expect(!ps.arguments.all && ps.arguments.format == "{{.ID}}" && ps.arguments.filter == ["status=exited"])
        let shown = try Self.parse(["ps", "--all=false", "--format={{.ID}}", "-a"], as: StevedoreCommand.PS.self)
        #expect(shown.arguments.all && shown.arguments.format == "{{.ID}}")
        // The parser would take `--help=false` as a request for help: it is read first.
        #expect(try Self.parse(["ps", "--help=false", "-q"], as: StevedoreCommand.PS.self).arguments.quiet)
    }

    /// A negative stop timeout waits for ever, as the daemon reads it; an empty signal is the
    /// daemon's default, as docker sends it.
    @Test func stopAndKillTakeDockersValues() throws {
        let stop = try Self.parse(["stop", "-t", "-5", "-s", "", "c"], as: StevedoreCommand.Container.Stop.self).stop.options()
        #expect(stop.timeout == .waitForever && stop.signal == nil)
        let restart = try Self.parse(["restart", "-t", "3", "c"], as: StevedoreCommand.Container.Restart.self)
        #expect(try restart.stop.options().timeout == .seconds(3))
        typealias Kill = StevedoreCommand.Container.Kill
        #expect(try Self.parse(["kill", "--signal=", "c"], as: Kill.self).options() == nil)
        #expect(throws: DockerError.self) { try Self.parse(["kill", "-s", "NOPE", "c"], as: Kill.self).options() }
    }

    @Test func anEmptyValueIsTheOptionsValue() throws {
        let run = try Self.parse(["run", "--entrypoint=", "--workdir=", "busybox", "true"], as: StevedoreCommand.Container.Run.self)
        #expect(run.config.entrypoint == "" && run.config.workdir == "" && run.image == "busybox" && run.command == ["true"])
    }

    @Test func valuesAreTheCommandsFlags() throws {
        #expect(try Self.parse(["run", "--detach=false", "busybox"], as: StevedoreCommand.Container.Run.self).detach == false)
        #expect(try Self.parse(["run", "-d=true", "busybox"], as: StevedoreCommand.Container.Run.self).detach == true)
        let run = try Self.parse(
            ["run", "--rm=false", "--init=1", "--privileged=False", "--read-only=t", "-it=false", "busybox", "--rm=false"],
            as: StevedoreCommand.Container.Run.self)
        #expect(!run.config.rm && run.config.`init` == true && !run.config.privileged && run.config.readOnly)
        // Sent when given, false too (over a daemon's default init).
        #expect(try Self.parse(["run", "--init=false", "busybox"], as: StevedoreCommand.Container.Run.self).config.`init` == false)
        #expect(try Self.parse(["run", "busybox"], as: StevedoreCommand.Container.Run.self).config.`init` == nil)
        #expect(run.config.interactive && !run.config.tty)
        #expect(run.image == "busybox" && run.command == ["--rm=false"])
        // pflag reads `--rm false` as the flag and an argument.
        let separate = try Self.parse(["run", "--rm", "false", "busybox"], as: StevedoreCommand.Container.Run.self)
        #expect(separate.config.rm && separate.image == "false" && separate.command == ["busybox"])
        let exec = try Self.parse(["exec", "-t=0", "--privileged=true", "c", "ls"], as: StevedoreCommand.Container.Exec.self)
        #expect(!exec.tty && exec.privileged)
        let ps = try Self.parse(["ps", "-aq=false", "--no-trunc=true"], as: StevedoreCommand.PS.self)
        #expect(ps.arguments.all && !ps.arguments.quiet && ps.arguments.noTrunc)
    }

    @Test func flagsTrueByDefaultAreTurnedOffWithFalse() throws {
        #expect(try Self.parse(["run", "busybox"], as: StevedoreCommand.Container.Run.self).sigProxy == true)
        #expect(try Self.parse(["run", "--sig-proxy", "busybox"], as: StevedoreCommand.Container.Run.self).sigProxy == true)
        #expect(try Self.parse(["run", "--sig-proxy=false", "busybox"], as: StevedoreCommand.Container.Run.self).sigProxy == false)
        #expect(try Self.parse(["attach", "--sig-proxy=0", "c"], as: StevedoreCommand.Container.Attach.self).sigProxy == false)
        #expect(try Self.parse(["commit", "-p=false", "c"], as: StevedoreCommand.Container.Commit.self).pause == false)
        #expect(try Self.parse(["commit", "c"], as: StevedoreCommand.Container.Commit.self).pause == true)
        #expect(try Self.parse(["build", "--rm=false", "."], as: StevedoreCommand.Image.Build.self).rm == false)
        #expect(try Self.parse(["build", "--rm", "."], as: StevedoreCommand.Image.Build.self).rm == true)
        #expect(try Self.parse(["history", "-H=false", "busybox"], as: StevedoreCommand.Image.History.self).human == false)
        #expect(try Self.parse(["history", "--human", "busybox"], as: StevedoreCommand.Image.History.self).human == true)
    }

    /// `swarm update --autolock` is docker's boolean flag: bare is true, `=false` false, and
    /// absent leaves the swarm's setting as it is.
    @Test func autolockIsAFlagThatMayBeAbsent() throws {
        #expect(try Self.parse(["swarm", "update", "--autolock"], as: StevedoreCommand.Swarm.Update.self).autolock == true)
        #expect(try Self.parse(["swarm", "update", "--autolock=true"], as: StevedoreCommand.Swarm.Update.self).autolock == true)
        #expect(try Self.parse(["swarm", "update", "--autolock=false"], as: StevedoreCommand.Swarm.Update.self).autolock == false)
        #expect(
            try Self.parse(["swarm", "update", "--autolock", "--autolock=0"], as: StevedoreCommand.Swarm.Update.self).autolock == false)
        #expect(try Self.parse(["swarm", "update", "--cert-expiry", "1h"], as: StevedoreCommand.Swarm.Update.self).autolock == nil)
        // docker reads `--autolock false` as the flag and an argument, which update refuses.
        #expect(throws: (any Error).self) { try Self.parse(["swarm", "update", "--autolock", "false"]) }
    }

    @Test func settingsAnUpdateWouldKeepAreTurnedOffWithFalse() throws {
        let update = try Self.parse(["service", "update", "--tty=false", "--init=true", "s"], as: StevedoreCommand.Service.Update.self)
        #expect(update.flags.tty == false && update.flags.`init` == true && update.flags.readOnly == nil)
        let network = try Self.parse(["network", "create", "--ipv4=false", "--ipv6", "n"], as: StevedoreCommand.Network.Create.self)
        #expect(network.ipv4 == false && network.ipv6 == true)
        let plain = try Self.parse(["network", "create", "n"], as: StevedoreCommand.Network.Create.self)
        #expect(plain.ipv4 == nil && plain.ipv6 == nil)
    }

    /// docker's global boolean flags, before the command; taken out of the command line, which
    /// keeps the rest.
    @Test func globalFlagsTakeValues() throws {
        let flags = try GlobalOptions.movingLeadingOptions(in: ["--tls=false", "-D=1", "ps"])
        #expect(flags.arguments == ["ps"] && !flags.options.tls && flags.options.debug)
        let verify = try GlobalOptions.movingLeadingOptions(in: ["--tlsverify", "--tlsverify=0", "--tls", "ps"]).options
        #expect(!verify.tlsverify && verify.tls)
        let exec = try GlobalOptions.movingLeadingOptions(in: ["-l", "warn", "container", "exec", "c", "ls"])
        #expect(exec.arguments == ["container", "exec", "c", "ls"] && exec.options.logLevel == "warn")
        // `--` ends them; a later one is the command's.
        let ended = try GlobalOptions.movingLeadingOptions(in: ["-D", "--", "run", "i", "--", "-D"])
        #expect(ended.arguments == ["run", "i", "--", "-D"] && ended.options.debug)
        // A value joined to its letter, as pflag takes it.
        let joined = try GlobalOptions.movingLeadingOptions(in: ["-Hunix:///a=b", "-lwarn", "ps"])
        #expect(joined.environment == ["DOCKER_HOST": "unix:///a=b"])
        #expect(joined.arguments == ["ps"] && joined.options.logLevel == "warn")
        #expect(try GlobalOptions.movingLeadingOptions(in: ["-cx", "ps"]).options.context == "x")
        // pflag's `-c=` is the value `=`; `--context=` an empty one.
        #expect(try GlobalOptions.movingLeadingOptions(in: ["-c=", "ps"]).options.context == "=")
        #expect(try GlobalOptions.movingLeadingOptions(in: ["--context=", "ps"]).options.context == "")
        // `-D` leads a group as a flag; what follows is read from its next letter.
        let grouped = try GlobalOptions.movingLeadingOptions(in: ["-DDlwarn", "-DH", "unix:///a", "ps"])
        #expect(grouped.arguments == ["ps"] && grouped.options.logLevel == "warn" && grouped.options.debug)
        #expect(grouped.environment == ["DOCKER_HOST": "unix:///a"])
        let unknown = try GlobalOptions.movingLeadingOptions(in: ["-Dx", "ps"])
        #expect(unknown.arguments == ["-x", "ps"] && unknown.options.debug)
    }

    /// docker's `import` and `plugin create` take their arguments and ignore any after them.
    @Test func argumentsDockerIgnoresAreTaken() throws {
        let imported = try Self.parse(["import", "rootfs.tar", "repo:tag", "extra"], as: StevedoreCommand.Image.Import.self)
        #expect(imported.source == "rootfs.tar" && imported.repository == "repo:tag")
        let created = try Self.parse(["plugin", "create", "p", "dir", "extra"], as: StevedoreCommand.Plugin.Create.self)
        #expect(created.name == "p" && created.directory == "dir")
    }

    /// `-v`/`--version` is the root's alone: only with nothing after it but arguments, as docker
    /// ignores it before a command and reads an option after it.
    @Test func theVersionFlagIsTheRootsAlone() throws {
        let alone = try GlobalOptions.movingLeadingOptions(in: ["-vD", "x"])
        #expect(alone.arguments == [] && alone.options.version)
        let command = try GlobalOptions.movingLeadingOptions(in: ["-v", "-D", "ps"])
        #expect(command.arguments == ["ps"] && !command.options.version && command.options.debug)
        #expect(try !GlobalOptions.movingLeadingOptions(in: ["-v", "--help"]).options.version)
        #expect(try !GlobalOptions.movingLeadingOptions(in: ["--version=false"]).options.version)
    }

    /// Commands have no global option, as docker's: after the command's path one is unknown,
    /// and the same name as an option's value, a container's argument, `top`'s ps options or
    /// after `--` is that.
    @Test func aGlobalOptionAfterTheCommandIsNotOneOfTheCommands() throws {
        for arguments in [["ps", "--debug"], ["container", "ls", "-q", "--tlsverify=1"], ["-D", "logs", "--context", "x", "c"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try Self.parse(arguments) }
        }
        #expect(
            try Self.parse(["container", "ls", "--format", "--debug"], as: StevedoreCommand.Container.List.self).arguments.format
                == "--debug")
        #expect(try Self.parse(["container", "top", "c", "--debug"], as: StevedoreCommand.Container.Top.self).psOptions == ["--debug"])
        #expect(
            try Self.parse(["container", "run", "busybox", "echo", "--debug"], as: StevedoreCommand.Container.Run.self).command == [
                "echo", "--debug",
            ])
        #expect(try Self.parse(["container", "logs", "--", "--tls"], as: StevedoreCommand.Container.Logs.self).container == "--tls")
    }

    /// One `-H` only, as docker 28.5's flag takes it: a second is a bad value of the flag (28.2
    /// took both and refused them later, `Specify only one -H`).
    @Test func aSecondHostIsRefusedAsDocker285RefusesIt() throws {
        #expect(try GlobalOptions.movingLeadingOptions(in: ["-H", "unix:///a", "ps"]).environment == ["DOCKER_HOST": "unix:///a"])
        for arguments in [["-H", "unix:///a", "-H", "unix:///b", "ps"], ["--host=unix:///a", "-H=unix:///b", "ps"]] {
            let refusal = #expect(throws: CommandFailure.self) { try GlobalOptions.movingLeadingOptions(in: arguments) }
            #expect(refusal?.description == #"invalid argument "unix:///b" for "-H, --host" flag: specify only one -H"#)
            #expect(refusal?.exitCode == 125)
        }
    }

    /// Values `strconv.ParseBool` refuses, with the docker CLI's message (28.2, before contacting
    /// any daemon): the flag named as pflag names it, its short name first.
    static let refusals: [([String], String)] = [
        (["run", "--rm=maybe", "x"], #"invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#),
        (["run", "-d=yes", "x"], #"invalid argument "yes" for "-d, --detach" flag: strconv.ParseBool: parsing "yes": invalid syntax"#),
        (["run", "--rm=", "x"], #"invalid argument "" for "--rm" flag: strconv.ParseBool: parsing "": invalid syntax"#),
        (["run", "-it=no", "x"], #"invalid argument "no" for "-t, --tty" flag: strconv.ParseBool: parsing "no": invalid syntax"#),
        (["ps", "--no-trunc=2"], #"invalid argument "2" for "--no-trunc" flag: strconv.ParseBool: parsing "2": invalid syntax"#),
        (["ps", "-h=x"], #"invalid argument "x" for "--help" flag: strconv.ParseBool: parsing "x": invalid syntax"#),
        (
            ["swarm", "update", "--autolock=maybe"],
            #"invalid argument "maybe" for "--autolock" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#
        ),
        (["build", "--rm=x", "."], #"invalid argument "x" for "--rm" flag: strconv.ParseBool: parsing "x": invalid syntax"#),
        (["history", "-H=on", "x"], #"invalid argument "on" for "-H, --human" flag: strconv.ParseBool: parsing "on": invalid syntax"#),
        (
            ["service", "update", "-t=x", "s"],
            #"invalid argument "x" for "-t, --tty" flag: strconv.ParseBool: parsing "x": invalid syntax"#
        ),
        (
            ["network", "create", "--ipv6=x", "n"],
            #"invalid argument "x" for "--ipv6" flag: strconv.ParseBool: parsing "x": invalid syntax"#
        ),
        (["--tls=maybe", "ps"], #"invalid argument "maybe" for "--tls" flag: strconv.ParseBool: parsing "maybe": invalid syntax"#),
        (["-D=x", "ps"], #"invalid argument "x" for "-D, --debug" flag: strconv.ParseBool: parsing "x": invalid syntax"#),
        (["run", "--rm=\"", "x"], #"invalid argument "\"" for "--rm" flag: strconv.ParseBool: parsing "\"": invalid syntax"#),
    ]

    @Test(arguments: Self.refusals)
    func aValueParseBoolRefusesFailsWithDockersMessage(arguments: [String], message: String) {
        do {
            _ = try Self.parse(arguments)
            Issue.record("\(arguments) parsed")
        } catch let failure as CommandFailure {
            #expect(failure.exitCode == 125)
            #expect(failure.description == message)
        } catch {
            Issue.record("\(arguments): \(error)")
        }
    }

    /// The flags with an inversion are exactly docker's boolean flags that are true by default or
    /// that a command reads only when given: a `--no-x` flag next to `--x` is always one.
    @Test func everyCommandsTableIsRead() throws {
        var inverted: Set<String> = []
        var passingOn: Set<String> = []
        for (path, command) in Self.commands(of: StevedoreCommand.self, path: []) {
            let table = try #require(CommandFlagTable(command: command), "\(path)")
            #expect(table.index(long: "help") != nil, "\(path)")
            for entry in table.entries where entry.inversion != nil {
                inverted.insert(path.joined(separator: " ") + " --" + (entry.long ?? ""))
            }
            if table.optionsEndAtFirstPositional { passingOn.insert(path.joined(separator: " ")) }
        }
        let contentTrust = [
            "build", "builder build", "image build", "create", "container create", "run", "container run", "pull", "image pull", "push",
            "image push", "plugin install", "plugin upgrade", "plugin push",
        ].map { $0 + " --disable-content-trust" }
        #expect(
            inverted
                == Set(
                    [
                        "container run --sig-proxy", "run --sig-proxy", "container attach --sig-proxy", "attach --sig-proxy",
                        "container commit --pause", "commit --pause", "image build --rm", "build --rm", "builder build --rm",
                        "image history --human", "history --human", "network create --ipv4", "network create --ipv6",
                        "swarm update --autolock", "service create --tty", "service create --read-only", "service create --init",
                        "service update --tty", "service update --read-only", "service update --init",
                        "container run --init", "run --init", "container create --init", "create --init",
                    ] + contentTrust))
        // docker's `SetInterspersed(false)` commands (`commit` and `tag` read at most two
        // arguments, so that options after them fail there and are taken here).
        #expect(
            passingOn == [
                "container run", "run", "container create", "create", "container exec", "exec", "container top", "top",
                "service create",
            ])
    }

    /// A command that runs, under each path that names it.
    static func commands(of command: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        let subcommands = command.configuration.subcommands
        guard !subcommands.isEmpty else { return [(path, command)] }
        return subcommands.flatMap { Self.commands(of: $0, path: path + [$0._commandName]) }
    }

    /// The command `arguments` make, read as `stevedore` reads them.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        let moved = try GlobalOptions.movingLeadingOptions(in: arguments).arguments
        return try StevedoreCommand.parse(pflagSyntax: moved)
    }

    static func parse<Command: ParsableCommand>(_ arguments: [String], as _: Command.Type) throws -> Command {
        try #require(try Self.parse(arguments) as? Command)
    }
}
