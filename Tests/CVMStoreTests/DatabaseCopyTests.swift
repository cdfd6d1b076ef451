import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// A whole database out to a folder of CSV files and back, and into another database file.
@Suite struct DatabaseCopyTests {
    /// The copy's table list is the schema: every table, every column in SQLite's order with its
    /// declared type, and the primary key, so a column a later migration adds cannot be left out.
    @Test func theTableListIsTheSchema() throws {
        let store = try Store.inMemory()
        try store.read { db in
            let names = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                        AND name != 'grdb_migrations' ORDER BY name
                    """)
            #expect(names == StoredTables.all.map(\.name).sorted())
            for table in StoredTables.all {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.name))")
                #expect(columns.map { $0["name"] as String } == table.columnNames, "\(table.name)")
                let types = columns.map { $0["type"] as String }
                let expected = table.columns.map { column in
                    switch column.kind {
                    case .integer, .day: "INTEGER"
                    case .real: "REAL"
                    case .text: "TEXT"
                    }
                }
                #expect(types == expected, "\(table.name)")
                let key = columns.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                #expect(key.map { $0["name"] as String } == table.key, "\(table.name)")
            }
            #expect(Schema.migrator.migrations.last == StoredTables.schemaVersion)
        }
    }

    /// The guide to the folder lists every file with its header as written.
    @Test func theGuideListsEveryFilesColumns() throws {
        let guide = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/export.md"), encoding: .utf8)
        for table in StoredTables.all {
            #expect(
                guide.contains("- `\(table.name).csv`: `\(table.columnNames.joined(separator: ","))`"), "\(table.name)")
        }
    }

    /// Values that CSV and a day's text could bend come back as they were: quotes, commas and line
    /// breaks in text, white space at its ends, an empty text beside a missing one, Chinese, days
    /// before year 1 and after 9999, the largest and smallest doubles, negative zero, and ids.
    @Test func awkwardValuesComeBackExactly() async throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.directory) }
        let store = try Store.create(at: scratch.directory.appendingPathComponent("a.sqlite").path)
        try fillAwkwardly(store)
        let folder = scratch.directory.appendingPathComponent("export")
        let written = try await store.withStoredRows { source in
            try await DatabaseFolder.write(source, to: folder, exportedAt: "2026-12-03T00:00:00Z")
        }
        #expect(written.tables.first { $0.name == "customers" }?.rows == 3)
        // A person can read the days, and the empty text is written as "".
        let customers = try String(contentsOf: folder.appendingPathComponent("customers.csv"), encoding: .utf8)
        #expect(customers.contains("\"Zhang, \"\"Wei\"\"\nline two\""))
        #expect(customers.contains(",2024-02-29,"))
        #expect(customers.contains(",\"\","))
        let target = scratch.directory.appendingPathComponent("b.sqlite").path
        let read = try await Store.restore(at: target, from: try DatabaseFolder.Reader(folder))
        #expect(read == written)
        let copy = try Store.open(at: target)
        #expect(try await copy.allStoredRows() == (try await store.allStoredRows()))
        // A second, direct copy (no folder) is the same again.
        let direct = scratch.directory.appendingPathComponent("c.sqlite").path
        _ = try await store.withStoredRows { try await Store.restore(at: direct, from: $0) }
        #expect(try await Store.open(at: direct).allStoredRows() == (try await store.allStoredRows()))
        // The copy is a cvm database that goes on numbering after the copied ids.
        let next = try copy.write { db in
            try db.execute(
                sql: "INSERT INTO imports (kind, file, bytes, imported_at) VALUES ('customers', 'x', 0, 'now')")
            return db.lastInsertedRowID
        }
        #expect(next == 8)
    }

    /// A bad value in a file names its file, line and column, and nothing is created; a folder
    /// whose file lost rows is refused; a database that holds data is never written into.
    @Test func aBadFolderIsRefusedAndNothingIsWritten() async throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.directory) }
        let store = try Store.create(at: scratch.directory.appendingPathComponent("a.sqlite").path)
        try fillAwkwardly(store)
        let folder = scratch.directory.appendingPathComponent("export")
        _ = try await store.withStoredRows { try await DatabaseFolder.write($0, to: folder, exportedAt: "now") }
        let transactions = folder.appendingPathComponent("transactions.csv")
        let original = try String(contentsOf: transactions, encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[header.firstIndex(of: "amount")!] = "12 yuan"
        lines[2] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: transactions, atomically: true, encoding: .utf8)
        let target = scratch.directory.appendingPathComponent("b.sqlite").path
        await #expect {
            _ = try await Store.restore(at: target, from: try DatabaseFolder.Reader(folder))
        } throws: { error in
            let error = error as? ImportError
            return error?.rowErrors == [
                RowError(file: "transactions.csv", line: 3, column: "amount", reason: "\"12 yuan\" is not a number")
            ]
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.directory.path).allSatisfy {
                $0.hasPrefix("a.sqlite") || $0 == "export"
            })
        // A file that lost its last row.
        lines = original.split(separator: "\n").map(String.init)
        try (lines.dropLast().joined(separator: "\n") + "\n").write(to: transactions, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await Store.restore(at: target, from: try DatabaseFolder.Reader(folder))
        } throws: { error in
            (error as? StoreError)?.message.contains("gave \(lines.count - 2) rows of transactions where it counts")
                == true
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        // Into a database with data: refused, and that database is as it was.
        let before = try await store.allStoredRows()
        try original.write(to: transactions, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await Store.restore(at: store.path, from: try DatabaseFolder.Reader(folder))
        } throws: { error in (error as? StoreError)?.code == .notEmpty }
        #expect(try await store.allStoredRows() == before)
        // An export never writes into a folder that holds something.
        await #expect {
            _ = try await store.withStoredRows {
                try await DatabaseFolder.write($0, to: scratch.directory, exportedAt: "now")
            }
        } throws: { error in (error as? StoreError)?.code == .notEmpty }
        // An empty database (as `cvm init` leaves it) is filled.
        let empty = scratch.directory.appendingPathComponent("empty.sqlite").path
        _ = try Store.create(at: empty)
        _ = try await Store.restore(at: empty, from: try DatabaseFolder.Reader(folder))
        #expect(try await Store.open(at: empty).allStoredRows() == before)
    }

    /// Rows in every column kind, with the values a CSV file or a date could bend.
    private func fillAwkwardly(_ store: Store) throws {
        try store.write { db in
            for id in 1...7 {
                try db.execute(
                    sql: """
                        INSERT INTO imports (id, kind, file, bytes, imported_at, first_day, last_day)
                        VALUES (?, 'transactions', ?, 10, '2026-12-03T00:00:00.000Z', ?, ?)
                        """, arguments: [id, "订单 \(id).csv", -800_000, 3_000_000])
            }
            try db.execute(
                sql: """
                    INSERT INTO customers (key, id, name, tags, region, acquired_day, birthday, import_id) VALUES
                        (1, 'C1', ?, '', ' 华东 ', 19782, -719162, 1),
                        (2, 'C2', NULL, NULL, 'a,b', 2932896, NULL, 1),
                        (3, ?, '"quoted"', ',', NULL, NULL, NULL, NULL)
                    """, arguments: ["Zhang, \"Wei\"\nline two", "\u{200B}C3\u{00A0}"])
            try db.execute(
                sql: """
                    INSERT INTO transactions (customer, day, row_key, occurrence, amount, quantity, cost, discount,
                        product, import_id) VALUES
                        (1, 19782, -9223372036854775808, 1, 1.0e300, 0.1, 5e-324, -0.0, 'a\tb', 1),
                        (1, 19783, 9223372036854775807, 2, 0.30000000000000004, NULL, NULL, NULL, NULL, 2),
                        (2, 19000, 1, 1, -12.5, 3, NULL, NULL, '\\N', 3),
                        (3, 19001, 2, 1, 123456789.123456789, NULL, NULL, NULL, '', 3)
                    """)
            try db.execute(
                sql: """
                    INSERT INTO survey_answers (wave, response, attribute, competitor, customer, day, scale_low,
                        scale_high, satisfaction, recommend, import_id)
                    VALUES ('2026 春', 'r1', '', '', 1, 20000, 1, 7, 6.5, 9, 4), ('2026 春', 'r1', 'delivery', '', 1,
                        20000, 1, 7, NULL, NULL, 4)
                    """)
            try db.execute(
                sql: """
                    INSERT INTO care_tasks (id, customer, reason, reasons, status, owner, opened_on, note)
                    VALUES (41, 2, 'gap', '["gap"]', 'contacted', '王', 20000, ?)
                    """, arguments: ["called\r\nback, \"soon\" "])
        }
    }
}
