/// Go's `time.Duration.String` of `nanoseconds`: `1h2m3.5s`, `1.5ms`, `0s`.
package func goDurationString(_ nanoseconds: Int64) -> String {
    var remaining = nanoseconds.magnitude
    guard remaining > 0 else { return "0s" }
    /// The last `digits` digits of `remaining` as a fraction without trailing zeros (none
    /// when they are all zero); `remaining` keeps the digits before them.
    func fraction(_ digits: Int) -> String {
        var text = ""
        for _ in 0..<digits {
            let digit = remaining % 10
            remaining /= 10
            if !text.isEmpty || digit != 0 { text = String(digit) + text }
        }
        return text.isEmpty ? "" : "." + text
    }
    var text: String
    if remaining < 1_000_000_000 {
        // Below a second: the largest unit that keeps a whole part.
        let (unit, digits) = remaining < 1_000 ? ("ns", 0) : remaining < 1_000_000 ? ("µs", 3) : ("ms", 6)
        let decimals = fraction(digits)
        text = "\(remaining)\(decimals)\(unit)"
    } else {
        let decimals = fraction(9)
        text = "\(remaining % 60)\(decimals)s"
        let minutes = remaining / 60
        if minutes > 0 {
            text = "\(minutes % 60)m" + text
            if minutes / 60 > 0 { text = "\(minutes / 60)h" + text }
        }
    }
    return (nanoseconds < 0 ? "-" : "") + text
}
