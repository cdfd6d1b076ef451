import Foundation

extension Number {
    /// Two decimals, no grouping: `0.60` (seconds, a correlation).
    public static func fixed(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(max(0, min(digits, 17)))f", value)
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }
}
