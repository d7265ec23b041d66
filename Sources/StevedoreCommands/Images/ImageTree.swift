import Stevedore
import StevedoreFormatting
import StevedoreText

/// docker's `image ls --tree` (EXPERIMENTAL in docker 28.5): each image under its names, and
/// under it the platforms of a multi-platform image, from the `Manifests` the daemon fills on
/// API ≥ 1.47 (a containerd image store's; a graph driver's images have none, and are listed
/// alone).
///
/// The text is docker's, byte for byte: a warning, a legend of the "Extra" letters right-aligned
/// to the width, a title row (its titles in bold even when standard output is not a terminal,
/// as docker prints them), then one block per image, newest first. On a terminal, names,
/// details and letters are coloured as docker colours them.
struct ImageTree {
    /// One row's values: an image's, or one of its platforms'.
    struct Details {
        var id: String
        var diskUsage: String
        var inUse: Bool
        var contentSize: String
    }

    /// One platform of a multi-platform image.
    struct Platform {
        var name: String
        /// Whether its content is in the store (a platform that is not is printed faint).
        var available: Bool
        var details: Details
    }

    /// An image with its names and platforms.
    struct Image {
        var names: [String]
        var details: Details
        var platforms: [Platform]
        var created: Int
    }

    var images: [Image]
    /// Whether images are separated by blank lines: when at least one has a platform row.
    var imageSpacing = false

    /// The tree of `summaries` (listed with `manifests`); without `all`, dangling images are
    /// left out as `images` leaves them out.
    init(_ summaries: [ImageSummary], all: Bool) {
        var images: [Image] = []
        for summary in summaries where all || !summary.isDangling {
            var details = Details(
                id: summary.id, diskUsage: HumanSize.decimal(summary.size), inUse: summary.containers > 0, contentSize: "")
            var totalContent: Int64 = 0
            var platforms: [Platform] = []
            for manifest in summary.manifests ?? [] {
                totalContent += manifest.size?.content ?? 0
                guard manifest.kind == .image else { continue }
                let platform = Platform(
                    name: Self.platformName(manifest.imageData?.platform), available: manifest.available ?? false,
                    details: Details(
                        id: manifest.id ?? "", diskUsage: HumanSize.decimal(manifest.size?.total ?? 0),
                        inUse: !(manifest.imageData?.containers ?? []).isEmpty,
                        contentSize: HumanSize.decimal(manifest.size?.content ?? 0)))
                if platform.details.inUse { details.inUse = true }
                platforms.append(platform)
                self.imageSpacing = true
            }
            details.contentSize = HumanSize.decimal(totalContent)
            images.append(Image(names: summary.repoTags ?? [], details: details, platforms: platforms, created: summary.created))
        }
        // Newest first; images created in the same second keep the daemon's order (docker's
        // unstable sort keeps it too for the dozen images it sorts by insertion).
        self.images = images.enumerated().sorted { ($0.element.created, $1.offset) > ($1.element.created, $0.offset) }.map(\.element)
    }

    /// containerd's `platforms.Format`: `os/architecture/variant` without the empty parts, or
    /// `unknown` without an OS.
    static func platformName(_ platform: OCIPlatform?) -> String {
        guard let os = platform?.os, !os.isEmpty else { return "unknown" }
        return GoPath.clean([os, platform?.architecture ?? "", platform?.variant ?? ""].filter { !$0.isEmpty }.joined(separator: "/"))
    }
}

extension ImageTree {
    /// The printed tree for a standard output `terminalWidth` columns wide (`nil`: not a
    /// terminal, laid out for 80 columns and printed without colour).
    func rendered(terminalWidth: Int?) -> String {
        let terminal = terminalWidth != nil
        let width = max(terminalWidth.flatMap { $0 == 0 ? nil : $0 } ?? 80, 20)
        let style = ImageTreeStyle(terminal: terminal)
        let chips = ImageTreeChip.possible(in: self)
        var columns = ImageTreeColumn.all(chips: chips, terminal: terminal)
        columns = self.adjusted(columns, width: width)

        var out = style.warning.apply("WARNING: This is an experimental feature. The output may change and shouldn't be depended on.")
        out += "\n" + Self.legend(width: width, terminal: terminal) + "\n\n"
        out += columns.map { $0.print(ImageTreeStyle.title, $0.title.uppercased()) }.joined(separator: ImageTreeColumn.spacing) + "\n"
        for image in self.images {
            out += self.names(of: image, columns: columns, style: style, terminalWidth: terminalWidth ?? 0)
            out += Self.details(image.details, columns: columns, color: style.normal, chips: chips, terminal: terminal)
            if !image.platforms.isEmpty || self.imageSpacing { out += "\n" }
            for (index, platform) in image.platforms.enumerated() {
                let color = platform.available ? style.normal : style.normal.with(ImageTreeStyle.faint)
                let branch = index == image.platforms.count - 1 ? "└─ " : "├─ "
                out += columns[0].print(color, branch + platform.name)
                out += Self.details(platform.details, columns: columns, color: color, chips: chips, terminal: terminal) + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// docker's `adjustColumns`: the columns after the first that leave it at least 12 wide,
    /// and the first as wide as its widest value within what they leave.
    private func adjusted(_ columns: [ImageTreeColumn], width: Int) -> [ImageTreeColumn] {
        var columns = columns
        var nameWidth = width
        for (index, column) in columns.enumerated() where index > 0 {
            let used = column.width + ImageTreeColumn.spacing.count
            if nameWidth - used < 12 {
                columns.removeSubrange(index...)
                break
            }
            nameWidth -= used
        }
        // Go's len: bytes, as docker measures the names and platforms here.
        var widest = columns[0].title.utf8.count
        for image in self.images {
            widest = image.names.reduce(widest) { max($0, $1.utf8.count) }
            widest = image.platforms.reduce(widest) { max($0, $1.name.utf8.count + "└─ ".utf8.count) }
        }
        columns[0].width = min(nameWidth, widest)
        return columns
    }

    /// An image's names, longest first: all but the last on lines of their own (cut only to a
    /// terminal's full width), the last in the first column of its details' row; `<untagged>`
    /// without any.
    private func names(of image: Image, columns: [ImageTreeColumn], style: ImageTreeStyle, terminalWidth: Int) -> String {
        guard !image.names.isEmpty else { return columns[0].print(style.untagged, "<untagged>") }
        let longestFirst = image.names.enumerated().sorted {
            ($0.element.utf8.count, $1.offset) > ($1.element.utf8.count, $0.offset)
        }.map(\.element)
        var out = ""
        for name in longestFirst.dropLast() {
            out += style.topName.apply(ImageTreeColumn.ellipsis(name, length: terminalWidth)) + "\n"
        }
        return out + columns[0].print(style.topName, longestFirst[longestFirst.count - 1])
    }

    /// The columns after the first for one row, each after the columns' spacing.
    private static func details(
        _ details: Details, columns: [ImageTreeColumn], color: ImageTreeStyle.Color, chips: [ImageTreeChip], terminal: Bool
    ) -> String {
        columns.compactMap { column in
            let value: String
            switch column.value {
            case nil: return nil
            case .id: value = ObjectID.truncated(details.id)
            case .diskUsage: value = details.diskUsage
            case .contentSize: value = details.contentSize
            case .extra:
                value = chips.map { $0.check(details) ? $0.text(terminal: terminal) : (terminal ? "   " : " ") }.joined()
            }
            return ImageTreeColumn.spacing + column.print(column.value == .extra ? .none : color, value)
        }.joined()
    }

    /// The legend line: `Info ->` and each letter with its meaning, right-aligned to `width`.
    private static func legend(width: Int, terminal: Bool) -> String {
        let header =
            terminal
            ? ImageTreeStyle.Color("\u{1B}[1m").apply(
                ImageTreeStyle.Color("\u{1B}[106m").apply(ImageTreeStyle.Color("\u{1B}[30m").apply("i")) + " "
                    + ImageTreeStyle.Color("\u{1B}[96m").apply("Info → "))
            : " Info -> "
        let chips = ImageTreeChip.all.map { " " + $0.text(terminal: terminal) + " " + $0.description }.joined(separator: " |")
        let legend = header + chips + " "
        return String(repeating: " ", count: max(width - ImageTreeColumn.displayWidth(legend), 0)) + legend
    }
}
