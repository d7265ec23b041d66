extension FixedWidthInteger {
    /// The value in lowercase hexadecimal, zero-padded to `width` digits.
    package func hexDigits(width: Int) -> String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
