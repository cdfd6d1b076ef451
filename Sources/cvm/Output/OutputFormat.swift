import ArgumentParser
import CVMApp
import Foundation

/// How a command writes its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

    /// The kind of file this format writes, for the checks of `OutputTarget`.
    var fileKind: OutputTarget.Kind {
        switch self {
        case .table: .text
        case .csv: .csv
        case .json: .json
        }
    }
}

/// Where a command writes: a file given with `--out`, or standard output.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace an existing --out file even if it holds something else (never the database or an input).")
    var force = false

    /// Opens the destination; the caller writes and then calls `close()`, which puts a file in
    /// place only then (it is written beside it first). Refuses to replace the database, an input
    /// of the command, or (without --force) a file of another kind.
    func sink() throws -> TextSink { try Self.sink(format: format, out: out, force: force) }

    /// The same for a command with output options of its own.
    static func sink(format: OutputFormat, out: String?, force: Bool) throws -> TextSink {
        guard let out else { return TextSink.standardOutput() }
        let target = try OutputTarget.check(
            out, writing: format.fileKind, database: CommandLineContext.databasePath,
            inputs: CommandLineContext.inputs(besides: out), force: force)
        return TextSink(file: try target.open())
    }
}

/// Buffered text output to standard output or to an output file.
final class TextSink {
    private let handle: FileHandle?
    private let file: OutputFile?
    let path: String?
    private var buffer: [UInt8] = []

    /// Writes to standard output, in large blocks.
    static func standardOutput() -> TextSink { TextSink(handle: .standardOutput) }

    private init(handle: FileHandle) {
        self.handle = handle
        self.file = nil
        self.path = nil
        buffer.reserveCapacity(1 << 20)
    }

    /// Writes to a checked output file, renamed into place by `close()`.
    init(file: OutputFile) {
        self.handle = nil
        self.file = file
        self.path = file.target.path
    }

    func write(_ text: String) {
        if let file { return file.write(text) }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    func line(_ text: String) { write(text + "\n") }

    func flush() {
        guard !buffer.isEmpty, let handle else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        if let file {
            do { try file.commit() } catch {
                // Called from `defer`, so it cannot throw: the output must not be lost in silence.
                FileHandle.standardError.write(Data("Error: \(UserFacingError.wrap(error))\n".utf8))
                exit(1)
            }
        }
    }
}
