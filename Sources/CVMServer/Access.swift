import CVMAPI
import CVMApp
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import OpenAPIRuntime

/// The request context of the web service: Hummingbird's, with the user a token (API) or a
/// login session (dashboard) authenticated.
public struct ServiceContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Principal?
    public let sessions: SessionContext<WebSession>

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
    }
}

/// Reads `Authorization: Bearer TOKEN` and looks the token's hash up in the database.
struct TokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = ServiceContext
    let workspace: Workspace

    func authenticate(request: Request, context: ServiceContext) async throws -> Principal? {
        guard let bearer = request.headers.bearer else { return nil }
        return try await workspace.authenticate(token: bearer.token)
    }
}

/// Refuses a request that no token authenticated (401), and hands the user on to the API's
/// handlers and the role check through a task-local value.
struct RequireIdentityMiddleware: RouterMiddleware {
    typealias Context = ServiceContext

    func handle(_ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response)
        async throws -> Response
    {
        guard let identity = context.identity else { throw APIError.unauthorized }
        return try await RequestIdentity.$current.withValue(identity) { try await next(request, context) }
    }
}

/// The user of the request being handled.
enum RequestIdentity {
    @TaskLocal static var current: Principal?
}

/// The weakest role each operation needs, read from the API document's `x-required-role`: the
/// document is the one place that says it, and an operation without one is refused to everyone.
public struct OperationRoles: Sendable {
    public let roles: [String: Role]

    /// Every `operationId` with the `x-required-role` that follows it in the same operation.
    public static func from(document yaml: String) -> OperationRoles {
        var roles: [String: Role] = [:]
        var operation: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("operationId:") {
                operation = text.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            } else if text.hasPrefix("x-required-role:"), let id = operation {
                let name = text.dropFirst("x-required-role:".count).trimmingCharacters(in: .whitespaces)
                if let role = Role(rawValue: name) { roles[id] = role }
                operation = nil
            }
        }
        return OperationRoles(roles: roles)
    }

    public static let api = OperationRoles.from(document: OpenAPIDocument.yaml)
}

/// Refuses an operation to a user whose role is weaker than the one it needs (403).
struct RoleMiddleware: ServerMiddleware {
    let roles: OperationRoles

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let user = RequestIdentity.current else { throw APIError.unauthorized }
        // An operation the document gives no role is for no one: a forgotten role fails closed.
        let needed = roles.roles[operationID] ?? .admin
        guard roles.roles[operationID] != nil, user.role >= needed else {
            throw APIError.forbidden(role: user.role, needed: needed)
        }
        return try await next(request, body, metadata)
    }
}
