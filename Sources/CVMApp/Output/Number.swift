import Foundation

/// CSV encoding of one row (RFC 4180: quote fields holding a comma, quote or line break).
public enum CSV {
    public static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Numbers as this program prints them: compact and exact enough for data files, rounded for people.
public enum Number {
    /// For CSV: integers without a decimal point; other values in the shortest form that reads
    /// back as the same Double, unless that needs more than 15 significant digits — then 15, which
    /// hides floating-point summation noise (`100.50000000000001` prints `100.5`).
    /// A value that is not finite (which no analysis should produce) is written as an empty field.
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let magnitude = abs(value)
        guard value.isFinite, magnitude >= 1e-4, magnitude < 1e15 else { return "\(value)" }
        // 15 significant digits by integer arithmetic: much faster than String(format:), which
        // matters when a summary of a million customers is written.
        let exponent = Int((log10(magnitude)).rounded(.down))
        let decimals = max(0, 14 - exponent)
        let scaled = (magnitude * powersOfTen[decimals]).rounded()
        var digits = Array(String(Int64(scaled)).utf8)
        if digits.count <= decimals {
            digits.insert(contentsOf: [UInt8](repeating: 0x30, count: decimals - digits.count + 1), at: 0)
        }
        var text = Array(digits[..<(digits.count - decimals)])
        var fraction = Array(digits[(digits.count - decimals)...])
        while fraction.last == 0x30 { fraction.removeLast() }
        if !fraction.isEmpty { text += [0x2E] + fraction }
        return (value < 0 ? "-" : "") + String(decoding: text, as: UTF8.self)
    }

    private static let powersOfTen: [Double] = (0...18).map { pow(10, Double($0)) }

    /// Rounded to `digits` decimals with thousands separators, for tables; "–" for a value that
    /// is not finite.
    public static func readable(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(max(0, min(digits, 17)))f", abs(value))
        let parts = text.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer.removeLast(3)
        }
        grouped = integer + grouped
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A change: `readable` with its sign, + for a rise (and for no change).
    public static func signed(_ delta: Double, digits: Int = 2) -> String {
        (delta >= 0 ? "+" : "") + readable(delta, digits: digits)
    }

    /// A share as a percentage with one decimal; "–" for a share that is not finite.
    public static func percent(_ share: Double) -> String {
        guard (share * 100).isFinite else { return "–" }
        return readable(share * 100, digits: 1) + "%"
    }
}
