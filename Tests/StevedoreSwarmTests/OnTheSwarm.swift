import StevedoreTestSupport
import Testing

/// Every suite of this target shares one swarm: they run inside this one, one test at a time.
@Suite("On the swarm bed", .serialized, .enabled("needs the swarm bed of scripts/swarm") { TestSwarm.shouldRun() })
enum OnTheSwarm {}
