import CVMStore
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The demo makes a fresh database and so replaces the file it is given: never the user's own.
@Suite struct DemoSafetyTests {
    @Test func theDemoNeverReplacesTheUsersDatabase() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mine.sqlite").path
        let workspace = try Workspace.create(database: path)
        let orders = directory.appendingPathComponent("orders.csv")
        try "customer_id,date,amount\nC1,2024-01-01,10\n".write(to: orders, atomically: true, encoding: .utf8)
        _ = try await workspace.store.importTransactions(from: orders)
        await #expect {
            _ = try await Workspace.demo(DemoRequest(database: path))
        } throws: { error in
            (error as? AppError)?.message
                == "\(path) holds data that the demo did not make; the demo replaces only a database it made "
                + "itself, so choose another folder or database for it"
        }
        #expect(try await Workspace.open(database: path).store.counts().transactions == 1)
        // A file of another kind is not replaced either.
        let text = directory.appendingPathComponent("notes.txt").path
        try "my notes".write(toFile: text, atomically: true, encoding: .utf8)
        await #expect(throws: AppError.self) { _ = try await Workspace.demo(DemoRequest(database: text)) }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "my notes")
    }
}
