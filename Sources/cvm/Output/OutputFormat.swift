import ArgumentParser
import Foundation

/// How a command writes its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Where a command writes: a file given with `--out`, or standard output.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    /// Opens the destination; the caller writes and then calls `close()`.
    func sink() throws -> TextSink {
        guard let out else { return TextSink(handle: .standardOutput, path: nil) }
        guard FileManager.default.createFile(atPath: out, contents: nil) else {
            throw ValidationFailure("cannot write \(out): check that its folder exists and is writable")
        }
        return TextSink(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: out)), path: out)
    }
}

/// Buffered text output to a file handle.
final class TextSink {
    private let handle: FileHandle
    let path: String?
    private var buffer: [UInt8] = []

    init(handle: FileHandle, path: String?) {
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func line(_ text: String) { write(text + "\n") }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if path != nil { try? handle.close() }
    }
}

/// CSV encoding of one row (RFC 4180: quote fields holding a comma, quote or line break).
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Numbers as this program prints them: shortest exact form for data files, rounded for people.
enum Number {
    /// The shortest text that reads back as the same Double (for CSV and JSON).
    static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// Rounded to `digits` decimals with thousands separators, for tables.
    static func readable(_ value: Double, digits: Int = 2) -> String {
        let formatter = NumberFormatter()  // cheap enough for the few cells a table shows
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.usesGroupingSeparator = true
        formatter.groupingSeparator = ","
        formatter.groupingSize = 3
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static func percent(_ share: Double) -> String { readable(share * 100, digits: 1) + "%" }
}

/// JSON text of an Encodable value, pretty-printed with keys in declaration order.
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
