import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

@Suite struct StoreTests {
    @Test func missingDatabaseSaysHowToCreateOne() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError(.missingDatabase, "no database at \(path)")) {
            try Store.open(at: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func textFileIsNotADatabase() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("notes.txt")
        try "hello, this is not SQLite\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try Store.open(at: url.path) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "hello, this is not SQLite\n")
    }

    @Test func otherProgramsDatabaseIsRefused() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE notes(text TEXT)") }
        #expect(
            throws: StoreError(.foreignDatabase, "\(path) is a SQLite database of another program, not a cvm database")
        ) {
            try Store.open(at: path)
        }
    }

    @Test func createThenOpen() throws {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("cvm.sqlite").path
        _ = try Store.create(at: path)
        let store = try Store.open(at: path)
        #expect(try store.counts() == (0, 0))
    }
}
