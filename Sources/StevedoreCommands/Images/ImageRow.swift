import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of `images`: the fields of docker's image formatting context, as strings.
struct ImageRow: FormatterContext {
    static let formatterContextType = "*formatter.imageContext"
    var Containers: String
    var CreatedAt: String
    var CreatedSince: String
    var Digest: String
    var ID: String
    var Repository: String
    var SharedSize: String
    var Size: String
    var Tag: String
    var UniqueSize: String
    var VirtualSize: String

    static let tableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}"
    static let digestTableFormat =
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}"
    /// docker's `--format raw`: a block of `key: value` lines per image (with `--digests`, its digest too).
    static let rawFormat =
        "repository: {{ .Repository }}\\ntag: {{.Tag}}\\nimage_id: {{.ID}}\\ncreated_at: {{.CreatedAt}}\\nvirtual_size: {{.Size}}\\n"
    static let digestRawFormat =
        "repository: {{ .Repository }}\\ntag: {{.Tag}}\\ndigest: {{.Digest}}\\nimage_id: {{.ID}}\\ncreated_at: {{.CreatedAt}}\\n"
        + "virtual_size: {{.Size}}\\n"
    static let titles = [
        "ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST", "CreatedSince": "CREATED",
        "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS", "VirtualSize": "SIZE", "SharedSize": "SHARED SIZE",
        "UniqueSize": "UNIQUE SIZE",
    ]

    init(_ image: ImageSummary, repository: String, tag: String, digest: String, truncate: Bool, now: Date = Date()) {
        self.ID = truncate ? ObjectID.truncated(image.id) : image.id
        self.Repository = repository
        self.Tag = tag
        self.Digest = digest
        let created = Date(timeIntervalSince1970: TimeInterval(image.created))
        self.CreatedAt = ContainerRow.goTime(created)
        self.CreatedSince = HumanDuration.ago(created, now: now)
        self.Size = HumanSize.decimal(image.size)
        self.VirtualSize = HumanSize.decimal(image.size, precision: 4)
        self.Containers = image.containers == -1 ? "N/A" : String(image.containers)
        self.SharedSize = image.sharedSize == -1 ? "N/A" : HumanSize.decimal(image.sharedSize, precision: 4)
        self.UniqueSize =
            image.size == -1 || image.sharedSize == -1 ? "N/A" : HumanSize.decimal(image.size - image.sharedSize, precision: 4)
    }

    /// docker's rows for one image: one per repository and tag (per digest too when digests
    /// are shown), digest-only repositories after them, `<none>` for a dangling image.
    static func rows(of image: ImageSummary, truncate: Bool, showDigests: Bool, needDigests: Bool) -> [ImageRow] {
        if image.isDangling { return [ImageRow(image, repository: "<none>", tag: "<none>", digest: "<none>", truncate: truncate)] }
        let tagsByRepository = Self.grouped(image.repoTags ?? [], \.tag)
        var digestsByRepository = Self.grouped(image.repoDigests ?? [], \.digest)
        var rows: [ImageRow] = []
        for (repository, tags) in tagsByRepository {
            let repositoryDigests = needDigests ? digestsByRepository.first { $0.0 == repository }?.1 ?? [] : []
            digestsByRepository.removeAll { $0.0 == repository }
            for tag in tags {
                for digest in repositoryDigests.isEmpty ? ["<none>"] : repositoryDigests {
                    rows.append(ImageRow(image, repository: repository, tag: tag, digest: digest, truncate: truncate))
                }
            }
        }
        for (repository, repositoryDigests) in digestsByRepository {
            for digest in showDigests ? repositoryDigests : [""] {
                rows.append(ImageRow(image, repository: repository, tag: "<none>", digest: digest, truncate: truncate))
            }
        }
        return rows
    }

    /// `references` grouped by familiar repository name in order of appearance, each with the
    /// part `component` picks (its tag or digest); references without it are skipped.
    private static func grouped(_ references: [String], _ component: KeyPath<ImageName, String?>) -> [(String, [String])] {
        var groups: [(String, [String])] = []
        for reference in references {
            guard let name = try? ImageName(parsing: reference), let part = name[keyPath: component] else { continue }
            if let index = groups.firstIndex(where: { $0.0 == name.familiarName }) {
                groups[index].1.append(part)
            } else {
                groups.append((name.familiarName, [part]))
            }
        }
        return groups
    }
}
