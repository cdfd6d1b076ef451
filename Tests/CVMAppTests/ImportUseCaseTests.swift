import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

@Suite struct ImportUseCaseTests {
    @Test func importsAndReimportsTheSample() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        #expect(try await workspace.counts().readyLine(in: .en).hasSuffix("(0 customers, 0 transactions)"))
        let first = try await workspace.importFile(.transactions, from: Fixtures.cdnowSample)
        #expect(first.report.rowsStored == 6919 && first.report.customersCreated == 2357)
        #expect(first.lines(in: .en).first == "2357 new customers created (id only; import customers to add details).")
        #expect(first.counts(in: .en) == "6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected")
        #expect(first.counts(in: .zh) == "读取 6,919 行：存储 6,919 行，跳过重复 0 行，拒绝 0 行")
        let again = try await workspace.importFile(.transactions, from: Fixtures.cdnowSample)
        #expect(again.nothingNew)
        #expect(
            again.lines(in: .en).contains(
                "Nothing new: every valid row of transactions.csv is already in the database."))
        let json = try JSONDocument.text(again.document)
        #expect(json.contains("\"rows_duplicate\": 6919") && json.contains("\"kind\": \"transactions\""))
        #expect(try await workspace.counts().customers == 2357)
    }

    @Test func badRowsAreRowProblemsWithTheirLine() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        let file = directory.appendingPathComponent("orders.csv")
        try "customer_id,date,amount\nc1,2024-01-01,5\nc2,2024-13-01,5\nc3,2024-01-02,x\n".write(
            to: file, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await workspace.importFile(.transactions, from: file)
        } throws: { error in
            guard let error = error as? AppError else { return false }
            return error.code == .invalidRows && error.rows.map(\.line) == [3, 4]
                && error.rows.map(\.column) == ["date", "amount"]
        }
        #expect(try await workspace.counts().transactions == 0)
    }

    /// The rejects file never replaces the input (whose good rows would be lost) or the database.
    @Test func rejectsNeverReplaceTheInputOrTheDatabase() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("cvm.sqlite").path
        let workspace = try Workspace.create(database: database)
        let file = directory.appendingPathComponent("orders.csv")
        let text = "customer_id,date,amount\nc1,2024-01-01,5\nc2,2024-13-01,5\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        for rejects in [file.path, directory.path + "/./orders.csv", database] {
            var options = ImportOptions()
            options.skipInvalid = true
            options.rejectsURL = URL(fileURLWithPath: rejects)
            await #expect {
                _ = try await workspace.importFile(.transactions, from: file, options: options, force: true)
            } throws: { error in
                guard let error = error as? AppError, error.code == .outputConflict else { return false }
                return error.message
                    == "\(rejects) is an input of this command: an output never replaces it; choose another file"
                    || error.message == "\(rejects) is the database: an output never replaces it; choose another file"
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        #expect(try await workspace.counts().transactions == 0)
        var options = ImportOptions()
        options.skipInvalid = true
        let result = try await workspace.importFile(.transactions, from: file, options: options)
        #expect(result.report.rowsStored == 1 && result.report.rowsRejected == 1)
    }
}
