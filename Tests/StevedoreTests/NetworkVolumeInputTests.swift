import Stevedore
import Testing

/// What network and volume requests carry, checked without an engine: IPAM from the CLI's
/// lists, and typed filters as the daemon reads them.
@Suite struct NetworkVolumeInputTests {
    @Test func ipamGroupsRangesGatewaysAndAddressesUnderTheirSubnet() throws {
        let ipam = try IPAM(
            driver: "default", subnets: ["10.1.0.0/16", "fd00::/64"], ipRanges: ["10.1.2.0/24"], gateways: ["fd00::1", "10.1.0.1"],
            auxiliaryAddresses: ["a": "10.1.0.5", "b": "fd00::5"])
        #expect(
            ipam.config == [
                IPAMConfig(subnet: "10.1.0.0/16", ipRange: "10.1.2.0/24", gateway: "10.1.0.1", auxiliaryAddresses: ["a": "10.1.0.5"]),
                IPAMConfig(subnet: "fd00::/64", gateway: "fd00::1", auxiliaryAddresses: ["b": "fd00::5"]),
            ])
        // A lone malformed subnet is the daemon's to refuse, as with the docker CLI.
        #expect(try IPAM(subnets: ["foo"]).config?.first?.subnet == "foo")
    }

    @Test(
        arguments: [
            (
                ["10.0.0.0/8", "192.168.0.0/16"], [], ["10.0.0.1", "10.0.0.2"],
                "cannot configure multiple gateways (10.0.0.2, 10.0.0.1) for the same subnet (10.0.0.0/8)"
            ),
            (
                ["10.0.0.0/8", "192.168.0.0/16"], ["10.1.0.0/16", "10.2.0.0/16"], [],
                "cannot configure multiple ranges (10.2.0.0/16, 10.1.0.0/16) on the same subnet (10.0.0.0/8)"
            ),
            (["10.1.0.0/16"], [], ["10.2.0.1"], "no matching subnet for gateway 10.2.0.1"),
            (["10.1.0.0/16"], ["10.2.0.0/24"], [], "no matching subnet for range 10.2.0.0/24"),
            (["10.1.0.0/16"], ["10.1.0.5"], [], "invalid CIDR address: 10.1.0.5"),
            (["10.1.0.0/16", "10.2.0.0/16"], ["bad"], [], "invalid CIDR address: bad"),
            ([], [], ["10.0.0.1"], "every ip-range or gateway must have a corresponding subnet"),
            (["10.0.0.0/8", "10.1.0.0/16"], [], [], "multiple overlapping subnet configuration is not supported"),
            (["foo"], [], ["10.0.0.1"], "invalid subnet: invalid CIDR address: foo"),
        ] as [([String], [String], [String], String)])
    func ipamRefusesWhatDockerRefuses(subnets: [String], ranges: [String], gateways: [String], message: String) {
        let error = #expect(throws: DockerError.self) { try IPAM(subnets: subnets, ipRanges: ranges, gateways: gateways) }
        #expect(error?.category == .invalidInput)
        #expect(error?.message == message)
    }

    @Test func auxiliaryAddressOutsideEverySubnetIsRefused() {
        let error = #expect(throws: DockerError.self) { try IPAM(subnets: ["10.0.0.0/24"], auxiliaryAddresses: ["x": "10.0.1.1"]) }
        #expect(error?.message == "no matching subnet for aux-address 10.0.1.1")
    }

    @Test func typedFiltersParseKnownKeysAndKeepTheRest() throws {
        let network = try NetworkListFilters(parsing: ["dangling=true", "type=custom", "scope=local", "label=a=b", "type=other", "x=y"])
        #expect(network.dangling == true)
        #expect(network.type == [.custom])
        #expect(network.scope == [.local])
        #expect(network.label == [LabelFilter("a", "b")])
        #expect(network.additional == ["type": ["other"], "x": ["y"]])
        #expect(
            network.dockerFilters == ["dangling": ["true"], "label": ["a=b"], "scope": ["local"], "type": ["custom", "other"], "x": ["y"]])

        let volume = try VolumeListFilters(parsing: ["dangling=maybe", "driver=local", "name=v"])
        #expect(volume.dangling == nil)
        #expect(volume.dockerFilters == ["dangling": ["maybe"], "driver": ["local"], "name": ["v"]])

        let prune = try VolumePruneFilters(parsing: ["all=true", "label!=keep", "until=1h"])
        #expect(prune.all)
        #expect(prune.dockerFilters == ["all": ["true"], "label!": ["keep"], "until": ["1h"]])
        #expect(try NetworkPruneFilters(parsing: ["until=10m", "label=a"]) == NetworkPruneFilters(until: "10m", label: [LabelFilter("a")]))
        #expect(throws: DockerError.self) { try NetworkListFilters(parsing: ["novalue"]) }
    }

    /// The daemon takes one value of a boolean key and refuses two, as docker sends them: a
    /// second value is not dropped, and a prune it would have refused does not go ahead.
    @Test func secondValuesOfBooleanFiltersReachTheDaemon() throws {
        #expect(try NetworkListFilters(parsing: ["dangling=true", "dangling=false"]).dockerFilters == ["dangling": ["false", "true"]])
        #expect(try VolumeListFilters(parsing: ["dangling=0", "dangling=1"]).dockerFilters == ["dangling": ["0", "1"]])
        // Other spellings go as given: the daemon reads them, not this client.
        #expect(try NetworkListFilters(parsing: ["dangling=1", "dangling=true"]).dockerFilters == ["dangling": ["1", "true"]])
        #expect(try ContainerListFilters(parsing: ["is-task=TRUE"]).isTask == nil)
        #expect(try ContainerListFilters(parsing: ["is-task=true", "is-task=false"]).dockerFilters == ["is-task": ["false", "true"]])
        #expect(try ContainerListFilters(parsing: ["is-task=yes"]).dockerFilters == ["is-task": ["yes"]])
        let prune = try VolumePruneFilters(parsing: ["all=true", "all=false"])
        #expect(prune.all && prune.dockerFilters == ["all": ["false", "true"]])
        #expect(try VolumePruneFilters(parsing: ["all=false"]).all == false)
        #expect(try VolumePruneFilters(parsing: ["all=1", "all=true"]).dockerFilters == ["all": ["1", "true"]])
    }
}
