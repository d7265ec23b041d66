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

        var declarations = ""
        let sources = Self.repository.appendingPathComponent("Sources/Stevedore")
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            declarations += try String(contentsOf: file, encoding: .utf8)
        }
        for row in rows {
            // `docker.area.name(labels…)`: `name` must be a public function of the library.
            guard let call = row[3].firstMatch(of: /docker\.[a-z]+\.([A-Za-z]+)\(/) else {
                Issue.record("\(row[0]): no call in \(row[3])")
                continue
            }
            let declared = declarations.contains("public func \(call.1)(") || declarations.contains("public func \(call.1)<")
            #expect(declared, "\(row[0]): \(call.1) is not declared")
        }
    }
}
