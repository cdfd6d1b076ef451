import ArgumentParser
import CVMApp
import CVMServer

/// `cvm serve`: the web service over one database until SIGINT or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the database over HTTP: the JSON API of docs/web-service.md, with tokens and roles.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Address to listen on (the loopback by default; 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: ArgumentHelp("Largest upload accepted, in MiB; a larger one is refused with 413.", valueName: "MiB"))
    var maxUploadMib = ServerConfiguration.defaultMaxUploadBytes >> 20

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (1...1_048_576).contains(maxUploadMib) else {
            throw ValidationError("--max-upload-mib must be 1…1048576")
        }
    }

    func run() async throws {
        do {
            // Runs until SIGINT or SIGTERM, then stops accepting, finishes what is under way and exits.
            try await runServer(
                ServerConfiguration(
                    host: host, port: port, database: global.databasePath, maxUploadBytes: maxUploadMib << 20,
                    logLevel: logLevel))
        } catch { throw UserFacingError.wrap(error) }
    }
}
