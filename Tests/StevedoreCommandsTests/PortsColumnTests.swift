import Stevedore
import Testing

@testable import StevedoreCommands

/// `ps`'s PORTS column, as docker's `DisplayablePorts` writes it (the strings are what docker 28
/// prints for these ports).
struct PortsColumnTests {
    static func port(_ ip: String?, _ publicPort: UInt16?, _ privatePort: UInt16, _ type: PortSummary.Kind = .tcp) -> PortSummary {
        PortSummary(ip: ip, privatePort: privatePort, publicPort: publicPort, type: type)
    }

    static let sameOnTwoAddresses: [PortSummary] = [UInt16(0), 1, 2].flatMap { (offset: UInt16) -> [PortSummary] in
        [port("0.0.0.0", 8000 + offset, 8000 + offset), port("::", 8000 + offset, 8000 + offset)]
    }

    static let cases: [([PortSummary], String)] = [
        // Ordered by container port; published on another port: unmerged, at the end.
        ([port("0.0.0.0", 8080, 80), port("0.0.0.0", 443, 443)], "0.0.0.0:443->443/tcp, 0.0.0.0:8080->80/tcp"),
        ([port("0.0.0.0", 9000, 8000), port("0.0.0.0", 9001, 8001)], "0.0.0.0:9000->8000/tcp, 0.0.0.0:9001->8001/tcp"),
        ([port(nil, nil, 80), port(nil, nil, 53, .udp)], "53/udp, 80/tcp"),
        // Published on the same port: merged per address.
        (sameOnTwoAddresses, "0.0.0.0:8000-8002->8000-8002/tcp, [::]:8000-8002->8000-8002/tcp"),
        // A gap ends a range where it is; the ranges still open follow in the order they began.
        ([port(nil, nil, 80), port(nil, nil, 81), port(nil, nil, 83)], "80-81/tcp, 83/tcp"),
        ([port(nil, nil, 82), port(nil, nil, 80, .udp), port(nil, nil, 80)], "80/tcp, 82/tcp, 80/udp"),
        ([], ""),
    ]

    @Test func portsAreWrittenAsDockerWritesThem() {
        for (ports, column) in Self.cases {
            #expect(ContainerRow.ports(ports) == column)
        }
    }
}
