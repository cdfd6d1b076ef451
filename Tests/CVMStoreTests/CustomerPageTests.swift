import CustomerValue
import Foundation
import GRDB
import Testing

@testable import CVMStore

/// The customer list's pages against an order written out here, independently of the store's.
@Suite struct CustomerPageTests {
    /// Customers with ties, ids that sort differently as bytes than as numbers, a non-ASCII id,
    /// a customer whose CLV is not a number, and two prospects with no result in the run.
    static func store() throws -> (scratch: Scratch, run: Int64, clv: [String: Double], revenue: [String: Double]) {
        let scratch = try Scratch()
        try scratch.store.importCustomers(
            from: try scratch.file(
                "c.csv",
                "customer_id,name,owner,region\nP1,Zhou Prospect,,\nP0,Wu Prospect,Wang,\n10,Li Lei,Wang,\n"
                    + "9,Han Mei,,华东\nÉ1,Émile,Wang,华东\n"))
        var lines = "customer_id,date,amount\n"
        let ids = ["10", "9", "É1", "2", "1", "3", "11", "20", "7", "8", "b", "a"]
        for (n, id) in ids.enumerated() {
            lines += "\(id),2024-01-0\(1 + n % 5),\(10 + n % 3)\n\(id),2024-02-0\(1 + n % 4),\(5 + n % 2)\n"
        }
        try scratch.store.importTransactions(from: try scratch.file("t.csv", lines))
        let summary = try scratch.store.summary()
        var results = AnalysisResults(
            summary: summary, recencyDays: summary.ids.map { _ in 0 }, r: summary.ids.map { _ in 1 },
            f: summary.ids.map { _ in 1 }, m: summary.ids.map { _ in 1 },
            segment: summary.ids.map { ["10", "9", "a"].contains($0) ? "champions" : $0 == "b" ? "other" : "lost" })
        // CLV: ties at 5 and at 0, one NaN (stored as no value).
        let clvByID: [String: Double] = [
            "10": 5, "9": 5, "É1": 7, "2": 0, "1": 0, "3": -1, "11": 5, "20": 100, "7": .nan, "8": 3, "b": 0, "a": 5,
        ]
        results.clv = summary.ids.map { clvByID[$0]! }
        results.stage = summary.ids.map { Self.declining.contains($0) ? "decline" : "stability" }
        results.warningReasons = summary.ids.map { Self.warned.contains($0) ? "long_gap" : nil }
        let run = try scratch.store.saveAnalysisRun(
            name: nil, asOf: summary.observationEnd, settings: "{}", overview: "{}", results: results)
        let revenue = Dictionary(uniqueKeysWithValues: zip(summary.ids, summary.revenue))
        return (scratch, run, clvByID.filter { !$0.value.isNaN }, revenue)
    }

    /// The run's declining and warned customers, and who has an owner or region on file.
    static let declining: Set<String> = ["10", "2", "b"]
    static let warned: Set<String> = ["10", "3", "a"]
    static let owned: Set<String> = ["P0", "10", "É1"]
    static let east: Set<String> = ["9", "É1"]

    /// The expected order: valued customers by value (highest first, ties by id bytes), or that
    /// reversed; then every other customer by id bytes.
    static func expected(_ values: [String: Double], all: [String], descending: Bool) -> [String] {
        let bytes: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let valued = values.sorted { $0.value != $1.value ? $0.value > $1.value : bytes($0.key, $1.key) }.map(\.key)
        let blanks = all.filter { values[$0] == nil }.sorted(by: bytes)
        return (descending ? valued : valued.reversed()) + blanks
    }

    static func walk(_ store: Store, _ query: CustomerPageQuery) throws -> [String] {
        var ids: [String] = []
        var query = query
        for _ in 0..<100 {
            let page = try store.customerPage(query)
            #expect(page.rows.count <= query.limit)
            ids += page.rows.map(\.id)
            guard let next = page.next else { return ids }
            query.after = next
        }
        Issue.record("the pages did not end")
        return ids
    }

    @Test(arguments: [1, 2, 3, 50])
    func everyOrderPagesThroughEveryCustomerOnce(_ limit: Int) throws {
        let (scratch, run, clv, revenue) = try Self.store()
        let all = try scratch.store.read { db in try String.fetchAll(db, sql: "SELECT id FROM customers") }
        #expect(all.count == 14)
        for descending in [true, false] {
            let byCLV = try Self.walk(
                scratch.store, CustomerPageQuery(run: run, sort: .clv, descending: descending, limit: limit))
            #expect(byCLV == Self.expected(clv, all: all, descending: descending), "descending: \(descending)")
            let byRevenue = try Self.walk(
                scratch.store, CustomerPageQuery(run: run, sort: .revenue, descending: descending, limit: limit))
            #expect(byRevenue == Self.expected(revenue, all: all, descending: descending))
            // No score in this run: every customer is without one, by id.
            let byScore = try Self.walk(
                scratch.store, CustomerPageQuery(run: run, sort: .score, descending: descending, limit: limit))
            #expect(byScore == Self.expected([:], all: all, descending: descending))
            // A text search sorts what it finds the same way (ids and names with "1" in them, any case).
            let searched = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, search: "1", sort: .clv, descending: descending, limit: limit))
            let found = Set(all.filter { $0.contains("1") })
            #expect(searched == Self.expected(clv, all: all, descending: descending).filter(found.contains))
            let named = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, search: "LI LEI", sort: .clv, descending: descending, limit: limit))
            #expect(named == ["10"])
            // A segment filter: only the run's customers of that segment.
            let champions = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, segment: "champions", sort: .clv, descending: descending, limit: limit))
            #expect(
                champions
                    == Self.expected(clv, all: all, descending: descending).filter { ["10", "9", "a"].contains($0) })
            // A segment of another name than cvm's own is filtered on through the results.
            let other = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, segment: "other", sort: .revenue, descending: descending, limit: limit))
            #expect(other == ["b"])
            let lost = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, segment: "lost", sort: .clv, descending: descending, limit: limit))
            #expect(
                lost
                    == Self.expected(clv, all: all, descending: descending).filter {
                        !["10", "9", "a", "b", "P0", "P1"].contains($0)
                    })
            // Without a run every customer is without a value.
            let noRun = try Self.walk(
                scratch.store, CustomerPageQuery(run: nil, sort: .clv, descending: descending, limit: limit))
            #expect(noRun == Self.expected([:], all: all, descending: descending))
        }
    }

    /// Stage and warning come from the run (a customer without a result has neither), owner and
    /// region from the file; each filter keeps the order of the list it narrows, alone or together.
    @Test(arguments: [1, 3, 50])
    func filtersOnStageWarningOwnerAndRegion(_ limit: Int) throws {
        let (scratch, run, clv, _) = try Self.store()
        let all = try scratch.store.read { db in try String.fetchAll(db, sql: "SELECT id FROM customers") }
        let inRun = Set(all).subtracting(["P0", "P1"])
        let bytes: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for descending in [true, false] {
            let byCLV = Self.expected(clv, all: all, descending: descending)
            let byID = descending ? all.sorted(by: bytes).reversed() : all.sorted(by: bytes)
            let cases: [(CustomerPageQuery, Set<String>)] = [
                (CustomerPageQuery(run: run, stage: "decline", limit: limit), Self.declining),
                (CustomerPageQuery(run: run, warned: true, limit: limit), Self.warned),
                (CustomerPageQuery(run: run, warned: false, limit: limit), inRun.subtracting(Self.warned)),
                (CustomerPageQuery(run: run, owner: "Wang", limit: limit), Self.owned),
                (CustomerPageQuery(run: run, region: "华东", limit: limit), Self.east),
                (CustomerPageQuery(run: run, owner: "Wang", region: "华东", limit: limit), ["É1"]),
                (CustomerPageQuery(run: run, stage: "decline", warned: true, limit: limit), ["10"]),
                (
                    CustomerPageQuery(run: run, segment: "champions", warned: false, limit: limit),
                    Set(["9", "a"]).subtracting(Self.warned)
                ),
                (
                    CustomerPageQuery(run: run, stage: "stability", search: "1", limit: limit),
                    Set(all.filter { $0.contains("1") }).subtracting(Self.declining).intersection(inRun)
                ),
                (CustomerPageQuery(run: run, owner: "nobody", limit: limit), []),
            ]
            for (base, kept) in cases {
                var query = base
                query.descending = descending
                query.sort = .clv
                #expect(try Self.walk(scratch.store, query) == byCLV.filter(kept.contains), "\(query)")
                query.sort = .id
                #expect(try Self.walk(scratch.store, query) == byID.filter(kept.contains), "\(query)")
            }
        }
    }

    @Test(arguments: [1, 4, 50])
    func byIdAndNameDescendingIsAscendingReversed(_ limit: Int) throws {
        let (scratch, run, _, _) = try Self.store()
        let customers = try scratch.store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, COALESCE(name, '') FROM customers").map {
                ($0[0] as String, $0[1] as String)
            }
        }
        let bytes: (String, String) -> Bool = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let byName = customers.sorted { $0.1 != $1.1 ? bytes($0.1, $1.1) : bytes($0.0, $1.0) }.map(\.0)
        let byID = customers.map(\.0).sorted(by: bytes)
        for descending in [false, true] {
            let name = try Self.walk(
                scratch.store, CustomerPageQuery(run: run, sort: .name, descending: descending, limit: limit))
            #expect(name == (descending ? byName.reversed() : byName))
            let id = try Self.walk(
                scratch.store, CustomerPageQuery(run: run, sort: .id, descending: descending, limit: limit))
            #expect(id == (descending ? byID.reversed() : byID))
            let lost = try Self.walk(
                scratch.store,
                CustomerPageQuery(run: run, segment: "lost", sort: .id, descending: descending, limit: limit))
            let expectedLost = byID.filter { !["10", "9", "a", "b", "P0", "P1"].contains($0) }
            #expect(lost == (descending ? expectedLost.reversed() : expectedLost))
        }
    }

    /// The positions a run stores are those the schema migration computes in SQL for older runs.
    @Test func storedPositionsAreTheMigrationsOrder() throws {
        let (scratch, _, _, _) = try Self.store()
        let read = """
            SELECT run, field, position, customer, segment, value_group, tier FROM analysis_ranks
            ORDER BY run, field, position
            """
        let stored = try scratch.store.read { db in try Row.fetchAll(db, sql: read) }
        #expect(stored.count == 11 + 12)  // CLV of all but the NaN, revenue of all
        try scratch.store.write { db in
            try db.execute(sql: "DELETE FROM analysis_ranks")
            for (code, column) in CustomerOrder.rankedFields {
                try db.execute(sql: CustomerOrder.rankingSQL(code: code, column: column))
            }
        }
        #expect(try scratch.store.read { db in try Row.fetchAll(db, sql: read) } == stored)
    }

    @Test func aForeignCursorIsRefusedAndDeletionsTakeThePositionsAlong() throws {
        let (scratch, run, _, _) = try Self.store()
        for value in ["#x", "=3", "12", "#1.5"] {
            #expect(throws: StoreError.self) {
                try scratch.store.customerPage(
                    CustomerPageQuery(
                        run: run, sort: .clv, descending: true, after: CustomerCursor(value: value, id: "1"), limit: 2))
            }
        }
        let count = { try scratch.count("SELECT count(*) FROM analysis_ranks") }
        try scratch.store.deleteCustomer("20")
        #expect(try count() == 21)
        #expect(
            try Self.walk(scratch.store, CustomerPageQuery(run: run, sort: .clv, descending: true, limit: 2)).first
                == "É1")
        #expect(try scratch.store.deleteAnalysisRun(run))
        #expect(try count() == 0)
    }
}
