import Foundation
import NIOCore
import Testing

@testable import Stevedore

@Suite("Container options and local checks")
struct ContainerInputTests {
    @Test func signalsParseByNameWithOrWithoutPrefixAndByNumber() throws {
        for (name, number) in ContainerSignal.linuxTable {
            #expect(try ContainerSignal(parsing: name).number == number)
            #expect(try ContainerSignal(parsing: "SIG" + name).rawValue == "SIG" + name)
            #expect(try ContainerSignal(parsing: name.lowercased()).number == number)
        }
        #expect(ContainerSignal.linuxTable.count == 34)
        #expect(try ContainerSignal(parsing: "SIGABRT").number == 6)
        #expect(try ContainerSignal(parsing: "xfsz").number == 25)
        #expect(try ContainerSignal(parsing: "9").rawValue == "9")
        #expect(try ContainerSignal(parsing: "RTMIN").number == 34)
        #expect(try ContainerSignal(parsing: "SIGRTMIN+3").number == 37)
        #expect(try ContainerSignal(parsing: "rtmax-1").number == 63)
        for bad in [
            "", "SIGFOO", "0", "65", "-1", "RTMIN+16", "RTMAX+1", "RTMIN-1", "SIG", "RTMIN\u{301}+1", "SIG\u{301}KILL", "\u{212A}ILL",
        ] {
            let error = #expect(throws: DockerError.self) { try ContainerSignal(parsing: bad) }
            #expect(error?.category == .invalidInput, "\(bad)")
        }
    }

    @Test func listFiltersEncodeEveryKey() throws {
        var filters = ContainerListFilters()
        filters.ancestor = ["busybox"]
        filters.before = ["a"]
        filters.expose = ["80/tcp"]
        filters.exited = [0]
        filters.health = [.healthy]
        filters.id = ["abc"]
        filters.isolation = [.process]
        filters.isTask = true
        filters.label = [LabelFilter("k"), LabelFilter("k2", "v")]
        filters.name = ["n"]
        filters.network = ["host"]
        filters.publish = ["8080"]
        filters.since = ["b"]
        filters.status = [.paused]
        filters.volume = ["/data"]
        #expect(
            filters.dockerFilters.json
                == #"{"ancestor":{"busybox":true},"before":{"a":true},"exited":{"0":true},"expose":{"80/tcp":true},"#
                + #""health":{"healthy":true},"id":{"abc":true},"is-task":{"true":true},"isolation":{"process":true},"#
                + #""label":{"k":true,"k2=v":true},"#
                + #""name":{"n":true},"network":{"host":true},"publish":{"8080":true},"since":{"b":true},"status":{"paused":true},"#
                + #""volume":{"/data":true}}"#
        )
        let parsed = try ContainerListFilters(parsing: ["status=exited", "label=a=b", "exited=1", "is-task=false", "future=x"])
        #expect(parsed.status == [.exited])
        #expect(parsed.label == [LabelFilter("a", "b")])
        #expect(parsed.exited == [1])
        #expect(parsed.isTask == false)
        #expect(parsed.additional == ["future": ["x"]])
        #expect(
            ContainerPruneFilters(until: "10m", label: [LabelFilter("a")], labelNot: [LabelFilter("b", "c")]).dockerFilters.json
                == #"{"label":{"a":true},"label!":{"b=c":true},"until":{"10m":true}}"#)
    }

    @Test func pathStatDecodesTheDaemonsHeader() throws {
        // What dockerd 20.10 sends for /bin.
        let stat = try ContainerPathStat.decode(
            header:
                "eyJuYW1lIjoiYmluIiwic2l6ZSI6NDA5NiwibW9kZSI6MjE0NzQ4NDE0MSwibXRpbWUiOiIxOTcwLTAxLTAxVDAwOjAwOjAwWiIs"
                + "ImxpbmtUYXJnZXQiOiIifQ=="
        )
        #expect(stat.name == "bin")
        #expect(stat.mode.isDirectory && !stat.mode.isSymbolicLink && !stat.mode.isRegularFile)
        #expect(stat.mode.permissions == 0o755)
        #expect(stat.modificationDate == Date(timeIntervalSince1970: 0))
        for bad in [nil, "", "%%%", Data("{}".utf8).base64EncodedString()] {
            let error = #expect(throws: DockerError.self) { try ContainerPathStat.decode(header: bad) }
            #expect(error?.category == .malformedResponse)
        }
    }

    @Test func statsFiguresAreComputedAsTheDockerCLIDoes() throws {
        var stats = ContainerStatsResponse()
        stats.cpuStats = ContainerCPUStats(cpuUsage: ContainerCPUUsage(totalUsage: 300, percpuUsage: [150, 150]), systemCpuUsage: 2_000)
        stats.precpuStats = ContainerCPUStats(cpuUsage: ContainerCPUUsage(totalUsage: 100), systemCpuUsage: 1_000)
        #expect(stats.cpuPercent == 40)  // 200 / 1000 × 2 CPUs × 100
        stats.cpuStats?.onlineCpus = 4
        #expect(stats.cpuPercent == 80)
        stats.memoryStats = ContainerMemoryStats(usage: 1_000, stats: ["total_inactive_file": 200], limit: 4_000)
        #expect(stats.memoryUsageWithoutCache == 800)
        #expect(stats.memoryPercent == 20)
        stats.memoryStats?.stats = ["inactive_file": 500]
        #expect(stats.memoryUsageWithoutCache == 500)
        stats.blkioStats = ContainerBlkioStats(ioServiceBytesRecursive: [
            ContainerBlkioStatEntry(op: "Read", value: 10), ContainerBlkioStatEntry(op: "write", value: 5),
            ContainerBlkioStatEntry(op: "Total", value: 15),
        ])
        #expect(stats.blockIO == (10, 5))
        stats.networks = ["eth0": ContainerNetworkStats(rxBytes: 1, txBytes: 2), "eth1": ContainerNetworkStats(rxBytes: 3, txBytes: 4)]
        #expect(stats.networkIO == (4, 6))
        #expect(ContainerStatsResponse().cpuPercent == 0)
        #expect(ContainerStatsResponse().memoryPercent == 0)
    }

    @Test func localTarRoundTripsThroughTheParserAndExtractor() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-tar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = root + "/src"
        let longName = String(repeating: "d", count: 120)
        try FileManager.default.createDirectory(atPath: source + "/" + longName, withIntermediateDirectories: true)
        let content = Data((0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try content.write(to: URL(fileURLWithPath: source + "/" + longName + "/f.bin"))
        try FileManager.default.setAttributes([.posixPermissions: 0o4711], ofItemAtPath: source + "/" + longName + "/f.bin")
        try FileManager.default.createSymbolicLink(atPath: source + "/ln", withDestinationPath: longName + "/f.bin")

        var headers: [TarHeader] = []
        var parser = TarParser()
        var maximumChunk = 0
        for try await chunk in LocalTarArchive(source: source, archiveName: "top") {
            maximumChunk = max(maximumChunk, chunk.readableBytes)
            // Feed in awkward pieces to exercise every state boundary.
            var rest = chunk
            while let piece = rest.readSlice(length: min(rest.readableBytes, 333)), piece.readableBytes > 0 {
                for case .header(let header) in try parser.feed(piece) { headers.append(header) }
            }
        }
        #expect(parser.isFinished)
        #expect(maximumChunk <= LocalTarArchive.chunkSize + 512)
        #expect(headers.map(\.name) == ["top", "top/" + longName, "top/" + longName + "/f.bin", "top/ln"])
        #expect(headers[2].size == 700_000 && headers[2].mode == 0o4711)
        #expect(headers[3].kind == .symbolicLink && headers[3].linkName == longName + "/f.bin")

        let destination = root + "/dst"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try await TarExtractor.extract(LocalTarArchive(source: source, archiveName: "top"), into: destination, renaming: ("top", "renamed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination + "/renamed/" + longName + "/f.bin")) == content)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: destination + "/renamed/ln") == longName + "/f.bin")
    }

    /// FIFOs, device nodes and hard links are archived and extracted as docker's archive does:
    /// kept, with their mode and numbers, not refused one way and dropped the other.
    @Test func fifosAndDevicesRoundTrip() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-tar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/src", withIntermediateDirectories: true)
        #expect(mkfifo(root + "/src/fifo", 0o640) == 0)
        // A file's second link is a hard link to its first entry.
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/src/a"))
        try FileManager.default.linkItem(atPath: root + "/src/a", toPath: root + "/src/b")
        var headers: [TarHeader] = []
        var parser = TarParser()
        for try await chunk in LocalTarArchive(source: root + "/src", archiveName: "src") {
            for case .header(let header) in try parser.feed(chunk) { headers.append(header) }
        }
        #expect(headers.map(\.name) == ["src", "src/a", "src/b", "src/fifo"])
        #expect(headers[1].kind == .regularFile && headers[1].size == 1)
        #expect(headers[2].kind == .hardLink && headers[2].linkName == "src/a" && headers[2].size == 0)
        #expect(headers[3].kind == .fifo && headers[3].mode == 0o640)
        try FileManager.default.createDirectory(atPath: root + "/dst", withIntermediateDirectories: true)
        try await TarExtractor.extract(LocalTarArchive(source: root + "/src", archiveName: "src"), into: root + "/dst")
        #expect(stat.of(root + "/dst/src/fifo").map { $0.st_mode & S_IFMT == S_IFIFO && $0.st_mode & 0o777 == 0o640 } == true)
        #expect(stat.of(root + "/dst/src/b").map { $0.st_nlink } == 2)
        // Under a top entry `.` (plugin create's), a link names its target without `./`.
        var dotHeaders: [TarHeader] = []
        var dotParser = TarParser()
        for try await chunk in LocalTarArchive(source: root + "/src", archiveName: ".") {
            for case .header(let header) in try dotParser.feed(chunk) { dotHeaders.append(header) }
        }
        #expect(dotHeaders.first { $0.kind == .hardLink }?.linkName == "a")
        // A device's numbers survive the header, and makedev undoes major and minor.
        var device = TarHeader(name: "null", kind: .characterDevice, mode: 0o666, deviceMajor: 259, deviceMinor: 70_000).encoded()
        let parsed = try TarHeader.parse(block: device.readSlice(length: 512)!.readableBytesView)
        #expect(parsed?.deviceMajor == 259 && parsed?.deviceMinor == 70_000)
        var status = stat()
        status.st_rdev = stat.device(major: 259, minor: 70_000)
        #expect(status.deviceNumbers == (259, 70_000))
    }

    /// The daemon's archive of a container's `/` names its entries `/`, `/bin/`…: they go below
    /// the destination, into the directory `/` is renamed to, as docker's `cp C:/ DEST` puts them.
    @Test func extractorReadsAnArchiveOfTheRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-tar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var tar = ByteBuffer()
        for header in [
            TarHeader(name: "/", kind: .directory, mode: 0o755), TarHeader(name: "/bin/", kind: .directory, mode: 0o755),
            TarHeader(name: "/bin/x", kind: .regularFile, mode: 0o644),
        ] {
            var encoded = header.encoded()
            tar.writeBuffer(&encoded)
        }
        tar.writeRepeatingByte(0, count: 1024)
        for (renaming, expected) in [(("/", "rootcopy") as (String, String)?, "/rootcopy/bin/x"), (nil, "/bin/x")] {
            let destination = root + "/" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
            var extractor = TarExtractor(destination: destination, renaming: renaming)
            try extractor.write(tar)
            try extractor.finish()
            #expect(FileManager.default.fileExists(atPath: destination + expected))
        }
    }

    /// Every entry gets its time, a symbolic link its own (its target's stays), as docker's
    /// Untar sets them; a file its mode.
    @Test func extractedEntriesKeepTheirTimes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-tar-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var tar = ByteBuffer()
        for header in [
            TarHeader(name: "d/", kind: .directory, mode: 0o750, modificationTime: 1_000_000_000),
            TarHeader(name: "d/file", kind: .regularFile, mode: 0o640, modificationTime: 1_100_000_000),
            TarHeader(name: "d/link", kind: .symbolicLink, mode: 0o777, modificationTime: 1_200_000_000, linkName: "file"),
        ] {
            var encoded = header.encoded()
            tar.writeBuffer(&encoded)
        }
        tar.writeRepeatingByte(0, count: 1024)
        var extractor = TarExtractor(destination: root)
        try extractor.write(tar)
        try extractor.finish()
        let times = ["d", "d/file", "d/link"].map { stat.of(root + "/" + $0).map { Int($0.modificationTime.tv_sec) } }
        #expect(times == [1_000_000_000, 1_100_000_000, 1_200_000_000])
        #expect(stat.of(root + "/d/file").map { $0.st_mode & 0o7777 } == 0o640)
    }

    /// As docker's client sends them: `CAP_` names, once each, sorted.
    @Test func capabilitiesAreNormalizedOnceEach() {
        #expect(
            DockerClient.Containers.normalizedCapabilities(["net_admin", "NET_ADMIN", "all", "CAP_SYS_TIME", "chown"])
                == ["ALL", "CAP_CHOWN", "CAP_NET_ADMIN", "CAP_SYS_TIME"])
    }

    /// An empty local path is refused before any request, not read as the working directory.
    @Test func aCopyRefusesAnEmptyLocalPath() async throws {
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock")))
        defer { client.shutdown() }
        let copyIn = await #expect(throws: DockerError.self) { try await client.containers.copyIn("c", path: "/", from: "") }
        #expect(copyIn?.category == .invalidInput && copyIn?.message == "source can not be empty")
        let copyOut = await #expect(throws: DockerError.self) { try await client.containers.copyOut("c", path: "/", to: "") }
        #expect(copyOut?.category == .invalidInput && copyOut?.message == "destination can not be empty")
    }

    @Test func extractorRefusesPathsLeavingTheDestination() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-tar-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for entries in [
            [TarHeader(name: "../escape", kind: .regularFile, mode: 0o644)],
            // A combining mark after the `/` makes `/\u{301}` one Character: the `..` before it
            // is still a component of the path the kernel resolves.
            [TarHeader(name: "../\u{301}escape", kind: .regularFile, mode: 0o644)],
            [
                TarHeader(name: "link", kind: .symbolicLink, mode: 0o777, linkName: "/tmp"),
                TarHeader(name: "link/x", kind: .regularFile, mode: 0o644),
            ],
            // A hard link to a directory, which link(2) refuses (no tree of links is made).
            [TarHeader(name: "d", kind: .directory, mode: 0o755), TarHeader(name: "l", kind: .hardLink, mode: 0o644, linkName: "d")],
        ] {
            var tar = ByteBuffer()
            for header in entries { var encoded = header.encoded(); tar.writeBuffer(&encoded) }
            tar.writeRepeatingByte(0, count: 1024)
            var extractor = TarExtractor(destination: root)
            let error = #expect(throws: DockerError.self) { try extractor.write(tar) }
            #expect(error?.category == .invalidInput)
        }
        // A directory entry over a link to a directory elsewhere replaces the link: the entry's
        // mode is not applied through it.
        let outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: outside)
        let inside = root + "/inside"
        try FileManager.default.createDirectory(atPath: inside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: inside + "/d", withDestinationPath: outside)
        var directory = TarHeader(name: "d", kind: .directory, mode: 0o700).encoded()
        directory.writeRepeatingByte(0, count: 1024)
        var overLink = TarExtractor(destination: inside)
        try overLink.write(directory)
        try overLink.finish()
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: inside + "/d")) == nil)
        #expect((try FileManager.default.attributesOfItem(atPath: outside)[.posixPermissions] as? NSNumber)?.intValue == 0o755)
        var truncated = TarHeader(name: "f", kind: .regularFile, mode: 0o644, size: 10).encoded()
        truncated.writeString("abc")
        var extractor = TarExtractor(destination: root)
        try extractor.write(truncated)
        let error = #expect(throws: DockerError.self) { try extractor.finish() }
        #expect(error?.category == .malformedResponse)
        var parser = TarParser()
        let garbage = #expect(throws: DockerError.self) { try parser.feed(ByteBuffer(repeating: 7, count: 512)) }
        #expect(garbage?.category == .malformedResponse)
    }

    /// A PAX name with a NUL is a corrupt header (as Go's archive/tar reads it): `d/..\0` is no
    /// `..` to the extractor's check, but the kernel stops at the NUL and sees `d/..`.
    @Test func aNULInAPAXNameIsACorruptHeader() throws {
        let record = "path=d/..\u{0}\n"
        let content = "\(record.utf8.count + 3) \(record)"  // the length counts its own two digits and space
        var tar = TarHeader(name: "PaxHeaders/d", kind: .paxExtended, mode: 0o644, size: Int64(content.utf8.count)).encoded()
        tar.writeString(content)
        tar.writeRepeatingByte(0, count: 512 - content.utf8.count)
        var directory = TarHeader(name: "d", kind: .directory, mode: 0o755).encoded()
        tar.writeBuffer(&directory)
        var parser = TarParser()
        let error = #expect(throws: DockerError.self) { try parser.feed(tar) }
        #expect(error?.category == .malformedResponse)
        #expect(try TarParser.paxRecords(ByteBuffer(string: content)).first?.1 == "d/..\u{0}", "the record itself is well formed")
    }

    /// PAX records as Go's archive/tar reads them: each one whole, or the archive is invalid.
    /// `1 a=b` once trapped, its record ending before it began.
    @Test(arguments: [
        "1 a=b\n", "5 ab\n", "9 a=b\n", "6 a=bc", "x a=b\n", "-7 a=b\n", "6 a=b\n\0\0", "99999999999999999999 a=b\n", "6 =ab\n",
    ])
    func aMalformedPAXRecordIsACorruptHeader(content: String) {
        let error = #expect(throws: DockerError.self) { try TarParser.paxRecords(ByteBuffer(string: content)) }
        #expect(error?.category == .malformedResponse)
    }

    @Test func paxRecordsAreReadWhole() throws {
        let records = try TarParser.paxRecords(ByteBuffer(string: "7 a=bc\n12 path=x=y\n5 k=\n"))
        #expect(records.map { "\($0.0)|\($0.1)" } == ["a|bc", "path|x=y", "k|"])
    }
}
