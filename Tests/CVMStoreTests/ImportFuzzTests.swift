import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// Seeded fuzzing of the CSV reader and the field parsers through the import: files of random
/// rows mixing good values, malformed dates and amounts, quotes, delimiters inside fields, line
/// breaks, invisible spaces and non-ASCII text. Every file either imports whole (all its rows
/// stored) or fails with line-exact errors on lines the file has, and then stores nothing.
@Suite struct ImportFuzzTests {
    static let ids = ["C1", "C2", "\u{00A0}C3", "C4\u{3000}", "客户5", "\"C,6\"", "", "C\u{0}7"]
    static let dates = [
        "2024-01-05", "2024/2/29", "20240301", "2024年3月4日", "2024-13-01", "2023-02-30", "1750-01-01",
        "2999-01-01", "2024-03-05T10:20:30+08:00", "yesterday", "",
    ]
    static let amounts = [
        "12.50", "¥1,234.50", "(12.50)", "€1.234", "1,234", "1e400", "-5", "abc", "\"1,5\"", "", "99999999999999",
        "0.125",
    ]

    @Test func everyFileImportsWholeOrFailsByLine() throws {
        var random = RandomSource(seed: 20_261_202)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var wholeFiles = 0
        var refusedFiles = 0
        for round in 0..<150 {
            let store = try Store.inMemory()
            let rows = 1 + Int(random.next() % 12)
            var text = random.next() % 4 == 0 ? "\u{FEFF}customer_id,date,amount\n" : "customer_id,date,amount\n"
            for _ in 0..<rows {
                // Mostly well-formed values (the first four of each list), sometimes anything.
                func pick(_ values: [String]) -> String {
                    let any = random.next() % 12 == 0
                    return values[Int(random.next() % UInt64(any ? values.count : 4))]
                }
                let id = pick(Self.ids)
                let date = pick(Self.dates)
                let amount = pick(Self.amounts)
                let end = random.next() % 5 == 0 ? "\r\n" : "\n"
                text += "\(id),\(date),\(amount)\(end)"
            }
            let file = directory.appendingPathComponent("fuzz\(round).csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            // Bytes, not Characters: "\r\n" is one Character in Swift.
            let physicalLines = text.utf8.filter { $0 == 0x0A }.count
            do {
                let report = try store.importTransactions(from: file)
                wholeFiles += 1
                #expect(report.rowsRead == rows, "round \(round)")
                #expect(try store.counts().transactions == report.rowsStored, "round \(round)")
            } catch let error as ImportError {
                refusedFiles += 1
                #expect(try store.counts().transactions == 0, "round \(round): a refused file stored rows")
                for row in error.rowErrors {
                    #expect(
                        row.line >= 2 && row.line <= physicalLines,
                        "round \(round): line \(row.line) of \(physicalLines): \(row.reason) in \(text.debugDescription)"
                    )
                    #expect(!row.reason.isEmpty)
                }
                #expect(error.code != .invalidRows || !error.rowErrors.isEmpty, "round \(round)")
            }
        }
        // The mix gives both outcomes many times.
        #expect(wholeFiles > 5 && refusedFiles > 5, "whole \(wholeFiles), refused \(refusedFiles)")
    }

    /// Complaints and interactions the same way; a complaints file that imports whole holds only
    /// values that can be: resolved on or after the opening, severity 1–5, ratings on the scale and
    /// only of resolved complaints.
    @Test func complaintsAndInteractionsImportWholeOrFailByLine() throws {
        var random = RandomSource(seed: 20_261_203)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let opened = ["2024-01-05", "2024-01-05 10:00", "2024-01-06T08:30:00+08:00", "20240107", "2024-02-30", ""]
        let resolved = ["", "2024-01-08", "2024-01-05 09:00", "2024-01-07 12:00", "2024-01-04", "soon"]
        let severities = ["", "3", "高", "low", "9", "0", "urgent"]
        let ratings = ["", "4", "5", "1", "6", "nan", "4.5"]
        let channels = ["call", "微信", "Visit", "e-mail", "fax", ""]
        var outcomes = (whole: 0, refused: 0)
        for round in 0..<150 {
            let store = try Store.inMemory()
            let rows = 1 + Int(random.next() % 10)
            func pick(_ values: [String]) -> String {
                let any = random.next() % 6 == 0
                return values[Int(random.next() % UInt64(any ? values.count : 4))]
            }
            let complaints = round % 2 == 0
            var text =
                complaints ? "customer_id,opened,resolved,severity,satisfaction\n" : "customer_id,date,channel,owner\n"
            for _ in 0..<rows {
                let id = pick(Self.ids)
                let end = random.next() % 5 == 0 ? "\r\n" : "\n"
                if complaints {
                    text += "\(id),\(pick(opened)),\(pick(resolved)),\(pick(severities)),\(pick(ratings))\(end)"
                } else {
                    text += "\(id),\(pick(opened)),\(pick(channels)),\(pick(Self.ids))\(end)"
                }
            }
            let file = directory.appendingPathComponent("fuzz\(round).csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let physicalLines = text.utf8.filter { $0 == 0x0A }.count
            do {
                let report =
                    complaints ? try store.importComplaints(from: file) : try store.importInteractions(from: file)
                outcomes.whole += 1
                #expect(report.rowsRead == rows, "round \(round)")
                if complaints {
                    let stored = try store.complaints()
                    #expect(stored.count == report.rowsStored, "round \(round)")
                    for c in stored {
                        #expect((c.resolutionHours ?? 0) >= 0, "round \(round): \(c)")
                        #expect(c.severity.map { (1...5).contains($0) } ?? true, "round \(round): \(c)")
                        #expect(c.satisfaction.map { c.resolved != nil && c.scale.contains($0) } ?? true, "\(c)")
                    }
                }
            } catch let error as ImportError {
                outcomes.refused += 1
                let table = complaints ? "complaints" : "interactions"
                #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") } == 0)
                for row in error.rowErrors {
                    #expect(row.line >= 2 && row.line <= physicalLines, "round \(round): \(row.reason)")
                }
                #expect(error.code != .invalidRows || !error.rowErrors.isEmpty, "round \(round)")
            }
        }
        #expect(outcomes.whole > 5 && outcomes.refused > 5, "\(outcomes)")
    }
}
