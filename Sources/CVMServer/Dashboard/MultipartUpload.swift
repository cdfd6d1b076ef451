import Foundation
import Hummingbird
import MultipartKit

/// A form posted as `multipart/form-data`: its small fields, and its file written to a new
/// upload directory as it arrives (never held whole in memory).
struct MultipartUpload {
    var fields: [String: String] = [:]
    /// The file part's content on disk, named after the client's file name (made harmless).
    var file: URL?
    var fileName: String?

    /// Reads `request`'s body into fields and one file, under `uploads`' size limit; a larger
    /// body stops with 413 and leaves nothing behind.
    static func read(_ request: Request, into uploads: UploadStore) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], let boundary = boundary(of: type) else {
            throw APIError(
                status: .badRequest, code: "invalid_request", message: "the form must be sent as multipart/form-data")
        }
        let folder = URL(fileURLWithPath: uploads.directory).appendingPathComponent("cvm-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var upload = MultipartUpload()
        do {
            let parser = MultipartParser(boundary: boundary)
            var name: String?
            var fileName: String?
            var value = ""
            var handle: FileHandle?
            var failure: (any Error)?
            parser.onHeader = { header, text in
                guard header.lowercased() == "content-disposition" else { return }
                name = parameter("name", in: text)
                fileName = parameter("filename", in: text)
            }
            parser.onBody = { buffer in
                guard failure == nil else { return }
                if let fileName, name == "file" {
                    do {
                        if handle == nil {
                            let url = folder.appendingPathComponent(UploadStore.safeName(fileName))
                            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                                throw APIError(
                                    status: .internalServerError, code: "storage",
                                    message: "the upload could not be saved")
                            }
                            handle = try FileHandle(forWritingTo: url)
                            upload.file = url
                            upload.fileName = fileName
                        }
                        try handle?.write(contentsOf: buffer.readableBytesView)
                    } catch { failure = error }
                } else if value.utf8.count < 4096 {
                    value += String(buffer: buffer)
                }
            }
            parser.onPartComplete = {
                if let name, fileName == nil { upload.fields[name] = value }
                try? handle?.close()
                handle = nil
                name = nil
                fileName = nil
                value = ""
            }
            var received = 0
            for try await chunk in request.body {
                received += chunk.readableBytes
                if received > uploads.maxBytes { throw APIError.tooLarge(limit: uploads.maxBytes) }
                try parser.execute(chunk)
                if let failure { throw failure }
            }
            try? handle?.close()
            return upload
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// `boundary` of a `multipart/form-data; boundary=…` content type.
    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        return parameter("boundary", in: contentType)
    }

    /// The value of `name=value` or `name="value"` among a header's `;`-separated parameters.
    static func parameter(_ name: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
