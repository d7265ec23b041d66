import Testing

@testable import Stevedore
@testable import StevedoreCommands

/// `system df`'s rows from the daemon's sizes, whatever they are.
@Suite struct DiskUsageRowTests {
    @Test func theReclaimableShareOfSizesPast92PetabytesDoesNotTrap() {
        let huge = DataUsageSummary.Entry(totalCount: 2, activeCount: 1, size: .max, reclaimable: .max / 2)
        #expect(StevedoreCommand.System.DiskUsage.Row("Images", huge).Reclaimable.hasSuffix(" (49%)"))
        let empty = DataUsageSummary.Entry(totalCount: 0, activeCount: 0, size: 0, reclaimable: 0)
        #expect(StevedoreCommand.System.DiskUsage.Row("Images", empty).Reclaimable == "0B")
    }
}
