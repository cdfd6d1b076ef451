import CVMStore
import Foundation
import Logging
import PostgresNIO
import Testing
import _CVMTestSupport

@testable import CVMPostgres

/// The command line on a PostgreSQL database, as a team runs it: processes killed, run side by
/// side, or kept waiting by another writer, and the demo.
@Suite(.enabled(if: TestServer.url != nil, TestServer.skipReason), .serialized)
struct PostgresCommandTests {
    let directory: URL

    init() throws { directory = try Fixtures.temporaryDirectory() }

    private func write(_ name: String, _ data: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// Whether a transaction in `database` holds the write lock (an import is storing rows).
    private func writeLockHeld(_ database: String) async throws -> Bool {
        try await TestServer.integer(
            """
            SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND l.granted AND d.datname = '\(database)'
            """) > 0
    }

    /// An import killed while its transaction is storing rows (SIGKILL, as the OOM killer would)
    /// leaves the database as it was: the server rolls the transaction back when the connection
    /// drops.
    @Test func aKilledImportLeavesTheDatabaseAsItWas() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try await TestServer.freshDatabase()
        let database = try PostgresURL(url).database
        let small = try write("small.csv", Data("customer_id,date,amount\nold,2024-01-01,1\nold,2024-01-02,2\n".utf8))
        #expect(try CLI.run(["import", "transactions", small, "--database", url]).status == 0)
        let big = try write("big.csv", Fixtures.manyTransactions(customers: 150_000))

        let (process, _, _) = CLI.start(["import", "transactions", big, "--database", url])
        try process.run()
        let started = Date()
        var storing = false
        while process.isRunning, Date().timeIntervalSince(started) < 120 {
            if try await writeLockHeld(database) {
                storing = true
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(storing && process.terminationReason == .uncaughtSignal, "the import ended before it was killed")

        let counts = try CLI.run(["init", "--database", url])
        #expect(counts.stdout.contains("(1 customers, 2 transactions)\n"), "\(counts)")
        // The next writer waits for the killed one's transaction to be rolled back, then finds
        // only the first import's rows.
        let again = try CLI.run(["import", "transactions", small, "--database", url])
        #expect(again.stdout.contains("2 rows read: 0 stored, 2 duplicates skipped, 0 rejected"), "\(again)")
        let store = try PostgresStore(url: url)
        defer { Task { await store.shutdown() } }
        #expect(try await store.imports().count == 2)
    }

    /// Two imports started at the same moment: the write lock puts one after the other, and each
    /// lands whole (or, had one waited too long, says the database is busy and stores nothing).
    @Test func twoImportsAtOnceEachLandWhole() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try await TestServer.freshDatabase()
        #expect(try CLI.run(["init", "--database", url]).status == 0)
        let files = [
            try write("a.csv", Fixtures.manyTransactions(customers: 5_000, prefix: "a")),
            try write("b.csv", Fixtures.manyTransactions(customers: 5_000, prefix: "b")),
        ]
        let results = await withTaskGroup(of: (status: Int32, stdout: String, stderr: String)?.self) { group in
            for file in files {
                group.addTask { try? CLI.run(["import", "transactions", file, "--database", url]) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let landed = results.compactMap { $0 }.filter { $0.status == 0 }
        let refused = results.compactMap { $0 }.filter { $0.status != 0 }
        #expect(!landed.isEmpty && landed.count + refused.count == 2)
        for result in landed { #expect(result.stdout.contains("40,000 rows read: 40,000 stored"), "\(result)") }
        for result in refused {
            #expect(result.stderr.contains("another import or analysis is writing"), "\(result)")
        }
        let store = try PostgresStore(url: url)
        defer { Task { await store.shutdown() } }
        #expect(try await store.counts() == (5_000 * landed.count, 40_000 * landed.count))
    }

    /// A writer kept waiting longer than the busy timeout by another transaction holding the write
    /// lock gets a clear busy answer and stores nothing; once the lock is free it lands.
    @Test func aWriterKeptWaitingIsToldTheDatabaseIsBusy() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try await TestServer.freshDatabase()
        let file = try write("t.csv", Data("customer_id,date,amount\nc,2024-01-01,1\n".utf8))
        let store = try PostgresStore(url: url, busyTimeout: 0.3)
        defer { Task { await store.shutdown() } }
        _ = try await store.counts()  // the schema is in place
        let holder = try await TestServer.connection(to: url)
        let logger = Logger(label: "cvm.tests")
        do {
            try await holder.query("BEGIN", logger: logger)
            try await holder.query(
                PostgresQuery(unsafeSQL: "SELECT pg_advisory_xact_lock(\(PostgresStore.writeLock))"), logger: logger)

            let error = await #expect(throws: StoreError.self) {
                try await store.importTransactions(from: URL(fileURLWithPath: file))
            }
            #expect(error?.code == .busy)
            #expect(error?.message.contains("another import or analysis is writing") == true)
            // The command line waits its default 5 seconds, then says the same.
            let cli = try CLI.run(["import", "transactions", file, "--database", url])
            #expect(cli.status != 0 && cli.stderr.contains("another import or analysis is writing"), "\(cli)")
            #expect(try await store.counts() == (0, 0))
            #expect(try await store.imports().isEmpty)
            try await holder.query("ROLLBACK", logger: logger)
        } catch {
            try? await holder.close()
            throw error
        }
        try await holder.close()
        let report = try await store.importTransactions(from: URL(fileURLWithPath: file))
        #expect(report.rowsStored == 1)
    }

    /// `cvm demo` on a server's empty database: the whole job runs, nothing it prints shows the
    /// password, and a second demo refuses the database it already filled instead of adding to it.
    @Test func theDemoRunsOnAnEmptyServerDatabaseOnly() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = try await TestServer.freshDatabase()
        var withPassword = try PostgresURL(plain)
        withPassword.password = "hunter2-secret"
        let url = plain.replacingOccurrences(
            of: "://\(withPassword.user)@", with: "://\(withPassword.user):hunter2-secret@")
        let out = directory.appendingPathComponent("demo")
        let demo = try CLI.run(["demo", "--out", out.path, "--database", url])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(!demo.stdout.contains("hunter2") && !demo.stderr.contains("hunter2"))
        #expect(demo.stdout.contains("cvm serve --database '\(withPassword.redacted)'"), "\(demo.stdout)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("report.html").path))
        let store = try PostgresStore(url: plain)
        defer { Task { await store.shutdown() } }
        let before = try await store.storedRowCounts()
        #expect(before["transactions"] == 6_919)

        let again = try CLI.run(["demo", "--out", directory.appendingPathComponent("again").path, "--database", url])
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds data"), "\(again.stderr)")
        #expect(!again.stderr.contains("hunter2"))
        #expect(try await store.storedRowCounts() == before)
    }
}
