@testable import StevedoreFormatting

/// The object the template tests run against; docker's own output for it (through
/// `docker inspect --format`, whose fallback executes templates over decoded JSON with
/// `missingkey=error`) is what the expectations record.
let zed: TemplateValue = [
    "b": 1, "a": "x<y>&z", "n": nil, "f": 1.5, "big": 1_000_000.0, "arr": ["p", "q"],
    "m": ["k.dot": "v"], "t": true, "emptys": "", "ea": [], "em": [:],
]
let document: TemplateValue = ["Id": "abc", "Zed": zed]

func render(_ text: String, _ value: TemplateValue = document, missingKey: GoTemplate.MissingKey = .error) throws -> String {
    try GoTemplate(parsing: text).render(value, missingKey: missingKey)
}

func renderError(_ text: String, _ value: TemplateValue = document) -> String? {
    do {
        _ = try GoTemplate(parsing: text).render(value)
        return nil
    } catch {
        return error.message
    }
}
