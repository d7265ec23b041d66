import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service update`: changes what the given flags name in a service's spec and
    /// sends it back with the version it was read at, prints the service's name, then (unless
    /// `--detach`) follows its tasks until it converges, as docker does.
    ///
    /// The edits are docker's: `-add`/`-rm` flags merge into the service's lists and maps
    /// (several come out sorted, as docker sorts them so that an unchanged service is not
    /// updated), a new `--image` is pinned to its digest unless `--no-resolve-image`,
    /// `--force` redeploys the tasks, and `--rollback` (alone) asks the swarm to go back to
    /// the previous spec.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update a service")

        @Option(name: .long, parsing: .unconditional, help: "Service image tag") var image: String?
        @Option(name: .long, parsing: .unconditional, help: "Service command args") var args: String?
        @Flag(name: .long, help: "Rollback to previous specification") var rollback = false
        @Flag(name: .long, help: "Force update even if no changes require it") var force = false
        @OptionGroup var flags: ServiceFlags
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove an environment variable") var envRm: [String] = []
        @Option(
            name: .long, parsing: .unconditionalSingleValue,
            help: "Remove a previously added supplementary user group from the container")
        var groupRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a label by its key") var labelRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a container label by its key")
        var containerLabelRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a mount by its target path") var mountRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a published port by its target port")
        var publishRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a constraint") var constraintRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a custom DNS server") var dnsRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a DNS option") var dnsOptionRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a DNS search domain") var dnsSearchRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: #"Remove a custom host-to-IP mapping ("host:ip")"#)
        var hostRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a service label") var labelAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a container label")
        var containerLabelAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update an environment variable") var envAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a secret") var secretRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a secret on a service") var secretAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a configuration file") var configRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a config file on a service")
        var configAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a mount on a service") var mountAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a placement constraint")
        var constraintAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a placement preference") var placementPrefAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a placement preference") var placementPrefRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a network") var networkAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a network") var networkRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a published port") var publishAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add an additional supplementary user group to the container")
        var groupAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a custom DNS server") var dnsAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a DNS option") var dnsOptionAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a custom DNS search domain")
        var dnsSearchAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: #"Add a custom host-to-IP mapping ("host:ip")"#)
        var hostAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a Sysctl option") var sysctlAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a Sysctl option") var sysctlRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a ulimit option") var ulimitAdd: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a ulimit option") var ulimitRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a Generic resource") var genericResourceRm: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a Generic resource") var genericResourceAdd: [String] = []

        @Argument(help: "The service (name or id)") var service: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try self.checkValues()
            try await withClient(self.global) { client in
                try await requireAPIVersions(of: self.flags.givenFlags + self.givenFlags, client: client)
                let (service, raw) = try await client.services.inspectWithRaw(self.service)
                let api = try await client.apiVersion()
                var spec = service.spec ?? ServiceSpec()
                var registryAuthFrom = ServiceUpdateOptions.RegistryAuthSource.spec
                var serverSideRollback = false
                if self.rollback {
                    let others = self.flags.givenFlags.filter { $0.name != "detach" && $0.name != "quiet" } + self.givenFlags
                    guard others.allSatisfy({ $0.name == "rollback" }) else {
                        throw CommandFailure(description: "other flags may not be combined with --rollback")
                    }
                    if api < APIVersion(1, 28) {
                        // Daemons before 1.28 roll back on the client's word: the previous spec, sent as new.
                        guard let previous = try JSONDecoder().decode(PreviousSpec.self, from: raw).spec else {
                            throw CommandFailure(description: "service does not have a previous specification to roll back to")
                        }
                        spec = previous
                        registryAuthFrom = .previousSpec
                    } else {
                        serverSideRollback = true
                    }
                }
                try await self.edit(&spec, client: client)
                try await self.updateSecretsAndConfigs(of: &spec, client: client)
                var credentials: RegistryAuth?
                if self.flags.withRegistryAuth {
                    // The new image's registry, or the current image's when it does not change.
                    let image = spec.taskTemplate?.containerSpec?.image ?? ""
                    _ = try parseImageName(image)
                    credentials = try await self.global.credentials(forImage: image) ?? RegistryAuth()
                }
                let query = self.image != nil && !self.flags.noResolveImage && api >= APIVersion(1, 30)
                let warning = await ServiceFlags.resolveImage(of: &spec, query: query, credentials: credentials, client: client)
                let options = ServiceUpdateOptions(
                    version: Int64(clamping: service.version?.index ?? 0), rollback: serverSideRollback,
                    registryAuthFrom: credentials == nil ? registryAuthFrom : nil, credentials: credentials)
                let updated = try await client.services.update(service.id ?? self.service, spec, options: options)
                for line in (updated.warnings ?? []) + [warning].compactMap({ $0 }) { printError(line) }
                printOut(self.service + "\n")
                guard !self.flags.detach, api >= APIVersion(1, 29) else { return }
                try await showConvergence(client, service: self.service, displayName: self.service, quiet: self.flags.quiet)
            }
        }

        /// The `PreviousSpec` of a service's JSON, which the models leave out.
        private struct PreviousSpec: Decodable {
            var spec: ServiceSpec?

            enum CodingKeys: String, CodingKey {
                case spec = "PreviousSpec"
            }
        }

        // MARK: Flags

        /// The flags of `update` alone that were given, with the API version each needs.
        private var givenFlags: [(name: String, minimumAPI: APIVersion?)] {
            let own: [(name: String, given: Bool, minor: Int?)] = [
                ("image", self.image != nil, nil), ("args", self.args != nil, nil), ("rollback", self.rollback, 25),
                ("force", self.force, 25), ("env-rm", !self.envRm.isEmpty, nil), ("group-rm", !self.groupRm.isEmpty, 25),
                ("label-rm", !self.labelRm.isEmpty, nil), ("container-label-rm", !self.containerLabelRm.isEmpty, nil),
                ("mount-rm", !self.mountRm.isEmpty, nil), ("publish-rm", !self.publishRm.isEmpty, nil),
                ("constraint-rm", !self.constraintRm.isEmpty, nil), ("dns-rm", !self.dnsRm.isEmpty, 25),
                ("dns-option-rm", !self.dnsOptionRm.isEmpty, 25), ("dns-search-rm", !self.dnsSearchRm.isEmpty, 25),
                ("host-rm", !self.hostRm.isEmpty, 25), ("label-add", !self.labelAdd.isEmpty, nil),
                ("container-label-add", !self.containerLabelAdd.isEmpty, nil), ("env-add", !self.envAdd.isEmpty, nil),
                ("secret-rm", !self.secretRm.isEmpty, 25), ("secret-add", !self.secretAdd.isEmpty, 25),
                ("config-rm", !self.configRm.isEmpty, 30), ("config-add", !self.configAdd.isEmpty, 30),
                ("mount-add", !self.mountAdd.isEmpty, nil), ("constraint-add", !self.constraintAdd.isEmpty, nil),
                ("placement-pref-add", !self.placementPrefAdd.isEmpty, 28), ("placement-pref-rm", !self.placementPrefRm.isEmpty, 28),
                ("network-add", !self.networkAdd.isEmpty, 29), ("network-rm", !self.networkRm.isEmpty, 29),
                ("publish-add", !self.publishAdd.isEmpty, nil), ("group-add", !self.groupAdd.isEmpty, 25),
                ("dns-add", !self.dnsAdd.isEmpty, 25), ("dns-option-add", !self.dnsOptionAdd.isEmpty, 25),
                ("dns-search-add", !self.dnsSearchAdd.isEmpty, 25), ("host-add", !self.hostAdd.isEmpty, 25),
                ("sysctl-add", !self.sysctlAdd.isEmpty, 40), ("sysctl-rm", !self.sysctlRm.isEmpty, 40),
                ("ulimit-add", !self.ulimitAdd.isEmpty, 41), ("ulimit-rm", !self.ulimitRm.isEmpty, 41),
                ("generic-resource-rm", !self.genericResourceRm.isEmpty, 32),
                ("generic-resource-add", !self.genericResourceAdd.isEmpty, 32),
            ]
            return own.filter { $0.given }.map { flag -> (name: String, minimumAPI: APIVersion?) in
                (flag.name, flag.minor.map { APIVersion(1, $0) })
            }
        }

        /// Refuses a malformed flag value before anything is asked of the daemon, as docker does.
        private func checkValues() throws {
            try self.flags.checkValues()
            _ = try self.argumentWords
            _ = try self.labelsAdded
            _ = try self.containerLabelsAdded
            _ = try self.environmentAdded
            _ = try self.secretsAdded
            _ = try self.configsAdded
            _ = try self.mountsAdded
            _ = try self.preferencesAdded
            _ = try self.preferencesRemoved
            _ = try self.networksAdded
            _ = try self.portsAdded
            _ = try self.portsRemoved
            _ = try self.nameserversAdded
            _ = try self.searchDomainsAdded
            _ = try self.hostsAdded
            _ = try self.ulimitsAdded
            _ = try self.genericResourcesAdded
        }

        private var argumentWords: [String]? {
            get throws { try self.args.map { try FlagValue.parse($0, for: "--args", ShellWords.split) } }
        }

        private var labelsAdded: [String] {
            get throws { try FlagValue.parseAll(self.labelAdd, for: "--label-add", OptsFlagParsers.label) }
        }

        private var containerLabelsAdded: [String] {
            get throws { try FlagValue.parseAll(self.containerLabelAdd, for: "--container-label-add", OptsFlagParsers.label) }
        }

        private var environmentAdded: [String] {
            get throws { try FlagValue.parseAll(self.envAdd, for: "--env-add", OptsFlagParsers.environment) }
        }

        private var secretsAdded: [SwarmFileReference] {
            get throws {
                try FlagValue.parseAll(self.secretAdd, for: "--secret-add") { try SwarmFileReference(parsing: $0, kind: "secret") }
            }
        }

        private var configsAdded: [SwarmFileReference] {
            get throws {
                try FlagValue.parseAll(self.configAdd, for: "--config-add") { try SwarmFileReference(parsing: $0, kind: "config") }
            }
        }

        private var mountsAdded: [Mount] {
            get throws { try FlagValue.parseAll(self.mountAdd, for: "--mount-add", MountArgument.parse) }
        }

        private var preferencesAdded: [TaskSpec.Placement.Preference] {
            get throws {
                try FlagValue.parseAll(self.placementPrefAdd, for: "--placement-pref-add", ServiceFlagParsers.placementPreference)
            }
        }

        private var preferencesRemoved: [TaskSpec.Placement.Preference] {
            get throws {
                try FlagValue.parseAll(self.placementPrefRm, for: "--placement-pref-rm", ServiceFlagParsers.placementPreference)
            }
        }

        private var networksAdded: [NetworkAttachmentConfig] {
            get throws { try FlagValue.parseAll(self.networkAdd, for: "--network-add", ServiceFlagParsers.network) }
        }

        private var portsAdded: [EndpointPortConfig] {
            get throws { try FlagValue.parseAll(self.publishAdd, for: "--publish-add", PublishedPortParsing.parse).flatMap { $0 } }
        }

        private var portsRemoved: [EndpointPortConfig] {
            get throws { try FlagValue.parseAll(self.publishRm, for: "--publish-rm", PublishedPortParsing.parse).flatMap { $0 } }
        }

        private var nameserversAdded: [String] {
            get throws { try FlagValue.parseAll(self.dnsAdd, for: "--dns-add", OptsFlagParsers.ipAddress) }
        }

        private var searchDomainsAdded: [String] {
            get throws { try FlagValue.parseAll(self.dnsSearchAdd, for: "--dns-search-add", OptsFlagParsers.dnsSearch) }
        }

        private var hostsAdded: [String] {
            get throws { try FlagValue.parseAll(self.hostAdd, for: "--host-add", OptsFlagParsers.extraHost) }
        }

        private var ulimitsAdded: [Resources.Ulimit] {
            get throws { try FlagValue.parseAll(self.ulimitAdd, for: "--ulimit-add", ContainerFlagParsers.ulimit) }
        }

        private var genericResourcesAdded: [String] {
            get throws {
                try FlagValue.parseAll(self.genericResourceAdd, for: "--generic-resource-add", ServiceFlagParsers.genericResourceEntry)
            }
        }

        // MARK: Editing the spec

        /// docker's `updateService`: the given flags applied to `spec`, in docker's order.
        private func edit(_ spec: inout ServiceSpec, client: DockerClient) async throws {
            try self.flags.apply(to: &spec)
            var task = spec.taskTemplate ?? TaskSpec()
            var container = task.containerSpec ?? TaskSpec.ContainerSpec()
            if !self.labelRm.isEmpty || !self.labelAdd.isEmpty {
                spec.labels = Self.updated(spec.labels, removing: self.labelRm, adding: try self.labelsAdded)
            }
            if !self.containerLabelRm.isEmpty || !self.containerLabelAdd.isEmpty {
                let added = try self.containerLabelsAdded
                container.labels = Self.updated(container.labels, removing: self.containerLabelRm, adding: added)
            }
            if let image = self.image { container.image = image }
            if let words = try self.argumentWords { container.args = words.nilIfEmpty }
            container.env = try self.updatedEnvironment(container.env)
            container.mounts = try Self.updatedMounts(container.mounts, adding: try self.mountsAdded, removingTargets: self.mountRm)
            if !self.sysctlRm.isEmpty || !self.sysctlAdd.isEmpty {
                let removed = (keyValueMap(self.sysctlRm) ?? [:]).keys
                container.sysctls = Self.updated(container.sysctls, removing: Array(removed), adding: self.sysctlAdd)
            }
            container.ulimits = try self.updatedUlimits(container.ulimits)
            try self.updateGenericResources(of: &task)
            self.updateConstraints(of: &task)
            try self.updatePreferences(of: &task)
            if !self.networkAdd.isEmpty || !self.networkRm.isEmpty { try await self.updateNetworks(of: &task, in: &spec, client: client) }
            try self.updateMode(&spec)
            if let mode = self.flags.endpointMode {
                var endpoint = spec.endpointSpec ?? EndpointSpec()
                endpoint.mode = .init(rawValue: mode)
                spec.endpointSpec = endpoint
            }
            if !self.groupAdd.isEmpty || !self.groupRm.isEmpty {
                let removed = Set(self.groupRm)
                container.groups = ((container.groups ?? []) + self.groupAdd).filter { !removed.contains($0) }.sorted().nilIfEmpty
            }
            if !self.publishAdd.isEmpty || !self.publishRm.isEmpty {
                var endpoint = spec.endpointSpec ?? EndpointSpec()
                endpoint.ports = Self.updatedPorts(endpoint.ports ?? [], adding: try self.portsAdded, removing: try self.portsRemoved)
                spec.endpointSpec = endpoint
            }
            try self.updateDNS(of: &container)
            try self.updateHosts(of: &container)
            if self.force { task.forceUpdate = (task.forceUpdate ?? 0) &+ 1 }
            container.healthCheck = try self.flags.updatedHealthCheck(container.healthCheck)
            if !self.flags.capAdd.isEmpty || !self.flags.capDrop.isEmpty {
                let capabilities = ServiceFlagParsers.updatedCapabilities(
                    add: self.flags.capAdd.nilIfEmpty, drop: self.flags.capDrop.nilIfEmpty,
                    current: (container.capabilityAdd, container.capabilityDrop))
                container.capabilityAdd = capabilities.add
                container.capabilityDrop = capabilities.drop
            }
            task.containerSpec = container
            spec.taskTemplate = task
        }

        /// `current` without the keys in `removing`, with `adding`'s `key[=value]` entries set;
        /// nil when nothing is left.
        private static func updated(_ current: [String: String]?, removing: [String], adding: [String]) -> [String: String]? {
            var map = current ?? [:]
            for key in removing { map[key] = nil }
            map.merge(keyValueMap(adding) ?? [:]) { $1 }
            return map.isEmpty ? nil : map
        }

        /// `--env-rm` (by name), then `--env-add` (a name given again replaces its value): one
        /// entry per name once anything is added, in the order names first appeared. Names are
        /// compared by bytes, as docker's maps compare them (`String` keys would take `café`
        /// and `cafe\u{301}` for one name).
        private func updatedEnvironment(_ current: [String]?) throws -> [String]? {
            let removed = Set(self.envRm.map { Array($0.utf8) })
            var environment = (current ?? []).filter { !removed.contains(Array(OptsFlagParsers.environmentKey($0).utf8)) }
            let added = try self.environmentAdded
            if !added.isEmpty {
                var entries: [String] = []
                var positions: [[UInt8]: Int] = [:]
                for entry in environment + added {
                    let key = Array(OptsFlagParsers.environmentKey(entry).utf8)
                    if let position = positions[key] {
                        entries[position] = entry
                    } else {
                        positions[key] = entries.count
                        entries.append(entry)
                    }
                }
                environment = entries
            }
            return environment.nilIfEmpty
        }

        /// docker's `updateMounts`: the added mounts (one per target), the service's others
        /// but those removed by target, sorted by source then target. Targets are compared by
        /// bytes (see ``updatedEnvironment(_:)``).
        private static func updatedMounts(_ current: [Mount]?, adding: [Mount], removingTargets targets: [String]) throws -> [Mount]? {
            func target(_ mount: Mount) -> [UInt8] { Array((mount.target ?? "").utf8) }
            var byTarget: [[UInt8]: Mount] = [:]
            for mount in adding {
                guard byTarget.updateValue(mount, forKey: target(mount)) == nil else {
                    throw CommandFailure(description: "duplicate mount target")
                }
            }
            for mount in current ?? [] where byTarget[target(mount)] == nil {
                byTarget[target(mount)] = mount
            }
            let removed = Set(targets.map { Array($0.utf8) })
            let mounts = byTarget.values.filter { !removed.contains(target($0)) }
                .sorted { ($0.source ?? "", $0.target ?? "") < ($1.source ?? "", $1.target ?? "") }
            return mounts.nilIfEmpty
        }

        /// `--ulimit-rm` (by name), then `--ulimit-add` (replacing a limit of the same name),
        /// sorted by name.
        private func updatedUlimits(_ current: [TaskSpec.ContainerSpec.Ulimit]?) throws -> [TaskSpec.ContainerSpec.Ulimit]? {
            var byName: [String: TaskSpec.ContainerSpec.Ulimit] = [:]
            for limit in current ?? [] { byName[limit.name ?? ""] = limit }
            for name in (keyValueMap(self.ulimitRm) ?? [:]).keys { byName[name] = nil }
            for limit in try self.ulimitsAdded {
                byName[limit.name ?? ""] = TaskSpec.ContainerSpec.Ulimit(name: limit.name, soft: limit.soft, hard: limit.hard)
            }
            return byName.sorted { $0.key < $1.key }.map { $0.value }.nilIfEmpty
        }

        /// `--generic-resource-add` (replacing a count of the same kind) and
        /// `--generic-resource-rm` (by kind, which must be reserved) on the task's reservations.
        private func updateGenericResources(of task: inout TaskSpec) throws {
            guard !self.genericResourceAdd.isEmpty || !self.genericResourceRm.isEmpty else { return }
            var resources = task.resources ?? .init()
            var reservations = resources.reservations ?? ResourceObject()
            var reserved = try Self.discreteResources(reservations.genericResources ?? [])
            for resource in try ServiceFlagParsers.genericResources(try self.genericResourcesAdded) {
                let kind = resource.discreteResourceSpec?.kind ?? ""
                if let index = reserved.firstIndex(where: { $0.kind == kind }) {
                    reserved[index] = (kind, resource)
                } else {
                    reserved.append((kind, resource))
                }
            }
            for kind in self.genericResourceRm {
                guard let index = reserved.firstIndex(where: { $0.kind == kind }) else {
                    throw CommandFailure(description: "could not find generic-resource `\(kind)` to remove it")
                }
                reserved.remove(at: index)
            }
            reservations.genericResources = reserved.map { $0.resource }.nilIfEmpty
            resources.reservations = reservations
            task.resources = resources
        }

        /// A service's reserved resources by kind; only discrete ones, each kind once, can be
        /// updated (docker's message otherwise).
        private static func discreteResources(_ resources: [GenericResource]) throws -> [(kind: String, resource: GenericResource)] {
            var result: [(kind: String, resource: GenericResource)] = []
            for resource in resources {
                guard let kind = resource.discreteResourceSpec?.kind else {
                    let named = resource.namedResourceSpec
                    throw CommandFailure(
                        description: "invalid generic-resource `\(named?.kind ?? "")=\(named?.value ?? "")` for service task")
                }
                guard !result.contains(where: { $0.kind == kind }) else {
                    throw CommandFailure(description: "duplicate generic-resource `\(kind)` for service task")
                }
                result.append((kind, resource))
            }
            return result
        }

        /// `--constraint-add`, then `--constraint-rm`; sorted.
        private func updateConstraints(of task: inout TaskSpec) {
            guard !self.constraintAdd.isEmpty || !self.constraintRm.isEmpty else { return }
            var placement = task.placement ?? .init()
            let removed = Set(self.constraintRm)
            let constraints = ((placement.constraints ?? []) + self.constraintAdd).filter { !removed.contains($0) }
            placement.constraints = constraints.sorted().nilIfEmpty
            task.placement = placement
        }

        /// `--placement-pref-rm` (by spread descriptor), then `--placement-pref-add` at the end.
        private func updatePreferences(of task: inout TaskSpec) throws {
            guard !self.placementPrefAdd.isEmpty || !self.placementPrefRm.isEmpty else { return }
            var placement = task.placement ?? .init()
            let removed = Set(try self.preferencesRemoved.compactMap { $0.spread?.spreadDescriptor })
            var preferences = (placement.preferences ?? []).filter { preference in
                guard let descriptor = preference.spread?.spreadDescriptor else { return true }
                return !removed.contains(descriptor)
            }
            preferences += try self.preferencesAdded
            placement.preferences = preferences.nilIfEmpty
            task.placement = placement
        }

        /// docker's `updateNetworks`: the networks move from the spec's deprecated field to the
        /// task's; those removed (found by name or id) go, those added are found and named by
        /// id (one already attached fails), sorted by id.
        private func updateNetworks(of task: inout TaskSpec, in spec: inout ServiceSpec, client: DockerClient) async throws {
            let current = (task.networks ?? []).isEmpty ? spec.networks ?? [] : task.networks ?? []
            spec.networks = nil
            var removedIDs: Set<String> = []
            for name in Self.unique(self.networkRm) {
                removedIDs.insert(try await client.networks.inspect(name, options: .init(scope: .swarm)).id ?? "")
            }
            var networks = current.filter { !removedIDs.contains($0.target ?? "") }
            var attached = Set(networks.map { $0.target ?? "" })
            for var network in try self.networksAdded {
                let id = try await client.networks.inspect(network.target ?? "", options: .init(scope: .swarm)).id ?? ""
                guard attached.insert(id).inserted else {
                    throw CommandFailure(description: "service is already attached to network \(network.target ?? "")")
                }
                network.target = id
                networks.append(network)
            }
            networks.sort { ($0.target ?? "") < ($1.target ?? "") }
            task.networks = networks.nilIfEmpty
        }

        /// `--replicas` for a replicated service, `--max-concurrent` for a replicated job.
        private func updateMode(_ spec: inout ServiceSpec) throws {
            if let replicas = try self.flags.replicasValue {
                guard spec.mode?.replicated != nil else {
                    throw CommandFailure(description: "replicas can only be used with replicated mode")
                }
                spec.mode?.replicated?.replicas = replicas
            }
            if let maxConcurrent = try self.flags.maxConcurrentValue {
                guard spec.mode?.replicatedJob != nil else {
                    throw CommandFailure(description: "max-concurrent can only be used with replicated-job mode")
                }
                spec.mode?.replicatedJob?.maxConcurrent = maxConcurrent
            }
        }

        /// docker's `updatePorts`: the service's ports (without repeats) but those matching a
        /// `--publish-rm` (same target port, protocol and mode), with the `--publish-add` ones
        /// it did not have; sorted by `published:target/protocol/mode`.
        private static func updatedPorts(
            _ current: [EndpointPortConfig], adding: [EndpointPortConfig], removing: [EndpointPortConfig]
        ) -> [EndpointPortConfig]? {
            func key(_ port: EndpointPortConfig) -> String {
                "\(port.publishedPort ?? 0):\(port.targetPort ?? 0)/\(port.protocol?.rawValue ?? "")/\(port.publishMode?.rawValue ?? "")"
            }
            func same(_ lhs: String?, _ rhs: String?, default fallback: String) -> Bool {
                let (left, right) = (lhs ?? "", rhs ?? "")
                return left == right || (left.isEmpty && right == fallback) || (right.isEmpty && left == fallback)
            }
            var existing: Set<String> = []
            let unique = current.filter { existing.insert(key($0)).inserted }
            var ports = unique.filter { port in
                !removing.contains { removal in
                    same(port.protocol?.rawValue, removal.protocol?.rawValue, default: "tcp") && port.targetPort == removal.targetPort
                        && same(port.publishMode?.rawValue, removal.publishMode?.rawValue, default: "ingress")
                }
            }
            // Compared with the ports the service had, removed ones included, as docker does.
            ports += adding.filter { !existing.contains(key($0)) }
            return ports.sorted { key($0) < key($1) }.nilIfEmpty
        }

        /// The `--dns-*-add`/`-rm` flags on the container's DNS configuration: each list with
        /// the added entries, without repeats and removed ones, sorted.
        private func updateDNS(of container: inout TaskSpec.ContainerSpec) throws {
            let given = [self.dnsAdd, self.dnsRm, self.dnsOptionAdd, self.dnsOptionRm, self.dnsSearchAdd, self.dnsSearchRm]
            guard given.contains(where: { !$0.isEmpty }) else { return }
            func merged(_ current: [String]?, adding: [String], removing: [String]) -> [String]? {
                let removed = Set(removing)
                return Self.unique((current ?? []) + adding).filter { !removed.contains($0) }.sorted().nilIfEmpty
            }
            let current = container.dnsConfig ?? .init()
            container.dnsConfig = .init(
                nameservers: merged(current.nameservers, adding: try self.nameserversAdded, removing: self.dnsRm),
                search: merged(current.search, adding: try self.searchDomainsAdded, removing: self.dnsSearchRm),
                options: merged(current.options, adding: self.dnsOptionAdd, removing: self.dnsOptionRm))
        }

        /// docker's `updateHosts` on the container's `/etc/hosts` lines (`address name…`):
        /// `--host-rm name` removes the name from every line, `--host-rm name:address` from
        /// that address's lines only, a line left without names goes; `--host-add` entries are
        /// appended; repeats are dropped.
        private func updateHosts(of container: inout TaskSpec.ContainerSpec) throws {
            guard !self.hostAdd.isEmpty || !self.hostRm.isEmpty else { return }
            let removals = self.hostRm.map { entry -> (name: String, address: String) in
                guard let (name, address) = entry.cut(atFirst: ":") else { return (entry, "") }
                return (String(name), String(address))
            }
            var hosts: [String] = []
            for line in container.hosts ?? [] {
                let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
                guard let address = fields.first else { continue }
                var names = Array(fields.dropFirst())
                for removal in removals where removal.address.isEmpty || removal.address == address {
                    names.removeAll { $0 == removal.name }
                }
                if !names.isEmpty { hosts.append("\(address) \(names.joined(separator: " "))") }
            }
            hosts += ServiceFlagParsers.swarmHosts(try self.hostsAdded)
            container.hosts = Self.unique(hosts).nilIfEmpty
        }

        // MARK: Secrets and configs

        /// docker's `getUpdatedSecrets`, `getUpdatedConfigs` and `updateCredSpecConfig`: the
        /// service's secrets and configs but those removed by name, with the added ones (found
        /// by name); the runtime config of the credential spec is kept while the credential
        /// spec names it, and a new `--credential-spec config://NAME` adds it and names it by id.
        private func updateSecretsAndConfigs(of spec: inout ServiceSpec, client: DockerClient) async throws {
            var container = spec.taskTemplate?.containerSpec ?? TaskSpec.ContainerSpec()
            let removedSecrets = Set(self.secretRm)
            var secrets = (container.secrets ?? []).filter { !removedSecrets.contains($0.secretName ?? "") }
            if !self.secretAdd.isEmpty {
                secrets += try await SwarmFileReference.resolveSecrets(try self.secretsAdded.map(\.secret), client: client)
            }
            container.secrets = secrets.nilIfEmpty

            let givenCredentialSpec = self.flags.credentialSpec != nil
            let credentialSpec = try self.flags.credentialSpecValue
            // The credential spec's config: by name when the flag names one, else by the id
            // the service's credential spec holds.
            let credentialConfigName = givenCredentialSpec ? credentialSpec?.config ?? "" : ""
            let credentialConfigID = givenCredentialSpec ? "" : container.privileges?.credentialSpec?.config ?? ""
            let removedConfigs = Set(self.configRm)
            var configs = (container.configs ?? []).filter { config in
                if config.runtime != nil {
                    return config.configName == credentialConfigName || config.configID == credentialConfigID
                }
                return !removedConfigs.contains(config.configName ?? "")
            }
            var requested = try self.configsAdded.map(\.config)
            if !credentialConfigName.isEmpty { requested.append(.init(runtime: .object([:]), configName: credentialConfigName)) }
            if !requested.isEmpty { configs += try await SwarmFileReference.resolveConfigs(requested, client: client) }
            container.configs = configs.nilIfEmpty

            if givenCredentialSpec {
                if var credentialSpec {
                    if let name = credentialSpec.config, !name.isEmpty, let id = configs.first(where: { $0.configName == name })?.configID {
                        credentialSpec.config = id
                    }
                    var privileges = container.privileges ?? .init()
                    privileges.credentialSpec = credentialSpec
                    container.privileges = privileges
                } else {
                    container.privileges?.credentialSpec = nil
                }
            }
            spec.taskTemplate?.containerSpec = container
        }

        // MARK: Helpers

        /// `values` without repetitions, in their first order.
        private static func unique(_ values: [String]) -> [String] {
            var seen: Set<String> = []
            return values.filter { seen.insert($0).inserted }
        }
    }
}
