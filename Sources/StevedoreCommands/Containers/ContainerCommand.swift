import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore container …`: the container commands, also reachable at the top level as in
    /// docker (`stevedore ps`, `stevedore rm`…).
    struct Container: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage containers",
            subcommands: [
                ContainerCreate.self, ContainerStart.self, ContainerStop.self, ContainerRestart.self,
                ContainerKill.self, ContainerRemove.self, ContainerList.self, ContainerInspect.self,
                ContainerTop.self, ContainerDiff.self, ContainerExport.self, ContainerStats.self,
                ContainerRename.self, ContainerUpdate.self, ContainerWait.self, ContainerPause.self,
                ContainerUnpause.self, ContainerCopy.self, ContainerPrune.self,
                Run.self, Exec.self, Attach.self, Logs.self,
            ]
        )
    }

    /// The container commands docker also offers at the top level.
    static let topLevelContainerCommands: [any ParsableCommand.Type] = [
        ContainerCreate.self, ContainerStart.self, ContainerStop.self, ContainerRestart.self,
        ContainerKill.self, ContainerRemove.self, ContainerPS.self, ContainerInspect.self,
        ContainerTop.self, ContainerDiff.self, ContainerExport.self, ContainerStats.self,
        ContainerRename.self, ContainerUpdate.self, ContainerWait.self, ContainerPause.self,
        ContainerUnpause.self, ContainerCopy.self,
        Run.self, Exec.self, Attach.self, Logs.self,
    ]
}

/// Runs `action` on each object named (containers, images), as docker's multi-object commands do: prints
/// each name that succeeded, reports each failure on stderr, and fails (exit 1) at the end if
/// any did.
func forEachName(_ names: [String], print printName: Bool = true, _ action: (String) async throws -> Void) async throws {
    var failed = false
    for name in names {
        do {
            try await action(name)
            if printName { printOut(name + "\n") }
        } catch let error as DockerError {
            failed = true
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
    }
    if failed { throw CommandFailure(description: "", exitCode: 1) }
}

/// The daemon's warnings, each as docker prints them: `WARNING: …` on stderr.
func printWarnings(_ warnings: [String]) {
    for warning in warnings {
        FileHandle.standardError.write(Data("WARNING: \(warning)\n".utf8))
    }
}
