import CVMApp
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Answers carry the application's JSON documents byte for byte (`JSONDocument`: keys in
/// declaration order, nulls kept), the same text as `cvm … --format json`.
///
/// The generated handlers must return typed values, so each handler decodes the document text
/// into the type the API document declares (which checks it against the schema: a document that
/// drifted from the API document fails loudly instead of answering something undocumented) and
/// leaves the text here; `DocumentBodyMiddleware` then sends the text itself.
final class DocumentBox: @unchecked Sendable {
    var text: String?
    @TaskLocal static var current: DocumentBox?
}

enum DocumentBody {
    /// The document of `value` as the API type `T`, keeping its text for the answer.
    static func typed<T: Decodable>(_ value: some Encodable, as type: T.Type) throws -> T {
        try typed(text: try JSONDocument.text(value), as: type)
    }

    /// A page of the document of `value` (its long list cut, `page` added) as the API type `T`.
    static func typed<T: Decodable>(_ value: some Encodable, page: JSONDocument.Page, as type: T.Type) throws -> T {
        try typed(text: try JSONDocument.text(value, page: page), as: type)
    }

    private static func typed<T: Decodable>(text: String, as type: T.Type) throws -> T {
        let typed: T
        do {
            typed = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw APIError(
                status: .internalServerError, code: "internal",
                message: "the answer does not match the API document's \(T.self): \(error)")
        }
        DocumentBox.current?.text = text
        return typed
    }
}

/// Puts the kept document text in place of the runtime's re-encoding of the typed value.
struct DocumentBodyMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let box = DocumentBox()
        var (response, responseBody) = try await DocumentBox.$current.withValue(box) {
            try await next(request, body, metadata)
        }
        if let text = box.text {
            let bytes = Array(text.utf8)
            response.headerFields[.contentLength] = String(bytes.count)
            responseBody = HTTPBody(bytes)
        }
        return (response, responseBody)
    }
}
