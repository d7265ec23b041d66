import NIOConcurrencyHelpers
import Stevedore

/// The containers, images, networks, volumes and plugins a test made, removed when the test ends whether it passed or
/// threw (see ``TestEngine/withResources(_:)``).
public final class TestResources: Sendable {
    private struct Registered {
        var containers: [String] = []
        var images: [String] = []
        var networks: [String] = []
        var volumes: [String] = []
        var plugins: [String] = []
    }

    private let state = NIOLockedValueBox(Registered())

    /// Removes `id` (force) at the end of the test.
    public func container(_ id: String) { self.state.withLockedValue { $0.containers.append(id) } }

    /// Removes image `reference` (force) at the end of the test.
    public func image(_ reference: String) { self.state.withLockedValue { $0.images.append(reference) } }

    /// Removes network `id` (or name) at the end of the test: a bridge network's interface
    /// lives in the host's network namespace, so none may be left behind.
    public func network(_ id: String) { self.state.withLockedValue { $0.networks.append(id) } }

    /// Removes volume `name` (force) at the end of the test.
    public func volume(_ name: String) { self.state.withLockedValue { $0.volumes.append(name) } }

    /// Registers a plugin (removed with force: an enabled plugin would be restarted by its
    /// daemon for ever).
    public func plugin(_ name: String) { self.state.withLockedValue { $0.plugins.append(name) } }

    /// Removes everything registered: containers first (they hold images, networks and
    /// volumes), failures ignored (the test may have removed them itself). In a task of its
    /// own: a test cancelled by its time limit must still clean up, and a cancelled task sends
    /// no request.
    func removeAll(using client: DockerClient) async {
        let registered = self.state.withLockedValue { $0 }
        await Task {
            for id in registered.containers { _ = try? await client.containers.remove(id, options: .init(force: true)) }
            for image in registered.images { _ = try? await client.images.remove(image, options: .init(force: true)) }
            for network in registered.networks { _ = try? await client.networks.remove(network) }
            for volume in registered.volumes { _ = try? await client.volumes.remove(volume, force: true) }
            for plugin in registered.plugins { _ = try? await client.plugins.remove(plugin, force: true) }
        }.value
    }
}

extension TestEngine {
    /// Like ``withClient(_:)``, with a ``TestResources`` whose registered containers, images,
    /// networks and volumes are removed after `body`, also when it throws.
    @discardableResult
    public static func withResources<Result>(_ body: (DockerClient, TestResources) async throws -> Result) async throws -> Result {
        try await Self.withClient { client in
            let resources = TestResources()
            do {
                let result = try await body(client, resources)
                await resources.removeAll(using: client)
                return result
            } catch {
                await resources.removeAll(using: client)
                throw error
            }
        }
    }
}
