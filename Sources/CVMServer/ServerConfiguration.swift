import CVMApp
import Logging
import ServiceLifecycle

/// How `cvm serve` and the tests run the web service.
public struct ServerConfiguration: Sendable {
    /// Address to listen on; the loopback by default, so nothing is reachable from elsewhere
    /// unless asked for.
    public var host: String
    /// Port to listen on; 0 lets the system choose (tests).
    public var port: Int
    /// The database every request reads and writes.
    public var database: String
    /// The largest upload accepted, in bytes; a larger body is refused with 413 and nothing is
    /// stored. Uploads are streamed to a temporary file, never held in memory.
    public var maxUploadBytes: Int
    /// Where uploads are written while they are imported (removed afterwards).
    public var uploadDirectory: String
    /// trace, debug, info, notice, warning, error or critical.
    public var logLevel: String

    /// The default upload limit: 1 GiB, far above the 2 MiB a request body is held to elsewhere.
    public static let defaultMaxUploadBytes = 1 << 30

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: String,
        maxUploadBytes: Int = ServerConfiguration.defaultMaxUploadBytes, uploadDirectory: String? = nil,
        logLevel: String = "info"
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.maxUploadBytes = maxUploadBytes
        self.uploadDirectory = uploadDirectory ?? FileManagerTemporary.path
        self.logLevel = logLevel
    }
}

extension ServerConfiguration {
    /// The log level, or `invalidRequest` naming the levels there are.
    func level() throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw AppError(
                .invalidRequest,
                "unknown log level \(logLevel); one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }
}

/// Runs the web service until SIGINT or SIGTERM: it then stops accepting connections, lets the
/// requests under way finish, and returns.
public func runServer(_ configuration: ServerConfiguration) async throws {
    let app = try await buildApplication(configuration)
    var logger = Logger(label: "cvm.server")
    logger.logLevel = try configuration.level()
    let group = ServiceGroup(
        configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
}
