import Foundation
import Testing

/// Spec/operations.tsv names the library call of every operation of Spec/swagger.yaml: it must
/// list exactly the spec's operations, and each call it names must be declared in the library.
struct OperationCoverageTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func everyOperationOfTheSpecHasATypedCall() throws {
        let spec = try String(contentsOf: Self.repository.appendingPathComponent("Spec/swagger.yaml"), encoding: .utf8)
        let operations = Set(spec.matches(of: /operationId: "([A-Za-z]+)"/).map { String($0.1) })
        #expect(operations.count == 108)
        let table = try String(contentsOf: Self.repository.appendingPathComponent("Spec/operations.tsv"), encoding: .utf8)
        let rows = table.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: "\t") }
        #expect(Set(rows.map { String($0[0]) }) == operations)

        // Each area's calls are declared in its folder (`docker.volumes` in Sources/Stevedore/Volumes);
        // building from a context lives in Build.
        var declared: [String: Set<String>] = [:]
        let sources = Self.repository.appendingPathComponent("Sources/Stevedore")
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            let folder = file.deletingLastPathComponent().lastPathComponent
            let area = folder == "Build" ? "images" : folder.lowercased()
            declared[area, default: []].formUnion(Self.publicFunctionNames(in: try String(contentsOf: file, encoding: .utf8)))
        }
        for row in rows {
            // Each call of the row, `docker.area.name(labels…)` and the same area's further names
            // (`/ inspectWithRaw(_:size:)`): a public function of that area with those labels.
            let calls = row[3].matches(of: /(?:docker\.([a-z]+)\.)?`?([A-Za-z]+)`?(\([A-Za-z_:]*\))/)
            var area: Substring?
            for call in calls {
                area = call.1 ?? area
                guard let area else { continue }
                let isDeclared = declared[String(area)]?.contains(String(call.2 + call.3)) ?? false
                #expect(isDeclared, "\(row[0]): \(area).\(call.2)\(call.3) is not declared")
            }
            if area == nil { Issue.record("\(row[0]): no call in \(row[3])") }
        }
    }

    /// The full names (`remove(_:force:)`) of every `public func` in `source`: its parameters'
    /// argument labels, read up to the parenthesis that closes the list.
    private static func publicFunctionNames(in source: String) -> Set<String> {
        var names: Set<String> = []
        for match in source.matches(of: /public func `?([A-Za-z]+)`?(<[^(]*>)?\(/) {
            var labels = ""
            var parameter = ""
            var depth = 0
            var previous: Character = " "
            for character in source[match.range.upperBound...] {
                defer { previous = character }
                switch character {
                case "(", "[", "{", "<": depth += 1
                case ")", "]", "}": depth -= 1
                case ">" where previous != "-": depth -= 1  // not a function type's `->`
                default: break
                }
                if depth < 0 || (depth == 0 && character == ",") {
                    let head = parameter.split(separator: ":", maxSplits: 1).first ?? ""
                    if let label = head.split(whereSeparator: \.isWhitespace).first { labels += "\(label):" }
                    parameter = ""
                    if depth < 0 { break }
                    continue
                }
                parameter.append(character)
            }
            names.insert("\(match.1)(\(labels))")
        }
        return names
    }
}
