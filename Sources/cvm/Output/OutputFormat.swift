import ArgumentParser
import CVMApp
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

/// JSON text of an Encodable value, pretty-printed; keys sorted so the same result always reads
/// the same (JSON objects are unordered, and Foundation's encoder does not keep declaration order).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
