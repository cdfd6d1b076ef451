import CVMAPI
import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every operation of the API document refuses a request without a valid token (401) and one
/// whose role is too weak (403), in the one error shape.
@Suite struct AccessTests {
    @Test func theDocumentListsEveryOperationWithARole() {
        let operations = DocumentedOperation.all(in: OpenAPIDocument.yaml)
        // Counted by hand in openapi.yaml: 39 operations, each with x-required-role.
        #expect(operations.count == 39)
        #expect(OperationRoles.api.roles.count == operations.count)
        for operation in operations { #expect(OperationRoles.api.roles[operation.operationID] == operation.role) }
        #expect(
            operations.filter { $0.role == .analyst }.map(\.operationID).sorted() == [
                "startRun", "updateTask", "uploadImport",
            ])
        #expect(
            operations.filter { $0.role == .admin }.map(\.operationID).sorted() == [
                "addUser", "createToken", "listTokens", "listUsers", "revokeToken", "revokeUser",
            ])
    }

    @Test func everyRouteNeedsATokenAndTheRole() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let revoked = try await fixture.workspace.createToken(user: "vic", label: "to revoke")
        _ = try await fixture.workspace.revokeToken(revoked.token.id)
        let app = try await buildApplication(fixture.configuration())
        let operations = DocumentedOperation.all(in: OpenAPIDocument.yaml)
        try await app.test(.router) { client in
            for operation in operations {
                let method = HTTPRequest.Method(rawValue: operation.method.uppercased())!
                for headers in [
                    HTTPFields(), bearer("cvm_" + String(repeating: "0", count: 64)), bearer(revoked.secret),
                    bearer("not a token"),
                ] {
                    try await client.execute(uri: operation.samplePath, method: method, headers: headers) { response in
                        #expect(response.status == .unauthorized, "\(operation)")
                        #expect(response.object["code"] as? String == "unauthorized", "\(operation)")
                        #expect(response.headers[.wwwAuthenticate] != nil, "\(operation)")
                    }
                }
                // Every role weaker than the one required is refused before anything runs.
                for role in Role.allCases where role < operation.role {
                    try await client.execute(
                        uri: operation.samplePath, method: method, headers: bearer(fixture.token(role))
                    ) { response in
                        #expect(response.status == .forbidden, "\(operation) as \(role)")
                        #expect(response.object["code"] as? String == "forbidden", "\(operation) as \(role)")
                    }
                }
                // The required role gets past the check (whatever the operation then answers).
                try await client.execute(
                    uri: operation.samplePath, method: method, headers: bearer(fixture.token(operation.role))
                ) { response in
                    #expect(response.status != .unauthorized && response.status != .forbidden, "\(operation)")
                    #expect(response.status.code < 500, "\(operation): \(response.text)")
                }
            }
        }
    }

    @Test func aRevokedUserLosesEveryToken() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .ok)
            }
            _ = try await fixture.workspace.revokeUser("vic")
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func operatorRoutesAndTheDocumentArePublic() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "ok")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == OpenAPIDocument.yaml)
                #expect(response.text.hasPrefix("openapi: 3.1.0"))
            }
            // The same document as JSON: every path and operation of the YAML, with its role.
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(response.text == OpenAPIDocument.json)
                let json = response.object
                #expect(json["openapi"] as? String == "3.1.0")
                let paths = json["paths"] as? [String: [String: Any]] ?? [:]
                let operations = DocumentedOperation.all(in: OpenAPIDocument.yaml)
                #expect(paths.values.map(\.count).reduce(0, +) == operations.count)
                for operation in operations {
                    let entry = paths[operation.path]?[operation.method] as? [String: Any]
                    #expect(entry?["operationId"] as? String == operation.operationID, "\(operation)")
                    #expect(entry?["x-required-role"] as? String == operation.role.rawValue, "\(operation)")
                }
                // Quoted scalars stay text, plain numbers are numbers.
                let limit = (json["components"] as? [String: Any]).flatMap { $0["parameters"] as? [String: Any] }
                    .flatMap { $0["limit"] as? [String: Any] }.flatMap { $0["schema"] as? [String: Any] }
                #expect(limit?["maximum"] as? Int == 500)
                let pageRun = (json["components"] as? [String: Any]).flatMap { $0["schemas"] as? [String: Any] }
                    .flatMap { $0["CustomerPage"] as? [String: Any] }.flatMap { $0["properties"] as? [String: Any] }
                    .flatMap { $0["run"] as? [String: Any] }
                #expect(pageRun?["type"] as? [String] == ["integer", "null"])
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                // Hummingbird's request counter and duration histogram, per route, method and status.
                #expect(response.text.contains("hb_requests"), "\(response.text.prefix(2000))")
                #expect(response.text.contains("http_server_request_duration"))
                #expect(response.text.contains("/api/v1/runs"))
            }
            try await client.execute(uri: "/no/such/route", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.object["code"] as? String == "not_found")
            }
        }
    }
}
