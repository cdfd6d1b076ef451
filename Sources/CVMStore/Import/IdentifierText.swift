import Foundation

/// The normal form of the ids an import matches rows by: customer ids in every file, order
/// ids, invoice ids, campaign ids and segments.
///
/// Two ids that look the same must be the same id, and an id must print as what it is:
/// - Unicode white space and invisible format characters at either end are removed: not only
///   spaces and tabs, but the no-break space U+00A0 that spreadsheets add, the ideographic
///   space U+3000 of Chinese input methods, the byte-order mark U+FEFF and zero-width spaces;
/// - the rest is put in Unicode normalisation form C, so that `é` typed as one character or as
///   `e` plus an accent is one id;
/// - control characters (U+0000–U+001F, U+007F–U+009F, line and paragraph separators) and
///   invisible format characters inside an id are refused: `C1` and `C<NUL>1` would look the
///   same in every table, and a NUL written raw into a CSV output breaks the tools reading it.
///
/// Ids of printable ASCII (all but a few percent of real files) take a byte-level fast path
/// that only trims spaces and tabs; NFC and Unicode trimming leave such text unchanged.
public enum IdentifierText {
    /// Why the id in `bytes` (valid UTF-8) cannot be stored, or nil; `what` names it in the
    /// message ("the customer id"). An id that is empty after trimming is a problem too.
    static func problem(_ bytes: UnsafeBufferPointer<UInt8>, _ what: String) -> String? {
        let text = trimmed(bytes)
        if isPlainASCII(text) { return text.isEmpty ? "\(what) is empty" : nil }
        let scalars = edgeTrimmed(String(decoding: text, as: UTF8.self).unicodeScalars)
        if scalars.isEmpty { return "\(what) is empty (it holds only white space or invisible characters)" }
        for (offset, scalar) in scalars.enumerated() where isRefused(scalar) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let kind = scalar.properties.generalCategory == .format ? "an invisible format" : "a control"
            return "\(what) contains \(kind) character (\(code), character \(offset + 1)); "
                + "ids must be visible text"
        }
        return nil
    }

    /// Calls `body` with the normal form of an id that `problem` accepted.
    @inline(__always)
    static func withNormalised<R>(
        _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let text = trimmed(bytes)
        if isPlainASCII(text) { return try body(text) }
        var normal = Array(normalised(String(decoding: text, as: UTF8.self)).utf8)
        return try normal.withUnsafeMutableBufferPointer { try body(UnsafeBufferPointer($0)) }
    }

    /// Why a free-text cell (a name, a product, a region) cannot be stored, or nil: control
    /// characters other than tab and line breaks (NUL, escape, …) are refused; format characters
    /// are kept, as some scripts need them (the zero-width non-joiner in Persian names).
    static func textProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ what: String) -> String? {
        if isPlainASCII(trimmed(bytes)) { return nil }
        for (offset, scalar) in String(decoding: trimmed(bytes), as: UTF8.self).unicodeScalars.enumerated()
        where scalar.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains(scalar) {
            let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
            return "\(what) contains a control character (\(code), character \(offset + 1)); remove it from the file"
        }
        return nil
    }

    /// `problem` for an optional id (an order id, an invoice id): empty is no id, not a problem.
    static func optionalProblem(_ bytes: UnsafeBufferPointer<UInt8>, _ what: String) -> String? {
        let text = trimmed(bytes)
        if isPlainASCII(text) { return nil }
        return edgeTrimmed(String(decoding: text, as: UTF8.self).unicodeScalars).isEmpty ? nil : problem(bytes, what)
    }

    /// The normal form of an optional id that `optionalProblem` accepted, nil when it is empty.
    static func normalisedText(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let normal = withNormalised(bytes) { Array($0) }
        return normal.isEmpty ? nil : normal
    }

    /// The normal form of `text` (for ids given as strings, e.g. to delete a customer).
    public static func normalised(_ text: String) -> String {
        let scalars = edgeTrimmed(text.unicodeScalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view).precomposedStringWithCanonicalMapping
    }

    /// Printable ASCII only (space included, as inside `John Smith`).
    @inline(__always)
    private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte &- 0x20 > 0x5E { return false }
        return true
    }

    private static func isInvisibleAtEdge(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    private static func edgeTrimmed(_ scalars: String.UnicodeScalarView) -> ArraySlice<Unicode.Scalar> {
        let all = Array(scalars)
        guard let first = all.firstIndex(where: { !isInvisibleAtEdge($0) }),
            let last = all.lastIndex(where: { !isInvisibleAtEdge($0) })
        else { return [] }
        return all[first...last]
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
