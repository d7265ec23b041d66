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

    /// docker's build cache formatting context prints a record's description whole, even in its
    /// truncating table.
    @Test func aBuildCacheDescriptionIsNeverCut() {
        let description = "[stage-1 3/7] RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates"
        let record = BuildCache(id: "abcdef0123456789abcdef", description: description)
        #expect(BuildCacheRow(record, truncate: true).Description == description)
        #expect(BuildCacheRow(record, truncate: false).Description == description)
    }
}
