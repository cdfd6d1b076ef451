import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import _CVMTestSupport

/// A database with the bundled samples imported, one analysis run, and a token of each role.
struct ServerFixture {
    let directory: URL
    let database: String
    let workspace: Workspace
    let admin: String
    let analyst: String
    let viewer: String

    /// Builds it; `runs` analysis runs are stored first (0 for a database without one).
    /// With `relationship`, the sample interactions, complaints and survey too (as the demo imports them).
    static func make(runs: Int = 1, transactions: Bool = true, relationship: Bool = false) async throws
        -> ServerFixture
    {
        let directory = try Fixtures.temporaryDirectory()
        let database = directory.appendingPathComponent("cvm.sqlite").path
        let workspace = try Workspace.create(database: database)
        _ = try await workspace.importFile(.customers, from: SampleData.file("customers")!)
        if transactions { _ = try await workspace.importFile(.transactions, from: SampleData.file("transactions")!) }
        if relationship {
            _ = try await workspace.importFile(.interactions, from: SampleData.file("interactions")!)
            _ = try await workspace.importFile(.complaints, from: SampleData.file("complaints")!)
            var options = FileImportOptions()
            options.survey.scale = SampleData.surveyScale
            _ = try await workspace.importFile(.surveys, from: SampleData.file("surveys")!, options: options)
        }
        for _ in 0..<runs { _ = try await workspace.analyze(AnalysisRequest()) }
        let admin = try await workspace.firstAdmin()!.secret
        _ = try await workspace.addUser("ana", role: .analyst)
        _ = try await workspace.addUser("vic", role: .viewer)
        let analyst = try await workspace.createToken(user: "ana").secret
        let viewer = try await workspace.createToken(user: "vic").secret
        return ServerFixture(
            directory: directory, database: database, workspace: workspace, admin: admin, analyst: analyst,
            viewer: viewer)
    }

    func configuration(maxUploadBytes: Int = ServerConfiguration.defaultMaxUploadBytes) -> ServerConfiguration {
        ServerConfiguration(
            host: "127.0.0.1", port: 0, database: database, maxUploadBytes: maxUploadBytes,
            uploadDirectory: directory.appendingPathComponent("uploads").path, logLevel: "error")
    }

    func token(_ role: Role) -> String {
        switch role {
        case .viewer: viewer
        case .analyst: analyst
        case .admin: admin
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

func bearer(_ token: String) -> HTTPFields {
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(token)"
    return headers
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { (json as? [String: Any]) ?? [:] }
}

/// The operations of the API document: method, path template, id and required role, read from
/// the YAML text (the document is the list the tests walk).
struct DocumentedOperation: Sendable, CustomStringConvertible {
    let method: String
    let path: String
    let operationID: String
    let role: Role

    var description: String { "\(method.uppercased()) \(path)" }

    /// The path with each `{parameter}` set to 1.
    var samplePath: String {
        path.replacingOccurrences(of: "{kind}", with: "customers").replacing(#/\{[a-z_]+\}/#, with: "1")
    }

    static func all(in yaml: String) -> [DocumentedOperation] {
        var operations: [DocumentedOperation] = []
        var path: String?
        var method: String?
        var id: String?
        for line in yaml.split(separator: "\n") {
            if line.hasPrefix("  /") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                ["get:", "post:", "put:", "patch:", "delete:"].contains(line.trimmingCharacters(in: .whitespaces))
            {
                method = String(line.trimmingCharacters(in: .whitespaces).dropLast())
            } else if line.hasPrefix("      operationId:") {
                id = line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)
            } else if line.hasPrefix("      x-required-role:"), let p = path, let m = method, let i = id,
                let role = Role(rawValue: line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
            {
                operations.append(DocumentedOperation(method: m, path: p, operationID: i, role: role))
                (method, id) = (nil, nil)
            }
            if line.hasPrefix("components:") { break }
        }
        return operations
    }
}
