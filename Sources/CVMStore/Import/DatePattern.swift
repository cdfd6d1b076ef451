import CustomerValue

/// A user's date format (`--date-format`), e.g. `dd.MM.yyyy`, `MM/dd/yyyy`, `yyyy-MM-dd HH:mm`.
///
/// Tokens: `yyyy` (4-digit year), `MM`/`dd`/`HH`/`mm`/`ss` (exactly 2 digits), `M`/`d`/`H`
/// (1 or 2 digits); every other character must appear as written. Written by hand because
/// Foundation's `DateFormatter` is slow and applies a time zone, which could move a sale to
/// another day.
public struct DatePattern: Sendable, Equatable {
    enum Token: Equatable {
        case year, month2, month, day2, day, hour2, hour, minute2, second2
        case literal(UInt8)
    }

    /// The pattern as the user wrote it.
    public let text: String
    let tokens: [Token]

    /// Parses a pattern; throws `ImportError` (.invalidOption) when it lacks a year, month or day.
    public init(_ text: String) throws {
        self.text = text
        var tokens: [Token] = []
        let bytes = Array(text.utf8)
        var i = 0
        let table: [(String, Token)] = [
            ("yyyy", .year), ("MM", .month2), ("dd", .day2), ("HH", .hour2), ("mm", .minute2), ("ss", .second2),
            ("M", .month), ("d", .day), ("H", .hour),
        ]
        scanning: while i < bytes.count {
            for (name, token) in table {
                let name = Array(name.utf8)
                if bytes.count - i >= name.count, Array(bytes[i..<(i + name.count)]) == name {
                    tokens.append(token)
                    i += name.count
                    continue scanning
                }
            }
            tokens.append(.literal(bytes[i]))
            i += 1
        }
        let has = { (options: [Token]) in tokens.contains { options.contains($0) } }
        guard has([.year]), has([.month, .month2]), has([.day, .day2]) else {
            throw ImportError(
                .invalidOption,
                "the date pattern \"\(text)\" needs a year (yyyy), a month (MM or M) and a day (dd or d), "
                    + "e.g. dd.MM.yyyy or MM/dd/yyyy HH:mm")
        }
        self.tokens = tokens
    }

    /// The date in `text` (already trimmed), or nil when it does not match or does not exist.
    func parse(_ text: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        var scanner = ByteScanner(text)
        var year = 0
        var month = 0
        var day = 0
        var hour: Int?
        var minute: Int?
        var second: Int?
        for token in tokens {
            switch token {
            case .year:
                guard let v = scanner.digits(exactly: 4) else { return nil }
                year = v
            case .month2:
                guard let v = scanner.digits(exactly: 2) else { return nil }
                month = v
            case .month:
                guard let v = scanner.digits(from: 1, to: 2) else { return nil }
                month = v
            case .day2:
                guard let v = scanner.digits(exactly: 2) else { return nil }
                day = v
            case .day:
                guard let v = scanner.digits(from: 1, to: 2) else { return nil }
                day = v
            case .hour2:
                guard let v = scanner.digits(exactly: 2) else { return nil }
                hour = v
            case .hour:
                guard let v = scanner.digits(from: 1, to: 2) else { return nil }
                hour = v
            case .minute2:
                guard let v = scanner.digits(exactly: 2) else { return nil }
                minute = v
            case .second2:
                guard let v = scanner.digits(exactly: 2) else { return nil }
                second = v
            case .literal(let byte): guard scanner.skip(byte) else { return nil }
            }
        }
        guard scanner.atEnd, let calendarDay = Day(year: year, month: month, day: day) else { return nil }
        guard let hour else { return ParsedDate(day: calendarDay.number, time: nil) }
        guard hour <= 23, (minute ?? 0) <= 59, (second ?? 0) <= 60 else { return nil }
        var time = Self.pad(hour) + ":" + Self.pad(minute ?? 0)
        if let second { time += ":" + Self.pad(second) }
        return ParsedDate(day: calendarDay.number, time: time)
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
