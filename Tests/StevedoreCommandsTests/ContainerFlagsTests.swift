import Foundation
import Stevedore
import StevedoreText
import Testing

@testable import StevedoreCommands

/// `create`/`run` flags → the create body they send, and the values they refuse, without an
/// engine (the integration tests send the same bodies to one).
@Suite struct ContainerFlagsTests {
    /// Flags, then the JSON the body must hold at each key path (other fields are not looked at).
    static let cases: [([String], [String: String])] = [
        (
            ["--mount", "type=bind,src=/srv,dst=/data,ro,bind-propagation=rslave"],
            [
                "HostConfig.Mounts":
                    #"[{"Type":"bind","Source":"/srv","Target":"/data","ReadOnly":true,"BindOptions":{"Propagation":"rslave"}}]"#
            ]
        ),
        (
            ["--mount", "type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1770"],
            ["HostConfig.Mounts": #"[{"Type":"tmpfs","Target":"/t","TmpfsOptions":{"SizeBytes":67108864,"Mode":1016}}]"#]
        ),
        (
            ["--mount", "target=/v,volume-nocopy,\"volume-opt=o=a,b\""],
            [
                "HostConfig.Mounts":
                    #"[{"Type":"volume","Target":"/v","VolumeOptions":{"NoCopy":true,"DriverConfig":{"Options":{"o":"a,b"}}}}]"#
            ]
        ),
        // As docker's strings.Cut: empty parts are the daemon's to refuse (an empty one trapped).
        (["--tmpfs", "/run:size=1m", "--tmpfs", "", "--tmpfs", ":"], ["HostConfig.Tmpfs": #"{"":"","/run":"size=1m"}"#]),
        (
            // One per name, the last winning, sorted by name as docker sends them.
            ["--ulimit", "nproc=10", "--ulimit", "nofile=1024:2048", "--ulimit", "nofile=5"],
            ["HostConfig.Ulimits": #"[{"Name":"nofile","Soft":5,"Hard":5},{"Name":"nproc","Soft":10,"Hard":10}]"#]
        ),
        (
            ["--device", "/dev/null", "--device", "/dev/zero:/dev/z:r", "--device", "/dev/full:rw"],
            [
                "HostConfig.Devices": #"[{"PathOnHost":"/dev/null","PathInContainer":"/dev/null","CgroupPermissions":"rwm"},"#
                    + #"{"PathOnHost":"/dev/zero","PathInContainer":"/dev/z","CgroupPermissions":"r"},"#
                    + #"{"PathOnHost":"/dev/full","PathInContainer":"/dev/full","CgroupPermissions":"rw"}]"#
            ]
        ),
        (
            [
                "--health-cmd", "curl -f localhost", "--health-interval", "1m30s", "--health-timeout", "500ms", "--health-retries", "3",
                "--health-start-period", "1.5s",
            ],
            [
                "Healthcheck":
                    #"{"Test":["CMD-SHELL","curl -f localhost"],"Interval":90000000000,"Timeout":500000000,"Retries":3,"St"#
                    + #"artPeriod":1500000000}"#
            ]
        ),
        (["--health-interval", "2s"], ["Healthcheck": #"{"Interval":2000000000}"#]),
        (["--entrypoint", ""], ["Entrypoint": #"[""]"#]),
        (["--entrypoint", "/bin/sh -c"], ["Entrypoint": #"["/bin/sh -c"]"#]),
        (["--no-healthcheck"], ["Healthcheck": #"{"Test":["NONE"]}"#]),
        (
            ["--security-opt", "no-new-privileges", "--security-opt", "label:disable", "--security-opt", "systempaths=unconfined"],
            [
                "HostConfig.SecurityOpt": #"["no-new-privileges","label:disable"]"#, "HostConfig.MaskedPaths": "[]",
                "HostConfig.ReadonlyPaths": "[]",
            ]
        ),
        (
            [
                "--shm-size", "1g", "--pids-limit", "-1", "--memory-swap", "-1", "-m", "64m", "--memory-reservation", "32m",
                "--kernel-memory", "8m",
            ],
            [
                "HostConfig.ShmSize": "1073741824", "HostConfig.PidsLimit": "-1", "HostConfig.MemorySwap": "-1",
                "HostConfig.Memory": "67108864",
                "HostConfig.MemoryReservation": "33554432", "HostConfig.KernelMemory": "8388608",
            ]
        ),
        (
            [
                "--cpuset-cpus", "0-1", "--cpuset-mems", "0", "--cpu-period", "100000", "--cpu-quota", "-1", "-c", "512", "--cpus", "1.5",
                "--cpu-rt-period", "1000", "--cpu-rt-runtime", "900", "--blkio-weight", "300",
            ],
            [
                "HostConfig.CpusetCpus": #""0-1""#, "HostConfig.CpusetMems": #""0""#, "HostConfig.CpuPeriod": "100000",
                "HostConfig.CpuQuota": "-1",
                "HostConfig.CpuShares": "512", "HostConfig.NanoCpus": "1500000000", "HostConfig.CpuRealtimePeriod": "1000",
                "HostConfig.CpuRealtimeRuntime": "900", "HostConfig.BlkioWeight": "300",
            ]
        ),
        (
            [
                "--blkio-weight-device", "/dev/sda:200", "--device-read-bps", "/dev/sda:1mb", "--device-write-iops", "/dev/sda:30",
                "--device-cgroup-rule", "c 1:3 rwm",
            ],
            [
                "HostConfig.BlkioWeightDevice": #"[{"Path":"/dev/sda","Weight":200}]"#,
                "HostConfig.BlkioDeviceReadBps": #"[{"Path":"/dev/sda","Rate":1048576}]"#,
                "HostConfig.BlkioDeviceWriteIOps": #"[{"Path":"/dev/sda","Rate":30}]"#, "HostConfig.BlkioDeviceWriteBps": "[]",
                "HostConfig.DeviceCgroupRules": #"["c 1:3 rwm"]"#,
            ]
        ),
        (
            ["--oom-kill-disable", "--oom-score-adj", "-500", "--memory-swappiness", "0"],
            ["HostConfig.OomKillDisable": "true", "HostConfig.OomScoreAdj": "-500", "HostConfig.MemorySwappiness": "0"]
        ),
        (
            ["--group-add", "10", "--group-add", "audio", "--dns-search", "example.com", "--dns-option", "ndots:2", "--dns", "10.0.0.1"],
            [
                "HostConfig.GroupAdd": #"["10","audio"]"#, "HostConfig.DnsSearch": #"["example.com"]"#,
                "HostConfig.DnsOptions": #"["ndots:2"]"#,
                "HostConfig.Dns": #"["10.0.0.1"]"#,
            ]
        ),
        (
            [],
            [
                "HostConfig.Dns": "[]", "HostConfig.DnsSearch": "[]", "HostConfig.Ulimits": "[]", "HostConfig.Devices": "[]",
                "HostConfig.PortBindings": "{}", "HostConfig.RestartPolicy": #"{"Name":"no"}"#, "AttachStdout": "true",
                "AttachStderr": "true",
                "AttachStdin": "false",
            ]
        ),
        (
            [
                "--domainname", "example.org", "--mac-address", "92:d0:c6:0a:29:33", "--ipc", "shareable", "--pid", "container:db", "--uts",
                "host",
                "--userns", "host", "--cgroupns", "private", "--cgroup-parent", "/mine",
            ],
            [
                "Domainname": #""example.org""#, "MacAddress": #""92:d0:c6:0a:29:33""#, "HostConfig.IpcMode": #""shareable""#,
                "HostConfig.PidMode": #""container:db""#, "HostConfig.UTSMode": #""host""#, "HostConfig.UsernsMode": #""host""#,
                "HostConfig.CgroupnsMode": #""private""#, "HostConfig.CgroupParent": #""/mine""#,
            ]
        ),
        (
            [
                "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=1=2", "--storage-opt", "size=1G", "--annotation", "a=b",
                "--annotation", "c",
            ],
            [
                "HostConfig.Sysctls": #"{"net.ipv4.ip_forward":"1","kernel.shmmax":"1=2"}"#, "HostConfig.StorageOpt": #"{"size":"1G"}"#,
                "HostConfig.Annotations": #"{"a":"b","c":""}"#,
            ]
        ),
        (
            ["--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3"],
            ["HostConfig.LogConfig": #"{"Type":"json-file","Config":{"max-size":"10m","max-file":"3"}}"#]
        ),
        (
            [
                "--link", "db:database", "--volumes-from", "data:ro", "--volume-driver", "local", "--isolation", "default", "--runtime",
                "runc",
            ],
            [
                "HostConfig.Links": #"["db:database"]"#, "HostConfig.VolumesFrom": #"["data:ro"]"#, "HostConfig.VolumeDriver": #""local""#,
                "HostConfig.Isolation": #""default""#, "HostConfig.Runtime": #""runc""#,
            ]
        ),
        (
            ["-a", "STDERR", "-i"],
            ["AttachStdin": "true", "AttachStdout": "false", "AttachStderr": "true", "OpenStdin": "true", "StdinOnce": "true"]
        ),
        (
            ["-P", "--expose", "80", "--restart", "on-failure:3"],
            [
                "HostConfig.PublishAllPorts": "true", "ExposedPorts": #"{"80/tcp":{}}"#,
                "HostConfig.RestartPolicy": #"{"Name":"on-failure","MaximumRetryCount":3}"#,
            ]
        ),
        // Whole numbers as Go's strconv reads them in base 0, as docker takes them.
        (
            [
                "--blkio-weight", "0x12c", "--pids-limit", "-0b1", "-c", "1_024", "--stop-timeout", "+5", "--oom-score-adj", "-0o764",
                "--memory-swappiness", "0x10", "--health-retries", "0X3", "--cpu-period", "0303240", "--cpu-quota", "-1",
                "--cpu-rt-runtime", "-9223372036854775808",
            ],
            [
                "HostConfig.BlkioWeight": "300", "HostConfig.PidsLimit": "-1", "HostConfig.CpuShares": "1024", "StopTimeout": "5",
                "HostConfig.OomScoreAdj": "-500", "HostConfig.MemorySwappiness": "16", "Healthcheck": #"{"Retries":3}"#,
                "HostConfig.CpuPeriod": "100000", "HostConfig.CpuQuota": "-1", "HostConfig.CpuRealtimeRuntime": "-9223372036854775808",
            ]
        ),
        (
            [
                "--network", "net1", "--network-alias", "a", "--ip", "10.0.0.5", "--ip6", "fd00::5", "--link-local-ip", "169.254.1.1",
                "--link", "db:d",
            ],
            [
                "HostConfig.NetworkMode": #""net1""#, "HostConfig.Links": #"["db:d"]"#,
                "NetworkingConfig":
                    #"{"EndpointsConfig":{"net1":{"IPAMConfig":{"IPv4Address":"10.0.0.5","IPv6Address":"fd00::5","LinkLocalIPs":"#
                    + #"["169.254.1.1"]},"Links":["db:d"],"Aliases":["a"]}}}"#,
            ]
        ),
        // The long syntax is lowered; the first network's MAC address goes container-wide.
        (
            ["--net", "name=A,alias=X,driver-opt=K=V,gw-priority=5,mac-address=02:42:AC:11:00:02", "--network", "b"],
            [
                "HostConfig.NetworkMode": #""a""#, "MacAddress": #""02:42:ac:11:00:02""#,
                "NetworkingConfig": #"{"EndpointsConfig":{"a":{"Aliases":["x"],"DriverOpts":{"k":"v"},"GwPriority":5},"b":{}}}"#,
            ]
        ),
        (
            ["--network", "a", "--network", "name=b,mac-address=02:42:ac:11:00:03"],
            ["NetworkingConfig": #"{"EndpointsConfig":{"a":{},"b":{"MacAddress":"02:42:ac:11:00:03"}}}"#]
        ),
        (
            ["--gpus", "all", "--gpus", #""device=0,1",capabilities=compute,driver=nvidia,"options=a=1,b""#, "--gpus", "count=2"],
            [
                "HostConfig.DeviceRequests":
                    #"[{"Driver":"","Count":-1,"Capabilities":[["gpu"]],"Options":{}},{"Driver":"nvidia","Count":0,"DeviceIDs":["0","1"],"#
                    + #""Capabilities":[["compute","gpu"]],"Options":{"a":"1","b":""}},"#
                    + #"{"Driver":"","Count":2,"Capabilities":[["gpu"]],"Options":{}}]"#
            ]
        ),
    ]

    /// A single `--network` with nothing of its own set sends no endpoint, as docker; without
    /// `--network` the `default` endpoint is always sent; `--link` on the default network is a
    /// legacy link only.
    @Test func aPlainNetworkSendsNoEndpoint() throws {
        let cases: [([String], String)] = [
            (["--network", "host"], "host"), (["--link", "db", "--network", "bridge"], "bridge"),
            (["--network", "a", "--mac-address", "0000.5e00.5301"], "a"),
        ]
        for (arguments, mode) in cases {
            let body = try Self.body(arguments)
            #expect(body.networkingConfig == nil, "\(arguments)")
            #expect(body.hostConfig?.networkMode == mode, "\(arguments)")
        }
        for arguments in [[], ["--link", "db"]] {
            let body = try Self.body(arguments)
            #expect(body.networkingConfig == NetworkingConfig(endpointsConfig: ["default": EndpointSettings()]), "\(arguments)")
            #expect(body.hostConfig?.networkMode == "default")
        }
        #expect(try Self.body(["--link", "db"]).hostConfig?.links == ["db"])
    }

    /// `build`'s classic-builder flags reach its options: security options as a string slice
    /// (CSV), one ulimit per name.
    @Test func buildFlagsMakeTheBuildOptions() throws {
        let options = try StevedoreCommand.Image.Build.parse([
            "--cgroup-parent", "parent", "--cpuset-mems", "0", "--isolation", "default", "--security-opt", "a,b", "--security-opt", "c",
            "--ulimit", "nofile=1:2", "--ulimit", "nproc=5", "--ulimit", "nofile=3:4", "--squash", ".",
        ]).options()
        #expect(options.cgroupParent == "parent" && options.cpusetMems == "0" && options.isolation == "default" && options.squash)
        #expect(options.securityOptions == ["a", "b", "c"])
        #expect(options.ulimits == [.init(name: "nofile", soft: 3, hard: 4), .init(name: "nproc", soft: 5, hard: 5)])
    }

    /// Go's `net.ParseMAC`: 6, 8 or 20 octets, `:`/`-` pairs or `.` quads, one separator.
    @Test func macAddressesAreReadAsGoReadsThem() {
        for valid in ["00:00:5e:00:53:01", "00-00-5E-00-53-01", "0000.5e00.5301", "00:00:5e:00:53:01:02:03", "0000.5e00.5301.0203"] {
            #expect(ContainerFlagParsers.isMACAddress(valid), "\(valid)")
        }
        for invalid in [
            "00:00:5e:00:53", "00:00-5e:00:53:01", "00:00:5e:00:53:0g", "0000.5e00.530", "00:00:5e:00:53:01:02", "0000:5e00:5301",
        ] {
            #expect(!ContainerFlagParsers.isMACAddress(invalid), "\(invalid)")
        }
    }

    @Test(arguments: Self.cases)
    func flagsMakeTheBody(arguments: [String], expected: [String: String]) throws {
        let body = try Self.body(arguments)
        for (path, json) in expected.sorted(by: { $0.key < $1.key }) {
            let want = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? NSObject
            #expect(Self.value(at: path, in: body) == want, "\(path) of \(arguments)")
        }
    }

    @Test func environmentAndLabelFilesAreReadAsDockerReadsThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vars")
        try "\u{FEFF}A=1\n  # a comment\n\n  B=two words \nPATH\n\u{A0}\u{3000}\tD=4\nSTEVEDORE_UNSET_VARIABLE\nC=\"quoted\"\r\n".write(
            to: file, atomically: true, encoding: .utf8)
        let body = try Self.body(
            ["--env-file", file.path, "-e", "A=2", "-e", "STEVEDORE_UNSET_VARIABLE", "--label-file", file.path, "-l", "x=y"])
        let path = try #require(ProcessInfo.processInfo.environment["PATH"])
        // A file's name without a value here is left out; `-e`'s is sent as it is, as docker sends it.
        #expect(body.env == ["A=1", "B=two words ", "PATH=\(path)", "D=4", "C=\"quoted\"", "A=2", "STEVEDORE_UNSET_VARIABLE"])
        #expect(body.labels == ["A": "1", "B": "two words ", "D": "4", "C": "\"quoted\"", "x": "y"])
        try "A B=1\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(Self.failure(["--env-file", file.path]) == "invalid env file (\(file.path)): variable 'A B' contains whitespaces")
    }

    /// Files are read to their end, not by their size: a pipe (`--env-file <(…)`) or a device
    /// serves as a regular file does. Lines are checked as Go's `bufio.Scanner` reads them.
    @Test func environmentFilesMayBePipesAndTheirLinesAreCheckedOneByOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-flags-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.body(["--env-file", "/dev/null", "-e", "A=1"]).env == ["A=1"])

        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO to write waits for its reader: on a thread of its own.
        let writer = Thread { try? "P=1\nQ=2".write(toFile: fifo, atomically: false, encoding: .utf8) }
        writer.start()
        #expect(try Self.body(["--env-file", fifo]).env == ["P=1", "Q=2"])

        let file = directory.appendingPathComponent("vars")
        try Data("A=1\n# \u{e9}\nB=\u{e9}\u{ff}".utf8 + [0xFF, 0x0A, 0x43]).write(to: file)
        #expect(
            Self.failure(["--env-file", file.path])
                == "invalid env file (\(file.path)): invalid utf8 bytes at line 3: [66 61 195 169 195 191 255]")
        // A line and its newline must fit in 64 KiB.
        try Data(("A=" + String(repeating: "x", count: 65_533) + "\n").utf8).write(to: file)
        #expect(try Self.body(["--env-file", file.path]).env?.first?.utf8.count == 65_535)
        try Data(("A=" + String(repeating: "x", count: 65_534)).utf8).write(to: file)
        #expect(Self.failure(["--label-file", file.path]) == "invalid env file (\(file.path)): bufio.Scanner: token too long")
    }

    /// A combining mark after `=` (U+0301) or a prepended mark before it (U+06DD) joins the `=`
    /// to its neighbour in one Character; docker still splits there, and so must we: `-e` with
    /// a value would otherwise be taken for a bare name and dropped.
    @Test func separatorsNextToMarksStillSeparate() throws {
        let body = try Self.body([
            "-e", "A=\u{301}x", "-e", "B\u{6DD}=y", "-l", "k=\u{301}v", "--sysctl", "net.a=\u{301}1",
            "--log-opt", "max-size\u{6DD}=\u{301}1m",
        ])
        #expect(body.env == ["A=\u{301}x", "B\u{6DD}=y"])
        #expect(body.labels == ["k": "\u{301}v"])
        #expect(body.hostConfig?.sysctls == ["net.a": "\u{301}1"])
        #expect(body.hostConfig?.logConfig?.config == ["max-size\u{6DD}": "\u{301}1m"])
    }

    /// A bind's host path that starts with `.` is made absolute against the working directory,
    /// for `-v` as for `--mount`, as docker does (`-v ./data:/data` was sent as is, which the
    /// daemon refuses as a volume name); names and `~` are sent as given, and a target alone
    /// is an anonymous volume of the config, as docker's client makes it.
    @Test func relativeBindSourcesAreMadeAbsolute() throws {
        let directory = FileManager.default.currentDirectoryPath
        func inside(_ path: String) -> String { GoPath.clean(directory + "/" + path) }
        let body = try Self.body([
            "-v", "./data:/data:ro", "-v", "../x:/x", "-v", ".cache:/c", "-v", ".:/w", "-v", "name:/n", "-v", "~/h:/h", "-v", "/anon",
            "-v", "name:/n", "--dns-opt", "ndots:1",
            "--mount", "type=bind,src=../m,dst=/m",
        ])
        #expect(
            body.hostConfig?.binds == [
                inside("data") + ":/data:ro", inside("../x") + ":/x", inside(".cache") + ":/c", inside(".") + ":/w", "name:/n", "~/h:/h",
            ])
        #expect(body.volumes == ["/anon": EmptyObject()])
        // docker's hidden older name of `--dns-option`.
        #expect(body.hostConfig?.dnsOptions == ["ndots:1"])
        #expect(body.hostConfig?.mounts?.first?.source == inside("../m"))
    }

    /// `cp`'s report names the local path as docker's `resolveLocalPath` makes it: absolute and
    /// clean, a trailing `/` or `.` kept.
    @Test func copyReportsNameTheLocalPathAsDockerDoes() {
        // The working directory cleaned, as a joined path is: `/` stays `/`, not `//`.
        let directory = GoPath.clean(FileManager.default.currentDirectoryPath)
        let base = directory == "/" ? "" : directory
        let cases = [
            (".", "\(base)/."), ("./", "\(base)/./"), ("out", "\(base)/out"), ("out/", "\(base)/out/"),
            ("out/.", "\(base)/out/."), ("a/../b", "\(base)/b"), ("/x//y/", "/x/y/"), ("/", "/"),
        ]
        for (path, expected) in cases {
            #expect(GoPath.absolutePreservingTrailingDotOrSeparator(path) == expected, "\(path)")
        }
    }

    /// `ps`'s IMAGE column as docker's formatter shortens it: the digest dropped, the familiar
    /// name kept with its tag, an id shown short (a digest was shown whole).
    @Test func psShowsTheImageAsDockerShortensIt() {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let id = "sha256:" + String(repeating: "cd", count: 32)
        let cases: [(String, String)] = [
            ("busybox@\(digest)", "busybox"), ("docker.io/library/busybox:1.36", "busybox:1.36"),
            ("localhost:5000/team/app:1@\(digest)", "localhost:5000/team/app:1"), ("busybox", "busybox"),
            (id, "cdcdcdcdcdcd"), (String(repeating: "cd", count: 32), "cdcdcdcdcdcd"), ("Bad/Name", "Bad/Name"), ("", "<no image>"),
        ]
        for (image, expected) in cases {
            #expect(ContainerRow.image(image, id: id, truncate: true) == expected, "\(image)")
        }
        #expect(ContainerRow.image("busybox@\(digest)", id: id, truncate: false) == "busybox@\(digest)")
    }

    /// Empty values docker takes as none: `--stop-signal=` sends no signal, `--pull=` never
    /// pulls, `--name=` names nothing.
    @Test func emptyValuesAreNoneAsDockers() async throws {
        #expect(try Self.body(["--stop-signal", ""]).stopSignal == nil)
        // The daemon checks the signal and keeps it as written.
        #expect(try Self.body(["--stop-signal", "sigkill"]).stopSignal == "sigkill")
        let options = try ContainerConfigOptions.parse(["--pull", "", "--name", ""])
        #expect(try options.pullPolicy == .never)
        let create = try await options.createOptions(for: ContainerCreateBody(image: "busybox"), global: GlobalOptions.parse([])).options
        #expect(create.name == nil)
    }

    @Test func aSeccompProfileIsSentCompacted() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-seccomp-\(UUID().uuidString).json")
        try "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let body = try Self.body([
            "--security-opt", "seccomp=\(file.path)", "--security-opt", "seccomp=unconfined", "--security-opt", "seccomp=builtin",
        ])
        #expect(body.hostConfig?.securityOpt == [#"seccomp={"defaultAction":"SCMP_ACT_ALLOW"}"#, "seccomp=unconfined", "seccomp=builtin"])
    }

    /// Values docker refuses, with docker's words; all exit with 125 before any request.
    static let refusals: [([String], String)] = [
        (["--ulimit", "nofile"], #"invalid argument "nofile" for "--ulimit" flag: invalid ulimit argument: nofile"#),
        (["--ulimit", "bogus=1"], #"invalid argument "bogus=1" for "--ulimit" flag: invalid ulimit type: bogus"#),
        (
            ["--ulimit", "nofile=2:1"],
            #"invalid argument "nofile=2:1" for "--ulimit" flag: ulimit soft limit must be less than or equal to hard limit: 2 > 1"#
        ),
        (["--ulimit", "nofile=x"], #"invalid argument "nofile=x" for "--ulimit" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (
            ["--ulimit", "nofile=99999999999999999999"],
            #"invalid argument "nofile=99999999999999999999" for "--ulimit" flag: "#
                + #"strconv.ParseInt: parsing "99999999999999999999": value out of range"#
        ),
        (
            ["--ulimit", "nofile=x:y"],
            #"invalid argument "nofile=x:y" for "--ulimit" flag: strconv.ParseInt: parsing "y": invalid syntax"#
        ),
        (
            ["--ulimit", "nofile=0x10"],
            #"invalid argument "nofile=0x10" for "--ulimit" flag: strconv.ParseInt: parsing "0x10": invalid syntax"#
        ),
        (
            ["--ulimit", "nofile=-1:5"],
            #"invalid argument "nofile=-1:5" for "--ulimit" flag: "#
                + "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5"
        ),
        (
            ["--device-read-bps", "/dev/sda:1:2"],
            #"invalid argument "/dev/sda:1:2" for "--device-read-bps" flag: invalid rate for device: /dev/sda:1:2. "#
                + "The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. "
                + "Unit is optional and can be kb, mb, or gb"
        ),
        (
            ["--device-write-iops", "/dev/sda:x"],
            #"invalid argument "/dev/sda:x" for "--device-write-iops" flag: invalid rate for device: /dev/sda:x. "#
                + "The correct format is <device-path>:<number>. Number must be a positive integer"
        ),
        (
            ["--blkio-weight-device", "/dev/sda:5"],
            #"invalid argument "/dev/sda:5" for "--blkio-weight-device" flag: invalid weight for device: /dev/sda:5"#
        ),
        (["--device-read-bps", ":1"], #"invalid argument ":1" for "--device-read-bps" flag: bad format: :1"#),
        (
            ["--blkio-weight-device", "/dev/sda:+500"],
            #"invalid argument "/dev/sda:+500" for "--blkio-weight-device" flag: invalid weight for device: /dev/sda:+500"#
        ),
        (["--mount", "type=bind"], #"invalid argument "type=bind" for "--mount" flag: target is required"#),
        (["--mount", "foo"], #"invalid argument "foo" for "--mount" flag: invalid field 'foo' must be a key=value pair"#),
        (
            ["--mount", "type=tmpfs,dst=/t,tmpfs-size=x"],
            #"invalid argument "type=tmpfs,dst=/t,tmpfs-size=x" for "--mount" flag: invalid value for tmpfs-size: x"#
        ),
        (
            ["--mount", "type=bind,dst=/t,volume-nocopy"],
            #"invalid argument "type=bind,dst=/t,volume-nocopy" for "--mount" flag: cannot mix 'volume-*' options with mount type 'bind'"#
        ),
        (
            ["--mount", "type=bind,dst=/t,bind-recursive=nope"],
            #"invalid argument "type=bind,dst=/t,bind-recursive=nope" for "--mount" flag: invalid value for bind-recursive: nope "#
                + #"(must be "enabled", "disabled", "writable", or "readonly")"#
        ),
        (
            ["--mount", "type=bind,dst=/t,bind-recursive=writable"],
            #"invalid argument "type=bind,dst=/t,bind-recursive=writable" for "--mount" flag: "#
                + "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"
        ),
        (
            ["--mount", "type=bind,dst=/t,bind-recursive=readonly,ro"],
            #"invalid argument "type=bind,dst=/t,bind-recursive=readonly,ro" for "--mount" flag: "#
                + "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction"
        ),
        (
            ["--mount", "type=volume,dst=/t,image-subpath=x"],
            #"invalid argument "type=volume,dst=/t,image-subpath=x" for "--mount" flag: "#
                + "cannot mix 'image-*' options with mount type 'volume'"
        ),
        (
            ["--mount", "type=volume,dst=/t,ro=maybe"],
            #"invalid argument "type=volume,dst=/t,ro=maybe" for "--mount" flag: invalid value for ro: maybe"#
        ),
        (["--device", "/dev/null:rel"], "rel is not an absolute path"),
        (["--device", "/dev/null:/x:bad"], "bad mode specified: bad"),
        (["--health-interval", "x"], #"invalid argument "x" for "--health-interval" flag: time: invalid duration "x""#),
        (["--health-timeout", "-1s"], "--health-timeout cannot be negative"),
        (["--no-healthcheck", "--health-retries", "2"], "--no-healthcheck conflicts with --health-* options"),
        (["--sysctl", "kernel.foo=1"], #"invalid argument "kernel.foo=1" for "--sysctl" flag: sysctl 'kernel.foo=1' is not allowed"#),
        (["--pid", "bad"], "--pid: invalid PID mode"),
        (["--uts", "container:x"], "--uts: invalid UTS mode"),
        (["--userns", "bad"], "--userns: invalid USER mode"),
        (["--cgroupns", "bad"], "--cgroupns: invalid CGROUP mode"),
        (["--mac-address", "zz"], "zz is not a valid mac address"),
        (["--link", "a:b:c"], #"invalid argument "a:b:c" for "--link" flag: bad format for links: a:b:c"#),
        (["--network", "a", "--network", "a"], #"network "a" is specified multiple times"#),
        (
            ["--gpus", "x"],
            #"invalid argument "x" for "--gpus" flag: invalid count (x): value must be either "all" or an integer: invalid syntax"#
        ),
        (["--gpus", "all,all"], #"invalid argument "all,all" for "--gpus" flag: gpu request key 'all' can be specified only once"#),
        (["--gpus", "foo=bar"], #"invalid argument "foo=bar" for "--gpus" flag: unexpected key 'foo' in 'foo=bar'"#),
        (["--gpus", ""], #"invalid argument "" for "--gpus" flag: EOF"#),
        (
            ["--gpus", #""options=a""b""#],
            #"invalid argument "\"options=a\"\"b\"" for "--gpus" flag: failed to read gpu options: parse error on line 1, "#
                + #"column 2: bare " in non-quoted-field"#
        ),
        (
            ["--network", "host", "--network", "a"],
            "conflicting options: cannot attach both user-defined and non-user-defined network-modes"
        ),
        (["--network-alias", "x"], "network-scoped aliases are only supported for user-defined networks"),
        (["--net", "container:x", "--net-alias", "y"], "network-scoped aliases are only supported for user-defined networks"),
        (
            ["--network", "name=a,alias=x", "--network-alias", "y"],
            "conflicting options: cannot specify both --network-alias and per-network alias"
        ),
        (
            ["--network", "name=a,ip=1.2.3.4", "--ip", "1.2.3.5"],
            "conflicting options: cannot specify both --ip and per-network IPv4 address"
        ),
        (["--network", "name=a,ip6=1", "--ip6", "2"], "conflicting options: cannot specify both --ip6 and per-network IPv6 address"),
        (
            ["--network", "name=a,link-local-ip=1", "--link-local-ip", "2"],
            "conflicting options: cannot specify both --link-local-ip and per-network link-local IP addresses"
        ),
        (
            ["--network", "name=a,mac-address=3", "--mac-address", "02:42:ac:11:00:02"],
            "conflicting options: cannot specify both --mac-address and per-network MAC address"
        ),
        (["--network", "a", "--network", "name=b,mac-address=zz"], "zz is not a valid mac address"),
        (["--network", " "], "no name set for network"),
        (["--network", "foo=bar"], #"invalid argument "foo=bar" for "--network" flag: invalid field key foo"#),
        (["--network", "alias=x"], #"invalid argument "alias=x" for "--network" flag: network name/id is not specified"#),
        (["--network", "name=a,alias=x,a"], #"invalid argument "name=a,alias=x,a" for "--network" flag: invalid field a"#),
        (
            ["--network", "name=a,driver-opt=x"],
            #"invalid argument "name=a,driver-opt=x" for "--network" flag: invalid key value pair format in driver options"#
        ),
        (
            ["--network", "name=a,gw-priority=99999999999999999999"],
            #"invalid argument "name=a,gw-priority=99999999999999999999" for "--network" flag: invalid gw-priority "#
                + "(99999999999999999999): value out of range"
        ),
        (
            ["--network", "name=a,gw-priority=-"],
            #"invalid argument "name=a,gw-priority=-" for "--network" flag: invalid gw-priority (-): invalid syntax"#
        ),
        (["--storage-opt", "x"], "invalid storage option"),
        (["--log-driver", "none", "--log-opt", "a=b"], "invalid logging opts for driver none"),
        (["--security-opt", "bad"], #"Invalid --security-opt: "bad""#),
        (
            ["--security-opt", "seccomp=/nonexistent"],
            "opening seccomp profile (/nonexistent) failed: open /nonexistent: no such file or directory"
        ),
        (["--shm-size", "x"], #"invalid argument "x" for "--shm-size" flag: invalid size: 'x'"#),
        (["--memory-swap", "x"], #"invalid argument "x" for "--memory-swap" flag: invalid size: 'x'"#),
        (["--pull", "sometimes"], #"invalid pull option: 'sometimes': must be one of "always", "missing" or "never""#),
        (["-a", "stdwhat"], #"invalid argument "stdwhat" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR"#),
        (["--env-file", "/nonexistent"], "open /nonexistent: no such file or directory"),
        (["--blkio-weight-device", "x"], #"invalid argument "x" for "--blkio-weight-device" flag: bad format: x"#),
        (
            ["--device-read-bps", "/dev/sda:x"],
            #"invalid argument "/dev/sda:x" for "--device-read-bps" flag: invalid rate for device: /dev/sda:x. The correct "#
                + #"format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can "#
                + #"be kb, mb, or gb"#
        ),
        (["--device-cgroup-rule", "x"], #"invalid argument "x" for "--device-cgroup-rule" flag: invalid device cgroup format 'x'"#),
        (["--memory-swappiness", "200"], "invalid value: 200. Valid memory swappiness range is 0-100"),
        (["--rm", "--restart", "always"], "conflicting options: cannot specify both --restart and --rm"),
        (["--restart", ":3"], "invalid restart policy format: no policy provided before colon"),
        (["--restart", "on-failure:x"], "invalid restart policy format: maximum retry count must be an integer"),
        // docker's NanoCPUs: a rational number, exact to a billionth (docker would wrap 1e300 around).
        (["--cpus", "1e300"], #"invalid argument "1e300" for "--cpus" flag: value out of range"#),
        (["--cpus", "x"], #"invalid argument "x" for "--cpus" flag: failed to parse x as a rational number"#),
        (["--cpus", "1/3"], #"invalid argument "1/3" for "--cpus" flag: value is too precise"#),
        // Whole numbers: docker's Go type (uint16, int64, int) decides the range, strconv the words.
        (
            ["--blkio-weight", "70000"],
            #"invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": value out of range"#
        ),
        (["--blkio-weight", "-1"], #"invalid argument "-1" for "--blkio-weight" flag: strconv.ParseUint: parsing "-1": invalid syntax"#),
        (
            ["--blkio-weight", "70000x"],
            #"invalid argument "70000x" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000x": value out of range"#
        ),
        (["-c", "1e3"], #"invalid argument "1e3" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "1e3": invalid syntax"#),
        (
            ["--pids-limit", "9223372036854775808"],
            #"invalid argument "9223372036854775808" for "--pids-limit" flag: "#
                + #"strconv.ParseInt: parsing "9223372036854775808": value out of range"#
        ),
        (["--pids-limit", #"a"b"#], #"invalid argument "a\"b" for "--pids-limit" flag: strconv.ParseInt: parsing "a\"b": invalid syntax"#),
        (["--cpu-period", "1.5"], #"invalid argument "1.5" for "--cpu-period" flag: strconv.ParseInt: parsing "1.5": invalid syntax"#),
        (["--cpu-quota", "0x"], #"invalid argument "0x" for "--cpu-quota" flag: strconv.ParseInt: parsing "0x": invalid syntax"#),
        (["--cpu-rt-period", " 1"], #"invalid argument " 1" for "--cpu-rt-period" flag: strconv.ParseInt: parsing " 1": invalid syntax"#),
        (["--cpu-rt-runtime", ""], #"invalid argument "" for "--cpu-rt-runtime" flag: strconv.ParseInt: parsing "": invalid syntax"#),
        (
            ["--stop-timeout", "1__0"],
            #"invalid argument "1__0" for "--stop-timeout" flag: strconv.ParseInt: parsing "1__0": invalid syntax"#
        ),
        (
            ["--oom-score-adj", "99999999999999999999"],
            #"invalid argument "99999999999999999999" for "--oom-score-adj" flag: "#
                + #"strconv.ParseInt: parsing "99999999999999999999": value out of range"#
        ),
        (
            ["--memory-swappiness", "1e3"],
            #"invalid argument "1e3" for "--memory-swappiness" flag: strconv.ParseInt: parsing "1e3": invalid syntax"#
        ),
        (["--memory-swappiness", "0x80"], "invalid value: 128. Valid memory swappiness range is 0-100"),
        (["--health-retries", "x"], #"invalid argument "x" for "--health-retries" flag: strconv.ParseInt: parsing "x": invalid syntax"#),
        (
            ["--health-interval", "9223372036854775808ns"],
            #"invalid argument "9223372036854775808ns" for "--health-interval" flag: time: invalid duration "9223372036854775808ns""#
        ),
    ]

    @Test func theLargestValuesDockerTakesAreSent() throws {
        let body = try Self.body(["--health-interval", "9223372036854775807ns", "--cpus", "1e9", "-m", "8191p"])
        #expect(body.healthcheck?.interval == Int64.max)
        #expect(body.hostConfig?.nanoCpus == 1_000_000_000_000_000_000)
        #expect(body.hostConfig?.memory == 8191 << 50)
    }

    @Test(arguments: Self.refusals)
    func invalidValuesAreRefusedWithDockersMessage(arguments: [String], message: String) {
        #expect(Self.failure(arguments) == message)
    }

    @Test func goDurations() {
        #expect(GoDuration.nanoseconds("1m30s") == 90_000_000_000)
        #expect(GoDuration.nanoseconds("1.5h") == 5_400_000_000_000)
        #expect(GoDuration.nanoseconds("300ms") == 300_000_000)
        #expect(GoDuration.nanoseconds("2us") == 2_000)
        #expect(GoDuration.nanoseconds("-2s") == -2_000_000_000)
        #expect(GoDuration.nanoseconds("0") == 0)
        // The limits of 64 bits of nanoseconds, as Go's time.ParseDuration has them.
        #expect(GoDuration.nanoseconds("9223372036854775807ns") == Int64.max)
        #expect(GoDuration.nanoseconds("2562047h47m16.854775807s") == Int64.max)
        #expect(GoDuration.nanoseconds("-9223372036854775808ns") == Int64.min)
        #expect(GoDuration.nanoseconds("1.s") == 1_000_000_000)
        #expect(GoDuration.nanoseconds(".5s") == 500_000_000)
        #expect(GoDuration.nanoseconds("1.000000000000000000000001s") == 1_000_000_000)
        for invalid in [
            "", "5", "s", "1x", "1.s5", "--1s", "1s ", ".", "9223372036854775808ns", "2562048h", "99999999999999999999999s", "1e3s",
            "-9223372036854775809ns",
            // Found by fuzzing: two components of 2^63 each overflowed the sum.
            "9223372036854775808ns9223372036854775808ns",
            // Found by fuzzing: 2^64 wrapped when its last digit was added, before the check.
            "18446744073709551616s",
        ] {
            #expect(GoDuration.nanoseconds(invalid) == nil, "\(invalid)")
        }
    }

    /// `-e` as docker sends it: one entry per name, the last given, then config.json's proxy
    /// variables that no `-e` sets; `--env-file`'s entries first, as they are.
    @Test func environmentHasOneEntryPerNameAndTheProxies() throws {
        let arguments = ["-e", "A=1", "-e", "B=1", "-e", "A=2", "-e", "STEVEDORE_SURELY_UNSET", "-e", "STEVEDORE_SURELY_UNSET=3"]
        let proxies = ["HTTP_PROXY": "http://p", "http_proxy": "http://p", "NO_PROXY": "x"]
        let body = try ContainerConfigOptions.parse(arguments + ["-e", "http_proxy=mine"])
            .body(image: "busybox", command: [], proxyVariables: proxies)
        #expect(body.env == ["A=2", "B=1", "STEVEDORE_SURELY_UNSET=3", "http_proxy=mine", "HTTP_PROXY=http://p", "NO_PROXY=x"])
    }

    static func body(_ arguments: [String]) throws -> ContainerCreateBody {
        try ContainerConfigOptions.parse(arguments).body(image: "busybox", command: [])
    }

    /// The message of the failure `arguments` make, which must exit with 125.
    static func failure(_ arguments: [String]) -> String? {
        flagRefusal { _ = try Self.body(arguments) }
    }

    /// The JSON value at a dotted key path of the encoded body.
    static func value(at path: String, in body: ContainerCreateBody) -> NSObject? {
        guard let data = try? JSONEncoder().encode(body), var value = try? JSONSerialization.jsonObject(with: data) else { return nil }
        for key in path.split(separator: ".") {
            guard let object = value as? [String: Any], let next = object[String(key)] else { return nil }
            value = next
        }
        return value as? NSObject
    }
}
