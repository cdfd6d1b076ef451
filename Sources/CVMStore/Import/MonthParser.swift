import CustomerValue

/// Reads a month written as a period — `2024-03`, `2024/3`, `2024.03`, `202403`, `2024年3月` —
/// as the day number of its first day. Marketing spend is often reported per month.
enum MonthParser {
    static let expectation = "or a month such as 2024-03, 202403 or 2024年3月"

    static func firstDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = trimmed(bytes)
        var scanner = ByteScanner(text)
        guard let year = scanner.digits(exactly: 4) else { return nil }
        let month: Int?
        if scanner.skip(UInt8(ascii: "-")) || scanner.skip(UInt8(ascii: "/")) || scanner.skip(UInt8(ascii: ".")) {
            month = scanner.digits(from: 1, to: 2)
        } else if scanner.skip("年") {
            month = scanner.digits(from: 1, to: 2)
            guard scanner.skip("月") else { return nil }
        } else {
            month = scanner.digits(exactly: 2)
        }
        guard let month, scanner.atEnd, let day = Day(year: year, month: month, day: 1) else { return nil }
        return day.number
    }
}
