/// Reads money amounts as people write them in exports and spreadsheets.
///
/// Accepts plain decimals (`12`, `-3.5`, `+7`, `1e3`), thousands separators (`1,234.50`, groups
/// of three), a currency sign or code before or after (`¥` `￥` `$` `€` `£` `CNY` `RMB` `USD`
/// `EUR` `GBP` `元`, with or without a space), surrounding spaces, and accounting parentheses
/// for negatives (`(12.50)`, `(¥12.50)`). Rejects everything else, and non-finite results.
///
/// The common case (at most 15 significant digits, no exponent) is computed exactly as
/// `mantissa / 10^k`, which is correctly rounded because both operands are exact doubles
/// (Clinger's fast path); anything else goes through the standard library's parser.
enum AmountParser {
    static let expectation =
        "expected a number such as 1234.50, -12, 1,234.50, (12.50) or ¥99"

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Currency signs and codes, as UTF-8 bytes; codes match without regard to case.
    private static let currencies: [[UInt8]] = [
        Array("¥".utf8), Array("￥".utf8), Array("$".utf8), Array("€".utf8), Array("£".utf8),
        Array("元".utf8), Array("CNY".utf8), Array("RMB".utf8), Array("USD".utf8), Array("EUR".utf8),
        Array("GBP".utf8),
    ]

    /// The amount in `bytes`, or nil when it is not one.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        var s = 0
        var e = bytes.count
        // Fast path: digits with at most one '.', optional leading '-', nothing else.
        if let value = parsePlain(base, s, e) { return value }

        trim(base, &s, &e)
        var negative = false
        var signed = false
        if e - s >= 2, base[s] == UInt8(ascii: "("), base[e - 1] == UInt8(ascii: ")") {
            negative = true
            signed = true
            s += 1
            e -= 1
            trim(base, &s, &e)
        }
        func takeSign() {
            guard !signed, s < e else { return }
            if base[s] == UInt8(ascii: "-") || base[s] == UInt8(ascii: "+") {
                negative = base[s] == UInt8(ascii: "-")
                signed = true
                s += 1
                trim(base, &s, &e)
            }
        }
        takeSign()
        var sawCurrency = false
        if let length = currencyPrefix(base, s, e) {
            s += length
            sawCurrency = true
            trim(base, &s, &e)
            takeSign()
        }
        if !sawCurrency, let length = currencySuffix(base, s, e) {
            e -= length
            trim(base, &s, &e)
        }
        guard s < e, let magnitude = parseNumber(base, s, e) else { return nil }
        let value = negative ? -magnitude : magnitude
        return value.isFinite ? value : nil
    }

    /// `-?digits(.digits)?` with at most 15 digits in all, computed exactly; nil otherwise.
    @inline(__always)
    private static func parsePlain(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if i < end, p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
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
        return negative ? -value : value
    }

    /// Digits with optional thousands separators, an optional fraction and exponent.
    private static func parseNumber(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(end - start)
        var i = start
        var integerDigits = 0
        var groupDigits = 0
        var sawComma = false
        while i < end, p[i] &- 48 < 10 || p[i] == UInt8(ascii: ",") {
            if p[i] == UInt8(ascii: ",") {
                // A separator needs 1–3 digits before it (3 after the first one) and digits after.
                guard groupDigits > 0, groupDigits <= 3, !sawComma || groupDigits == 3 else { return nil }
                sawComma = true
                groupDigits = 0
            } else {
                cleaned.append(p[i])
                integerDigits += 1
                groupDigits += 1
            }
            i += 1
        }
        if sawComma, groupDigits != 3 { return nil }
        var fractionDigits = 0
        if i < end, p[i] == UInt8(ascii: ".") {
            cleaned.append(p[i])
            i += 1
            while i < end, p[i] &- 48 < 10 {
                cleaned.append(p[i])
                fractionDigits += 1
                i += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if i < end, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
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
        guard i == end else { return nil }
        return Double(String(decoding: cleaned, as: UTF8.self))
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

    private static func currencyPrefix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        for currency in currencies where currency.count <= e - s {
            if (0..<currency.count).allSatisfy({ asciiLower(p[s + $0]) == asciiLower(currency[$0]) }) {
                return currency.count
            }
        }
        return nil
    }

    private static func currencySuffix(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
        for currency in currencies where currency.count <= e - s {
            let start = e - currency.count
            if (0..<currency.count).allSatisfy({ asciiLower(p[start + $0]) == asciiLower(currency[$0]) }) {
                return currency.count
            }
        }
        return nil
    }

    private static func asciiLower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
}
