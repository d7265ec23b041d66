import Stevedore

extension ImageSummary {
    /// docker's `isDangling`: no tags and no digests, or only `<none>:<none>` and
    /// `<none>@<none>` (as old daemons list an untagged image). `images`, `images --tree` and
    /// `system df -v` show such an image as `<none>`, or leave it out.
    var isDangling: Bool {
        let tags = self.repoTags ?? []
        let digests = self.repoDigests ?? []
        return (tags.isEmpty && digests.isEmpty) || (tags == ["<none>:<none>"] && digests == ["<none>@<none>"])
    }
}
