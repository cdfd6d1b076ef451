/// Reads money amounts as people write them in exports and spreadsheets.
///
/// Accepts plain decimals (`12`, `-3.5`, `+7`, `1e3`), thousands separators (groups of three),
/// a currency sign or code before or after (`¥` `￥` `$` `€` `£` `CNY` `RMB` `USD` `EUR` `GBP`
/// `元`, with or without a space), surrounding spaces, and accounting parentheses for negatives
/// (`(12.50)`, `(¥12.50)`). Rejects everything else, and non-finite results.
///
/// Decimal separator. With `.point` a point separates decimals and commas group thousands
/// (`1,234.50`); with `.comma` it is the other way round (`1.234,50`). Automatic (nil) reads a
/// decimal point, except for the one form that reads differently under the two conventions
/// and is common under the other one: a non-zero integer part of one to three digits, a single
/// point and exactly three digits (`1.234`, `€12.500`). It is 1.234 with a decimal point and
/// 1234 with a decimal comma, so it is `ambiguous` unless the amount carries a currency that
/// is written with a decimal point (¥ ￥ 元 CNY RMB $ USD £ GBP). The mirror form `1,234` stays
/// 1234: three decimals of a currency are rare, thousands separators in ¥1,234 are everywhere.
///
/// The common case (at most 15 significant digits, no exponent) is computed exactly as
/// `mantissa / 10^k`, which is correctly rounded because both operands are exact doubles
/// (Clinger's fast path); anything else goes through the standard library's parser.
struct AmountParser: Sendable {
    /// What a cell reads as.
    enum Reading: Equatable {
        case value(Double)
        /// Not an amount.
        case invalid
        /// `1.234` in a file whose decimal separator is not known: the two readings.
        case ambiguous(point: Double, comma: Double)
    }

    let separator: ImportOptions.DecimalSeparator?

    init(_ separator: ImportOptions.DecimalSeparator?) {
        self.separator = separator
    }

    /// The "(expected …)" part of an error message.
    var expectation: String {
        separator == .comma
            ? "expected a number with a decimal comma such as 1234,50, -12, 1.234,50, (12,50) or 99 €"
            : Self.expectation
    }

    static let expectation =
        "expected a number such as 1234.50, -12, 1,234.50, (12.50) or ¥99"

    /// The reason for a row error on `text`, which read as `reading` (not `.value`).
    func problem(_ text: String, _ reading: Reading, _ what: String = "an amount") -> String {
        switch reading {
        case .ambiguous(let point, let comma):
            return "\"\(text)\" is ambiguous: \(Self.plain(point)) if the file writes decimals with a point, "
                + "\(Self.plain(comma)) if with a comma; say which decimal separator the file uses"
        default:
            return "\"\(text)\" is not \(what) (\(expectation))"
        }
    }

    /// `1234`, `1.234`: the shortest text that reads back as `value`, for messages.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Currency signs and codes, as UTF-8 bytes; codes match without regard to case. The first
    /// `pointCurrencies` are written with a decimal point where they are used.
    private static let currencies: [[UInt8]] = [
        Array("¥".utf8), Array("￥".utf8), Array("$".utf8), Array("£".utf8), Array("元".utf8), Array("CNY".utf8),
        Array("RMB".utf8), Array("USD".utf8), Array("GBP".utf8), Array("€".utf8), Array("EUR".utf8),
    ]
    private static let pointCurrencies = 9

    /// `-?digits(.digits)?` with at most 15 digits, computed exactly (correctly rounded), or nil.
    static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress else { return nil }
        return parsePlain(base, 0, bytes.count)?.0
    }

    /// The amount in `bytes` with a decimal point and no ambiguity check, or nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if case .value(let value) = AmountParser(.point).read(bytes) { return value }
        return nil
    }

    /// What `bytes` reads as.
    func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .invalid }
        var s = 0
        var e = bytes.count
        // Fast path: digits with at most one '.', optional leading '-', nothing else.
        if separator != .comma, let (value, shape) = Self.parsePlain(base, s, e) {
            if separator == nil, shape.couldBeThousands {
                return .ambiguous(point: value, comma: Self.commaValue(bytes))
            }
            return .value(value)
        }

        Self.trim(base, &s, &e)
        var negative = false
        var signed = false
        if e - s >= 2, base[s] == UInt8(ascii: "("), base[e - 1] == UInt8(ascii: ")") {
            negative = true
            signed = true
            s += 1
            e -= 1
            Self.trim(base, &s, &e)
        }
        func takeSign() {
            guard !signed, s < e else { return }
            if base[s] == UInt8(ascii: "-") || base[s] == UInt8(ascii: "+") {
                negative = base[s] == UInt8(ascii: "-")
                signed = true
                s += 1
                Self.trim(base, &s, &e)
            }
        }
        takeSign()
        var currency: Int?
        if let (length, index) = Self.currencyPrefix(base, s, e) {
            s += length
            currency = index
            Self.trim(base, &s, &e)
            takeSign()
        }
        if currency == nil, let (length, index) = Self.currencySuffix(base, s, e) {
            e -= length
            currency = index
            Self.trim(base, &s, &e)
        }
        guard s < e else { return .invalid }
        let comma = separator == .comma
        let decimal = comma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        let group = comma ? UInt8(ascii: ".") : UInt8(ascii: ",")
        guard let (magnitude, shape) = Self.parseNumber(base, s, e, decimal: decimal, group: group) else {
            return .invalid
        }
        let value = negative ? -magnitude : magnitude
        guard value.isFinite else { return .invalid }
        if separator == nil, shape.couldBeThousands, !(currency.map { $0 < Self.pointCurrencies } ?? false) {
            return .ambiguous(point: value, comma: Self.commaValue(bytes))
        }
        return .value(value)
    }

    /// The reading of `bytes` with a decimal comma (exact, where `value * 1000` might not be).
    private static func commaValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        if case .value(let value) = AmountParser(.comma).read(bytes) { return value }
        return .nan  // not reached: a `1.234` form always reads with a decimal comma
    }

    /// What a number looked like, for the ambiguity rule.
    private struct Shape {
        /// One to three integer digits not starting with 0, one decimal point, exactly three
        /// decimals, no grouping and no exponent: `1.234`.
        var couldBeThousands: Bool
    }

    /// `-?digits(.digits)?` with at most 15 digits in all, computed exactly; nil otherwise.
    @inline(__always)
    private static func parsePlain(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> (Double, Shape)? {
        var i = start
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let firstDigit = i
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        while i < end {
            let c = p[i]
            if c &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(c &- 48)
                digits += 1
                if sawPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        let integerDigits = digits - fractionDigits
        let shape = Shape(
            couldBeThousands: sawPoint && fractionDigits == 3 && integerDigits >= 1 && integerDigits <= 3
                && p[firstDigit] != UInt8(ascii: "0"))
        return (negative ? -value : value, shape)
    }

    /// Digits with optional `group` separators, an optional `decimal` fraction and exponent.
    private static func parseNumber(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, decimal: UInt8, group: UInt8
    ) -> (Double, Shape)? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(end - start)
        var i = start
        var integerDigits = 0
        var groupDigits = 0
        var sawGroup = false
        while i < end, p[i] &- 48 < 10 || p[i] == group {
            if p[i] == group {
                // A separator needs 1–3 digits before it (3 after the first one) and digits after.
                guard groupDigits > 0, groupDigits <= 3, !sawGroup || groupDigits == 3 else { return nil }
                sawGroup = true
                groupDigits = 0
            } else {
                cleaned.append(p[i])
                integerDigits += 1
                groupDigits += 1
            }
            i += 1
        }
        if sawGroup, groupDigits != 3 { return nil }
        var fractionDigits = 0
        var sawDecimal = false
        if i < end, p[i] == decimal {
            sawDecimal = true
            cleaned.append(UInt8(ascii: "."))
            i += 1
            while i < end, p[i] &- 48 < 10 {
                cleaned.append(p[i])
                fractionDigits += 1
                i += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var sawExponent = false
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            sawExponent = true
            cleaned.append(p[i])
            i += 1
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                cleaned.append(p[i])
                i += 1
            }
            var exponentDigits = 0
            while i < end, p[i] &- 48 < 10 {
                cleaned.append(p[i])
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == end, let value = Double(String(decoding: cleaned, as: UTF8.self)) else { return nil }
        let shape = Shape(
            couldBeThousands: decimal == UInt8(ascii: ".") && sawDecimal && !sawGroup && !sawExponent
                && fractionDigits == 3 && integerDigits >= 1 && integerDigits <= 3 && p[start] != UInt8(ascii: "0"))
        return (value, shape)
    }

    private static func trim(_ p: UnsafePointer<UInt8>, _ s: inout Int, _ e: inout Int) {
        while s < e {
            if p[s] == 0x20 || p[s] == 0x09 {
                s += 1
            } else if p[s] == 0xC2, s + 1 < e, p[s + 1] == 0xA0 {  // no-break space
                s += 2
            } else {
                break
            }
        }
        while e > s {
            if p[e - 1] == 0x20 || p[e - 1] == 0x09 {
                e -= 1
            } else if e - 2 >= s, p[e - 2] == 0xC2, p[e - 1] == 0xA0 {
                e -= 2
            } else {
                break
            }
        }
    }

    /// The length of the currency at the start, and its index in `currencies`.
    private static func currencyPrefix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int)? {
        for (index, currency) in currencies.enumerated() where currency.count <= e - s {
            if (0..<currency.count).allSatisfy({ asciiLower(p[s + $0]) == asciiLower(currency[$0]) }) {
                return (currency.count, index)
            }
        }
        return nil
    }

    private static func currencySuffix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (Int, Int)? {
        for (index, currency) in currencies.enumerated() where currency.count <= e - s {
            let start = e - currency.count
            if (0..<currency.count).allSatisfy({ asciiLower(p[start + $0]) == asciiLower(currency[$0]) }) {
                return (currency.count, index)
            }
        }
        return nil
    }

    private static func asciiLower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
}
