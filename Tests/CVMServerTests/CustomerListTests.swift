import CVMAPI
import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CustomerListTests {
    /// Every page after the next, until the last: ids in the order given.
    static func walk(_ client: some TestClientProtocol, _ query: String, token: String) async throws -> [[String: Any]]
    {
        var rows: [[String: Any]] = []
        var cursor: String?
        var pages = 0
        repeat {
            let uri = "/api/v1/customers?\(query)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await client.execute(uri: uri, method: .get, headers: bearer(token)) { response in
                #expect(response.status == .ok, "\(uri): \(response.text)")
                #expect(throws: Never.self) {
                    _ = try JSONDecoder().decode(Components.Schemas.CustomerPage.self, from: Data(response.text.utf8))
                }
                return response.object
            }
            rows += page["customers"] as? [[String: Any]] ?? []
            cursor = page["next_cursor"] as? String
            pages += 1
        } while cursor != nil && pages < 1000
        return rows
    }

    @Test func pagesCoverEveryCustomerOnceInOrder() async throws {
        let fixture = try await ServerFixture.make()
        defer { fixture.remove() }
        let run = try await fixture.workspace.showRun(1).results
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let all = try await Self.walk(client, "limit=500", token: fixture.viewer)
            let ids = all.compactMap { $0["customer_id"] as? String }
            #expect(ids.count == 2357)
            #expect(Set(ids).count == ids.count)
            #expect(ids == ids.sorted())

            // By revenue, highest first, ties by id: the run's revenue column sorted the same way.
            let byRevenue = try await Self.walk(client, "limit=97&sort=-revenue", token: fixture.viewer)
            let expected = zip(run.ids, run.revenue).sorted { a, b in a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }.map(\.0)
            #expect(byRevenue.compactMap { $0["customer_id"] as? String } == expected)

            // A segment filter: exactly the run's customers of that segment.
            let champions = try await Self.walk(client, "limit=50&segment=champions", token: fixture.viewer)
            let expectedChampions = zip(run.ids, run.segment).filter { $0.1 == "champions" }.map(\.0).sorted()
            #expect(champions.compactMap { $0["customer_id"] as? String } == expectedChampions)
            #expect(!expectedChampions.isEmpty)

            // The run's stage and warnings, and the owner on file.
            let declining = try await Self.walk(client, "limit=200&stage=decline", token: fixture.viewer)
            let expectedDeclining = zip(run.ids, run.stage ?? []).filter { $0.1 == "decline" }.map(\.0).sorted()
            #expect(declining.compactMap { $0["customer_id"] as? String } == expectedDeclining)
            #expect(!expectedDeclining.isEmpty)
            let warned = try await Self.walk(client, "limit=200&warned=true&sort=-clv", token: fixture.viewer)
            let reasons = Dictionary(uniqueKeysWithValues: zip(run.ids, run.warningReasons ?? []))
            #expect(warned.allSatisfy { reasons[$0["customer_id"] as? String ?? ""] ?? nil != nil })
            #expect(warned.count == reasons.values.filter { $0 != nil }.count)
            // The region on file (华东), exactly; no customer of the sample has an owner.
            let east = try await Self.walk(client, "limit=200&region=%E5%8D%8E%E4%B8%9C", token: fixture.viewer)
            let expectedEast = all.filter { $0["region"] as? String == "华东" }.compactMap {
                $0["customer_id"] as? String
            }
            #expect(east.compactMap { $0["customer_id"] as? String } == expectedEast && !expectedEast.isEmpty)
            #expect(try await Self.walk(client, "limit=200&owner=Wang", token: fixture.viewer).isEmpty)
            // A zero-width space and a no-break space at the ends are not part of the region.
            let padded = try await Self.walk(
                client, "limit=200&region=%C2%A0%E5%8D%8E%E4%B8%9C%E2%80%8B", token: fixture.viewer)
            #expect(padded.compactMap { $0["customer_id"] as? String } == expectedEast)
            try await client.execute(
                uri: "/api/v1/customers?stage=prospect", method: .get, headers: bearer(fixture.viewer)
            ) { response in
                #expect(response.status == .badRequest, "\(response.text)")
            }

            // Text search on id or name: names in the sample are Chinese, ids numbers.
            let named = try await Self.walk(client, "limit=500&q=%E7%BD%97", token: fixture.viewer)  // 罗
            #expect(!named.isEmpty)
            #expect(named.allSatisfy { ($0["name"] as? String)?.contains("罗") == true })
            let wildcard = try await Self.walk(client, "limit=500&q=%25", token: fixture.viewer)  // a literal %
            #expect(wildcard.isEmpty)
            // A cursor of another sort order is refused.
            let cursor = try await client.execute(
                uri: "/api/v1/customers?limit=1&sort=name", method: .get, headers: bearer(fixture.viewer)
            ) { $0.object["next_cursor"] as? String }
            try await client.execute(
                uri: "/api/v1/customers?limit=1&sort=clv&cursor=\(cursor ?? "")", method: .get,
                headers: bearer(fixture.viewer)
            ) { #expect($0.status == .badRequest) }
        }
    }
}
