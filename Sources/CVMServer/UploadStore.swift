import Foundation
import OpenAPIRuntime

/// Where uploads are written while they are imported: each in a new directory of its own under
/// the server's upload directory, named by the server; the client's file name is used only as
/// the last part (for messages), stripped of anything that could make it a path.
struct UploadStore: Sendable {
    let directory: String
    let maxBytes: Int

    /// Streams `body` to a new file, chunk by chunk, never holding it whole; over `maxBytes` it
    /// stops, removes what was written and throws 413. A body that breaks off (the client went
    /// away) leaves nothing behind either.
    func save(_ body: HTTPBody, name: String?) async throws -> URL {
        if case .known(let length) = body.length, length > Int64(maxBytes) { throw APIError.tooLarge(limit: maxBytes) }
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("cvm-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(Self.safeName(name))
        do {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw APIError(status: .internalServerError, code: "storage", message: "the upload could not be saved")
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            var written = 0
            for try await chunk in body {
                written += chunk.count
                if written > maxBytes { throw APIError.tooLarge(limit: maxBytes) }
                try handle.write(contentsOf: chunk)
            }
            return file
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Removes an upload and its directory.
    func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    /// The client's name reduced to one harmless file name (default `upload.csv`).
    static func safeName(_ name: String?) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0 != ":" }.map(Character.init))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        cleaned = String(cleaned.prefix(100)).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? "upload.csv" : cleaned
    }
}
