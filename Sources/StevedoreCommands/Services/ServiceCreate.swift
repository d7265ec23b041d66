import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service create`: creates a service from docker's flags, prints its id, then
    /// (unless `--detach`) follows its tasks until it converges, as docker does.
    ///
    /// The spec is built as docker's CLI builds it: networks, secrets and configs named by the
    /// flags are looked up and sent by id, the image gets `:latest` when it has neither tag
    /// nor digest and is pinned to its digest unless `--no-resolve-image` (docker's warning on
    /// stderr when its registry cannot be asked), `--with-registry-auth` sends the
    /// credentials config.json holds for the image's registry.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a new service")

        @Option(name: .long, parsing: .unconditional, help: #"Service mode ("replicated", "global", "replicated-job", "global-job")"#)
        var mode = "replicated"
        @Option(name: .long, parsing: .unconditional, help: "Service name") var name: String?
        @OptionGroup var flags: ServiceFlags
        @Option(name: [.customShort("l"), .long], parsing: .unconditionalSingleValue, help: "Service labels") var label: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Container labels") var containerLabel: [String] = []
        @Option(name: [.customShort("e"), .long], parsing: .unconditionalSingleValue, help: "Set environment variables")
        var env: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Read in a file of environment variables") var envFile: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Attach a filesystem mount to the service") var mount: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Placement constraints") var constraint: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a placement preference") var placementPref: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Network attachments") var network: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Specify secrets to expose to the service") var secret: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Specify configurations to expose to the service")
        var config: [String] = []
        @Option(name: [.customShort("p"), .long], parsing: .unconditionalSingleValue, help: "Publish a port as a node port")
        var publish: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set one or more supplementary user groups for the container")
        var group: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set custom DNS servers") var dns: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set DNS options") var dnsOption: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set custom DNS search domains") var dnsSearch: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set one or more custom host-to-IP mappings (host:ip)")
        var host: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Sysctl options") var sysctl: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Ulimit options") var ulimit: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "User defined resources") var genericResource: [String] = []

        @Argument(help: "The image") var image: String
        @Argument(parsing: .captureForPassthrough, help: "The command and its arguments") var command: [String] = []

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try self.checkValues()
            try await withClient(self.global) { client in
                try await requireAPIVersions(of: self.givenFlags, client: client)
                var spec = try self.serviceSpec()
                spec.taskTemplate?.networks = try await self.networks(client: client)
                let secrets = try await SwarmFileReference.resolveSecrets(try self.secrets.map(\.secret), client: client)
                spec.taskTemplate?.containerSpec?.secrets = secrets.isEmpty ? nil : secrets
                try await self.setConfigs(of: &spec, client: client)
                var credentials: RegistryAuth?
                if self.flags.withRegistryAuth {
                    // docker refuses a malformed reference here, and sends empty credentials
                    // when config.json has none.
                    _ = try parseImageName(self.image)
                    credentials = try await self.global.credentials(forImage: self.image) ?? RegistryAuth()
                }
                let api = try await client.apiVersion()
                let warning = await ServiceFlags.resolveImage(
                    of: &spec, query: !self.flags.noResolveImage && api >= APIVersion(1, 30), credentials: credentials, client: client)
                let created = try await client.services.create(spec, options: ServiceCreateOptions(credentials: credentials))
                for line in (created.warnings ?? []) + [warning].compactMap({ $0 }) { printError(line) }
                let id = created.id
                printOut(id + "\n")
                guard !self.flags.detach, api >= APIVersion(1, 29) else { return }
                try await showConvergence(client, service: id, displayName: id, quiet: self.flags.quiet)
            }
        }

        // MARK: Flags

        /// The flags given that need a newer API than the oldest this client speaks.
        private var givenFlags: [(name: String, minimumAPI: APIVersion?)] {
            let own: [(name: String, given: Bool, minor: Int)] = [
                ("placement-pref", !self.placementPref.isEmpty, 28), ("secret", !self.secret.isEmpty, 25),
                ("config", !self.config.isEmpty, 30), ("group", !self.group.isEmpty, 25), ("dns", !self.dns.isEmpty, 25),
                ("dns-option", !self.dnsOption.isEmpty, 25), ("dns-search", !self.dnsSearch.isEmpty, 25),
                ("host", !self.host.isEmpty, 25), ("sysctl", !self.sysctl.isEmpty, 40), ("ulimit", !self.ulimit.isEmpty, 41),
            ]
            let gated = own.filter { $0.given }.map { flag -> (name: String, minimumAPI: APIVersion?) in
                (flag.name, APIVersion(1, flag.minor))
            }
            return self.flags.givenFlags + gated
        }

        /// Refuses a malformed flag value before anything is asked of the daemon, as docker does.
        private func checkValues() throws {
            try self.flags.checkValues()
            _ = try self.labels
            _ = try self.containerLabels
            _ = try self.environmentEntries
            _ = try self.mounts
            _ = try self.placementPreferences
            _ = try self.networkAttachments
            _ = try self.secrets
            _ = try self.configs
            _ = try self.ports
            _ = try self.nameservers
            _ = try self.searchDomains
            _ = try self.hosts
            _ = try self.ulimits
            _ = try self.genericResourceEntries
        }

        private var labels: [String] {
            get throws { try FlagValue.parseAll(self.label, for: "-l, --label", OptsFlagParsers.label) }
        }

        private var containerLabels: [String] {
            get throws { try FlagValue.parseAll(self.containerLabel, for: "--container-label", OptsFlagParsers.label) }
        }

        private var environmentEntries: [String] {
            get throws { try FlagValue.parseAll(self.env, for: "-e, --env", OptsFlagParsers.environment) }
        }

        private var mounts: [Mount] {
            get throws { try FlagValue.parseAll(self.mount, for: "--mount", MountArgument.parse) }
        }

        private var placementPreferences: [TaskSpec.Placement.Preference] {
            get throws { try FlagValue.parseAll(self.placementPref, for: "--placement-pref", ServiceFlagParsers.placementPreference) }
        }

        private var networkAttachments: [NetworkAttachmentConfig] {
            get throws { try FlagValue.parseAll(self.network, for: "--network", ServiceFlagParsers.network) }
        }

        private var secrets: [SwarmFileReference] {
            get throws { try FlagValue.parseAll(self.secret, for: "--secret") { try SwarmFileReference(parsing: $0, kind: "secret") } }
        }

        private var configs: [SwarmFileReference] {
            get throws { try FlagValue.parseAll(self.config, for: "--config") { try SwarmFileReference(parsing: $0, kind: "config") } }
        }

        private var ports: [EndpointPortConfig] {
            get throws { try FlagValue.parseAll(self.publish, for: "-p, --publish", PublishedPortParsing.parse).flatMap { $0 } }
        }

        private var nameservers: [String] {
            get throws { try FlagValue.parseAll(self.dns, for: "--dns", OptsFlagParsers.ipAddress) }
        }

        private var searchDomains: [String] {
            get throws { try FlagValue.parseAll(self.dnsSearch, for: "--dns-search", OptsFlagParsers.dnsSearch) }
        }

        private var hosts: [String] {
            get throws { try FlagValue.parseAll(self.host, for: "--host", OptsFlagParsers.extraHost) }
        }

        /// `--ulimit`s, a later one of a name replacing an earlier one, sorted by name.
        private var ulimits: [TaskSpec.ContainerSpec.Ulimit] {
            get throws {
                var byName: [String: Resources.Ulimit] = [:]
                for limit in try FlagValue.parseAll(self.ulimit, for: "--ulimit", ContainerFlagParsers.ulimit) {
                    byName[limit.name ?? ""] = limit
                }
                return byName.sorted { $0.key < $1.key }.map { _, limit in
                    TaskSpec.ContainerSpec.Ulimit(name: limit.name, soft: limit.soft, hard: limit.hard)
                }
            }
        }

        private var genericResourceEntries: [String] {
            get throws { try FlagValue.parseAll(self.genericResource, for: "--generic-resource", ServiceFlagParsers.genericResourceEntry) }
        }

        // MARK: The spec

        /// The spec the flags describe, but for what the daemon must be asked about (network,
        /// secret and config ids, the image's digest). Fields docker always sends (the DNS
        /// configuration, resources, placement, `Init`, the endpoint's mode) are set even when
        /// empty, so that the service looks as docker's would.
        private func serviceSpec() throws -> ServiceSpec {
            let environment = try self.environment()
            let health = try self.flags.newHealthCheck()
            let mode = try self.serviceMode()
            let isJob = mode.replicatedJob != nil || mode.globalJob != nil
            if isJob, try self.flags.updateConfig(from: nil) != nil || self.flags.rollbackConfig(from: nil) != nil {
                throw CommandFailure(description: "update and rollback configuration is not supported for jobs")
            }
            let generic = try ServiceFlagParsers.genericResources(try self.genericResourceEntries)
            let capabilities = ServiceFlagParsers.effectiveCapabilities(add: self.flags.capAdd, drop: self.flags.capDrop)
            var container = TaskSpec.ContainerSpec(
                image: self.image, labels: keyValueMap(try self.containerLabels), args: self.command.nilIfEmpty,
                env: environment.nilIfEmpty, groups: self.group.nilIfEmpty, mounts: (try self.mounts).nilIfEmpty,
                healthCheck: health, hosts: ServiceFlagParsers.swarmHosts(try self.hosts).nilIfEmpty,
                dnsConfig: .init(
                    nameservers: (try self.nameservers).nilIfEmpty, search: (try self.searchDomains).nilIfEmpty,
                    options: self.dnsOption.nilIfEmpty),
                init: self.flags.`init` ?? false, sysctls: keyValueMap(self.sysctl), capabilityAdd: capabilities.add,
                capabilityDrop: capabilities.drop, ulimits: (try self.ulimits).nilIfEmpty)
            if let credentialSpec = try self.flags.credentialSpecValue { container.privileges = .init(credentialSpec: credentialSpec) }
            let task = TaskSpec(
                containerSpec: container,
                resources: .init(limits: Limit(), reservations: ResourceObject(genericResources: generic.nilIfEmpty)),
                placement: .init(constraints: self.constraint.nilIfEmpty, preferences: (try self.placementPreferences).nilIfEmpty))
            let endpointMode = EndpointSpec.Mode(rawValue: (self.flags.endpointMode ?? "vip").lowercased())
            var spec = ServiceSpec(
                name: self.name, labels: keyValueMap(try self.labels), taskTemplate: task, mode: mode,
                endpointSpec: EndpointSpec(mode: endpointMode, ports: (try self.ports).nilIfEmpty))
            try self.flags.apply(to: &spec)
            return spec
        }

        /// `--mode` with `--replicas`, `--max-concurrent` and `--replicas-max-per-node`, refused
        /// together where docker refuses them.
        private func serviceMode() throws -> ServiceSpec.Mode {
            let replicas = try self.flags.replicasValue
            let maxConcurrent = try self.flags.maxConcurrentValue
            let perNode = try self.flags.maxReplicasValue ?? 0
            let replicasRefused = "replicas can only be used with replicated or replicated-job mode"
            let perNodeRefused = "replicas-max-per-node can only be used with replicated or replicated-job mode"
            let concurrencyRefused = "max-concurrent can only be used with replicated-job mode"
            switch self.mode {
            case "global":
                if replicas != nil { throw CommandFailure(description: replicasRefused) }
                if perNode > 0 { throw CommandFailure(description: perNodeRefused) }
                if maxConcurrent != nil { throw CommandFailure(description: concurrencyRefused) }
                return .init(global: .object([:]))
            case "replicated":
                if maxConcurrent != nil { throw CommandFailure(description: concurrencyRefused) }
                return .init(replicated: .init(replicas: replicas))
            case "replicated-job":
                return .init(replicatedJob: .init(maxConcurrent: maxConcurrent ?? replicas, totalCompletions: replicas))
            case "global-job":
                if perNode > 0 { throw CommandFailure(description: perNodeRefused) }
                if maxConcurrent != nil { throw CommandFailure(description: concurrencyRefused) }
                if replicas != nil { throw CommandFailure(description: replicasRefused) }
                return .init(globalJob: .object([:]))
            default:
                throw CommandFailure(description: "Unknown mode: \(self.mode), only replicated and global supported")
            }
        }

        /// The `--env-file` entries, then the `-e` ones; a variable set again replaces its
        /// earlier value, in the later one's place.
        private func environment() throws -> [String] {
            var entries: [String] = []
            do {
                for path in self.envFile { entries += try KeyValueFile.read(path, .environment) }
            } catch let failure as CommandFailure {
                // docker reads the files when it runs the command: not a usage error.
                throw CommandFailure(description: failure.description)
            }
            entries += try self.environmentEntries
            var environment: [String] = []
            for entry in entries {
                let key = OptsFlagParsers.environmentKey(entry)
                environment.removeAll { !$0.utf8.elementsEqual(entry.utf8) && $0.hasBytePrefix(key + "=") }
                environment.append(entry)
            }
            return environment
        }

        /// The `--network` attachments, each network found (in the swarm's scope) and named by
        /// id, sorted by id as docker sends them.
        private func networks(client: DockerClient) async throws -> [NetworkAttachmentConfig]? {
            var networks = try self.networkAttachments
            for index in networks.indices {
                let found = try await client.networks.inspect(networks[index].target ?? "", options: .init(scope: .swarm))
                networks[index].target = found.id
            }
            networks.sort { ($0.target ?? "") < ($1.target ?? "") }
            return networks.nilIfEmpty
        }

        /// The `--config` references with their ids; a `config://` credential spec's config is
        /// added as a runtime reference, and the credential spec then names it by id.
        private func setConfigs(of spec: inout ServiceSpec, client: DockerClient) async throws {
            var requested = try self.configs.map(\.config)
            let credentialConfig = try self.flags.credentialSpecValue?.config ?? ""
            if !credentialConfig.isEmpty { requested.append(.init(runtime: .object([:]), configName: credentialConfig)) }
            guard !requested.isEmpty else { return }
            let configs = try await SwarmFileReference.resolveConfigs(requested, client: client)
            spec.taskTemplate?.containerSpec?.configs = configs.nilIfEmpty
            if !credentialConfig.isEmpty, let id = configs.first(where: { $0.configName == credentialConfig })?.configID {
                spec.taskTemplate?.containerSpec?.privileges?.credentialSpec?.config = id
            }
        }

    }
}
