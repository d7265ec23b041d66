import Testing

@testable import Stevedore
@testable import StevedoreCommands

/// `image ls --tree` beyond its golden files: what docker 28.5 changed, and answers docker
/// itself does not survive.
@Suite struct ImageTreeTests {
    static func image(
        _ id: String, tags: [String], digests: [String] = [], containers: Int = 0, manifests: [ImageManifestSummary]? = nil
    ) -> ImageSummary {
        ImageSummary(
            id: "sha256:" + String(repeating: id, count: 64), parentId: "", repoTags: tags, repoDigests: digests, created: 1,
            size: 1000, sharedSize: -1, containers: containers, manifests: manifests)
    }

    /// docker 28.5 shows `U` for an image that containers use even when it has no platform
    /// rows (a graph driver's images); docker 28.2 looked at platform rows only.
    @Test func anImageInUseWithoutPlatformsShowsTheLetter() {
        let text = ImageTree([Self.image("a", tags: ["used:1"], containers: 1), Self.image("b", tags: ["idle:1"])], all: false)
            .rendered(terminalWidth: nil)
        let rows = text.split(separator: "\n").suffix(2)
        #expect(rows.first == "used:1   aaaaaaaaaaaa          1kB             0B   U    ")
        #expect(rows.last == "idle:1   bbbbbbbbbbbb          1kB             0B        ")
    }

    /// An image manifest without image data (docker 28.2 and 28.5 end with a nil pointer
    /// panic) is the `unknown` platform; dangling images are left out without `-a`.
    @Test func aPlatformWithoutImageDataIsUnknown() {
        let manifest = ImageManifestSummary(id: "sha256:" + String(repeating: "c", count: 64), available: true, kind: .image)
        let images = [
            Self.image("a", tags: ["multi:1"], manifests: [manifest]),
            Self.image("d", tags: []), Self.image("e", tags: ["<none>:<none>"], digests: ["<none>@<none>"]),
        ]
        let text = ImageTree(images, all: false).rendered(terminalWidth: nil)
        #expect(text.contains("\n└─ unknown       cccccccccccc           0B             0B        \n"))
        #expect(!text.contains("<untagged>") && !text.contains("eeeeeeeeeeee"))
        #expect(ImageTree(images, all: true).images.count == 3)
    }

    /// Go's `path.Join` of the platform's parts: empty parts left out, the path cleaned.
    @Test func platformNamesAsContainerdFormatsThem() {
        #expect(ImageTree.platformName(OCIPlatform(architecture: "arm", os: "linux", variant: "v7")) == "linux/arm/v7")
        #expect(ImageTree.platformName(OCIPlatform(architecture: "", os: "windows", variant: "")) == "windows")
        #expect(ImageTree.platformName(OCIPlatform(architecture: "../amd64", os: "linux")) == "amd64")
        #expect(ImageTree.platformName(OCIPlatform(architecture: "amd64")) == "unknown")
        #expect(ImageTree.platformName(nil) == "unknown")
    }

    /// `tui.Ellipsis` cuts a text of exactly the length too, and nothing at length 0.
    @Test func ellipsisAsDockersTerminalOutput() {
        #expect(ImageTreeColumn.ellipsis("abcdef", length: 6) == "abcde…")
        #expect(ImageTreeColumn.ellipsis("abcdef", length: 7) == "abcdef")
        #expect(ImageTreeColumn.ellipsis("abcdef", length: 1) == "…")
        #expect(ImageTreeColumn.ellipsis("abcdef", length: 0) == "abcdef")
        #expect(ImageTreeColumn.displayWidth("\u{1B}[39m\u{1B}[1mIMAGE\u{1B}[0m └─ ") == 9)
    }
}
