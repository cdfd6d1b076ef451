import Foundation
import Testing
import _CVMTestSupport

/// `cvm export`, `cvm import database` and `cvm migrate-store` as a user runs them: the copy reads
/// as its source did, and every refusal says why and changes nothing.
@Suite struct CopyCommandTests {
    @Test func exportImportAndMigrateOnTheCommandLine() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        #expect(try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory).status == 0)
        let analyzed = try CLI.run(["analyze", "--name", "before the move"], in: directory)
        #expect(analyzed.status == 0, "\(analyzed.stderr)")

        let exported = try CLI.run(["export", "--out", "backup", "--format", "csv"], in: directory)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.hasPrefix("table,rows\nimports,1\ncustomers,2357\ntransactions,6919\n"))
        let read = try CLI.run(
            ["import", "database", "backup", "--database", "restored.sqlite", "--lang", "zh"], in: directory)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout.contains("复制到 restored.sqlite"))
        let moved = try CLI.run(
            ["migrate-store", "--from", "restored.sqlite", "--to", "moved.sqlite", "--format", "json"], in: directory)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("\"target\": \"moved.sqlite\""))
        // The copy reads as the original: the same run, row for row.
        let original = try CLI.run(["runs", "show", "1", "--format", "csv"], in: directory)
        let copied = try CLI.run(["runs", "show", "1", "--format", "csv", "--database", "moved.sqlite"], in: directory)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout == original.stdout)

        // Refusals: a folder that holds files, a database that holds data, the database itself.
        let again = try CLI.run(["export", "--out", "backup"], in: directory)
        #expect(again.status != 0)
        #expect(again.stderr.contains("is not empty"))
        let full = try CLI.run(["import", "database", "backup", "--database", "moved.sqlite"], in: directory)
        #expect(full.status != 0)
        #expect(full.stderr.contains("moved.sqlite already holds data"))
        let itself = try CLI.run(["migrate-store", "--to", "cvm.sqlite"], in: directory)
        #expect(itself.status != 0)
        #expect(itself.stderr.contains("the copy would go into the database it is read from"))
        let missing = try CLI.run(["import", "database", "nowhere", "--database", "new.sqlite"], in: directory)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("new.sqlite").path))
    }
}
