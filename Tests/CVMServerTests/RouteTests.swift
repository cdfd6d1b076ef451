import CVMAPI
import CVMApp
import CVMServer
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Each route answers the same document as the command line's `--format json` (the workspace's
/// `document`, written by `JSONDocument`), and that document decodes as the API document's schema.
@Suite struct RouteTests {
    /// GET `uri` as `token`, expecting 200, the body decoded as `T` (the schema check).
    static func get<T: Decodable>(
        _ client: some TestClientProtocol, _ uri: String, token: String, as type: T.Type
    ) async throws -> String {
        try await client.execute(uri: uri, method: .get, headers: bearer(token)) { response in
            #expect(response.status == .ok, "\(uri): \(response.text.prefix(500))")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
            #expect(throws: Never.self, "\(uri) does not match its schema") {
                _ = try JSONDecoder().decode(T.self, from: Data(response.text.utf8))
            }
            return response.text
        }
    }

    @Test func resultsAreTheCommandLineDocuments() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let w = fixture.workspace
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let v = fixture.viewer
            typealias S = Components.Schemas
            #expect(
                try await Self.get(client, "/api/v1/summary?unit=week", token: v, as: S.Summary.self)
                    == JSONDocument.text(try await w.summary(SummaryRequest(unit: .week)).document))
            #expect(
                try await Self.get(client, "/api/v1/segments?as_of=1998-03-31", token: v, as: S.Segments.self)
                    == JSONDocument.text(try await w.segments(SegmentsRequest(asOf: Day(iso: "1998-03-31"))).document))
            #expect(
                try await Self.get(client, "/api/v1/value-matrix?margin=0.4", token: v, as: S.ValueMatrix.self)
                    == JSONDocument.text(try await w.valueMatrix(ValueMatrixRequest(margin: 0.4)).document))
            #expect(
                try await Self.get(client, "/api/v1/tiers", token: v, as: S.Tiers.self)
                    == JSONDocument.text(try await w.tiers(TiersRequest()).document))
            #expect(
                try await Self.get(client, "/api/v1/pareto", token: v, as: S.Pareto.self)
                    == JSONDocument.text(try await w.pareto(ParetoRequest()).document))
            // With no profit (margin 0 and no costs) the profit shares do not exist and are left out;
            // schemathesis found the document's schema once required them.
            #expect(
                try await Self.get(client, "/api/v1/pareto?margin=0", token: v, as: S.Pareto.self)
                    == JSONDocument.text(try await w.pareto(ParetoRequest(margin: 0)).document))
            #expect(
                try await Self.get(client, "/api/v1/scores", token: v, as: S.Scores.self)
                    == JSONDocument.text(try await w.scores(ScoresRequest()).document))
            #expect(
                try await Self.get(client, "/api/v1/runs", token: v, as: S.RunList.self)
                    == JSONDocument.text(try await w.runs().document))
            #expect(
                try await Self.get(client, "/api/v1/runs/1/targets?campaign=care", token: v, as: S.Targets.self)
                    == JSONDocument.text(try await w.targets(TargetsRequest(run: 1, campaigns: [.care])).document))
            #expect(
                try await Self.get(client, "/api/v1/runs/1/compare/1?by=tier", token: v, as: S.RunComparison.self)
                    == JSONDocument.text(try await w.compareRuns(1, 1, by: .tier).document))
            #expect(
                try await Self.get(client, "/api/v1/imports", token: v, as: [S.ImportRecord].self)
                    == JSONDocument.text(try await w.imports().document))
            // A page of a run: the same customers as `cvm runs show`, from the offset on.
            let show = try await w.showRun(1)
            let page = try await Self.get(client, "/api/v1/runs/1?offset=2350&limit=100", token: v, as: S.RunPage.self)
            #expect(page == (try JSONDocument.text(show.page(offset: 2350, limit: 100))))
            let customers = (try JSONSerialization.jsonObject(with: Data(page.utf8)) as? [String: Any])?["customers"]
            #expect((customers as? [Any])?.count == 7)  // 2,357 customers in the sample
            try await client.execute(uri: "/api/v1/runs/1/report?lang=zh", method: .get, headers: bearer(v)) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect($0.text.contains("<html") && $0.text.contains("lang=\"zh"))
            }
        }
    }

    @Test func errorsAreOneShapeWithTheirStatus() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("/api/v1/runs/99", .notFound, "not_found"),
                ("/api/v1/summary?as_of=1998-02-30", .badRequest, "invalid_request"),
                ("/api/v1/summary?unit=fortnight", .badRequest, "invalid_request"),
                ("/api/v1/value-matrix?margin=2", .badRequest, "invalid_request"),
                ("/api/v1/runs/1/compare/7", .notFound, "not_found"),
                ("/api/v1/jobs/5", .notFound, "not_found"),
                ("/api/v1/customers?limit=0", .badRequest, "invalid_request"),
                ("/api/v1/customers?cursor=bm9wZQ", .badRequest, "invalid_request"),
                ("/api/v1/runs/abc", .badRequest, "invalid_request"),
            ]
            for (uri, status, code) in cases {
                try await client.execute(uri: uri, method: .get, headers: bearer(fixture.viewer)) { response in
                    #expect(response.status == status, "\(uri): \(response.text)")
                    #expect(response.object["code"] as? String == code, "\(uri): \(response.text)")
                    #expect((response.object["message"] as? String)?.isEmpty == false, "\(uri)")
                    #expect(throws: Never.self) {
                        _ = try JSONDecoder().decode(Components.Schemas._Error.self, from: Data(response.text.utf8))
                    }
                }
            }
        }
    }

    @Test func anEmptyDatabaseSaysWhatIsMissing() async throws {
        let fixture = try await ServerFixture.make(runs: 0, transactions: false)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/summary", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .unprocessableContent, "\($0.text)")
                #expect($0.object["code"] as? String == "no_data")
            }
            try await client.execute(uri: "/api/v1/customers?tier=high", method: .get, headers: bearer(fixture.viewer))
            {
                #expect($0.status == .unprocessableContent, "\($0.text)")
            }
            try await client.execute(uri: "/api/v1/customers?limit=2", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .ok)
                #expect($0.object["run"] is NSNull)
            }
        }
    }
}
