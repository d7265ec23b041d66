import Foundation
import Stevedore

/// What ``createCancelledRepeatedly(_:_:labelled:remove:)`` found.
public struct CancelledCreates: Sendable {
    /// The ids of what the attempts answered before their cancellation reached them made.
    public var answered: [String]
    /// The ids of what the other attempts, cancelled, left behind.
    public var leftBehind: [String]
}

/// Runs `create` `attempts` times, one after the other, each in a task cancelled 0 to 19.5 ms
/// after it starts (in steps of 0.5 ms), then removes everything `labelled` lists (what the
/// creates made), even when an attempt failed otherwise than by its cancellation, whose error
/// is then thrown.
///
/// A request and the daemon's work on it take a few milliseconds, so some cancellations fall
/// before the request is sent, some while the daemon is at work and some after its answer.
/// `create` gets the attempt's number and returns the id of what it made; `labelled` gives
/// the ids of what the creates made that exist now.
public func createCancelledRepeatedly(
    _ attempts: Int, _ create: @escaping @Sendable (_ attempt: Int) async throws -> String,
    labelled: () async throws -> [String], remove: (String) async throws -> Void
) async throws -> CancelledCreates {
    var answered: [String] = []
    var failure: (any Error)?
    for attempt in 0..<attempts {
        let task = Task { try await create(attempt) }
        try await Task.sleep(for: .microseconds(500 * (attempt % 40)))
        task.cancel()
        do {
            answered.append(try await task.value)
        } catch is CancellationError {
        } catch {
            failure = error
            break
        }
    }
    let made = try await labelled()
    for id in made { try await remove(id) }
    if let failure { throw failure }
    return CancelledCreates(answered: answered, leftBehind: made.filter { !answered.contains($0) })
}

/// How many objects of `type` whose name starts with `prefix` the daemon says it created
/// since `start`: more than a test's answered creates means some cancelled ones reached it.
public func createEvents(
    of type: EventMessage.Kind, namedWithPrefix prefix: String, since start: Date, client: DockerClient
)
    async throws -> Int
{
    let options = SystemEventsOptions(
        since: SystemEventsOptions.timestamp(start.addingTimeInterval(-1)),
        until: SystemEventsOptions.timestamp(Date().addingTimeInterval(1)),
        filters: ["type": [type.rawValue], "event": ["create"]])
    var count = 0
    for try await event in try await client.system.events(options) where event.actor?.attributes?["name"]?.hasPrefix(prefix) == true {
        count += 1
    }
    return count
}
