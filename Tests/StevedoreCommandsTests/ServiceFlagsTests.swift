import Foundation
import Stevedore
import StevedoreTestSupport
import Synchronization
import Testing

@testable import StevedoreCommands

/// `service create` and `service update` flags → the `ServiceSpec` they send, against what the
/// docker CLI builds for the same flags (docker/cli v28.5.2: `cli/command/service/opts.go`,
/// `update.go`, `parse.go`; the bodies checked against docker 28.2's), without an engine.
///
/// Two ways in. The flags both commands share become a spec through ``ServiceFlags`` and the
/// parsers in `Flags/`, called here on a command line parsed by `Create.parse`/`Update.parse`.
/// The rest of the spec (`--mode`, labels, environment, lists merged by `update`, names
/// looked up as ids) is put together by the commands' private `run()`: those bodies are read
/// off the wire, the `stevedore` binary run against a fake manager (``FakeManager``) that
/// answers the look-ups (networks, secrets and configs get the ids `nid-`, `sid-`, `cid-`
/// NAME) and records the create or update request. With the docker CLI on `PATH`, the same
/// expectations are checked against docker's own body (``dockerSendsTheExpectedBody``).
///
/// Expected values are docker's wire values: durations in nanoseconds, sizes in bytes, CPUs in
/// NanoCPUs, file modes in decimal (`0444` is 292). Keys are matched as the daemon's Go decoder
/// matches them (ignoring case: stevedore sends the spec's `HealthCheck`, docker `Healthcheck`).
/// Where stevedore differs from docker on purpose, the test's comment says so.
@Suite struct ServiceFlagsTests {
    // MARK: Flags both commands share, through ServiceFlags

    /// Every --update-* and --rollback-* flag, and the configurations docker makes of them.
    static let rolloutFlags = [
        "--update-parallelism", "2", "--update-delay", "10s", "--update-failure-action", "rollback", "--update-monitor", "1m",
        "--update-max-failure-ratio", "0.25", "--update-order", "start-first", "--rollback-parallelism", "0", "--rollback-delay",
        "1s", "--rollback-failure-action", "continue", "--rollback-monitor", "20s", "--rollback-max-failure-ratio", "0.5",
        "--rollback-order", "stop-first",
    ]
    static let rolloutConfigs = [
        "UpdateConfig":
            #"{"Parallelism":2,"Delay":10000000000,"FailureAction":"rollback","Monitor":60000000000,"MaxFailureRatio":0.25,"#
            + #""Order":"start-first"}"#,
        "RollbackConfig":
            #"{"Parallelism":0,"Delay":1000000000,"FailureAction":"continue","Monitor":20000000000,"MaxFailureRatio":0.5,"#
            + #""Order":"stop-first"}"#,
    ]

    /// Flags of `service create`, then the JSON `ServiceFlags.apply(to:)` leaves at each key
    /// path of a new spec (`null`: absent).
    static let sharedFlagCases: [([String], [String: String])] = [
        (
            // docker's ToService: Dir, User, Hostname, Command (the entrypoint, split as a shell
            // would), Init, ReadOnly, TTY, StopSignal, StopGracePeriod, Isolation, OomScoreAdj.
            [
                "--workdir", "/w", "--user", "1000:1000", "--hostname", "h", "--init", "--read-only", "-t", "--stop-signal", "SIGINT",
                "--stop-grace-period", "1m30s", "--isolation", "process", "--oom-score-adj", "-100", "--entrypoint", "/bin/sh -c",
            ],
            [
                "TaskTemplate.ContainerSpec":
                    #"{"Command":["/bin/sh","-c"],"Hostname":"h","Dir":"/w","User":"1000:1000","Init":true,"StopSignal":"SIGINT","#
                    + #""TTY":true,"ReadOnly":true,"StopGracePeriod":90000000000,"Isolation":"process","OomScoreAdj":-100}"#
            ]
        ),
        (
            // ParseCPUs (decimal or fraction) in NanoCPUs, RAMInBytes in bytes.
            [
                "--limit-cpu", "1.5", "--limit-memory", "512m", "--limit-pids", "100", "--reserve-cpu", "1/4", "--reserve-memory", "64m",
            ],
            [
                "TaskTemplate.Resources":
                    #"{"Limits":{"NanoCPUs":1500000000,"MemoryBytes":536870912,"Pids":100},"#
                    + #""Reservations":{"NanoCPUs":250000000,"MemoryBytes":67108864}}"#
            ]
        ),
        (["--reserve-cpu", "2e-1"], ["TaskTemplate.Resources": #"{"Reservations":{"NanoCPUs":200000000}}"#]),
        (
            ["--restart-condition", "on-failure", "--restart-delay", "10s", "--restart-max-attempts", "3", "--restart-window", "2m"],
            ["TaskTemplate.RestartPolicy": #"{"Condition":"on-failure","Delay":10000000000,"MaxAttempts":3,"Window":120000000000}"#]
        ),
        // One --restart-* flag: swarmkit's defaults for the others (any, 5 s, no limit).
        (["--restart-max-attempts", "3"], ["TaskTemplate.RestartPolicy": #"{"Condition":"any","Delay":5000000000,"MaxAttempts":3}"#]),
        (["--replicas-max-per-node", "2"], ["TaskTemplate.Placement": #"{"MaxReplicas":2}"#]),
        (
            ["--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3"],
            ["TaskTemplate.LogDriver": #"{"Name":"json-file","Options":{"max-size":"10m","max-file":"3"}}"#]
        ),
        // Log options without a driver: no driver (docker's toLogDriver).
        (["--log-opt", "max-size=10m"], ["TaskTemplate.LogDriver": "null"]),
        (Self.rolloutFlags, Self.rolloutConfigs),
        (
            // One flag of a group: swarmkit's defaults for the rest (updateConfigFromDefaults).
            ["--update-delay", "3s", "--rollback-order", "start-first"],
            [
                "UpdateConfig":
                    #"{"Parallelism":1,"Delay":3000000000,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"#
                    + #""Order":"stop-first"}"#,
                "RollbackConfig":
                    #"{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"start-first"}"#,
            ]
        ),
        (
            [],
            [
                "UpdateConfig": "null", "RollbackConfig": "null", "TaskTemplate.RestartPolicy": "null", "TaskTemplate.Resources": "null",
                "TaskTemplate.LogDriver": "null",
            ]
        ),
    ]

    @Test(arguments: Self.sharedFlagCases)
    func sharedFlagsSetANewSpec(arguments: [String], expected: [String: String]) throws {
        let create = try StevedoreCommand.Service.Create.parse(arguments + ["nginx"])
        try create.flags.checkValues()
        var spec = ServiceSpec()
        try create.flags.apply(to: &spec)
        Self.check(spec, expected, "\(arguments)")
    }

    /// Flags of `service update`, then what `apply(to:)` makes of ``existingService``: a group
    /// the service has (restart policy, update configuration) keeps what no flag names.
    static let sharedUpdateCases: [([String], [String: String])] = [
        (
            // A limit of 0 removes it (docker's updateInt64Value leaves a zero, omitted).
            ["--restart-max-attempts", "5", "--limit-memory", "0", "--limit-cpu", "2"],
            [
                "TaskTemplate.RestartPolicy": #"{"Condition":"on-failure","Delay":1000000000,"MaxAttempts":5}"#,
                "TaskTemplate.Resources": #"{"Limits":{"NanoCPUs":2000000000},"Reservations":{}}"#,
            ]
        ),
        (
            ["--update-parallelism", "0", "--update-delay", "5s", "--rollback-failure-action", "continue"],
            [
                "UpdateConfig":
                    #"{"Parallelism":0,"Delay":5000000000,"FailureAction":"continue","Monitor":7000000000,"MaxFailureRatio":0.25,"#
                    + #""Order":"start-first"}"#,
                "RollbackConfig":
                    #"{"Parallelism":1,"FailureAction":"continue","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}"#,
            ]
        ),
        (
            ["--hostname", "h2", "--user", "root", "--workdir", "/", "--init", "--read-only", "--stop-grace-period", "5s"],
            [
                "TaskTemplate.ContainerSpec.Hostname": #""h2""#, "TaskTemplate.ContainerSpec.User": #""root""#,
                "TaskTemplate.ContainerSpec.Dir": #""/""#, "TaskTemplate.ContainerSpec.Init": "true",
                "TaskTemplate.ContainerSpec.ReadOnly": "true", "TaskTemplate.ContainerSpec.StopGracePeriod": "5000000000",
                "TaskTemplate.ContainerSpec.Image": #""nginx:1.25""#, "TaskTemplate.ContainerSpec.Env": #"["A=1","B=2","C=3"]"#,
                "TaskTemplate.RestartPolicy": #"{"Condition":"on-failure","Delay":1000000000,"MaxAttempts":2}"#,
            ]
        ),
        // stevedore's spelling of docker's `--init=false` and the like (see goBooleanSyntax).
        (
            ["--no-init", "--no-read-only", "--no-tty"],
            [
                "TaskTemplate.ContainerSpec.Init": "false", "TaskTemplate.ContainerSpec.ReadOnly": "false",
                "TaskTemplate.ContainerSpec.TTY": "false",
            ]
        ),
        (["--log-driver", "syslog"], ["TaskTemplate.LogDriver": #"{"Name":"syslog"}"#]),
    ]

    @Test(arguments: Self.sharedUpdateCases)
    func sharedFlagsChangeOnlyWhatTheyName(arguments: [String], expected: [String: String]) throws {
        let update = try StevedoreCommand.Service.Update.parse(arguments + ["web"])
        var spec = try JSONDecoder().decode(ServiceSpec.self, from: Data(Self.existingService.utf8))
        try update.flags.apply(to: &spec)
        Self.check(spec, expected, "\(arguments)")
    }

    // MARK: Health checks

    /// Flags of `service create`, then the health check (docker's toHealthConfig).
    static let newHealthCheckCases: [([String], String)] = [
        (
            [
                "--health-cmd", "curl -f localhost", "--health-interval", "30s", "--health-timeout", "5s", "--health-retries", "3",
                "--health-start-period", "1m", "--health-start-interval", "2s",
            ],
            #"{"Test":["CMD-SHELL","curl -f localhost"],"Interval":30000000000,"Timeout":5000000000,"StartPeriod":60000000000,"#
                + #""StartInterval":2000000000,"Retries":3}"#
        ),
        (["--no-healthcheck"], #"{"Test":["NONE"]}"#),
        // Given as zero: a health check with nothing set, which keeps the image's.
        (["--health-retries", "0", "--health-interval", "0s"], "{}"),
        (["--health-cmd", ""], "null"),
        ([], "null"),
    ]

    @Test(arguments: Self.newHealthCheckCases)
    func healthCheckOfANewService(arguments: [String], expected: String) throws {
        let flags = try StevedoreCommand.Service.Create.parse(arguments + ["nginx"]).flags
        #expect(Self.encoded(try flags.newHealthCheck()) == Self.json(expected), "\(arguments)")
    }

    /// Flags of `service update`, then what they make of a service's health check
    /// `{"Test":["CMD-SHELL","true"],"Interval":10s,"Retries":2}` (docker's updateHealthcheck).
    static let updatedHealthCheckCases: [([String], String)] = [
        (["--health-cmd", "curl x"], #"{"Test":["CMD-SHELL","curl x"],"Interval":10000000000,"Retries":2}"#),
        (["--health-cmd", ""], #"{"Interval":10000000000,"Retries":2}"#),
        (
            ["--health-timeout", "1s", "--health-retries", "5"],
            #"{"Test":["CMD-SHELL","true"],"Interval":10000000000,"Timeout":1000000000,"Retries":5}"#
        ),
        (["--no-healthcheck"], #"{"Test":["NONE"]}"#),
        ([], #"{"Test":["CMD-SHELL","true"],"Interval":10000000000,"Retries":2}"#),
        // Deliberately not docker's: docker 28.5.2's updateHealthcheck has no case for
        // --health-start-interval (the flag is accepted and ignored); stevedore sets it.
        (
            ["--health-start-interval", "2s"],
            #"{"Test":["CMD-SHELL","true"],"Interval":10000000000,"Retries":2,"StartInterval":2000000000}"#
        ),
    ]

    @Test(arguments: Self.updatedHealthCheckCases)
    func healthCheckOfAnExistingService(arguments: [String], expected: String) throws {
        let flags = try StevedoreCommand.Service.Update.parse(arguments + ["web"]).flags
        let current = HealthConfig(test: ["CMD-SHELL", "true"], interval: 10_000_000_000, retries: 2)
        #expect(Self.encoded(try flags.updatedHealthCheck(current)) == Self.json(expected), "\(arguments)")
    }

    @Test func aDisabledHealthCheckIsEnabledByAnUpdateOfItsSettings() throws {
        let flags = try StevedoreCommand.Service.Update.parse(["--health-interval", "3s", "web"]).flags
        let health = try flags.updatedHealthCheck(HealthConfig(test: ["NONE"]))
        #expect(Self.encoded(health) == Self.json(#"{"Interval":3000000000}"#))
    }

    @Test func noHealthcheckConflictsWithTheHealthFlags() throws {
        let create = try StevedoreCommand.Service.Create.parse(["--no-healthcheck", "--health-retries", "2", "nginx"]).flags
        let update = try StevedoreCommand.Service.Update.parse(["--no-healthcheck", "--health-cmd", "true", "web"]).flags
        let failures = [
            #expect(throws: CommandFailure.self) { try create.newHealthCheck() },
            #expect(throws: CommandFailure.self) { try update.updatedHealthCheck(nil) },
        ]
        for failure in failures {
            #expect(failure?.description == "--no-healthcheck conflicts with --health-* options")
            #expect(failure?.exitCode == 1)
        }
    }

    // MARK: Capabilities

    @Test func capabilitiesOfANewService() throws {
        // docker's EffectiveCapAddCapDrop: normalised, sorted, added wins over dropped, ALL alone.
        for (arguments, add, drop) in [
            (
                ["--cap-add", "net_admin", "--cap-drop", "CAP_MKNOD", "--cap-add", "sys_time", "--cap-drop", "net_admin"],
                ["CAP_NET_ADMIN", "CAP_SYS_TIME"], ["CAP_MKNOD"]
            ),
            (["--cap-add", "ALL", "--cap-drop", "net_raw", "--cap-add", "chown"], ["ALL"], ["CAP_NET_RAW"]),
        ] {
            let flags = try StevedoreCommand.Service.Create.parse(arguments + ["nginx"]).flags
            let effective = ServiceFlagParsers.effectiveCapabilities(add: flags.capAdd, drop: flags.capDrop)
            #expect(effective.add == add, "\(arguments)")
            #expect(effective.drop == drop, "\(arguments)")
        }
    }

    @Test func capabilitiesOfAnExistingService() throws {
        // docker's updateCapabilities on a service that adds CAP_NET_ADMIN.
        let cases: [([String], [String]?, [String]?)] = [
            (["--cap-add", "CAP_SYS_TIME", "--cap-drop", "net_admin"], ["CAP_SYS_TIME"], nil),
            (["--cap-drop", "mknod"], ["CAP_NET_ADMIN"], ["CAP_MKNOD"]),
            (["--cap-add", "RESET", "--cap-add", "chown"], ["CAP_CHOWN"], nil),
        ]
        for (arguments, add, drop) in cases {
            let flags = try StevedoreCommand.Service.Update.parse(arguments + ["web"]).flags
            let updated = ServiceFlagParsers.updatedCapabilities(
                add: flags.capAdd.isEmpty ? nil : flags.capAdd, drop: flags.capDrop.isEmpty ? nil : flags.capDrop,
                current: (["CAP_NET_ADMIN"], nil))
            #expect(updated.add == add, "\(arguments)")
            #expect(updated.drop == drop, "\(arguments)")
        }
    }

    // MARK: Values of create's own flags, through their parsers

    /// The values `service create` reads before it looks anything up, each as docker reads it
    /// (the body tests below see them in the spec sent).
    @Test func createValuesAreReadAsDockerReadsThem() throws {
        let create = try StevedoreCommand.Service.Create.parse([
            "--mount", "type=bind,src=/srv,dst=/data,ro", "--mount",
            "type=volume,src=v,dst=/v,volume-label=a=b,volume-driver=local,volume-opt=o=1",
            "--mount", "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770",
            "-p", "8080:80", "-p", "published=53,target=53,protocol=udp,mode=host", "-p", "9000-9001:90-91/udp", "-p", "81",
            "--network", "front", "--network", "name=back,alias=api,alias=web", "--network", "name=third,driver-opt=com.foo=bar",
            "--secret", "s1", "--secret", "source=s2,target=/etc/s2,uid=100,gid=101,mode=0400",
            "--config", "c1", "--config", "src=c2,target=/etc/c2,mode=0600",
            "--placement-pref", "spread=node.labels.zone", "--host", "db:10.0.0.2", "--host", "cache=[::1]",
            "--dns", "10.0.0.1", "--dns", "0:0::1", "--dns-search", "example.com.", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=10",
            "--generic-resource", "gpu=2", "-l", "a=b", "-l", "c",
            "nginx",
        ])
        #expect(
            Self.encoded(try create.mount.map(MountArgument.parse))
                == Self.json(
                    #"[{"Type":"bind","Source":"/srv","Target":"/data","ReadOnly":true},"#
                        + #"{"Type":"volume","Source":"v","Target":"/v","VolumeOptions":{"Labels":{"a":"b"},"#
                        + #""DriverConfig":{"Name":"local","Options":{"o":"1"}}}},"#
                        + #"{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":67108864,"Mode":1016}}]"#))
        // Protocol tcp and mode ingress by default; no published port when none is given.
        #expect(
            Self.encoded(try create.publish.flatMap(PublishedPortParsing.parse))
                == Self.json(
                    #"[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},"#
                        + #"{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"host"},"#
                        + #"{"Protocol":"udp","TargetPort":90,"PublishedPort":9000,"PublishMode":"ingress"},"#
                        + #"{"Protocol":"udp","TargetPort":91,"PublishedPort":9001,"PublishMode":"ingress"},"#
                        + #"{"Protocol":"tcp","TargetPort":81,"PublishMode":"ingress"}]"#))
        // Still by name: the command looks each up in the swarm's scope and sends its id.
        #expect(
            Self.encoded(try create.network.map(ServiceFlagParsers.network))
                == Self.json(
                    #"[{"Target":"front"},{"Target":"back","Aliases":["api","web"]},{"Target":"third","DriverOpts":{"com.foo":"bar"}}]"#))
        // docker's defaults: target = the name (the daemon puts it under /run/secrets), uid and
        // gid "0", mode 0444 (292); ids are looked up later.
        #expect(
            Self.encoded(try create.secret.map { try SwarmFileReference(parsing: $0, kind: "secret").secret })
                == Self.json(
                    #"[{"File":{"Name":"s1","UID":"0","GID":"0","Mode":292},"SecretName":"s1"},"#
                        + #"{"File":{"Name":"/etc/s2","UID":"100","GID":"101","Mode":256},"SecretName":"s2"}]"#))
        #expect(
            Self.encoded(try create.config.map { try SwarmFileReference(parsing: $0, kind: "config").config })
                == Self.json(
                    #"[{"File":{"Name":"c1","UID":"0","GID":"0","Mode":292},"ConfigName":"c1"},"#
                        + #"{"File":{"Name":"/etc/c2","UID":"0","GID":"0","Mode":384},"ConfigName":"c2"}]"#))
        #expect(
            Self.encoded(try create.placementPref.map(ServiceFlagParsers.placementPreference))
                == Self.json(#"[{"Spread":{"SpreadDescriptor":"node.labels.zone"}}]"#))
        // docker's convertExtraHostsToSwarmHosts: `host:ip` becomes the hosts-file line `ip host`.
        #expect(ServiceFlagParsers.swarmHosts(try create.host.map(OptsFlagParsers.extraHost)) == ["10.0.0.2 db", "::1 cache"])
        #expect(try create.dns.map(OptsFlagParsers.ipAddress) == ["10.0.0.1", "::1"])
        #expect(try create.dnsSearch.map(OptsFlagParsers.dnsSearch) == ["example.com"])
        #expect(
            Self.encoded(try create.ulimit.map(ContainerFlagParsers.ulimit))
                == Self.json(#"[{"Name":"nofile","Soft":1024,"Hard":2048},{"Name":"nproc","Soft":10,"Hard":10}]"#))
        #expect(
            Self.encoded(try ServiceFlagParsers.genericResources(create.genericResource))
                == Self.json(#"[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}}]"#))
        #expect(keyValueMap(try create.label.map(OptsFlagParsers.label)) == ["a": "b", "c": ""])
    }

    // MARK: Refused values

    /// Values of the shared flags docker refuses, with docker's words (exit code 125).
    static let refusals: [([String], String)] = [
        (["--replicas", "-1"], #"invalid argument "-1" for "--replicas" flag: strconv.ParseUint: parsing "-1": invalid syntax"#),
        (["--limit-cpu", "x"], #"invalid argument "x" for "--limit-cpu" flag: failed to parse x as a rational number"#),
        (["--stop-grace-period", "x"], #"invalid argument "x" for "--stop-grace-period" flag: time: invalid duration "x""#),
        (
            ["--update-max-failure-ratio", "x"],
            #"invalid argument "x" for "--update-max-failure-ratio" flag: strconv.ParseFloat: parsing "x": invalid syntax"#
        ),
        (
            ["--restart-max-attempts", "x"],
            #"invalid argument "x" for "--restart-max-attempts" flag: strconv.ParseUint: parsing "x": invalid syntax"#
        ),
        (
            ["--update-parallelism", "-1"],
            #"invalid argument "-1" for "--update-parallelism" flag: strconv.ParseUint: parsing "-1": invalid syntax"#
        ),
        (["--oom-score-adj", "x"], #"invalid argument "x" for "--oom-score-adj" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (["--health-timeout", "-1s"], #"invalid argument "-1s" for "--health-timeout" flag: duration cannot be negative"#),
        (
            ["--credential-spec", "bogus"],
            #"invalid argument "bogus" for "--credential-spec" flag: invalid credential spec: value must be prefixed with "#
                + #""config://", "file://", or "registry://""#
        ),
        (["--entrypoint", "\""], #"invalid argument "\"" for "--entrypoint" flag: EOF found when expecting closing quote"#),
    ]

    @Test(arguments: Self.refusals)
    func sharedValuesAreRefusedWithDockersMessage(arguments: [String], message: String) throws {
        #expect(Self.refusal(arguments) == message)
    }

    /// Go's time.ParseDuration names a missing or unknown unit, go-units' RAMInBytes an unknown
    /// suffix or strconv's failure.
    static let refusalsWorded: [([String], String)] = [
        (["--restart-delay", "5"], #"invalid argument "5" for "--restart-delay" flag: time: missing unit in duration "5""#),
        (["--update-delay", "1x"], #"invalid argument "1x" for "--update-delay" flag: time: unknown unit "x" in duration "1x""#),
        (["--limit-memory", "1q"], #"invalid argument "1q" for "--limit-memory" flag: invalid suffix: 'q'"#),
        (
            ["--reserve-memory", "1.5.5"],
            #"invalid argument "1.5.5" for "--reserve-memory" flag: strconv.ParseFloat: parsing "1.5.5": invalid syntax"#
        ),
    ]

    @Test(arguments: Self.refusalsWorded)
    func sharedValuesAreRefusedWithTheirReason(arguments: [String], message: String) throws {
        #expect(Self.refusal(arguments) == message)
    }

    /// Sizes docker's RAMInBytes takes: `KiB`-style suffixes and a space before the unit.
    @Test func memorySizesTakeDockersSuffixes() throws {
        let create = try StevedoreCommand.Service.Create.parse(["--limit-memory", "1KiB", "--reserve-memory", "2 MiB", "nginx"])
        var spec = ServiceSpec()
        try create.flags.apply(to: &spec)
        Self.check(spec, ["TaskTemplate.Resources": #"{"Limits":{"MemoryBytes":1024},"Reservations":{"MemoryBytes":2097152}}"#])
    }

    /// docker's boolean flags take Go's `--flag=false` (pflag); scripts write `--detach=false`.
    /// The command line is read as `stevedore` reads it: through ``PflagSyntax``.
    @Test func goBooleanSyntax() throws {
        let arguments = try PflagSyntax.rewrite(
            ["service", "create", "--read-only=false", "--init=false", "--tty=false", "--detach=false", "nginx"])
        let create = try StevedoreCommand.Service.Create.parse(Array(arguments.dropFirst(2)))
        var spec = ServiceSpec()
        try create.flags.apply(to: &spec)
        #expect(create.flags.detach == false)
        Self.check(
            spec,
            [
                "TaskTemplate.ContainerSpec.ReadOnly": "false", "TaskTemplate.ContainerSpec.Init": "false",
                "TaskTemplate.ContainerSpec.TTY": "false",
            ])
    }

    // MARK: Bodies sent, through the binary and a fake manager

    static let create = ["create", "-d", "--no-resolve-image"]
    static let update = ["update", "-d", "--no-resolve-image"]

    /// Command lines of `stevedore service` (updates of ``existingService``), then the JSON the
    /// create or update request's body holds at each key path (`null`: absent); docker's body
    /// holds the same (``dockerSendsTheExpectedBody``).
    static let bodyCases: [([String], [String: String])] = [
        (
            // What docker sends for every service; the image gets :latest (docker's client).
            Self.create + ["nginx"],
            [
                "Name": "null", "Mode": #"{"Replicated":{}}"#, "EndpointSpec": #"{"Mode":"vip"}"#,
                "TaskTemplate.ContainerSpec": #"{"Image":"nginx:latest","Init":false,"DNSConfig":{}}"#,
                "TaskTemplate.Resources": #"{"Limits":{},"Reservations":{}}"#, "TaskTemplate.Placement": "{}",
                "TaskTemplate.RestartPolicy": "null", "TaskTemplate.Networks": "null", "UpdateConfig": "null", "RollbackConfig": "null",
            ]
        ),
        (Self.create + ["--replicas", "3", "nginx"], ["Mode": #"{"Replicated":{"Replicas":3}}"#]),
        (Self.create + ["--mode", "global", "nginx"], ["Mode": #"{"Global":{}}"#]),
        (
            Self.create + ["--mode", "replicated-job", "--replicas", "5", "--max-concurrent", "2", "nginx"],
            ["Mode": #"{"ReplicatedJob":{"MaxConcurrent":2,"TotalCompletions":5}}"#]
        ),
        // MaxConcurrent defaults to --replicas.
        (
            Self.create + ["--mode", "replicated-job", "--replicas", "4", "nginx"],
            ["Mode": #"{"ReplicatedJob":{"MaxConcurrent":4,"TotalCompletions":4}}"#]
        ),
        (Self.create + ["--mode", "global-job", "nginx"], ["Mode": #"{"GlobalJob":{}}"#, "TaskTemplate.RestartPolicy": "null"]),
        (
            Self.create + [
                "--name", "web", "--hostname", "h", "--user", "1000:1000", "--workdir", "/w", "--read-only", "--init", "--stop-signal",
                "SIGINT", "--stop-grace-period", "1m30s", "-t", "--entrypoint", "/bin/sh -c", "--isolation", "process",
                "--oom-score-adj", "-100", "nginx", "echo", "hi",
            ],
            [
                "Name": #""web""#,
                "TaskTemplate.ContainerSpec":
                    #"{"Image":"nginx:latest","Command":["/bin/sh","-c"],"Args":["echo","hi"],"Hostname":"h","Dir":"/w","#
                    + #""User":"1000:1000","Init":true,"StopSignal":"SIGINT","TTY":true,"ReadOnly":true,"StopGracePeriod":90000000000,"#
                    + #""DNSConfig":{},"Isolation":"process","OomScoreAdj":-100}"#,
            ]
        ),
        (
            // A variable set again keeps its later value, in the later place (docker's makeEnv).
            Self.create + ["-l", "a=b", "-l", "c", "--container-label", "x=y", "-e", "A=1", "-e", "B=2", "-e", "A=3", "nginx"],
            [
                "Labels": #"{"a":"b","c":""}"#, "TaskTemplate.ContainerSpec.Labels": #"{"x":"y"}"#,
                "TaskTemplate.ContainerSpec.Env": #"["B=2","A=3"]"#,
            ]
        ),
        (
            Self.create + [
                "--limit-cpu", "1.5", "--limit-memory", "512m", "--limit-pids", "100", "--reserve-cpu", "1/4", "--reserve-memory", "64m",
                "--generic-resource", "gpu=2", "nginx",
            ],
            [
                "TaskTemplate.Resources":
                    #"{"Limits":{"NanoCPUs":1500000000,"MemoryBytes":536870912,"Pids":100},"Reservations":{"NanoCPUs":250000000,"#
                    + #""MemoryBytes":67108864,"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}}]}}"#
            ]
        ),
        (
            Self.create + [
                "--mount", "type=bind,src=/srv,dst=/data,ro", "--mount",
                "type=volume,src=v,dst=/v,volume-label=a=b,volume-driver=local,volume-opt=o=1", "--mount",
                "type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770", "nginx",
            ],
            [
                "TaskTemplate.ContainerSpec.Mounts":
                    #"[{"Type":"bind","Source":"/srv","Target":"/data","ReadOnly":true},{"Type":"volume","Source":"v","Target":"/v","#
                    + #""VolumeOptions":{"Labels":{"a":"b"},"DriverConfig":{"Name":"local","Options":{"o":"1"}}}},"#
                    + #"{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":67108864,"Mode":1016}}]"#
            ]
        ),
        (
            Self.create + [
                "-p", "8080:80", "-p", "published=53,target=53,protocol=udp,mode=host", "-p", "9000-9001:90-91/udp", "-p", "81", "nginx",
            ],
            [
                "EndpointSpec.Mode": #""vip""#,
                "EndpointSpec.Ports":
                    #"[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"host"},"#
                    + #"{"Protocol":"udp","TargetPort":90,"PublishedPort":9000,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"udp","TargetPort":91,"PublishedPort":9001,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"tcp","TargetPort":81,"PublishMode":"ingress"}]"#,
            ]
        ),
        // Lower-cased on create (ToEndpointSpec).
        (Self.create + ["--endpoint-mode", "DNSRR", "nginx"], ["EndpointSpec": #"{"Mode":"dnsrr"}"#]),
        (
            Self.create + [
                "--constraint", "node.role==manager", "--constraint", "node.labels.zone!=a", "--placement-pref", "spread=node.labels.zone",
                "--replicas-max-per-node", "2", "nginx",
            ],
            [
                "TaskTemplate.Placement":
                    #"{"Constraints":["node.role==manager","node.labels.zone!=a"],"#
                    + #""Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.zone"}}],"MaxReplicas":2}"#
            ]
        ),
        (
            Self.create + [
                "--restart-condition", "on-failure", "--restart-delay", "10s", "--restart-max-attempts", "3", "--restart-window", "2m",
                "nginx",
            ],
            ["TaskTemplate.RestartPolicy": #"{"Condition":"on-failure","Delay":10000000000,"MaxAttempts":3,"Window":120000000000}"#]
        ),
        (
            Self.create + ["--restart-max-attempts", "3", "nginx"],
            ["TaskTemplate.RestartPolicy": #"{"Condition":"any","Delay":5000000000,"MaxAttempts":3}"#]
        ),
        (Self.create + Self.rolloutFlags + ["nginx"], Self.rolloutConfigs),
        (
            Self.create + [
                "--health-cmd", "curl -f localhost", "--health-interval", "30s", "--health-timeout", "5s", "--health-retries", "3",
                "--health-start-period", "1m", "--health-start-interval", "2s", "nginx",
            ],
            [
                "TaskTemplate.ContainerSpec.Healthcheck":
                    #"{"Test":["CMD-SHELL","curl -f localhost"],"Interval":30000000000,"Timeout":5000000000,"#
                    + #""StartPeriod":60000000000,"StartInterval":2000000000,"Retries":3}"#
            ]
        ),
        (Self.create + ["--no-healthcheck", "nginx"], ["TaskTemplate.ContainerSpec.Healthcheck": #"{"Test":["NONE"]}"#]),
        (
            Self.create + [
                "--dns", "10.0.0.1", "--dns", "0:0::1", "--dns-option", "ndots:2", "--dns-search", "example.com", "--host", "db:10.0.0.2",
                "--host", "cache=[::1]", "--sysctl", "net.core.somaxconn=1024", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=10",
                "--group", "10", "--group", "audio", "nginx",
            ],
            [
                "TaskTemplate.ContainerSpec.DNSConfig":
                    #"{"Nameservers":["10.0.0.1","::1"],"Search":["example.com"],"Options":["ndots:2"]}"#,
                "TaskTemplate.ContainerSpec.Hosts": #"["10.0.0.2 db","::1 cache"]"#,
                "TaskTemplate.ContainerSpec.Sysctls": #"{"net.core.somaxconn":"1024"}"#,
                "TaskTemplate.ContainerSpec.Ulimits": #"[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":10,"Soft":10}]"#,
                "TaskTemplate.ContainerSpec.Groups": #"["10","audio"]"#,
            ]
        ),
        (
            Self.create + [
                "--cap-add", "net_admin", "--cap-drop", "CAP_MKNOD", "--cap-add", "sys_time", "--cap-drop", "net_admin", "nginx",
            ],
            [
                "TaskTemplate.ContainerSpec.CapabilityAdd": #"["CAP_NET_ADMIN","CAP_SYS_TIME"]"#,
                "TaskTemplate.ContainerSpec.CapabilityDrop": #"["CAP_MKNOD"]"#,
            ]
        ),
        (
            // Looked up in the swarm's scope, sent by id, sorted by id.
            Self.create + [
                "--network", "front", "--network", "name=back,alias=api,alias=web", "--network", "name=third,driver-opt=com.foo=bar",
                "nginx",
            ],
            [
                "TaskTemplate.Networks":
                    #"[{"Target":"nid-back","Aliases":["api","web"]},{"Target":"nid-front"},"#
                    + #"{"Target":"nid-third","DriverOpts":{"com.foo":"bar"}}]"#
            ]
        ),
        // Two targets whose bytes differ are two files, however alike they read.
        (
            Self.create + ["--secret", "source=s1,target=caf\u{E9}", "--secret", "source=s2,target=cafe\u{301}", "nginx"],
            [
                "TaskTemplate.ContainerSpec.Secrets":
                    #"[{"File":{"Name":"caf\#u{E9}","UID":"0","GID":"0","Mode":292},"SecretID":"sid-s1","SecretName":"s1"},"#
                    + #"{"File":{"Name":"cafe\#u{301}","UID":"0","GID":"0","Mode":292},"SecretID":"sid-s2","SecretName":"s2"}]"#
            ]
        ),
        (
            Self.create + [
                "--secret", "s1", "--secret", "source=s2,target=/etc/s2,uid=100,gid=101,mode=0400", "--config", "c1", "--config",
                "src=c2,target=/etc/c2,mode=0600", "nginx",
            ],
            [
                "TaskTemplate.ContainerSpec.Secrets":
                    #"[{"File":{"Name":"s1","UID":"0","GID":"0","Mode":292},"SecretID":"sid-s1","SecretName":"s1"},"#
                    + #"{"File":{"Name":"/etc/s2","UID":"100","GID":"101","Mode":256},"SecretID":"sid-s2","SecretName":"s2"}]"#,
                "TaskTemplate.ContainerSpec.Configs":
                    #"[{"File":{"Name":"c1","UID":"0","GID":"0","Mode":292},"ConfigID":"cid-c1","ConfigName":"c1"},"#
                    + #"{"File":{"Name":"/etc/c2","UID":"0","GID":"0","Mode":384},"ConfigID":"cid-c2","ConfigName":"c2"}]"#,
            ]
        ),
        (
            // The credential spec's config is a runtime config reference, named by id.
            Self.create + ["--credential-spec", "config://cs", "nginx"],
            [
                "TaskTemplate.ContainerSpec.Configs": #"[{"Runtime":{},"ConfigID":"cid-cs","ConfigName":"cs"}]"#,
                "TaskTemplate.ContainerSpec.Privileges.CredentialSpec.Config": #""cid-cs""#,
            ]
        ),
        (
            Self.create + ["--log-driver", "json-file", "--log-opt", "max-size=10m", "nginx"],
            ["TaskTemplate.LogDriver": #"{"Name":"json-file","Options":{"max-size":"10m"}}"#]
        ),
        (
            // The service as it was, ForceUpdate one more: its tasks are redeployed.
            Self.update + ["--force", "web"],
            [
                "TaskTemplate.ForceUpdate": "5", "TaskTemplate.ContainerSpec.Image": #""nginx:1.25""#,
                "TaskTemplate.ContainerSpec.Env": #"["A=1","B=2","C=3"]"#, "Mode": #"{"Replicated":{"Replicas":2}}"#,
                "UpdateConfig":
                    #"{"Parallelism":3,"Delay":2000000000,"FailureAction":"continue","Monitor":7000000000,"MaxFailureRatio":0.25,"#
                    + #""Order":"start-first"}"#,
                "EndpointSpec":
                    #"{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"ingress"}]}"#,
            ]
        ),
        (
            Self.update + [
                "--env-add", "D=4", "--env-add", "A=9", "--env-rm", "B", "--label-add", "c=3", "--label-add", "a=0", "--label-rm", "b",
                "--container-label-add", "y=2", "--container-label-rm", "x", "web",
            ],
            [
                "TaskTemplate.ContainerSpec.Env": #"["A=9","C=3","D=4"]"#, "Labels": #"{"a":"0","c":"3"}"#,
                "TaskTemplate.ContainerSpec.Labels": #"{"y":"2"}"#, "TaskTemplate.ForceUpdate": "4",
            ]
        ),
        (
            // Sorted (docker's updatePlacementConstraints).
            Self.update + ["--constraint-add", "node.hostname==n1", "--constraint-rm", "node.role==worker", "web"],
            ["TaskTemplate.Placement": #"{"Constraints":["node.hostname==n1","node.labels.z==a"]}"#]
        ),
        (
            // --publish-rm matches target port, protocol and mode (tcp and ingress by default).
            Self.update + ["--publish-add", "9090:90", "--publish-rm", "53/udp", "web"],
            [
                "EndpointSpec":
                    #"{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"tcp","TargetPort":90,"PublishedPort":9090,"PublishMode":"ingress"}]}"#
            ]
        ),
        (
            Self.update + ["--publish-add", "published=8081,target=81,mode=host", "--publish-rm", "80", "web"],
            [
                "EndpointSpec":
                    #"{"Mode":"vip","Ports":[{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"ingress"},"#
                    + #"{"Protocol":"tcp","TargetPort":81,"PublishedPort":8081,"PublishMode":"host"}]}"#
            ]
        ),
        (
            // An added mount replaces the one at its target; sorted by source, then target.
            Self.update + [
                "--mount-add", "type=tmpfs,dst=/t", "--mount-add", "type=volume,src=new,dst=/data", "--mount-rm", "/srv", "web",
            ],
            ["TaskTemplate.ContainerSpec.Mounts": #"[{"Type":"tmpfs","Target":"/t"},{"Type":"volume","Source":"new","Target":"/data"}]"#]
        ),
        (
            Self.update + ["--secret-add", "s2", "--secret-add", "source=s3,target=/x,mode=0400", "--secret-rm", "old", "web"],
            [
                "TaskTemplate.ContainerSpec.Secrets":
                    #"[{"File":{"Name":"keep","UID":"0","GID":"0","Mode":292},"SecretID":"sid-keep","SecretName":"keep"},"#
                    + #"{"File":{"Name":"s2","UID":"0","GID":"0","Mode":292},"SecretID":"sid-s2","SecretName":"s2"},"#
                    + #"{"File":{"Name":"/x","UID":"0","GID":"0","Mode":256},"SecretID":"sid-s3","SecretName":"s3"}]"#
            ]
        ),
        (
            Self.update + ["--replicas", "5", "--image", "busybox", "--args", "sh -c 'echo hi'", "web"],
            [
                "Mode": #"{"Replicated":{"Replicas":5}}"#, "TaskTemplate.ContainerSpec.Image": #""busybox:latest""#,
                "TaskTemplate.ContainerSpec.Args": #"["sh","-c","echo hi"]"#,
            ]
        ),
        (
            Self.update + ["--update-parallelism", "0", "--update-delay", "5s", "--rollback-failure-action", "continue", "web"],
            [
                "UpdateConfig":
                    #"{"Parallelism":0,"Delay":5000000000,"FailureAction":"continue","Monitor":7000000000,"MaxFailureRatio":0.25,"#
                    + #""Order":"start-first"}"#,
                "RollbackConfig":
                    #"{"Parallelism":1,"FailureAction":"continue","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"}"#,
            ]
        ),
        (
            Self.update + ["--restart-max-attempts", "5", "--limit-memory", "0", "--limit-cpu", "2", "web"],
            [
                "TaskTemplate.RestartPolicy": #"{"Condition":"on-failure","Delay":1000000000,"MaxAttempts":5}"#,
                "TaskTemplate.Resources": #"{"Limits":{"NanoCPUs":2000000000},"Reservations":{}}"#,
            ]
        ),
        (
            Self.update + ["--cap-add", "CAP_SYS_TIME", "--cap-drop", "net_admin", "web"],
            ["TaskTemplate.ContainerSpec.CapabilityAdd": #"["CAP_SYS_TIME"]"#, "TaskTemplate.ContainerSpec.CapabilityDrop": "null"]
        ),
        (
            Self.update + ["--dns-add", "10.0.0.2", "--dns-rm", "10.0.0.1", "--host-add", "cache:10.0.0.3", "--host-rm", "db", "web"],
            [
                "TaskTemplate.ContainerSpec.DNSConfig": #"{"Nameservers":["10.0.0.2"]}"#,
                "TaskTemplate.ContainerSpec.Hosts": #"["10.0.0.3 cache"]"#,
            ]
        ),
        (
            // --network-rm finds the network by name; the added one is sent by id.
            Self.update + ["--network-add", "name=b,alias=x", "--network-rm", "a", "web"],
            ["TaskTemplate.Networks": #"[{"Target":"nid-b","Aliases":["x"]}]"#]
        ),
        (
            Self.update + [
                "--hostname", "h2", "--user", "root", "--workdir", "/", "--init", "--read-only", "--stop-grace-period", "5s",
                "--endpoint-mode", "dnsrr", "web",
            ],
            [
                "TaskTemplate.ContainerSpec.Hostname": #""h2""#, "TaskTemplate.ContainerSpec.User": #""root""#,
                "TaskTemplate.ContainerSpec.Dir": #""/""#, "TaskTemplate.ContainerSpec.Init": "true",
                "TaskTemplate.ContainerSpec.ReadOnly": "true", "TaskTemplate.ContainerSpec.StopGracePeriod": "5000000000",
                "EndpointSpec.Mode": #""dnsrr""#,
            ]
        ),
        (Self.update + ["--no-healthcheck", "web"], ["TaskTemplate.ContainerSpec.Healthcheck": #"{"Test":["NONE"]}"#]),
    ]

    // Each case runs the binary: one at a time, not 40 processes at once.
    @Test(.serialized, arguments: Self.bodyCases)
    func flagsMakeTheBodyDockerMakes(arguments: [String], expected: [String: String]) async throws {
        let exchange = try await FakeManager.exchange(arguments)
        #expect(exchange.outcome.status == 0, "\(exchange.outcome)")
        let body = try #require(exchange.body, "no create or update request: \(exchange.outcome)")
        for (path, json) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(Self.value(at: path, in: body) == Self.json(json), "\(path) of \(arguments)")
        }
    }

    /// Lists docker builds from Go maps, in no set order: secrets and configs (ParseSecrets,
    /// ParseConfigs), the environment an update merges (updateEnvironment), the ports of a
    /// published range (go-connections' ParsePortSpecs). stevedore keeps the order given.
    static let unorderedByDocker: Set<String> = [
        "TaskTemplate.ContainerSpec.Secrets", "TaskTemplate.ContainerSpec.Configs", "TaskTemplate.ContainerSpec.Env", "EndpointSpec.Ports",
    ]

    /// The expectations of ``bodyCases`` are docker's: its CLI against the same fake manager.
    @Test(
        .enabled("the docker CLI, 28 or later, is this test's oracle") { await Self.dockerOracle() != nil }, .serialized,
        arguments: Self.bodyCases)
    func dockerSendsTheExpectedBody(arguments: [String], expected: [String: String]) async throws {
        let docker = try #require(await Self.dockerOracle())
        let exchange = try await FakeManager.exchange(arguments, tool: docker)
        #expect(exchange.outcome.status == 0, "\(exchange.outcome)")
        let body = try #require(exchange.body, "no create or update request: \(exchange.outcome)")
        for (path, json) in expected.sorted(by: { $0.key < $1.key }) {
            let (actual, wanted) = (Self.value(at: path, in: body), Self.json(json))
            if Self.unorderedByDocker.contains(path) {
                #expect(Self.elements(actual) == Self.elements(wanted), "\(path) of \(arguments)")
            } else {
                #expect(actual == wanted, "\(path) of \(arguments)")
            }
        }
    }

    /// The docker CLI on `PATH` when it is 28 or later, else nil: older ones lack flags of these
    /// cases (service `--oom-score-adj` came with 27.1) or read them otherwise (20.10 refuses
    /// `--host name=[::1]`).
    static func dockerOracle() async -> CommandLineProcess? {
        guard let docker = CommandLineProcess.onPath("docker"), let version = try? await docker.run(["--version"]),
            let major = version.standardOutput.firstMatch(of: /^Docker version ([0-9]+)\./).flatMap({ Int($0.1) }), major >= 28
        else { return nil }
        return docker
    }

    /// The daemon sends a service's health check as `Healthcheck` (moby's Go field); docker's
    /// update sends it back, changed only by the --health-* flags.
    @Test func updateKeepsTheHealthCheck() async throws {
        for (arguments, kept) in [
            (["--force"], #"{"Test":["CMD-SHELL","true"],"Interval":10000000000,"Retries":2}"#),
            (["--health-cmd", "curl x"], #"{"Test":["CMD-SHELL","curl x"],"Interval":10000000000,"Retries":2}"#),
        ] {
            let exchange = try await FakeManager.exchange(Self.update + arguments + ["web"])
            #expect(exchange.outcome.status == 0, "\(exchange.outcome)")
            #expect(Self.value(at: "TaskTemplate.ContainerSpec.Healthcheck", in: exchange.body) == Self.json(kept), "\(arguments)")
        }
    }

    /// `--rollback` alone: the daemon rolls back (`rollback=previous`) the service's spec as read.
    @Test func rollbackAsksTheDaemonForThePreviousSpec() async throws {
        let exchange = try await FakeManager.exchange(["update", "-d", "--rollback", "web"])
        #expect(exchange.outcome.status == 0, "\(exchange.outcome)")
        let target = try #require(exchange.bodyRequest?.target)
        let query = Set(URLComponents(string: target)?.queryItems?.map { "\($0.name)=\($0.value ?? "")" } ?? [])
        #expect(query == ["version=10", "rollback=previous", "registryAuthFrom=spec"], "\(target)")
        #expect(Self.value(at: "Mode", in: exchange.body) == Self.json(#"{"Replicated":{"Replicas":2}}"#))
        #expect(Self.value(at: "TaskTemplate.ForceUpdate", in: exchange.body) == Self.json("4"))

        let combined = try await FakeManager.exchange(Self.update + ["--rollback", "web"])
        #expect(combined.outcome.status == 1)
        #expect(combined.outcome.standardError.hasPrefix("other flags may not be combined with --rollback\n"))
        #expect(combined.body == nil)
    }

    /// Deliberately not docker's: docker 28.5.2's `service update` registers --max-concurrent
    /// and never reads it (no request changes, no failure); stevedore sets a replicated job's
    /// MaxConcurrent and refuses the flag for any other mode.
    @Test func updateSetsTheMaxConcurrencyOfAJob() async throws {
        let job =
            #"{"Name":"job","TaskTemplate":{"ContainerSpec":{"Image":"busybox"}},"Mode":{"ReplicatedJob":{"MaxConcurrent":1,"#
            + #""TotalCompletions":4}}}"#
        let exchange = try await FakeManager.exchange(Self.update + ["--max-concurrent", "3", "job"], existing: job)
        #expect(exchange.outcome.status == 0, "\(exchange.outcome)")
        #expect(Self.value(at: "Mode", in: exchange.body) == Self.json(#"{"ReplicatedJob":{"MaxConcurrent":3,"TotalCompletions":4}}"#))

        let replicated = try await FakeManager.exchange(Self.update + ["--max-concurrent", "3", "web"])
        #expect(replicated.outcome.status == 1)
        #expect(replicated.outcome.standardError.hasPrefix("max-concurrent can only be used with replicated-job mode\n"))
    }

    /// A command line docker refuses, with its exit status and first line of standard error.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var message: String

        init(_ arguments: [String], _ status: Int32, _ message: String) {
            (self.arguments, self.status, self.message) = (arguments, status, message)
        }

        var testDescription: String { self.arguments.joined(separator: " ") }
    }

    /// Command lines docker refuses once it reads them together, with its words and exit code.
    static let bodyRefusals: [Refusal] = [
        Refusal(
            Self.create + ["--mode", "global", "--replicas", "2", "nginx"], 1,
            "replicas can only be used with replicated or replicated-job mode"),
        Refusal(Self.create + ["--max-concurrent", "2", "nginx"], 1, "max-concurrent can only be used with replicated-job mode"),
        Refusal(
            Self.create + ["--mode", "global-job", "--replicas-max-per-node", "1", "nginx"], 1,
            "replicas-max-per-node can only be used with replicated or replicated-job mode"
        ),
        Refusal(Self.create + ["--mode", "bogus", "nginx"], 1, "Unknown mode: bogus, only replicated and global supported"),
        Refusal(
            Self.create + ["--mode", "replicated-job", "--update-parallelism", "2", "nginx"], 1,
            "update and rollback configuration is not supported for jobs"
        ),
        Refusal(Self.create + ["--secret", "a", "--secret", "source=b,target=a", "nginx"], 1, "duplicate secret target for b not allowed"),
        Refusal(
            Self.create + ["--no-healthcheck", "--health-retries", "2", "nginx"], 1, "--no-healthcheck conflicts with --health-* options"),
        Refusal(Self.update + ["--replicas", "2", "job"], 1, "replicas can only be used with replicated mode"),
        Refusal(
            Self.create + ["--mount", "type=bind", "nginx"], 125, #"invalid argument "type=bind" for "--mount" flag: target is required"#),
        Refusal(Self.create + ["-p", "80/xyz", "nginx"], 125, #"invalid argument "80/xyz" for "-p, --publish" flag: invalid proto: xyz"#),
        Refusal(
            Self.create + ["-p", "127.0.0.1:80:80", "nginx"], 125,
            #"invalid argument "127.0.0.1:80:80" for "-p, --publish" flag: hostip is not supported"#
        ),
        Refusal(
            Self.create + ["--secret", "source=", "nginx"], 125, #"invalid argument "source=" for "--secret" flag: source is required"#),
        Refusal(
            Self.create + ["--placement-pref", "bogus=x", "nginx"], 125,
            #"invalid argument "bogus=x" for "--placement-pref" flag: unsupported placement preference bogus (only spread is supported)"#
        ),
        Refusal(
            Self.create + ["--dns", "1.2.3", "nginx"], 125,
            #"invalid argument "1.2.3" for "--dns" flag: IP address is not correctly formatted: 1.2.3"#
        ),
        Refusal(
            Self.create + ["--host", "nohost", "nginx"], 125,
            #"invalid argument "nohost" for "--host" flag: bad format for add-host: "nohost""#),
    ]

    @Test(.serialized, arguments: Self.bodyRefusals)
    func refusedCommandLinesSendNothing(refusal: Refusal) async throws {
        let job = #"{"Name":"job","TaskTemplate":{"ContainerSpec":{"Image":"busybox"}},"Mode":{"ReplicatedJob":{}}}"#
        let exchange = try await FakeManager.exchange(refusal.arguments, existing: job)
        #expect(exchange.outcome.status == refusal.status, "\(exchange.outcome)")
        #expect(exchange.outcome.standardError.split(separator: "\n").first.map(String.init) == refusal.message, "\(exchange.outcome)")
        #expect(exchange.body == nil)
    }

    // MARK: The service an update starts from

    /// A service as the daemon answers `GET /services/web`: Go's field names (`Healthcheck`).
    static let existingService =
        #"{"Name":"web","Labels":{"a":"1","b":"2"},"TaskTemplate":{"ContainerSpec":{"Image":"nginx:1.25","Args":["old"],"#
        + #""Env":["A=1","B=2","C=3"],"Labels":{"x":"1"},"Mounts":[{"Type":"volume","Source":"data","Target":"/data"},"#
        + #"{"Type":"bind","Source":"/srv","Target":"/srv"}],"Secrets":[{"File":{"Name":"old","UID":"0","GID":"0","Mode":292},"#
        + #""SecretID":"sid-old","SecretName":"old"},{"File":{"Name":"keep","UID":"0","GID":"0","Mode":292},"SecretID":"sid-keep","#
        + #""SecretName":"keep"}],"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":10000000000,"Retries":2},"Init":false,"#
        + #""DNSConfig":{"Nameservers":["10.0.0.1"]},"Hosts":["10.0.0.9 db"],"CapabilityAdd":["CAP_NET_ADMIN"]},"#
        + #""Resources":{"Limits":{"MemoryBytes":104857600},"Reservations":{}},"#
        + #""RestartPolicy":{"Condition":"on-failure","Delay":1000000000,"MaxAttempts":2},"#
        + #""Placement":{"Constraints":["node.role==worker","node.labels.z==a"]},"ForceUpdate":4,"#
        + #""Networks":[{"Target":"nid-a","Aliases":["al"]}]},"Mode":{"Replicated":{"Replicas":2}},"#
        + #""UpdateConfig":{"Parallelism":3,"Delay":2000000000,"FailureAction":"continue","Monitor":7000000000,"#
        + #""MaxFailureRatio":0.25,"Order":"start-first"},"EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"#
        + #""PublishedPort":8080,"PublishMode":"ingress"},{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"ingress"}]}}"#

    // MARK: Helpers

    /// `expected` (key path → JSON) checked against `spec` encoded.
    static func check(
        _ spec: ServiceSpec, _ expected: [String: String], _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let encoded = (try? JSONEncoder().encode(spec)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        for (path, json) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(Self.value(at: path, in: encoded) == Self.json(json), "\(path) \(comment)", sourceLocation: sourceLocation)
        }
    }

    /// The JSON value at a dotted key path; each key matched as the daemon's Go decoder matches
    /// it (exactly, else ignoring case). `NSNull` where a key is absent.
    static func value(at path: String, in json: Any?) -> NSObject? {
        var value = json
        for key in path.split(separator: ".").map(String.init) {
            guard let object = value as? [String: Any] else { return nil }
            guard let next = object[key] ?? object.first(where: { $0.key.lowercased() == key.lowercased() })?.value else {
                return NSNull()
            }
            value = next
        }
        return value as? NSObject
    }

    /// `text` parsed as JSON; `null` is `NSNull`.
    static func json(_ text: String) -> NSObject? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? NSObject
    }

    /// `value` encoded, then parsed back as JSON (`NSNull` for nil).
    static func encoded<Value: Encodable>(_ value: Value?) -> NSObject? {
        guard let value else { return NSNull() }
        return (try? JSONEncoder().encode(value)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? NSObject }
    }

    /// The elements of a JSON array as sorted JSON texts, to compare without their order.
    static func elements(_ value: NSObject?) -> [String]? {
        guard let array = value as? [Any] else { return nil }
        return array.compactMap { element in
            (try? JSONSerialization.data(withJSONObject: element, options: [.sortedKeys, .fragmentsAllowed]))
                .map { String(decoding: $0, as: UTF8.self) }
        }.sorted()
    }

    /// The message with which the shared flags refuse `arguments` (exit code 125), or a note.
    static func refusal(_ arguments: [String]) -> String? {
        flagRefusal { try StevedoreCommand.Service.Create.parse(arguments + ["nginx"]).flags.checkValues() }
    }
}

/// A swarm manager as far as `service create` and `service update` ask one, on a unix socket:
/// it answers the ping (API 1.50), network inspects (`nid-NAME`), secret and config lists
/// filtered by name (`sid-NAME`, `cid-NAME`), the inspect of any service (the `existing` spec,
/// id `svc1`, version 10), creates and updates; it records every request.
struct FakeManager {
    /// One run of a command line against a fake manager.
    struct Exchange {
        var outcome: CommandLineProcess.Outcome
        var requests: [FakeHTTPRequest]

        /// The create or update request.
        var bodyRequest: FakeHTTPRequest? {
            self.requests.last { request in
                let path = request.target.prefix { $0 != "?" }
                return request.method == .POST && (path.hasSuffix("/services/create") || path.hasSuffix("/update"))
            }
        }

        /// The create or update request's JSON body.
        var body: Any? {
            self.bodyRequest.flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.readableBytesView)) }
        }
    }

    /// The requests of one exchange, from the server's connections.
    final class RequestLog: Sendable {
        private let requests = Mutex<[FakeHTTPRequest]>([])

        func append(_ request: FakeHTTPRequest) {
            self.requests.withLock { $0.append(request) }
        }

        var all: [FakeHTTPRequest] { self.requests.withLock { $0 } }
    }

    /// Runs `service` `arguments` with `tool` (the `stevedore` binary, or the docker CLI) against
    /// a new fake manager whose services are `existing`.
    static func exchange(
        _ arguments: [String], tool: CommandLineProcess = .stevedore, existing: String = ServiceFlagsTests.existingService
    ) async throws -> Exchange {
        let log = RequestLog()
        let server = try await FakeHTTPServer.start { connection in
            while let request = try await connection.readRequest() {
                log.append(request)
                try await connection.write(Self.answer(request, existing: existing))
            }
        }
        let configDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-service-\(UUID().uuidString)")
        let environment: [String: String?] = [
            "DOCKER_HOST": server.target.description, "DOCKER_CONFIG": configDirectory.path, "DOCKER_CONTEXT": nil,
            "DOCKER_API_VERSION": nil, "DOCKER_TLS_VERIFY": nil, "DOCKER_CERT_PATH": nil, "DOCKER_TLS": nil,
        ]
        let outcome: CommandLineProcess.Outcome
        do {
            try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
            outcome = try await withTimeout(120) { try await tool.run(["service"] + arguments, environment: environment) }
        } catch {
            await server.shutdown()
            try? FileManager.default.removeItem(at: configDirectory)
            throw error
        }
        await server.shutdown()
        try? FileManager.default.removeItem(at: configDirectory)
        return Exchange(outcome: outcome, requests: log.all)
    }

    /// The response to `request`, whole.
    static func answer(_ request: FakeHTTPRequest, existing: String) -> String {
        let components = URLComponents(string: "http://manager" + request.target)
        var path = components?.path ?? ""
        // `/v1.50/services/create` → `/services/create`.
        if path.hasPrefix("/v"), path.dropFirst(2).first?.isNumber == true, let slash = path.dropFirst().firstIndex(of: "/") {
            path = String(path[slash...])
        }
        let isGet = request.method == .GET
        if path == "/_ping" {
            return Self.response("200 OK", request.method == .HEAD ? "" : "OK")
        } else if isGet, path.hasPrefix("/networks/") {
            let name = String(path.dropFirst("/networks/".count))
            return Self.response("200 OK", Self.text(["Id": "nid-" + name, "Name": name, "Scope": "swarm", "Driver": "overlay"]))
        } else if isGet, path == "/secrets" || path == "/configs" {
            let filters = components?.queryItems?.first { $0.name == "filters" }?.value ?? "{}"
            let byKey = try? JSONSerialization.jsonObject(with: Data(filters.utf8)) as? [String: [String: Bool]]
            let names = byKey?["name"].map { $0.keys.sorted() } ?? []
            let prefix = path == "/secrets" ? "sid-" : "cid-"
            return Self.response("200 OK", Self.text(names.map { ["ID": prefix + $0, "Spec": ["Name": $0]] }))
        } else if request.method == .POST, path == "/services/create" {
            return Self.response("201 Created", #"{"ID":"svc1"}"#)
        } else if request.method == .POST, path.hasPrefix("/services/"), path.hasSuffix("/update") {
            return Self.response("200 OK", #"{"Warnings":null}"#)
        } else if isGet, path.hasPrefix("/services/") {
            return Self.response("200 OK", #"{"ID":"svc1","Version":{"Index":10},"Spec":"# + existing + "}")
        }
        return Self.response("404 Not Found", Self.text(["message": "the fake manager has no \(request.method) \(path)"]))
    }

    static func response(_ status: String, _ body: String) -> String {
        "HTTP/1.1 \(status)\r\nAPI-Version: 1.50\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func text(_ object: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
