import Foundation

extension CommandLineProcess {
    /// The docker CLI on `PATH` (a test oracle, never a dependency) and `stevedore`, for a test
    /// that compares them, both pinned with `DOCKER_API_VERSION` to the version the docker CLI
    /// settles on with the engine (the lower of the two). A daemon answers some requests
    /// differently per version (Docker 28.5 counts an image's containers only on API 1.51),
    /// so the two tools must ask alike. `nil` when there is no docker CLI.
    public static func oracleAndStevedore() async throws -> (docker: CommandLineProcess, stevedore: CommandLineProcess)? {
        guard var docker = Self.onPath("docker") else { return nil }
        var stevedore = Self.stevedore
        let version = try await docker.run(["version", "--format", "{{.Client.APIVersion}}"])
        let apiVersion = version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        if version.status == 0, apiVersion.wholeMatch(of: /[0-9]+\.[0-9]+/) != nil {
            docker.environment["DOCKER_API_VERSION"] = apiVersion
            stevedore.environment["DOCKER_API_VERSION"] = apiVersion
        }
        return (docker, stevedore)
    }
}
