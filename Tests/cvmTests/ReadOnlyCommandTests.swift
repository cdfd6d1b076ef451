import Foundation
import Testing
import _CVMTestSupport

/// Commands that only read open the database read-only: they never create, upgrade or change it.
@Suite struct ReadOnlyCommandTests {
    @Test func readingCommandsLeaveTheFileAsItWas() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.sqlite")
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        let run = try CLI.run(["summary", "--database", empty.path], in: directory)
        #expect(run.status != 0)
        #expect(try Data(contentsOf: empty).isEmpty, "a read command turned an empty file into a database")

        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let database = directory.appendingPathComponent("cvm.sqlite")
        // Fold the write-ahead log into the file first, so that only a change shows.
        try CLI.run(["runs", "list"], in: directory)
        let before = try Data(contentsOf: database)
        for command in [["summary"], ["segments"], ["pareto"], ["tiers"], ["runs", "list"]] {
            let result = try CLI.run(command, in: directory)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try Data(contentsOf: database) == before)
    }
}
