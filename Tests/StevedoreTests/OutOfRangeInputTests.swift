import Foundation
import NIOCore
import Testing

@testable import Stevedore

/// Numbers at the ends of their range, from a tar a user hands over, a file on disk, or a
/// daemon's answer: each is read or refused, never a trap.
struct OutOfRangeInputTests {
    /// A tar of `entries` and its end marker.
    private static func tar(_ entries: [TarHeader]) -> ByteBuffer {
        var tar = ByteBuffer()
        for header in entries {
            var encoded = header.encoded()
            tar.writeBuffer(&encoded)
        }
        tar.writeRepeatingByte(0, count: 1024)
        return tar
    }

    @Test func aDirectoryClaimingTheLargestSizeHasNoData() throws {
        // The size does not fit ustar, so it travels in a PAX record.
        let tar = Self.tar([
            TarHeader(name: "d", kind: .directory, mode: 0o755, size: .max),
            TarHeader(name: "d/f", kind: .regularFile, mode: 0o644),
        ])
        var parser = TarParser()
        let names = try parser.feed(tar).compactMap { event -> String? in
            if case .header(let header) = event { return header.name }
            return nil
        }
        #expect(names == ["d", "d/f"])
        #expect(parser.isFinished)
    }

    @Test func anUnknownKindClaimingMoreThanAnyArchiveHoldsIsRefused() throws {
        var parser = TarParser()
        let error = #expect(throws: DockerError.self) {
            try parser.feed(Self.tar([TarHeader(name: "v", kind: TarHeader.Kind(rawValue: UInt8(ascii: "V")), mode: 0, size: .max)]))
        }
        #expect(error?.category == .malformedResponse)
    }

    @Test func aNegativeBase256SizeIsRefused() throws {
        var block = TarHeader(name: "f", kind: .regularFile, mode: 0o644).encoded()
        // GNU base-256: the marker bit, then big-endian bytes that make the value negative.
        block.setBytes([0x80] + [UInt8](repeating: 0xFF, count: 11), at: 124)
        block.setBytes([UInt8](repeating: 0x20, count: 8), at: 148)
        let sum = block.readableBytesView.prefix(512).reduce(0) { $0 + Int($1) }
        block.setString(String(sum, radix: 8).leftPadded(to: 6) + "\0 ", at: 148)
        var parser = TarParser()
        let error = #expect(throws: DockerError.self) { try parser.feed(block) }
        #expect(error?.category == .malformedResponse)
    }

    @Test func aContextFileDatedPast2262IsSent() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-mtime-\(UUID().uuidString)")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        var times = [timespec(tv_sec: 10_000_000_000, tv_nsec: 0), timespec(tv_sec: 10_000_000_000, tv_nsec: 0)]
        try #require(utimensat(AT_FDCWD, file.path, &times, 0) == 0)
        var status = stat()
        try #require(lstat(file.path, &status) == 0)
        let sent = try FileSyncSender.fileStat("f", status, absolute: file.path)
        #expect(sent.modTime == Int64(10_000_000_000) &* 1_000_000_000)
    }

    @Test func aDaemonsLargestCountersAreSummedWithoutTrapping() throws {
        var stats = ContainerStatsResponse()
        stats.networks = ["a": ContainerNetworkStats(rxBytes: .max, txBytes: .max), "b": ContainerNetworkStats(rxBytes: 2, txBytes: 1)]
        stats.blkioStats = ContainerBlkioStats(ioServiceBytesRecursive: [
            ContainerBlkioStatEntry(op: "read", value: .max), ContainerBlkioStatEntry(op: "read", value: .max),
        ])
        #expect(stats.networkIO == (1, 0))
        #expect(stats.blockIO == (UInt64.max - 1, 0))

        let usage = try JSONDecoder().decode(
            SystemDataUsageResponse.self,
            from: Data(
                #"""
                {"LayersSize": 9223372036854775807,
                 "Images": [{"Id": "a", "ParentId": "", "RepoTags": [], "RepoDigests": [], "Created": 0, "Labels": {},
                             "Containers": 1, "Size": 9223372036854775807, "SharedSize": -9223372036854775807},
                            {"Id": "b", "ParentId": "", "RepoTags": [], "RepoDigests": [], "Created": 0, "Labels": {},
                             "Containers": 1, "Size": 9223372036854775807, "SharedSize": 0}],
                 "Containers": [{"Id": "c", "State": "exited", "SizeRw": 9223372036854775807},
                                {"Id": "d", "State": "running", "SizeRw": 9223372036854775807}],
                 "Volumes": [],
                 "BuildCache": [{"ID": "x", "Size": 9223372036854775807, "InUse": false, "Shared": false},
                                {"ID": "y", "Size": 9223372036854775807, "InUse": true, "Shared": false}]}
                """#.utf8))
        // The reclaimable bytes are what is left when the active ones are taken from the wrapped
        // sum (once a trap), as Go's int64 arithmetic gives.
        let summary = usage.summary
        #expect(summary.images.totalCount == 2 && summary.containers.totalCount == 2)
        #expect(summary.containers.reclaimable == Int64.max)
        #expect(summary.buildCache.reclaimable == Int64.max)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }

    @Test func aNumberJSONCannotCarryIsRefusedByItsPathBeforeAnyRequest() async throws {
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/docker.sock"), apiVersion: APIVersion(1, 41)))
        defer { client.shutdown() }
        var spec = ServiceSpec()
        spec.taskTemplate = TaskSpec(containerSpec: .init(image: "busybox"))
        spec.updateConfig = .init(maxFailureRatio: .nan)
        let error = await #expect(throws: DockerError.self) { _ = try await client.services.create(spec) }
        #expect(error?.category == .invalidInput)
        #expect(error?.message == "UpdateConfig.MaxFailureRatio is nan, which JSON cannot carry: give a finite number")
    }
}
