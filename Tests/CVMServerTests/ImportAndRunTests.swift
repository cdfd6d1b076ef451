import CVMAPI
import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ImportAndRunTests {
    static func csvHeaders(_ token: String) -> HTTPFields {
        var headers = bearer(token)
        headers[.contentType] = "text/csv"
        return headers
    }

    @Test func uploadsImportAllOrNothingWithLineExactErrors() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration(maxUploadBytes: 4096))
        let before = try await fixture.workspace.counts()
        try await app.test(.router) { client in
            // Line 3's amount is not a number: 400, the row's line and column, nothing stored.
            let bad = "customer_id,date,amount\nX1,1998-01-02,10.5\nX2,1998-01-03,ten\n"
            try await client.execute(
                uri: "/api/v1/imports/transactions?filename=orders.csv", method: .post,
                headers: Self.csvHeaders(fixture.analyst), body: ByteBuffer(string: bad)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(response.object["code"] as? String == "invalid_rows")
                let rows = response.object["rows"] as? [[String: Any]] ?? []
                #expect(rows.count == 1)
                #expect(rows.first?["file"] as? String == "orders.csv")
                #expect(rows.first?["line"] as? Int == 3)
                #expect(rows.first?["column"] as? String == "amount")
            }
            #expect(try await fixture.workspace.counts() == before)

            // The same file with skip_invalid: the good row is stored, the bad one comes back.
            try await client.execute(
                uri: "/api/v1/imports/transactions?filename=orders.csv&skip_invalid=true", method: .post,
                headers: Self.csvHeaders(fixture.analyst), body: ByteBuffer(string: bad)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(throws: Never.self) {
                    _ = try JSONDecoder().decode(Components.Schemas.ImportReport.self, from: Data(response.text.utf8))
                }
                #expect(response.object["rows_stored"] as? Int == 1)
                #expect(response.object["rows_rejected"] as? Int == 1)
                #expect((response.object["rejects"] as? String)?.contains("X2") == true)
                #expect(response.object["file"] as? String == "orders.csv")
            }
            let after = try await fixture.workspace.counts()
            #expect(after.transactions == before.transactions + 1)
            // The import history names the file as uploaded, not the server's temporary path.
            let history = try await fixture.workspace.imports()
            let record = try #require(history.imports.last)
            #expect(record.file == "orders.csv")

            // A body over the limit: 413 and nothing stored.
            let large = "customer_id,date,amount\n" + String(repeating: "Y,1998-01-02,1\n", count: 400)
            try await client.execute(
                uri: "/api/v1/imports/transactions", method: .post, headers: Self.csvHeaders(fixture.analyst),
                body: ByteBuffer(string: large)
            ) { response in
                #expect(response.status == .contentTooLarge, "\(response.text)")
                #expect(response.object["code"] as? String == "too_large")
            }
            #expect(try await fixture.workspace.counts() == after)
            // A client's file name never becomes a path of the server's.
            try await client.execute(
                uri: "/api/v1/imports/customers?filename=../../etc/passwd", method: .post,
                headers: Self.csvHeaders(fixture.analyst),
                body: ByteBuffer(string: "customer_id,name\nZ9,Zed\n")
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.object["file"] as? String == "passwd")
            }
        }
        // Every upload's temporary directory is gone.
        let uploads = fixture.directory.appendingPathComponent("uploads").path
        #expect((try? FileManager.default.contentsOfDirectory(atPath: uploads))?.isEmpty ?? true)
    }

    @Test func aSurveyUploadTakesItsScale() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        let survey = try String(contentsOf: SampleData.file("surveys")!, encoding: .utf8)
        try await app.test(.router) { client in
            // The bundled survey is on 1–7: refused on the default 1–5, stored with scale=1-7.
            try await client.execute(
                uri: "/api/v1/imports/surveys?filename=surveys.csv", method: .post,
                headers: Self.csvHeaders(fixture.analyst), body: ByteBuffer(string: survey)
            ) { #expect($0.status == .badRequest, "\($0.text.prefix(300))") }
            try await client.execute(
                uri: "/api/v1/imports/surveys?filename=surveys.csv&scale=1-7", method: .post,
                headers: Self.csvHeaders(fixture.analyst), body: ByteBuffer(string: survey)
            ) { response in
                #expect(response.status == .ok, "\(response.text.prefix(300))")
                #expect((response.object["rows_stored"] as? Int ?? 0) > 0)
            }
            try await client.execute(
                uri: "/api/v1/surveys/satisfaction", method: .get, headers: bearer(fixture.viewer)
            ) { response in
                #expect(response.status == .ok)
                let groups = response.object["groups"] as? [[String: Any]] ?? []
                #expect(groups.first?["scale"] as? String == SampleData.surveyScale.description)
            }
        }
    }

    @Test func analysisRunsInTheBackgroundOneAtATime() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            var json = bearer(fixture.analyst)
            json[.contentType] = "application/json"
            let first = try await client.execute(
                uri: "/api/v1/runs", method: .post, headers: json, body: ByteBuffer(string: #"{"name": "web"}"#)
            ) { response in
                #expect(response.status == .accepted, "\(response.text)")
                return response.object
            }
            #expect(first["job"] as? Int == 1)
            #expect(first["state"] as? String == "running")
            let second = try await client.execute(uri: "/api/v1/runs", method: .post, headers: json) { $0 }
            let state = try await client.execute(uri: "/api/v1/jobs/1", method: .get, headers: bearer(fixture.viewer)) {
                $0.object["state"] as? String
            }
            // Refused while the first runs (the first may, on a fast machine, have ended already).
            if state == "running" || second.status == .conflict {
                #expect(second.status == .conflict, "\(second.text)")
                #expect(second.object["code"] as? String == "conflict")
            }
            var job: [String: Any] = [:]
            for _ in 0..<600 {
                job = try await client.execute(uri: "/api/v1/jobs/1", method: .get, headers: bearer(fixture.viewer)) {
                    response in
                    #expect(throws: Never.self) {
                        _ = try JSONDecoder().decode(Components.Schemas.Job.self, from: Data(response.text.utf8))
                    }
                    return response.object
                }
                if job["state"] as? String != "running" { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(job["state"] as? String == "succeeded", "\(job)")
            #expect(job["run"] as? Int == 1)
            #expect((job["steps"] as? [Any])?.count == AnalysisStep.allCases.count)
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(fixture.viewer)) {
                let runs = $0.object["runs"] as? [[String: Any]] ?? []
                #expect(runs.first?["name"] as? String == "web")
            }
            // Bad settings are refused before anything starts.
            try await client.execute(
                uri: "/api/v1/runs", method: .post, headers: json, body: ByteBuffer(string: #"{"margin": 3}"#)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
            }
        }
    }

    @Test func servedLiveOverASocket() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/api/v1/customers?limit=3&sort=-name", method: .get, headers: bearer(fixture.viewer)
            ) {
                #expect($0.status == .ok, "\($0.text)")
                #expect(($0.object["customers"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/v1/runs", method: .get) { #expect($0.status == .unauthorized) }
        }
    }
}
