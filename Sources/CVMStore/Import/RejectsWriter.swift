import Foundation

/// Writes rejected rows as CSV: the original fields, then `line` and `error`.
///
/// Uses the input's delimiter (and its byte order mark, so Excel keeps reading Chinese text
/// right), so a user can fix the rows and import the rejects file as it is: `line` and `error`
/// are not import columns and are ignored then.
struct RejectsWriter {
    let url: URL
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var handle: FileHandle?

    init(url: URL, delimiter: UInt8, byteOrderMark: Bool, headers: [String]) throws {
        self.url = url
        self.delimiter = delimiter
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else {
            throw ImportError(
                .rejectsFile, "cannot write the rejects file \(url.path); choose another with --rejects PATH")
        }
        self.handle = handle
        if byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
        writeRow(headers.map { Array($0.utf8) } + [Array("line".utf8), Array("error".utf8)])
    }

    /// Appends one rejected row.
    mutating func write(fields: [[UInt8]], line: Int, error: String) throws {
        writeRow(fields + [Array(String(line).utf8), Array(error.utf8)])
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func close() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    private mutating func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ImportError(.rejectsFile, "cannot write the rejects file \(url.path): \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func writeRow(_ fields: [[UInt8]]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(delimiter) }
            let quote = UInt8(ascii: "\"")
            let delimiter = self.delimiter
            let needsQuotes = field.contains { (byte: UInt8) -> Bool in
                byte == delimiter || byte == quote || byte == 0x0A || byte == 0x0D
            }
            if needsQuotes {
                buffer.append(quote)
                for byte in field {
                    if byte == quote { buffer.append(quote) }
                    buffer.append(byte)
                }
                buffer.append(quote)
            } else {
                buffer += field
            }
        }
        buffer.append(0x0A)
    }
}
