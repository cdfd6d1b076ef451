import CVMAPI
import CVMApp
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import Metrics
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus

/// Builds the web service over one database: the `/api/v1` operations of the API document behind
/// token authentication and role checks, the dashboard's pages behind a login, `/health` and
/// `/metrics` for operators, and the API document itself. `cvm serve` runs what this returns; the tests call the same function.
///
/// - Throws: `AppError` when the database cannot be opened (missing, not a cvm database, …).
public func buildApplication(_ configuration: ServerConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "cvm.server")
    logger.logLevel = try configuration.level()
    let workspace = try Workspace.open(database: configuration.database)
    let jobs = AnalysisJobs(workspace: workspace)
    let registry = ServiceMetrics.registry

    let router = Router(context: ServiceContext.self)
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ErrorMiddleware())

    router.get("/health") { _, _ -> Response in
        // A read of the small import records proves the database answers; counting the
        // transactions did too, but took 0.1 s of a core at a million customers, on every probe.
        _ = try await workspace.imports()
        return jsonResponse(#"{"status": "ok"}"#)
    }
    router.get("/metrics") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
    router.get("/api/v1/openapi.yaml") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml; charset=utf-8"
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
    router.get("/api/v1/openapi.json") { _, _ -> Response in
        jsonResponse(OpenAPIDocument.json)
    }

    let uploads = UploadStore(directory: configuration.uploadDirectory, maxBytes: configuration.maxUploadBytes)
    let api = API(workspace: workspace, jobs: jobs, uploads: uploads)
    let protected = router.group()
        .add(middleware: TokenAuthenticator(workspace: workspace))
        .add(middleware: RequireIdentityMiddleware())
    try api.registerHandlers(
        on: protected, middlewares: [DocumentBodyMiddleware(), RoleMiddleware(roles: OperationRoles.api)])

    let dashboard = Dashboard(workspace: workspace, jobs: jobs, uploads: uploads)
    dashboard.register(on: router)

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "cvm"),
        services: [DashboardWarmer(dashboard: dashboard)],
        logger: logger)
}

func jsonResponse(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
}

/// The process's metrics: swift-metrics bootstrapped once with a Prometheus registry, which
/// Hummingbird's `MetricsMiddleware` fills with request counts and durations per route.
enum ServiceMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// One structured log line per request, with the request id (also sent back as `X-Request-Id`),
/// method, path, status and duration; never the query or headers, which may hold secrets.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Request-Id")!] = context.id
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "ms": "\((milliseconds * 10).rounded() / 10)",
            ])
        return response
    }
}
