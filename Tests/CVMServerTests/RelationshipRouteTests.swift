import CVMAPI
import CVMApp
import CVMServer
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The lifecycle, warnings, tasks, customer 360, complaints, owners, cohorts and survey routes:
/// each answers the command line's JSON document (a page of it where the list is long), and the
/// document decodes as the API document's schema.
@Suite struct RelationshipRouteTests {
    typealias S = Components.Schemas

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func lifecycleWarningsAndCohortsAreTheCommandLineDocuments() async throws {
        let fixture = try await ServerFixture.make(relationship: true)
        defer { fixture.remove() }
        let w = fixture.workspace
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let v = fixture.viewer
            let lifecycle = try await w.lifecycle(LifecycleRequest())
            let page = try await RouteTests.get(
                client, "/api/v1/lifecycle?lang=zh&offset=2300&limit=100", token: v, as: S.Lifecycle.self)
            #expect(
                page
                    == (try JSONDocument.text(
                        lifecycle.document(in: .zh), page: .init(list: "customers", offset: 2300, limit: 100))))
            // The page is the whole document's customers from the offset on, with how many there are.
            let whole = Self.json(try JSONDocument.text(lifecycle.document(in: .zh)))
            let cut = Self.json(page)
            let all = whole["customers"] as? [[String: Any]] ?? []
            let shown = cut["customers"] as? [[String: Any]] ?? []
            #expect(all.count == 2357)
            #expect(shown.count == 57)
            #expect(shown.map { $0["customer_id"] as? String } == all[2300...].map { $0["customer_id"] as? String })
            #expect(shown.first?["explanation"] as? String == all[2300]["explanation"] as? String)
            let info = cut["page"] as? [String: Any]
            #expect(info?["total"] as? Int == 2357)
            #expect(info?["offset"] as? Int == 2300)
            #expect(info?["list"] as? String == "customers")
            // The explanations are in the language asked for.
            #expect((shown.first?["explanation"] as? String)?.unicodeScalars.contains { $0.value > 0x2E80 } == true)
            #expect((cut["stages"] as? [Any])?.count == (whole["stages"] as? [Any])?.count)

            let patterns = try await RouteTests.get(
                client, "/api/v1/lifecycle?patterns=true&limit=5", token: v, as: S.Lifecycle.self)
            #expect(
                patterns
                    == (try JSONDocument.text(
                        try await w.lifecycle(LifecycleRequest(patterns: true)).document(in: .en),
                        page: .init(list: "customers", offset: 0, limit: 5))))

            let warnings = try await w.warnings(WarningsRequest(top: 30))
            #expect(
                try await RouteTests.get(client, "/api/v1/warnings?top=30&limit=10", token: v, as: S.Warnings.self)
                    == (try JSONDocument.text(
                        warnings.document(in: .en), page: .init(list: "warnings", offset: 0, limit: 10))))
            #expect(warnings.warnings.count == 30)

            #expect(
                try await RouteTests.get(client, "/api/v1/cohorts?as_of=1998-03-31", token: v, as: S.Cohorts.self)
                    == JSONDocument.text(try await w.cohorts(CohortsRequest(asOf: Day(iso: "1998-03-31"))).document))

            for (uri, status) in [
                ("/api/v1/lifecycle?limit=0", HTTPResponse.Status.badRequest),
                ("/api/v1/lifecycle?offset=-1", .badRequest), ("/api/v1/lifecycle?limit=501", .badRequest),
                ("/api/v1/warnings?top=0", .badRequest), ("/api/v1/lifecycle?as_of=1998-13-01", .badRequest),
            ] {
                try await client.execute(uri: uri, method: .get, headers: bearer(v)) { response in
                    #expect(response.status == status, "\(uri): \(response.text)")
                    #expect(response.object["code"] as? String == "invalid_request", "\(uri)")
                }
            }
        }
    }

    @Test func tasksAreListedShownAndUpdatedByTheTokensUser() async throws {
        let fixture = try await ServerFixture.make(relationship: true)
        defer { fixture.remove() }
        let w = fixture.workspace
        let all = try await w.tasks(TasksRequest())
        #expect(!all.tasks.isEmpty, "the analysis run opens care tasks")
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let v = fixture.viewer
            #expect(
                try await RouteTests.get(client, "/api/v1/tasks?limit=7&offset=3", token: v, as: S.TaskList.self)
                    == (try JSONDocument.text(all.document, page: .init(list: "tasks", offset: 3, limit: 7))))
            let open = try await w.tasks(TasksRequest(status: .open))
            let first = open.tasks[0]
            #expect(
                try await RouteTests.get(
                    client, "/api/v1/tasks?status=open&customer=\(first.customerID)&limit=500", token: v,
                    as: S.TaskList.self)
                    == (try JSONDocument.text(
                        try await w.tasks(TasksRequest(status: .open, customerID: first.customerID)).document,
                        page: .init(list: "tasks", offset: 0, limit: 500))))
            #expect(
                try await RouteTests.get(client, "/api/v1/tasks/\(first.id)", token: v, as: S.Task.self)
                    == JSONDocument.text(TaskDocument(first)))

            var json = bearer(fixture.analyst)
            json[.contentType] = "application/json"
            // Contacted, with a note: who is the token's user, whatever the body might claim.
            try await client.execute(
                uri: "/api/v1/tasks/\(first.id)", method: .patch, headers: json,
                body: ByteBuffer(
                    string: #"{"status": "contacted", "note": "called, will visit", "date": "1998-07-01"}"#)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(throws: Never.self) {
                    _ = try JSONDecoder().decode(S.Task.self, from: Data(response.text.utf8))
                }
                #expect(response.object["status"] as? String == "contacted")
                #expect(response.object["updated_by"] as? String == "ana")
                #expect(response.object["updated_on"] as? String == "1998-07-01")
                #expect(response.object["note"] as? String == "called, will visit")
            }
            let stored = try await w.task(first.id)
            #expect(stored.status == .contacted)
            #expect(stored.updatedBy == "ana")
            #expect(stored.note == "called, will visit")

            // A name in the body is not a field of the update: refused, nothing changes.
            try await client.execute(
                uri: "/api/v1/tasks/\(first.id)", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"status": "dismissed", "by": "someone else"}"#)
            ) { #expect($0.status == .badRequest, "\($0.text)") }
            // Lost needs a reason: the message in the language asked for.
            var english = ""
            try await client.execute(
                uri: "/api/v1/tasks/\(first.id)", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"status": "lost"}"#)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
                english = response.object["message"] as? String ?? ""
            }
            try await client.execute(
                uri: "/api/v1/tasks/\(first.id)?lang=zh", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"status": "lost"}"#)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
                let chinese = response.object["message"] as? String ?? ""
                #expect(chinese != english && !english.isEmpty)
                #expect(chinese.unicodeScalars.contains { $0.value > 0x2E80 }, "\(chinese)")
            }
            #expect(try await w.task(first.id).status == .contacted)
            try await client.execute(
                uri: "/api/v1/tasks/\(first.id)", method: .patch, headers: json,
                body: ByteBuffer(string: #"{"status": "lost", "loss_reason": "price", "date": "1998-07-02"}"#)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(response.object["loss_reason"] as? String == "price")
                #expect(response.object["closed_on"] as? String == "1998-07-02")
            }
            try await client.execute(uri: "/api/v1/tasks/999999", method: .get, headers: bearer(v)) {
                #expect($0.status == .notFound)
            }
            #expect(
                try await RouteTests.get(client, "/api/v1/task-summary", token: v, as: S.TaskSummary.self)
                    == JSONDocument.text(try await w.taskSummary().document))
            let summary = try await w.taskSummary()
            #expect(summary.lost == 1)
        }
    }

    @Test func theCustomerViewComplaintsAndOwnersAreTheCommandLineDocuments() async throws {
        let fixture = try await ServerFixture.make(relationship: true)
        defer { fixture.remove() }
        let w = fixture.workspace
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let v = fixture.viewer
            let complaints = try await w.complaints(ComplaintsRequest(by: .customer))
            let anyComplainer = complaints.times.groups.first?.key ?? "1"
            for id in ["1", anyComplainer] {
                #expect(
                    try await RouteTests.get(client, "/api/v1/customers/\(id)", token: v, as: S.CustomerView.self)
                        == JSONDocument.text(try await w.customer(CustomerRequest(id: id)).document))
            }
            let asOf = try await RouteTests.get(
                client, "/api/v1/customers/\(anyComplainer)?as_of=1997-06-30", token: v, as: S.CustomerView.self)
            let seen = try await w.customer(CustomerRequest(id: anyComplainer, asOf: Day(iso: "1997-06-30")))
            #expect(asOf == (try JSONDocument.text(seen.document)))
            try await client.execute(uri: "/api/v1/customers/no-such-one", method: .get, headers: bearer(v)) {
                #expect($0.status == .notFound, "\($0.text)")
                #expect($0.object["code"] as? String == "not_found")
            }

            #expect(
                try await RouteTests.get(
                    client, "/api/v1/complaints?by=customer&offset=10&limit=20", token: v, as: S.Complaints.self)
                    == (try JSONDocument.text(complaints.document, page: .init(list: "groups", offset: 10, limit: 20))))
            #expect(
                try await RouteTests.get(client, "/api/v1/complaints?target_hours=24", token: v, as: S.Complaints.self)
                    == (try JSONDocument.text(
                        try await w.complaints(ComplaintsRequest(targetHours: 24)).document,
                        page: .init(list: "groups", offset: 0, limit: 100))))

            let owners = try await w.owners(OwnersRequest())
            #expect(
                try await RouteTests.get(client, "/api/v1/owners", token: v, as: S.Owners.self)
                    == JSONDocument.text(owners.document))
            if let leaving = owners.books.compactMap(\.owner).first {
                let query = leaving.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? leaving
                #expect(
                    try await RouteTests.get(client, "/api/v1/owners?leaving=\(query)", token: v, as: S.Owners.self)
                        == JSONDocument.text(try await w.owners(OwnersRequest(leaving: leaving)).document))
            }
        }
    }

    @Test func surveyAnalysesAreTheCommandLineDocuments() async throws {
        let fixture = try await ServerFixture.make(relationship: true)
        defer { fixture.remove() }
        let w = fixture.workspace
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let v = fixture.viewer
            #expect(
                try await RouteTests.get(client, "/api/v1/surveys/satisfaction", token: v, as: S.Satisfaction.self)
                    == JSONDocument.text(try await w.satisfaction().document))
            #expect(
                try await RouteTests.get(
                    client, "/api/v1/surveys/satisfaction?segment=value", token: v, as: S.Satisfaction.self)
                    == JSONDocument.text(try await w.satisfaction(SatisfactionRequest(segment: .value)).document))
            #expect(
                try await RouteTests.get(client, "/api/v1/surveys/ipa?importance=derived", token: v, as: S.Ipa.self)
                    == JSONDocument.text(try await w.ipa(IPARequest(importance: .derived)).document))
            #expect(
                try await RouteTests.get(client, "/api/v1/surveys/competitors", token: v, as: S.Competitors.self)
                    == JSONDocument.text(try await w.competitors().document))
            #expect(
                try await RouteTests.get(client, "/api/v1/surveys/loyalty", token: v, as: S.Loyalty.self)
                    == JSONDocument.text(try await w.loyalty().document))
            #expect(
                try await RouteTests.get(client, "/api/v1/surveys/journey", token: v, as: S.Journey.self)
                    == JSONDocument.text(try await w.journey().document))
            try await client.execute(uri: "/api/v1/surveys/ipa?wave=nope", method: .get, headers: bearer(v)) {
                #expect($0.status.code >= 400 && $0.status.code < 500, "\($0.text)")
            }

            // The delivered value of an uploaded offers file: Kotler's coat, 500 − 350 = 150.
            var csv = bearer(v)
            csv[.contentType] = "text/csv"
            let offers =
                "\u{FEFF}offer,provider,product_value,price,time_cost,firm_cost\r\ncoat,,500,350,,280\r\n"
                + "coat,rival,480,330,40,\r\n"
            try await client.execute(
                uri: "/api/v1/delivered-value?filename=offers.csv", method: .post, headers: csv,
                body: ByteBuffer(string: offers)
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect(throws: Never.self) {
                    _ = try JSONDecoder().decode(S.DeliveredValue.self, from: Data(response.text.utf8))
                }
                let rows = response.object["offers"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["delivered_value"] as? Int } == [150, 110])
                #expect(rows.first?["firm_margin"] as? Int == 70)
            }
            try await client.execute(
                uri: "/api/v1/delivered-value?filename=bad.csv", method: .post, headers: csv,
                body: ByteBuffer(string: "offer,product_value,price\ncoat,500,-1\n")
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(
                    response.object["message"] as? String
                        == "bad.csv, line 2, column \"price\": \"-1\" is not an amount of 0 or more")
            }
        }
    }

    @Test func adminsManageUsersAndTokensOverHTTP() async throws {
        let fixture = try await ServerFixture.make(runs: 0)
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            var json = bearer(fixture.admin)
            json[.contentType] = "application/json"
            try await client.execute(
                uri: "/api/v1/users", method: .post, headers: json,
                body: ByteBuffer(string: #"{"name": "mia", "role": "analyst"}"#)
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                #expect(response.object["name"] as? String == "mia")
                #expect(response.object["role"] as? String == "analyst")
                #expect(response.object["active_tokens"] as? Int == 0)
            }
            try await client.execute(
                uri: "/api/v1/users", method: .post, headers: json, body: ByteBuffer(string: #"{"name": "mia"}"#)
            ) { #expect($0.status == .badRequest, "a taken name: \($0.text)") }
            let created = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: json,
                body: ByteBuffer(string: #"{"user": "mia", "label": "laptop"}"#)
            ) { response in
                #expect(response.status == .created, "\(response.text)")
                #expect(throws: Never.self) {
                    _ = try JSONDecoder().decode(S.CreatedToken.self, from: Data(response.text.utf8))
                }
                return response.object
            }
            let secret = created["token"] as? String ?? ""
            let id = created["id"] as? Int ?? 0
            #expect(secret.hasPrefix("cvm_") && secret.count == 68)
            #expect(created["role"] as? String == "analyst")
            // The new token works, with its user's role.
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(secret)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/users", method: .get, headers: bearer(secret)) {
                #expect($0.status == .forbidden)
            }
            // Listed without any secret.
            try await client.execute(uri: "/api/v1/tokens", method: .get, headers: bearer(fixture.admin)) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains(secret))
                #expect(!response.text.contains(String(secret.dropFirst(4))))
                let tokens = response.object["tokens"] as? [[String: Any]] ?? []
                #expect(tokens.contains { $0["id"] as? Int == id && $0["label"] as? String == "laptop" })
            }
            let users = try JSONDocument.text(try await fixture.workspace.users().document)
            try await client.execute(uri: "/api/v1/users", method: .get, headers: bearer(fixture.admin)) { response in
                #expect(response.status == .ok)
                #expect(response.text == users)
            }
            try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: bearer(fixture.admin)) {
                #expect($0.status == .ok, "\($0.text)")
                #expect($0.object["revoked_at"] is String)
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(secret)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/users/vic", method: .delete, headers: bearer(fixture.admin)) {
                #expect($0.status == .ok, "\($0.text)")
                #expect($0.object["revoked_at"] is String)
            }
            try await client.execute(uri: "/api/v1/runs", method: .get, headers: bearer(fixture.viewer)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/users/nobody", method: .delete, headers: bearer(fixture.admin)) {
                #expect($0.status == .notFound, "\($0.text)")
            }
        }
    }
}
