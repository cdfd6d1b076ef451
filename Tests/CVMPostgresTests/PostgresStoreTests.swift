import CVMApp
import CVMStore
import CustomerValue
import Foundation
import Logging
import PostgresNIO
import Testing
import _CVMTestSupport

@testable import CVMPostgres

/// The server the PostgreSQL tests use: `CVM_TEST_POSTGRES_URL`, which
/// `scripts/with-postgres.sh` sets for a throwaway cluster. Each test gets a database of its own.
enum TestServer {
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["CVM_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }()

    static let skipReason: Comment = """
        skipped: no PostgreSQL server (CVM_TEST_POSTGRES_URL is not set; run the tests through \
        scripts/with-postgres.sh, which starts a throwaway server)
        """

    /// A new, empty database on the server; its address (same server and user).
    static func freshDatabase() async throws -> String {
        let url = try PostgresURL(url!)
        let name = "cvm_test_\(UInt32.random(in: 0...UInt32.max))_\(ProcessInfo.processInfo.processIdentifier)"
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: Logger(label: "cvm.tests"))
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "cvm.tests"))
        try await connection.close()
        var fresh = url
        fresh.database = name
        let credentials = url.password.map { "\(url.user):\($0)" } ?? url.user
        return "postgres://\(credentials)@\(url.host):\(url.port)/\(name)?sslmode=\(url.sslMode.rawValue)"
    }

    /// Runs `sql` on a connection of its own to the server's first database.
    static func execute(_ sql: String) async throws {
        let url = try PostgresURL(url!)
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 2, logger: Logger(label: "cvm.tests"))
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "cvm.tests"))
        try await connection.close()
    }

    /// A connection of its own to the database at `address` (one `freshDatabase` made).
    static func connection(to address: String) async throws -> PostgresConnection {
        let url = try PostgresURL(address)
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        return try await PostgresConnection.connect(
            configuration: configuration, id: 4, logger: Logger(label: "cvm.tests"))
    }

    /// The first column of the first row `sql` returns on the server's first database, as an integer.
    static func integer(_ sql: String) async throws -> Int {
        let url = try PostgresURL(url!)
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: .disable)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 3, logger: Logger(label: "cvm.tests"))
        var value = 0
        for try await row in try await connection.query(
            PostgresQuery(unsafeSQL: sql), logger: Logger(label: "cvm.tests"))
        {
            value = try row.decode(Int.self)
            break
        }
        try await connection.close()
        return value
    }

    static func store() async throws -> PostgresStore {
        try PostgresStore(url: try await freshDatabase())
    }
}

/// Imports every bundled sample (the CDNOW transactions and their companions) into `store`.
func importSamples(_ store: any CustomerStore) async throws -> [ImportReport] {
    var reports: [ImportReport] = []
    reports.append(try await store.importCustomers(from: SampleData.file("customers")!))
    reports.append(try await store.importTransactions(from: SampleData.file("transactions")!))
    reports.append(try await store.importMarketing(from: SampleData.file("marketing")!))
    reports.append(try await store.importPayments(from: SampleData.file("payments")!))
    reports.append(try await store.importInteractions(from: SampleData.file("interactions")!))
    reports.append(try await store.importComplaints(from: SampleData.file("complaints")!))
    var options = ImportOptions()
    options.survey = SurveyScheme(scale: SampleData.surveyScale)
    reports.append(try await store.importSurveys(from: SampleData.file("surveys")!, options: options))
    return reports
}

/// The parts of a report that do not depend on where or when it ran.
func counts(_ r: ImportReport) -> [Int] {
    [r.rowsRead, r.rowsStored, r.rowsUpdated, r.rowsDuplicate, r.rowsRejected, r.customersCreated]
}

@Suite(.enabled(if: TestServer.url != nil, TestServer.skipReason), .serialized)
struct PostgresStoreTests {
    /// The same files give the same counts, summaries, windows and every read on both backends.
    @Test func theSameStoreOnBothBackends() async throws {
        let sqlite = try Store.inMemory()
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        let a = try await importSamples(sqlite)
        let b = try await importSamples(postgres)
        #expect(a.map(counts) == b.map(counts))
        // Importing again stores nothing new, on both.
        let again = try await postgres.importTransactions(from: SampleData.file("transactions")!)
        let againS = try await sqlite.importTransactions(from: SampleData.file("transactions")!)
        #expect(counts(again) == counts(againS))
        #expect(again.rowsDuplicate == 6919 && again.rowsStored == 0)

        #expect(try await postgres.counts() == (try await sqlite.counts()))
        #expect(try await postgres.transactionDayRange() == (try await sqlite.transactionDayRange()))
        #expect(
            try await postgres.imports().map { [$0.rowsRead, $0.rowsStored, $0.rowsDuplicate] }
                == (try await sqlite.imports()).map { [$0.rowsRead, $0.rowsStored, $0.rowsDuplicate] })
        #expect(try await postgres.imports().map(\.days) == (try await sqlite.imports()).map(\.days))

        let options = SummaryOptions(unit: .week, asOf: Day(iso: "1998-06-30"), calibrationEnd: Day(iso: "1997-09-30"))
        let ps = try await postgres.summary(options)
        let ss = try await sqlite.summary(options)
        #expect(ps.ids == ss.ids)
        #expect(ps.frequency == ss.frequency && ps.recency == ss.recency && ps.T == ss.T)
        #expect(ps.monetary == ss.monetary && ps.revenue == ss.revenue && ps.orders == ss.orders)
        #expect(ps.holdout?.frequency == ss.holdout?.frequency && ps.holdout?.monetary == ss.holdout?.monetary)

        let pw = try await postgres.valueWindows(asOf: nil, currentWindowDays: 182)
        let sw = try await sqlite.valueWindows(asOf: nil, currentWindowDays: 182)
        #expect(pw.ids == sw.ids && pw.orders == sw.orders && pw.activeNow == sw.activeNow)
        #expect(pw.historical.revenue == sw.historical.revenue && pw.current.revenue == sw.current.revenue)

        let end = Day(iso: "1998-06-30")!
        #expect(
            try await postgres.repeatPurchasesPerDay(through: end, cohortEnd: Day(iso: "1997-03-31")!).map(\.purchases)
                == (try await sqlite.repeatPurchasesPerDay(through: end, cohortEnd: Day(iso: "1997-03-31")!))
                .map(\.purchases))
        #expect(
            try await postgres.marketingSpend(from: Day(number: 0), through: end)
                == (try await sqlite.marketingSpend(from: Day(number: 0), through: end)))
        #expect(try await postgres.marketingDayRange() == (try await sqlite.marketingDayRange()))
        let revenueP = try await postgres.monthlyRevenue(from: Day(number: 0), through: end, margin: false)
        let revenueS = try await sqlite.monthlyRevenue(from: Day(number: 0), through: end, margin: false)
        #expect(revenueP.count == revenueS.count)
        let firstDifference = zip(revenueP, revenueS).first { $0 != $1 }
        #expect(firstDifference == nil, "\(String(describing: firstDifference))")
        #expect(try await postgres.payments() == (try await sqlite.payments()))
        #expect(try await postgres.paymentDayRange() == (try await sqlite.paymentDayRange()))
        #expect(try await postgres.surveyAnswers() == (try await sqlite.surveyAnswers()))
        #expect(
            try await postgres.surveyAnswers(customer: "1981") == (try await sqlite.surveyAnswers(customer: "1981")))
        #expect(try await postgres.surveyAnswers(customer: "1981").isEmpty == false)
        #expect(try await postgres.complaints() == (try await sqlite.complaints()))
        let history = try await postgres.purchaseHistory(through: end)
        let expected = try await sqlite.purchaseHistory(through: end)
        #expect(history.ids == expected.ids && history.days == expected.days && history.values == expected.values)
        let ids = Array(ps.ids.prefix(200))
        let signalsP = try await postgres.customerSignals(
            ids: ids, asOf: end, recentDays: 90, poorSatisfactionShare: 0.25)
        let signalsS = try await sqlite.customerSignals(
            ids: ids, asOf: end, recentDays: 90, poorSatisfactionShare: 0.25)
        #expect(signalsP.recentInteractions == signalsS.recentInteractions)
        #expect(signalsP.usualInteractions == signalsS.usualInteractions)
        #expect(signalsP.openComplaintSince == signalsS.openComplaintSince)
        #expect(signalsP.poorlyResolvedComplaint == signalsS.poorlyResolvedComplaint)
        let window = Day(iso: "1998-01-01")!...end
        let ownersP = try await postgres.ownerFacts(in: window)
        let ownersS = try await sqlite.ownerFacts(in: window)
        #expect(ownersP.ids == ownersS.ids && ownersP.owner == ownersS.owner)
        #expect(ownersP.windowOwners == ownersS.windowOwners && ownersP.lastInteraction == ownersS.lastInteraction)
        #expect(ownersP.lastInteractionOwner == ownersS.lastInteractionOwner)
        #expect(ownersP.openComplaints == ownersS.openComplaints)
        for id in ids.prefix(20) {
            #expect(try await postgres.customerProfile(id) == (try await sqlite.customerProfile(id)))
            #expect(try await postgres.interactions(customer: id) == (try await sqlite.interactions(customer: id)))
            #expect(try await postgres.complaints(customer: id) == (try await sqlite.complaints(customer: id)))
            #expect(
                try await postgres.monthlyValue(customer: id, through: end)
                    == (try await sqlite.monthlyValue(customer: id, through: end)))
        }
        #expect(try await postgres.customerProfile("no such customer") == nil)
    }

    /// On the CDNOW sample, the summary, the fitted models and the whole analysis are the same.
    @Test func cdnowFitsAndAnalysisAreIdentical() async throws {
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        let onSQLite = Workspace(store: try Store.inMemory())
        let onPostgres = Workspace(store: postgres)
        for workspace in [onSQLite, onPostgres] {
            _ = try await workspace.store.importTransactions(from: Fixtures.cdnowSample)
        }
        let fitS = try await Workspace.fit(FitRequest(models: [.bgnbd, .pareto]), in: onSQLite)
        let fitP = try await Workspace.fit(FitRequest(models: [.bgnbd, .pareto]), in: onPostgres)
        let valuesS: [[Double]] = fitS.models.map { $0.fit.values }
        let valuesP: [[Double]] = fitP.models.map { $0.fit.values }
        #expect(valuesS == valuesP)
        let likelihoodS: [Double?] = fitS.models.map { $0.fit.logLikelihood }
        let likelihoodP: [Double?] = fitP.models.map { $0.fit.logLikelihood }
        #expect(likelihoodS == likelihoodP)

        let request = AnalysisRequest(asOf: Day(iso: "1998-06-30"))
        let runS = try await onSQLite.analyze(request)
        let runP = try await onPostgres.analyze(request)
        #expect(runS.overview.totalCLV == runP.overview.totalCLV)
        #expect(runS.overview.skipped == runP.overview.skipped)
        let (xs, ownersS) = try await onSQLite.store.analysisResults(runS.run)
        let (xp, ownersP) = try await onPostgres.store.analysisResults(runP.run)
        #expect(xs.ids == xp.ids && ownersS == ownersP)
        #expect(xs.clv == xp.clv)
        #expect(xs.probabilityAlive == xp.probabilityAlive)
        #expect(xs.segment == xp.segment)
        #expect(xs.score == xp.score)
        #expect(xs.tier == xp.tier)
        #expect(xs.valueGroup == xp.valueGroup)
        #expect(xs.stage == xp.stage)
        #expect(xs.warningReasons == xp.warningReasons)
        #expect(try await onPostgres.store.analysisRuns().count == 1)
        #expect(try await onPostgres.store.deleteAnalysisRun(runP.run))
        #expect(try await onPostgres.store.analysisRuns().isEmpty)
    }

    /// A bad file is refused with the same line-exact report, and nothing is stored.
    @Test func badImportsReportTheSameLinesAndStoreNothing() async throws {
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.csv")
        try "customer_id,date,amount\nC1,2024-01-02,10\nC2,2024-13-01,5\nC3,2024-01-03,abc\n".write(
            to: bad, atomically: true, encoding: .utf8)
        func failure(_ store: any CustomerStore) async -> ImportError? {
            do {
                _ = try await store.importTransactions(from: bad)
                return nil
            } catch { return error as? ImportError }
        }
        let s = await failure(try Store.inMemory())
        let p = await failure(postgres)
        #expect(s != nil && s == p)
        #expect(p?.rowErrors.map(\.line) == [3, 4])
        #expect(try await postgres.counts() == (0, 0))
        #expect(try await postgres.imports().isEmpty)
    }

    /// An import that fails part-way through its transaction (a refused correction of a stored
    /// order line) leaves the database as it was, with the same line-exact error as SQLite.
    @Test func aFailedImportLeavesTheDatabaseAsItWas() async throws {
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        let sqlite = try Store.inMemory()
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("orders.csv")
        try "order_id,customer_id,date,amount\nO1,A,2024-01-01,10\nO2,B,2024-01-02,20\n".write(
            to: first, atomically: true, encoding: .utf8)
        let changed = directory.appendingPathComponent("changed.csv")
        try "order_id,customer_id,date,amount\nO3,C,2024-01-03,30\nO2,B,2024-01-02,25\n".write(
            to: changed, atomically: true, encoding: .utf8)
        var refuse = ImportOptions()
        refuse.changedOrders = .refuse
        for store in [sqlite as any CustomerStore, postgres] { _ = try await store.importTransactions(from: first) }
        func failure(_ store: any CustomerStore) async -> ImportError? {
            do {
                _ = try await store.importTransactions(from: changed, options: refuse)
                return nil
            } catch { return error as? ImportError }
        }
        let s = await failure(sqlite)
        let p = await failure(postgres)
        #expect(s != nil && s == p)
        #expect(try await postgres.counts() == (2, 2))
        #expect(try await postgres.imports().count == 1)
        // With the default, the corrected line is updated, as in SQLite.
        let updated = try await postgres.importTransactions(from: changed)
        #expect(counts(updated) == counts(try await sqlite.importTransactions(from: changed)))
        #expect(updated.rowsUpdated == 1 && updated.rowsStored == 1)
    }

    /// Results, tasks, people, tokens, the customer list and deletion behave as on SQLite.
    @Test func resultsTasksAccessAndDeletion() async throws {
        let postgres = try await TestServer.store()
        defer { Task { await postgres.shutdown() } }
        let sqlite = try Store.inMemory()
        let reports = try await importSamples(postgres)
        _ = try await importSamples(sqlite)
        for store in [sqlite as any CustomerStore, postgres] {
            _ = try await Workspace(store: store).analyze(AnalysisRequest(asOf: Day(iso: "1998-06-30")))
        }
        let tasksS = try await sqlite.careTasks(CareTaskFilter())
        let tasksP = try await postgres.careTasks(CareTaskFilter())
        #expect(tasksS.map(\.customerID) == tasksP.map(\.customerID) && tasksS.map(\.status) == tasksP.map(\.status))
        // A page of the list is its first rows; the tally counts them all and names every owner, on both.
        for store in [sqlite as any CustomerStore, postgres] {
            let page = try await store.careTasks(CareTaskFilter(status: .open, limit: 5))
            let open = tasksS.filter { $0.status == .open }
            #expect(page.map(\.customerID) == open.prefix(5).map(\.customerID))
            let tally = try await store.careTaskTally(CareTaskFilter(status: .open, limit: 5))
            #expect(tally.count == open.count && open.count > 5)
            #expect(tally.owners == Set(tasksS.compactMap(\.owner)).sorted() && !tally.owners.isEmpty)
        }
        if let task = tasksP.first {
            let done = try await postgres.updateCareTask(
                task.id, CareTaskUpdate(status: .contacted, note: "called", on: Day(iso: "1998-07-01")!))
            #expect(done.status == .contacted && done.note == "called")
            #expect(try await postgres.careTask(task.id) == done)
        }
        let run = try await postgres.analysisRuns().last!.id
        let runS = try await sqlite.analysisRuns().last!.id
        // Every page of every order, both ways, searched and filtered, as on SQLite; and the positions
        // a run stores are those the schema migration computes in SQL.
        func walk(_ store: any CustomerStore, _ query: CustomerPageQuery) async throws -> [CustomerListRow] {
            var query = query
            var rows: [CustomerListRow] = []
            repeat {
                let page = try await store.customerPage(query)
                rows += page.rows
                query.after = page.next
            } while query.after != nil && rows.count < 10_000
            return rows
        }
        for sort in CustomerSortField.allCases {
            for descending in [true, false] {
                for (search, segment) in [(nil, nil), ("1", nil), (nil, "champions") as (String?, String?)] {
                    let query = { (run: Int64) in
                        CustomerPageQuery(
                            run: run, segment: segment, search: search, sort: sort, descending: descending, limit: 97)
                    }
                    let p = try await walk(postgres, query(run))
                    #expect(
                        p == (try await walk(sqlite, query(runS))),
                        "\(sort) \(descending) \(search ?? "") \(segment ?? "")")
                    #expect(!p.isEmpty && Set(p.map(\.id)).count == p.count)
                }
            }
        }
        // The run's stage and warning, through the positions and through the names.
        for sort in [CustomerSortField.clv, .name] {
            for descending in [true, false] {
                for (stage, warned) in [("stability", nil), (nil, true), (nil, false) as (String?, Bool?)] {
                    let query = { (run: Int64) in
                        CustomerPageQuery(
                            run: run, stage: stage, warned: warned, sort: sort, descending: descending, limit: 97)
                    }
                    let p = try await walk(postgres, query(run))
                    #expect(p == (try await walk(sqlite, query(runS))), "\(sort) \(descending) \(query(run))")
                    #expect(stage == nil || !p.isEmpty)
                }
            }
        }
        let ranks = "SELECT field, position, customer FROM analysis_ranks WHERE run = $1 ORDER BY field, position"
        let stored = try await postgres.write { s in
            try await s.rows(ranks, [.int(Int(run))]).map { try [$0.int64(0), $0.int64(1), $0.int64(2)] }
        }
        try await postgres.write { s in
            try await s.execute("DELETE FROM analysis_ranks")
            for (code, column) in CustomerOrder.rankedFields {
                try await s.execute(CustomerOrder.rankingSQL(code: code, column: column))
            }
        }
        let computed = try await postgres.write { s in
            try await s.rows(ranks, [.int(Int(run))]).map { try [$0.int64(0), $0.int64(1), $0.int64(2)] }
        }
        #expect(stored == computed && stored.count > 2_000)
        // People and tokens.
        let user = try await postgres.addUser(name: "li", role: "analyst")
        let token = try await postgres.addToken(user: "li", hash: "abc", label: "laptop")
        #expect(try await postgres.tokenUser(hash: "abc")?.id == user.id)
        #expect(try await postgres.users().first?.activeTokens == 1)
        await #expect(throws: StoreError.self) { _ = try await postgres.addUser(name: "li", role: "viewer") }
        #expect(try await postgres.revokeToken(token.id).revokedAt != nil)
        #expect(try await postgres.tokenUser(hash: "abc") == nil)
        #expect(try await postgres.passwordUser(name: "li")?.hash == nil)
        try await postgres.setPasswordHash(user: "li", hash: "$2b$10$hash")
        #expect(try await postgres.passwordUser(name: "li")?.hash == "$2b$10$hash")
        #expect(try await postgres.passwordUser(name: "li")?.user.role == "analyst")
        await #expect(throws: StoreError.self) { try await postgres.setPasswordHash(user: "nobody", hash: "x") }
        #expect(try await postgres.revokeUser(name: "li").revokedAt != nil)
        #expect(try await postgres.passwordUser(name: "li") == nil)
        #expect(try await postgres.tokens().count == 1)
        // Predictions.
        let set = PredictionSet(
            model: "bgnbd", spendModel: nil, settings: "{}", ids: ["1", "2", "nobody"],
            probabilityAlive: [0.5, 0.6, 0.7],
            expectedPurchases: [1, 2, 3], expectedSpend: nil, clv: [10, 20, 30])
        #expect(try await postgres.savePredictions(set).stored == (try await sqlite.savePredictions(set)).stored)
        #expect(try await postgres.latestCLV()?.values == (try await sqlite.latestCLV())?.values)
        #expect(try await postgres.latestPredictionRun()?.customers == 2)
        // Deletion: an import, then a customer, as on SQLite.
        let marketing = reports[2].importID
        let deletedP = try await postgres.deleteImport(marketing)
        let deletedS = try await sqlite.deleteImport(try await sqlite.imports()[2].id)
        #expect(deletedP == deletedS)
        #expect(try await postgres.deleteCustomer("1") == (try await sqlite.deleteCustomer("1")))
        #expect(try await postgres.counts() == (try await sqlite.counts()))
        await #expect(throws: StoreError.self) { _ = try await postgres.deleteCustomer("1") }
    }
}

/// Connection strings (no server needed).
@Suite struct PostgresURLTests {
    /// Connection strings never show their password; a bad sslmode is refused.
    @Test func passwordsAreNeverShown() throws {
        let store = try PostgresStore(url: "postgres://team:s3cret@db.example.com:5433/cvm?sslmode=require")
        #expect(store.path == "postgres://team@db.example.com:5433/cvm?sslmode=require")
        #expect(!store.path.contains("s3cret"))
        #expect(throws: StoreError.self) { try PostgresStore(url: "postgres://team:s3cret@db/cvm?sslmode=sometimes") }
        #expect(PostgresURL.redact("postgres://a:s3cret@h/db") == "postgres://a:***@h/db")
        #expect(PostgresURL.redact("postgres://a@h/db?password=s3cret") == "postgres://a@h/db?password=***")
        do {
            _ = try PostgresStore(url: "postgres://team:s3cret@/cvm")
        } catch let error as StoreError {
            #expect(!error.message.contains("s3cret"))
        }
    }
}
