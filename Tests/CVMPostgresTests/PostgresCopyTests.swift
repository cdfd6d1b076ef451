import CVMApp
import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMPostgres

/// An analyst's embedded database moved to the team's server, and back through an export: every
/// row of every table equal, on a real PostgreSQL server.
@Suite(.enabled(if: TestServer.url != nil, TestServer.skipReason), .serialized)
struct PostgresCopyTests {
    @Test func aDatabaseMovesToPostgreSQLAndBackExactly() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("analyst.sqlite").path
        // Every table holds rows: the demo (imports, customers, transactions, interactions,
        // complaints, survey answers, predictions, a run with its results, positions and care
        // tasks, a user with a password), and marketing, payments, a token and a task note.
        let workspace = try await Workspace.demo(DemoRequest(database: path)).workspace
        _ = try await workspace.store.importMarketing(from: SampleData.file("marketing")!)
        _ = try await workspace.store.importPayments(from: SampleData.file("payments")!)
        _ = try await workspace.createToken(user: "demo", label: "laptop")
        let task = try #require(try await workspace.store.careTasks(CareTaskFilter()).first)
        _ = try await workspace.updateTask(
            TaskUpdateRequest(id: task.id, status: .contacted, note: "回电，\"下周\"\tvisit\\N \n", by: "王"))
        let source = try await workspace.store.allStoredRows()
        #expect(StoredTables.all.allSatisfy { source[$0.name]?.isEmpty == false })

        let url = try await TestServer.freshDatabase()
        let moved = try await workspace.copy(to: url)
        #expect(moved.counts.total == source.values.reduce(0) { $0 + $1.count })
        let postgres = try PostgresStore(url: url)
        defer { Task { await postgres.shutdown() } }
        #expect(try await postgres.allStoredRows() == source)
        // The team's database reads as the analyst's did.
        let run = try #require(try await workspace.store.analysisRuns().last)
        #expect(try await postgres.analysisRun(run.id)?.overview == run.overview)
        let page = CustomerPageQuery(run: run.id, segment: "cant_lose", sort: .clv, descending: true, limit: 20)
        #expect(try await postgres.customerPage(page) == (try await workspace.store.customerPage(page)))
        // Its counters go on after the copied ids.
        let users = try await postgres.users()
        let added = try await postgres.addUser(name: "colleague", role: "viewer")
        #expect(added.id == (users.map(\.id).max() ?? 0) + 1)
        // A second copy into it is refused and changes nothing.
        let before = try await postgres.allStoredRows()
        await #expect {
            _ = try await workspace.copy(to: url)
        } throws: { error in (error as? AppError)?.code == .outputConflict }
        #expect(try await postgres.allStoredRows() == before)

        // Back: an export of the server's database, read into a new file.
        let folder = directory.appendingPathComponent("export")
        _ = try await Workspace(store: postgres).export(to: folder)
        let back = directory.appendingPathComponent("back.sqlite").path
        _ = try await Workspace.importDatabase(from: folder, into: back)
        #expect(try await Store.open(at: back).allStoredRows() == before)

        // A bad value in the folder stores nothing on the server either.
        let complaints = folder.appendingPathComponent("complaints.csv")
        var lines = try String(contentsOf: complaints, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        var fields = lines[4].components(separatedBy: ",")
        fields[header.firstIndex(of: "opened_day")!] = "2024-02-30"
        lines[4] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: complaints, atomically: true, encoding: .utf8)
        let empty = try await TestServer.freshDatabase()
        await #expect {
            _ = try await Workspace.importDatabase(from: folder, into: empty)
        } throws: { error in
            let row = (error as? AppError)?.rows.first
            return row?.file == "complaints.csv" && row?.line == 5 && row?.column == "opened_day"
                && row?.message == "\"2024-02-30\" is not a date (expected YYYY-MM-DD)"
        }
        let untouched = try PostgresStore(url: empty)
        defer { Task { await untouched.shutdown() } }
        #expect(try await untouched.storedRowCounts().values.allSatisfy { $0 == 0 })
    }

    /// The copy's table list is PostgreSQL's schema too: the same tables, columns, types and keys.
    @Test func theTableListIsThePostgreSQLSchema() async throws {
        let store = try await TestServer.store()
        defer { Task { await store.shutdown() } }
        _ = try await store.storedRowCounts()
        try await store.read { s in
            let tables = try await s.rows(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_name != 'cvm_migrations' ORDER BY table_name
                """
            ).map { try $0.text(0) }
            #expect(tables == StoredTables.all.map(\.name).sorted())
            for table in StoredTables.all {
                let columns = try await s.rows(
                    """
                    SELECT column_name, data_type FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position
                    """, [.text(table.name)])
                let names = try columns.map { try $0.text(0) }
                #expect(names == table.columnNames, "\(table.name)")
                let types = try columns.map { try $0.text(1) }
                let expected = table.columns.map { column in
                    switch column.kind {
                    case .integer, .day: "bigint"
                    case .real: "double precision"
                    case .text: "text"
                    }
                }
                #expect(types == expected, "\(table.name)")
                let key = try await s.rows(
                    """
                    SELECT a.attname FROM pg_index i
                    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n
                    """, [.text(table.name)]
                ).map { try $0.text(0) }
                #expect(key == table.key, "\(table.name)")
            }
        }
        #expect(PostgresSchema.migrations.last?.identifier == StoredTables.schemaVersion)
    }

    /// The server's connection lost in the middle of a copy (its backend terminated, as a restart
    /// or a network failure would): a clear error, and the database holds nothing of the copy.
    @Test func aConnectionLostMidCopyLeavesNothing() async throws {
        let sqlite = try Store.inMemory()
        _ = try await importSamples(sqlite)
        let url = try await TestServer.freshDatabase()
        let target = try PostgresStore(url: url)
        defer { Task { await target.shutdown() } }
        _ = try await target.storedRowCounts()  // the schema is in place before the copy starts
        let database = try PostgresURL(url).database
        let error = await #expect(throws: StoreError.self) {
            try await sqlite.withStoredRows { rows in
                let source = InterruptedSource(rows: rows, table: "transactions") {
                    try await TestServer.execute(
                        """
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = '\(database)' AND pid <> pg_backend_pid()
                        """)
                    // The client learns of the closed connection when it reads the socket.
                    try await Task.sleep(for: .milliseconds(500))
                }
                _ = try await target.restore(from: source)
            }
        }
        #expect(
            error?.message.contains("terminating connection") == true
                || error?.message.contains("connection to the server was lost") == true,
            "\(String(describing: error))")
        let after = try PostgresStore(url: url)
        defer { Task { await after.shutdown() } }
        #expect(try await after.storedRowCounts().values.allSatisfy { $0 == 0 })
    }
}

/// A source that runs `interruption` after the first page of `table`, then goes on.
private struct InterruptedSource: StoredRowSource {
    let rows: any StoredRowSource
    let table: String
    let interruption: @Sendable () async throws -> Void

    var origin: String { rows.origin }
    func rowCounts() async throws -> [String: Int] { try await rows.rowCounts() }

    func pages(of table: StoredTable, _ body: ([[StoredValue]]) async throws -> Void) async throws {
        var first = true
        try await rows.pages(of: table) { page in
            try await body(page)
            if first, table.name == self.table {
                first = false
                try await interruption()
            }
        }
    }
}
