import CVMApp
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime

/// Every error the web service answers with: one JSON shape, `{code, message, facts, rows}`, and
/// the HTTP status its code maps to. Nothing leaves as an empty 500.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var facts: [AppError.Fact] = []
    var rows: [AppError.RowProblem] = []

    /// The HTTP status of each application error code: the one table of the mapping.
    static let statuses: [AppError.Code: HTTPResponse.Status] = [
        .missingDatabase: .serviceUnavailable,
        .notADatabase: .serviceUnavailable,
        .foreignDatabase: .serviceUnavailable,
        .newerSchema: .serviceUnavailable,
        .olderSchema: .serviceUnavailable,
        .busy: .serviceUnavailable,
        .invalidRequest: .badRequest,
        .invalidFile: .badRequest,
        .invalidRows: .badRequest,
        .noData: .unprocessableContent,
        .notFitted: .unprocessableContent,
        .notFound: .notFound,
        .outputConflict: .conflict,
        .conflict: .conflict,
        .notDeletable: .conflict,
        .readOnly: .forbidden,
        .storage: .internalServerError,
        .unavailable: .serviceUnavailable,
    ]

    init(
        status: HTTPResponse.Status, code: String, message: String, facts: [AppError.Fact] = [],
        rows: [AppError.RowProblem] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.facts = facts
        self.rows = rows
    }

    init(_ error: AppError) {
        self.init(
            status: Self.statuses[error.code] ?? .internalServerError, code: Self.snakeCase(error.code.rawValue),
            message: error.message, facts: error.facts, rows: error.rows)
    }

    static let unauthorized = APIError(
        status: .unauthorized, code: "unauthorized",
        message: "a valid API token is needed: send Authorization: Bearer TOKEN")

    static func forbidden(role: Role, needed: Role) -> APIError {
        APIError(
            status: .forbidden, code: "forbidden",
            message: "the \(role.rawValue) role may not do this; it needs \(needed.rawValue)",
            facts: [.init("role", role.rawValue), .init("required_role", needed.rawValue)])
    }

    static func tooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge, code: "too_large",
            message: "the upload is larger than this server accepts (\(limit) bytes); nothing was stored",
            facts: [.init("max_upload_bytes", String(limit))])
    }

    /// Any error as the answer to give: application errors by the table, the HTTP layer's own
    /// (unknown route, bad parameter) with their status, anything else as an internal error that
    /// says what failed.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as AppError: return APIError(error)
        case let error as ServerError:
            if error.underlyingError is APIError || error.underlyingError is AppError {
                return from(error.underlyingError)
            }
            // Request decoding errors (a missing or malformed parameter or body).
            if (400..<500).contains(error.httpStatus.code) || error.underlyingError is DecodingError {
                return APIError(
                    status: (400..<500).contains(error.httpStatus.code) ? error.httpStatus : .badRequest,
                    code: "invalid_request", message: "\(error.causeDescription): \(error.underlyingError)")
            }
            return APIError(
                status: .internalServerError, code: "internal",
                message: "\(error.causeDescription): \(error.underlyingError)")
        case let error as any HTTPResponseError:
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .methodNotAllowed: "method_not_allowed"
                case .contentTooLarge: "too_large"
                case .unauthorized: "unauthorized"
                case .forbidden: "forbidden"
                default: error.status.code < 500 ? "invalid_request" : "internal"
                }
            let message =
                switch error.status {
                case .notFound: "no such route"
                default: (error as? HTTPError)?.body ?? error.status.reasonPhrase
                }
            return APIError(status: error.status, code: code, message: message)
        default:
            return APIError(status: .internalServerError, code: "internal", message: "\(error)")
        }
    }

    /// The JSON body.
    var body: String {
        let document = Document(
            code: code, message: message, facts: facts,
            rows: rows.map { .init(file: $0.file, line: $0.line, column: $0.column, message: $0.message) })
        return (try? JSONDocument.text(document))
            ?? #"{"code": "internal", "message": "the error could not be written", "facts": [], "rows": []}"#
    }

    struct Document: Encodable {
        struct Row: Encodable {
            let file: String
            let line: Int
            let column: String?
            let message: String
        }
        let code, message: String
        let facts: [AppError.Fact]
        let rows: [Row]
    }

    /// `invalidRows` → `invalid_rows`.
    static func snakeCase(_ text: String) -> String {
        var out = ""
        for c in text {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="cvm""# }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Turns every error below it into the one JSON shape.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError.from(error)
            if answer.status.code >= 500 {
                context.logger.error(
                    "request failed", metadata: ["code": "\(answer.code)", "error": "\(answer.message)"])
            }
            return answer.response
        }
    }
}
