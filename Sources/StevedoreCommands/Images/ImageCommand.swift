import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore image …`: the image commands, most also reachable at the top level as in
    /// docker (`stevedore images`, `stevedore pull`, `stevedore rmi`…).
    struct Image: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage images",
            subcommands: [
                ImageBuild.self, ImageHistory.self, ImageImport.self, ImageInspect.self, ImageLoad.self, ImageList.self,
                ImagePrune.self, ImagePull.self, ImagePush.self, ImageRemove.self, ImageSave.self, ImageTag.self,
            ]
        )
    }

    /// The image and registry commands docker offers at the top level.
    static let topLevelImageCommands: [any ParsableCommand.Type] = [
        ImageBuild.self, ImageHistory.self, ImageImport.self, ImageLoad.self, Images.self, ImagePull.self, ImagePush.self,
        ImageRemoveTopLevel.self, ImageSave.self, ImageTag.self, ContainerCommit.self, Login.self, Logout.self, ImageSearch.self,
    ]
}

extension GlobalOptions {
    /// The docker CLI configuration (`config.json`) these options and the environment name:
    /// `--config` over `DOCKER_CONFIG` over `~/.docker`.
    func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DockerConfigFile {
        var environment = environment
        if let directory = self.config { environment["DOCKER_CONFIG"] = directory }
        return try DockerConfigFile.load(environment: environment)
    }

    /// The credentials config.json holds for the registry `image` lives on, if any.
    func credentials(forImage image: String) throws -> RegistryAuth? {
        try self.configFile().credentials(forImage: image)
    }
}

/// `--filter key=value` arguments as filters; a malformed one is a usage error (exit 125).
func parseFilters(_ arguments: [String]) throws -> DockerFilters {
    var filters = DockerFilters()
    for argument in arguments {
        do {
            try filters.add(parsing: argument)
        } catch is DockerError {
            throw CommandFailure(description: "invalid argument \"\(argument)\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", exitCode: 125)
        }
    }
    return filters
}

/// `reference` parsed as docker parses a name argument; a malformed one fails as docker's CLI
/// does, with its message and exit code 1.
func parseImageName(_ reference: String) throws -> ImageName {
    do {
        return try ImageName(parsing: reference)
    } catch let error as DockerError {
        throw CommandFailure(description: error.message, exitCode: 1)
    }
}
