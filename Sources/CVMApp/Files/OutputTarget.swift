import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file an operation may write, checked so that no output ever replaces the database, an input,
/// or a file of another kind.
///
/// Every interface that writes files (the CLI's `--out`, a rejects file, a report, a download the
/// server keeps) goes through `check(_:writing:database:inputs:force:)` and writes through
/// `open()`: the text goes to a temporary file in the same folder, renamed into place only when
/// complete, so a failure or a kill midway leaves the old file as it was.
///
/// The rules, in order:
/// - the database (and its `-wal`, `-shm` and `-journal` files) is never replaced, forced or not;
/// - nor is any input of the same operation;
/// - an existing file whose content is not of the kind written (an SQLite file, a binary file, a
///   CSV or text file when writing HTML or JSON, …) is replaced only when forced;
/// - a folder is never replaced.
///
/// Paths are compared after resolving symbolic links and `..`, and by device and inode, so a
/// link or a hard link to the database is refused too.
public struct OutputTarget: Sendable, Equatable {
    /// What is being written; an existing file is replaced without force only if it holds the same.
    public enum Kind: String, Sendable, CaseIterable {
        case csv, json, html, text

        /// The kinds of existing content this kind may replace.
        fileprivate var replaces: Set<Content> {
            switch self {
            case .csv, .text: [.empty, .text]
            case .json: [.empty, .json]
            case .html: [.empty, .html]
            }
        }
    }

    /// The path as the caller gave it (used in messages).
    public let path: String
    /// The absolute location, symbolic links resolved.
    public let url: URL
    public let kind: Kind

    /// Checks that writing `kind` to `path` is safe.
    ///
    /// - Parameters:
    ///   - database: the database path of the operation, if any.
    ///   - inputs: every file the operation reads.
    ///   - force: replace an existing file of another kind.
    /// - Throws: `AppError(.outputConflict)` naming the file it would have replaced;
    ///   `AppError(.invalidRequest)` when the folder does not exist.
    public static func check(
        _ path: String, writing kind: Kind, database: String? = nil, inputs: [String] = [], force: Bool = false
    ) throws -> OutputTarget {
        guard !path.isEmpty else { throw AppError(.invalidRequest, .outputPathEmpty) }
        let resolved = resolve(path)
        let folder = resolved.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw AppError(.invalidRequest, .outputFolderMissing, path, facts: [.init("path", path)])
        }
        if let database {
            for suffix in ["", "-wal", "-shm", "-journal"] where same(resolved, resolve(database + suffix)) {
                throw AppError(.outputConflict, .outputIsDatabase, path, facts: [.init("path", path)])
            }
        }
        for input in inputs where same(resolved, resolve(input)) {
            throw AppError(.outputConflict, .outputIsInput, path, facts: [.init("path", path)])
        }
        if FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isFolder) {
            if isFolder.boolValue {
                throw AppError(.outputConflict, .outputIsFolder, path, facts: [.init("path", path)])
            }
            let content = Content.sniff(resolved)
            if !force, !kind.replaces.contains(content) {
                throw AppError(
                    .outputConflict, .outputOtherKind, path, content.description, kind.rawValue,
                    facts: [.init("path", path), .init("existing", content.rawValue), .init("writing", kind.rawValue)])
            }
        }
        return OutputTarget(path: path, url: resolved, kind: kind)
    }

    /// Opens a temporary file beside the target; `OutputFile.commit()` renames it into place.
    public func open() throws -> OutputFile { try OutputFile(target: self) }

    /// Writes `text` to the target in one go (temporary file, then rename).
    public func write(_ text: String) throws {
        let file = try open()
        file.write(text)
        try file.commit()
    }

    // MARK: - Paths

    /// The absolute path with symbolic links resolved; for a file that does not exist yet, its
    /// folder's real path and its name.
    static func resolve(_ path: String) -> URL {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realPath(absolute.path) { return URL(fileURLWithPath: real) }
        let folder = absolute.deletingLastPathComponent()
        let base = realPath(folder.path).map { URL(fileURLWithPath: $0) } ?? folder
        return base.appendingPathComponent(absolute.lastPathComponent)
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The same file: the same resolved path, or (both existing) the same device and inode.
    static func same(_ a: URL, _ b: URL) -> Bool {
        if a.path == b.path { return true }
        var sa = stat()
        var sb = stat()
        guard stat(a.path, &sa) == 0, stat(b.path, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    // MARK: - What an existing file holds

    fileprivate enum Content: String, CustomStringConvertible {
        case empty, sqlite, binary, html, json, text

        var description: String {
            switch self {
            case .empty: "an empty file"
            case .sqlite: "an SQLite database"
            case .binary: "a binary file"
            case .html: "an HTML page"
            case .json: "a JSON document"
            case .text: "a text or CSV file"
            }
        }

        /// Judged from the first 4 KiB.
        static func sniff(_ url: URL) -> Content {
            guard let handle = try? FileHandle(forReadingFrom: url) else { return .binary }
            defer { try? handle.close() }
            let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
            if head.isEmpty { return .empty }
            if head.starts(with: Array("SQLite format 3\u{0}".utf8)) { return .sqlite }
            if head.contains(0) { return .binary }
            var text = String(decoding: head, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let start = text.drop { $0.isWhitespace }.prefix(15).lowercased()
            if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return .html }
            if start.hasPrefix("{") || start.hasPrefix("[") { return .json }
            return .text
        }
    }
}

/// A temporary file being written; `commit()` puts it in the target's place.
public final class OutputFile {
    public let target: OutputTarget
    private let temporary: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    init(target: OutputTarget) throws {
        self.target = target
        let folder = target.url.deletingLastPathComponent()
        var template = Array(folder.appendingPathComponent(".\(target.url.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw AppError(.invalidRequest, .outputNotWritable, target.path, facts: [.init("path", target.path)])
        }
        temporary = URL(fileURLWithPath: String(cString: template))
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        // A file never committed (an error midway) leaves no trace.
        if !finished { try? FileManager.default.removeItem(at: temporary) }
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func write(_ data: Data) {
        buffer.append(contentsOf: data)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Hands the open file to a writer of its own (after what is buffered).
    public func withFileHandle<T>(_ body: (FileHandle) throws -> T) rethrows -> T {
        flush()
        return try body(handle)
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, gives the file the replaced file's permissions (or the usual
    /// ones), and renames it into place.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        flush()
        var existing = stat()
        let mode: mode_t = stat(target.url.path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644 & ~currentUmask()
        fchmod(handle.fileDescriptor, mode)
        fsync(handle.fileDescriptor)
        try? handle.close()
        guard rename(temporary.path, target.url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw AppError(.storage, .outputNotWritable, target.path, facts: [.init("path", target.path)])
        }
    }

    /// Drops the temporary file; the target stays as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    private func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
