import CustomerValue

/// A date cell read: the calendar day as written, and the time of day as written (if any).
struct ParsedDate {
    var day: Int
    var time: String?
}

/// Reads the date cells of an import.
///
/// Automatic forms: `YYYY-MM-DD`, `YYYY/MM/DD` (also with one-digit month or day, and
/// `YYYY年M月D日`), `YYYYMMDD`, and ISO-8601 date-times with `T` or a space, with or without
/// seconds, fraction and zone (`2024-03-01T10:20:30`, `…Z`, `…+08:00`). With a `DatePattern`
/// (`--date-format`) only that pattern is accepted.
///
/// The day is the date as written: a zone is kept in the time text, never applied, so a sale
/// made on the evening of March 1st in Beijing stays on March 1st. Impossible dates (2023-02-30,
/// month 13) and times (25:00) are rejected.
///
/// Results are cached by raw text: order logs repeat the same few thousand dates, and the cache
/// also keeps the time text as one shared String instead of allocating one per row. Plain
/// `YYYY-MM-DD` skips the cache: reading 10 digits is cheaper than hashing them.
struct DateParser {
    let pattern: DatePattern?
    private var cache: [CacheKey: ParsedDate] = [:]

    init(pattern: DatePattern?) {
        self.pattern = pattern
    }

    /// The "(expected …)" part of an error message.
    var expectation: String {
        if let pattern { return "expected the date pattern \(pattern.text)" }
        return "expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 date-time, or a date pattern"
    }

    /// The date in `bytes`, or nil when it is not one.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return nil }
        if pattern == nil, bytes.count == 10, let day = Self.plainDay(p) { return ParsedDate(day: day, time: nil) }
        guard bytes.count <= CacheKey.capacity else { return parseUncached(bytes) }
        let key = CacheKey(bytes)
        if let hit = cache[key] { return hit }
        guard let parsed = parseUncached(bytes) else { return nil }
        if cache.count >= 1 << 20 { cache.removeAll(keepingCapacity: true) }
        cache[key] = parsed
        return parsed
    }

    private func parseUncached(_ bytes: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        var s = 0
        var e = bytes.count
        while s < e, bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
        while e > s, bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
        let text = UnsafeBufferPointer(rebasing: bytes[s..<e])
        if let pattern { return pattern.parse(text) }
        return Self.parseAutomatic(text)
    }

    /// `YYYY-MM-DD` exactly.
    @inline(__always)
    private static func plainDay(_ p: UnsafePointer<UInt8>) -> Int? {
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        let d0 = p[0] &- 48
        let d1 = p[1] &- 48
        let d2 = p[2] &- 48
        let d3 = p[3] &- 48
        let d5 = p[5] &- 48
        let d6 = p[6] &- 48
        let d8 = p[8] &- 48
        let d9 = p[9] &- 48
        guard d0 < 10, d1 < 10, d2 < 10, d3 < 10, d5 < 10, d6 < 10, d8 < 10, d9 < 10 else { return nil }
        let year = Int(d0) * 1000 + Int(d1) * 100 + Int(d2) * 10 + Int(d3)
        return Day(year: year, month: Int(d5) * 10 + Int(d6), day: Int(d8) * 10 + Int(d9))?.number
    }

    private static func parseAutomatic(_ text: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        var scanner = ByteScanner(text)
        guard let year = scanner.digits(exactly: 4) else { return nil }
        let month: Int
        let day: Int
        if text.count == 8, text[4] &- 48 < 10 {
            guard let m = scanner.digits(exactly: 2), let d = scanner.digits(exactly: 2) else { return nil }
            month = m
            day = d
        } else if scanner.skip("年") {
            guard let m = scanner.digits(from: 1, to: 2), scanner.skip("月"), let d = scanner.digits(from: 1, to: 2)
            else { return nil }
            _ = scanner.skip("日")
            month = m
            day = d
        } else {
            guard let separator = scanner.next(),
                separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")
                    || separator == UInt8(ascii: ".")
            else { return nil }
            guard let m = scanner.digits(from: 1, to: 2), scanner.skip(separator),
                let d = scanner.digits(from: 1, to: 2)
            else { return nil }
            month = m
            day = d
        }
        guard let calendarDay = Day(year: year, month: month, day: day) else { return nil }
        if scanner.atEnd { return ParsedDate(day: calendarDay.number, time: nil) }
        // A time of day after `T` or spaces.
        guard scanner.skip(UInt8(ascii: "T")) || scanner.skipSpaces() else { return nil }
        let timeStart = scanner.index
        guard let hour = scanner.digits(from: 1, to: 2), hour <= 23, scanner.skip(UInt8(ascii: ":")),
            let minute = scanner.digits(exactly: 2), minute <= 59
        else { return nil }
        if scanner.skip(UInt8(ascii: ":")) {
            guard let second = scanner.digits(exactly: 2), second <= 60 else { return nil }
            if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) {
                guard scanner.digits(from: 1, to: 9) != nil else { return nil }
            }
        }
        // An optional zone: Z, ±HH, ±HHMM or ±HH:MM (kept in the text, not applied).
        _ = scanner.skipSpaces()
        if scanner.skip(UInt8(ascii: "Z")) || scanner.skip(UInt8(ascii: "z")) {
        } else if scanner.skip(UInt8(ascii: "+")) || scanner.skip(UInt8(ascii: "-")) {
            guard let zoneHour = scanner.digits(exactly: 2), zoneHour <= 14 else { return nil }
            if !scanner.atEnd {
                _ = scanner.skip(UInt8(ascii: ":"))
                guard let zoneMinute = scanner.digits(exactly: 2), zoneMinute <= 59 else { return nil }
            }
        }
        guard scanner.atEnd else { return nil }
        let time = String(decoding: UnsafeBufferPointer(rebasing: text[timeStart...]), as: UTF8.self)
        return ParsedDate(day: calendarDay.number, time: time)
    }

    /// Up to 32 bytes packed into four words: an exact (collision-free) key for short texts.
    private struct CacheKey: Hashable {
        static let capacity = 32
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count: Int

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            count = bytes.count
            withUnsafeMutableBytes(of: &words) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
            }
        }

        static func == (a: CacheKey, b: CacheKey) -> Bool {
            a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2
                && a.words.3 == b.words.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }
}

/// A cursor over bytes for the small grammars of dates.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func skip(_ literal: String) -> Bool {
        let utf8 = literal.utf8
        guard bytes.count - index >= utf8.count else { return false }
        for (offset, byte) in utf8.enumerated() where bytes[index + offset] != byte { return false }
        index += utf8.count
        return true
    }

    /// Skips one or more spaces; false if there were none.
    mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index > start
    }

    mutating func digits(exactly count: Int) -> Int? { digits(from: count, to: count) }

    /// Reads between `minimum` and `maximum` decimal digits (as many as there are, up to maximum).
    mutating func digits(from minimum: Int, to maximum: Int) -> Int? {
        var value = 0
        var read = 0
        while read < maximum, index < bytes.count, bytes[index] &- 48 < 10 {
            value = value * 10 + Int(bytes[index] &- 48)
            index += 1
            read += 1
        }
        return read >= minimum ? value : nil
    }
}
