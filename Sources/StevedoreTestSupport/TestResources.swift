import NIOConcurrencyHelpers
import Stevedore

/// The containers and images a test made, removed when the test ends whether it passed or
/// threw (see ``TestEngine/withResources(_:)``).
public final class TestResources: Sendable {
    private let state = NIOLockedValueBox<(containers: [String], images: [String])>(([], []))

    /// Removes `id` (force) at the end of the test.
    public func container(_ id: String) { self.state.withLockedValue { $0.containers.append(id) } }

    /// Removes image `reference` (force) at the end of the test.
    public func image(_ reference: String) { self.state.withLockedValue { $0.images.append(reference) } }

    /// Removes everything registered: containers first (they hold images), failures ignored
    /// (the test may have removed them itself).
    func removeAll(using client: DockerClient) async {
        let (containers, images) = self.state.withLockedValue { $0 }
        for id in containers { _ = try? await client.removeContainer(id, options: .init(force: true)) }
        for image in images { _ = try? await client.removeImage(image, options: .init(force: true)) }
    }
}

extension TestEngine {
    /// Like ``withClient(_:)``, with a ``TestResources`` whose registered containers and images
    /// are removed after `body`, also when it throws.
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
