import Stevedore

/// `--label`/`--opt` values as docker's map options read them: `key=value`, or `key` alone for
/// an empty value; the last of a repeated key wins. Nil when there are none.
func keyValueMap(_ entries: [String]) -> [String: String]? {
    guard !entries.isEmpty else { return nil }
    return Dictionary(entries.map { text in
        let pair = LabelFilter(parsing: text)
        return (pair.key, pair.value ?? "")
    }, uniquingKeysWith: { $1 })
}
