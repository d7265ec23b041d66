#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Byte counts as docker's `go-units` writes them.
public enum HumanSize {
    private static let decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    private static let binaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]

    /// `units.HumanSizeWithPrecision(size, precision)`: powers of 1000, `precision` significant
    /// digits as Go's `%.*g` (so `1.5kB`, `23.4MB`, `0B`, and Go's own `1e+03kB` for 999999).
    /// docker prints image and container sizes with precision 3; `units.HumanSize` is precision 4.
    public static func decimal(_ bytes: Double, precision: Int = 3) -> String {
        let (value, unit) = scaled(bytes, base: 1000, units: decimalUnits)
        return GoFloat.g(value, precision: precision) + unit
    }

    /// `units.BytesSize(size)`: powers of 1024 with `KiB`, `MiB`…, four significant digits.
    public static func binary(_ bytes: Double) -> String {
        let (value, unit) = scaled(bytes, base: 1024, units: binaryUnits)
        return GoFloat.g(value, precision: 4) + unit
    }

    public static func decimal(_ bytes: Int64, precision: Int = 3) -> String { decimal(Double(bytes), precision: precision) }
    public static func binary(_ bytes: Int64) -> String { binary(Double(bytes)) }

    private static func scaled(_ size: Double, base: Double, units: [String]) -> (Double, String) {
        var size = size
        var unit = 0
        while size >= base && unit < units.count - 1 {
            size /= base
            unit += 1
        }
        return (size, units[unit])
    }
}
