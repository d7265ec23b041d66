import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore version`: client and server versions, and the API version in use.
    struct Version: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "version", abstract: "Show the Docker version information")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        /// What `--format` sees, shaped like the docker CLI's version struct.
        struct Report: Encodable, GoTypedFields {
            static let goStructType: String? = "system.versionInfo"

            /// docker's `clientVersion`, in its field order. Its Go build details (platform
            /// name, commit, Go version, build time) are not stevedore's to give: nil, which a
            /// template reads as Go's zero value and `json` leaves out, as docker's `omitempty`.
            struct Client: Encodable, GoTypedFields {
                static let goStructType: String? = "system.clientVersion"
                static let goFieldNames = ["APIVersion": "ApiVersion"]
                static let goOmittedWhenNil: Set = ["Platform", "ApiVersion", "GitCommit", "GoVersion", "BuildTime"]

                var Platform: Platform? = nil
                var Version = StevedoreLibrary.version
                /// The API version in use; `nil` in `info`'s client half, as docker's.
                var ApiVersion: String?
                var DefaultAPIVersion = APIVersion.clientMaximum.description
                var GitCommit: String? = nil
                var GoVersion: String? = nil
                var Os = OCIPlatform.current.os ?? ""
                var Arch = OCIPlatform.current.architecture ?? ""
                var BuildTime: String? = nil
                var Context: String
            }

            /// docker's `platformInfo`.
            struct Platform: Encodable, GoTypedFields {
                static let goStructType: String? = "*system.platformInfo"
                var Name: String
            }
            var Client: Client
            var Server: SystemVersion?
        }

        func run() async throws {
            // As docker: a template that does not parse is refused before the daemon is asked.
            let template = try self.format.flatMap { $0.isEmpty ? nil : try CommandOutput.parse($0, name: "version") }
            let context = try self.global.contextName()
            try await withClient(self.global) { client in
                let server: SystemVersion
                let apiVersion: APIVersion
                do {
                    apiVersion = try await client.apiVersion()
                    server = try await client.system.version()
                } catch let error as DockerError {
                    // Like docker: the client half still prints when the daemon is unreachable,
                    // and a template runs without the server's (one that fails on it prints its
                    // line empty).
                    let clientHalf = Self.client(apiVersion: nil, context: context)
                    if let template {
                        // The daemon's error is the one reported.
                        try? CommandOutput.write(Report(Client: clientHalf, Server: nil), with: template)
                    } else {
                        printOut(Self.clientSection(clientHalf))
                    }
                    throw error
                }
                let report = Report(Client: Self.client(apiVersion: apiVersion, context: context), Server: Self.engineReported(server))
                if let template {
                    try CommandOutput.write(report, with: template)
                } else {
                    printOut(Self.clientSection(report.Client) + "\n" + Self.serverSection(report.Server ?? server))
                }
            }
        }

        /// The daemon's version as docker shows it: the Engine component's build time written as
        /// `version` writes it (ANSI C), and, from a daemon that lists no Engine component, one
        /// made of the top-level fields.
        static func engineReported(_ server: SystemVersion) -> SystemVersion {
            var server = server
            var components = server.components ?? []
            if let index = components.firstIndex(where: { $0.name == "Engine" }) {
                if case .object(var details)? = components[index].details, case .string(let built)? = details["BuildTime"] {
                    details["BuildTime"] = .string(goANSICTime(built))
                    components[index].details = .object(details)
                }
            } else {
                let fields: [String: String] = [
                    "ApiVersion": server.apiVersion ?? "", "MinAPIVersion": server.minAPIVersion ?? "", "GitCommit": server.gitCommit ?? "",
                    "GoVersion": server.goVersion ?? "", "Os": server.os ?? "", "Arch": server.arch ?? "",
                    "BuildTime": goANSICTime(server.buildTime ?? ""), "Experimental": String(server.experimental ?? false),
                ]
                let details = JSONValue.object(fields.mapValues(JSONValue.string))
                components.append(.init(name: "Engine", version: server.version ?? "", details: details))
            }
            server.components = components
            return server
        }

        static func client(apiVersion: APIVersion?, context: String) -> Report.Client {
            Report.Client(ApiVersion: (apiVersion ?? .clientMaximum).description, Context: context)
        }

        static func clientSection(_ client: Report.Client) -> String {
            var apiVersion = client.ApiVersion ?? ""
            if apiVersion != client.DefaultAPIVersion {
                apiVersion += " (downgraded from \(client.DefaultAPIVersion))"
            }
            return """
                Client: Stevedore
                 Version:           \(client.Version)
                 API version:       \(apiVersion)
                 OS/Arch:           \(client.Os)/\(client.Arch)
                 Context:           \(client.Context)

                """
        }

        static func serverSection(_ server: SystemVersion) -> String {
            let name = server.platform?.name ?? ""
            var text = "Server:\(name.isEmpty ? "" : " \(name)")\n"
            for component in server.components ?? [] {
                text += " \(component.name):\n"
                text += "  Version:          \(component.version)\n"
                if component.name == "Engine" {
                    text += "  API version:      \(server.apiVersion ?? "") (minimum version \(server.minAPIVersion ?? ""))\n"
                    text += "  Go version:       \(server.goVersion ?? "")\n"
                    text += "  Git commit:       \(server.gitCommit ?? "")\n"
                    text += "  Built:            \(goANSICTime(server.buildTime ?? ""))\n"
                    text += "  OS/Arch:          \(server.os ?? "")/\(server.arch ?? "")\n"
                    text += "  Experimental:     \(server.experimental ?? false)\n"
                } else if let details = component.details, case .object(let fields) = details {
                    for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                        if case .string(let string) = value {
                            text += "  \(key):" + String(repeating: " ", count: max(1, 17 - key.count)) + string + "\n"
                        }
                    }
                }
            }
            return text
        }
    }
}
