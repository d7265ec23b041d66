import Stevedore
import Testing

@testable import StevedoreCommands

/// `--mount`'s keys docker 28 reads beyond the classic ones (checked against the mounts the
/// docker CLI creates, on Docker 28.5): their options, and keys in any case.
@Suite struct MountArgumentTests {
    @Test func recursiveBindsSubpathsAndImageMountsAreDockers() throws {
        let disabled = try MountArgument.parse("type=bind,src=/tmp,dst=/d,bind-recursive=disabled")
        #expect(disabled.bindOptions == .init(nonRecursive: true))
        // `enabled` is the default: no options, and no bind option on a volume mount either.
        #expect(try MountArgument.parse("type=bind,src=/tmp,dst=/d,bind-recursive=enabled").bindOptions == nil)
        #expect(try MountArgument.parse("type=volume,dst=/v,bind-recursive=enabled").bindOptions == nil)
        let upperFlags = try MountArgument.parse("type=bind,src=/tmp,dst=/d,RO,Bind-NonRecursive")
        #expect(upperFlags.readOnly == true && upperFlags.bindOptions == .init(nonRecursive: true))
        let writable = try MountArgument.parse("type=bind,src=/tmp,dst=/d,bind-recursive=writable,ro")
        #expect(writable.bindOptions == .init(readOnlyNonRecursive: true) && writable.readOnly == true)
        let forced = try MountArgument.parse("type=bind,src=/tmp,dst=/d,bind-recursive=readonly,readonly,bind-propagation=rprivate")
        #expect(forced.bindOptions == .init(propagation: .rprivate, readOnlyForceRecursive: true))
        #expect(try MountArgument.parse("type=volume,dst=/v,volume-subpath=sub").volumeOptions?.subpath == "sub")
        let image = try MountArgument.parse("type=image,src=busybox,dst=/i,image-subpath=bin")
        #expect(image.type == .image && image.imageOptions == .init(subpath: "bin"))
        let upper = try MountArgument.parse("TYPE=tmpfs,DST=/t,Tmpfs-Size=1m")
        #expect(upper.type == .tmpfs && upper.target == "/t" && upper.tmpfsOptions?.sizeBytes == 1 << 20)
    }
}
