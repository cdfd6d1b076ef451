// Why our own CSV reader, and not SwiftCSV 0.10.0 or yaslab/CSV.swift 2.5.2:
// - Errors must name the *physical* line of a row (header = line 1, a quoted field that spans
//   three lines counts three). Neither library reports line numbers: SwiftCSV hands out
//   `[String]` rows, CSV.swift a row index, and both lose the count of newlines inside quotes.
// - Speed: both decode the input one `Character` / `UnicodeScalar` at a time through an
//   iterator (CSV.swift through `AnyIterator<UnicodeScalar>`) and build a `String` for every
//   field. The import reads 150 MB files and stores most fields without ever making a String
//   (they are bound to SQLite straight from the bytes), so we scan raw bytes instead.
// - The delimiter must be detected from the header line only, and blank lines skipped.
// The reader below works over an `UnsafeBufferPointer<UInt8>` (a memory-mapped file), hands out
// field ranges into that buffer, and validates UTF-8 only for records holding non-ASCII bytes.

/// A field of the current record: a byte range of the input, without its surrounding quotes.
struct CSVField {
    /// Offsets into the input buffer (quotes excluded).
    var start: Int
    var end: Int
    var form: Form

    enum Form: UInt8 {
        /// The bytes are the value.
        case plain
        /// A quoted field whose bytes hold doubled quotes (`""`) that stand for `"`.
        case doubledQuotes
        /// The raw text of a quoted field followed by more text (`"ab"c`), opening quote included.
        case quotedWithTail
    }
}

/// RFC 4180 reader over UTF-8 bytes.
///
/// - Delimiter: any ASCII byte (`,` `;` tab are detected by `detectDelimiter`).
/// - Quoted fields may hold delimiters, doubled quotes and line breaks. Text after a closing
///   quote is kept as part of the field (`"ab"c` reads `abc`), as Python's csv module does.
/// - Line ends: LF, CRLF or a lone CR. Blank lines are skipped.
/// - `line` of a record is the physical line it starts on (1-based); `nextLine` is where the
///   following record starts, counting line breaks inside quoted fields.
struct CSVReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    /// Offset of the next byte to read.
    private(set) var offset: Int
    /// The physical line of the next byte to read.
    private(set) var nextLine = 1

    /// The current record.
    private(set) var fields: [CSVField] = []
    private(set) var line = 0
    /// Byte range of the whole current record, for messages.
    private(set) var recordStart = 0
    private(set) var recordEnd = 0
    /// True when the current record holds a byte >= 0x80 (then it must be validated as UTF-8).
    private(set) var hasNonASCII = false
    /// Set when the current record's last quoted field never closes (it ran to the end of input).
    private(set) var unterminatedQuote = false

    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    init(_ buffer: UnsafeBufferPointer<UInt8>, delimiter: UInt8, startingAt offset: Int = 0, line: Int = 1) {
        self.base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = buffer.count
        self.delimiter = delimiter
        self.offset = offset
        self.nextLine = line
        fields.reserveCapacity(32)
    }

    /// Reads the next non-blank record; false at the end of input.
    mutating func next() -> Bool {
        while offset < count {
            readRecord()
            if fields.count == 1, fields[0].start == fields[0].end, !isQuotedEmpty { continue }
            return true
        }
        return false
    }

    /// True when the single field of the current record was written as `""` (not a blank line).
    private var isQuotedEmpty = false

    private mutating func readRecord() {
        fields.removeAll(keepingCapacity: true)
        line = nextLine
        recordStart = offset
        hasNonASCII = false
        unterminatedQuote = false
        isQuotedEmpty = false
        let p = base
        let end = count
        let delimiter = self.delimiter
        var i = offset
        var highBits: UInt8 = 0
        while true {
            // One field starts at i.
            if i < end, p[i] == CSVReader.quote {
                // Quoted field.
                var j = i + 1
                var escaped = false
                var closed = false
                while j < end {
                    let c = p[j]
                    if c == CSVReader.quote {
                        if j + 1 < end, p[j + 1] == CSVReader.quote {
                            escaped = true
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == CSVReader.lf {
                        nextLine += 1
                    } else if c == CSVReader.cr, !(j + 1 < end && p[j + 1] == CSVReader.lf) {
                        nextLine += 1
                    }
                    highBits |= c
                    j += 1
                }
                if !closed {
                    fields.append(CSVField(start: i + 1, end: j, form: escaped ? .doubledQuotes : .plain))
                    unterminatedQuote = true
                    i = j
                    break
                }
                let fieldEnd = j
                j += 1  // past the closing quote
                // Text after the closing quote up to the delimiter is kept (lenient, like Python).
                var k = j
                while k < end {
                    let c = p[k]
                    if c == delimiter || c == CSVReader.lf || c == CSVReader.cr { break }
                    highBits |= c
                    k += 1
                }
                if k > j {
                    // Rare: `"ab"c`; the value is rebuilt from the raw bytes when read.
                    fields.append(CSVField(start: i, end: k, form: .quotedWithTail))
                } else {
                    fields.append(CSVField(start: i + 1, end: fieldEnd, form: escaped ? .doubledQuotes : .plain))
                    if fieldEnd == i + 1 { isQuotedEmpty = true }
                }
                i = k
            } else {
                var j = i
                while j < end {
                    let c = p[j]
                    if c == delimiter || c == CSVReader.lf || c == CSVReader.cr { break }
                    highBits |= c
                    j += 1
                }
                fields.append(CSVField(start: i, end: j, form: .plain))
                i = j
            }
            // At a delimiter, a line end or the end of input.
            if i >= end { break }
            let c = p[i]
            if c == delimiter {
                i += 1
                if i >= end {
                    fields.append(CSVField(start: i, end: i, form: .plain))
                    break
                }
                continue
            }
            // Line end.
            recordEnd = i
            if c == CSVReader.cr, i + 1 < end, p[i + 1] == CSVReader.lf { i += 2 } else { i += 1 }
            nextLine += 1
            offset = i
            hasNonASCII = highBits >= 0x80
            if fields.count > 1 { isQuotedEmpty = false }
            return
        }
        recordEnd = i
        offset = i
        hasNonASCII = highBits >= 0x80
        if fields.count > 1 { isQuotedEmpty = false }
    }

    // MARK: Field access

    /// The bytes of field `index` of the current record, as a buffer into the input (or, for a
    /// field with doubled quotes, a copy with them undone).
    func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let field = fields[index]
        if field.form == .plain {
            return try body(UnsafeBufferPointer(start: base + field.start, count: field.end - field.start))
        }
        return try unescaped(field).withUnsafeBufferPointer { try body($0) }
    }

    /// The value of a field that is not `.plain`: doubled quotes undone, quotes removed.
    private func unescaped(_ field: CSVField) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.end - field.start)
        var i = field.start
        var inQuotes = field.form == .doubledQuotes
        if field.form == .quotedWithTail {
            inQuotes = true
            i += 1  // the opening quote
        }
        while i < field.end {
            let c = base[i]
            if inQuotes, c == CSVReader.quote {
                if i + 1 < field.end, base[i + 1] == CSVReader.quote {
                    bytes.append(c)
                    i += 2
                } else {
                    inQuotes = false
                    i += 1
                }
                continue
            }
            bytes.append(c)
            i += 1
        }
        return bytes
    }

    /// Whether field `index` was written in quotes (so `""` is an empty text, not a missing value).
    func isQuoted(_ index: Int) -> Bool {
        let field = fields[index]
        return field.form != .plain || (field.start > 0 && base[field.start - 1] == CSVReader.quote)
    }

    /// Whether field `index` is valid UTF-8.
    func isValidUTF8(_ index: Int) -> Bool {
        withField(index) { bytes in
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
    }

    /// Field `index` as a String (the caller has validated the record as UTF-8).
    func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// All fields of the current record as Strings, invalid UTF-8 repaired (for messages).
    func strings() -> [String] {
        (0..<fields.count).map { index in withField(index) { String(decoding: $0, as: UTF8.self) } }
    }

    /// Guesses the delimiter from the first line: the most frequent of `,` `;` tab outside
    /// quotes (`,` on a tie or when none appears).
    static func detectDelimiter(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var sawContent = false
        var i = offset
        while i < buffer.count {
            let c = buffer[i]
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes, c == lf || c == cr {
                if sawContent { break }  // skip leading blank lines
            } else if !inQuotes, counts[c] != nil {
                counts[c]! += 1
            }
            if c != lf && c != cr { sawContent = true }
            i += 1
        }
        let comma = counts[UInt8(ascii: ",")]!
        let semicolon = counts[UInt8(ascii: ";")]!
        let tab = counts[UInt8(ascii: "\t")]!
        if tab > comma && tab >= semicolon { return UInt8(ascii: "\t") }
        if semicolon > comma { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
