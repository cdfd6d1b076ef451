import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// No output replaces the database, an input, or a file of another kind (unless forced); a file is
/// written beside its target and renamed into place.
@Suite struct OutputTargetTests {
    private func scratch() throws -> (URL, String) {
        let directory = try Fixtures.temporaryDirectory()
        let database = directory.appendingPathComponent("g.sqlite").path
        _ = try Workspace.create(database: database)
        return (directory, database)
    }

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as AppError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func theDatabaseIsNeverReplacedByAnyPathToIt() throws {
        let (directory, database) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for kind in OutputTarget.Kind.allCases {
            for force in [false, true] {
                #expect(
                    message { _ = try OutputTarget.check(database, writing: kind, database: database, force: force) }
                        == "\(database) is the database: an output never replaces it; choose another file")
            }
        }
        // Through `..`, a symbolic link, a hard link, and the database's -wal file.
        let dotted = directory.appendingPathComponent("sub").path
        try FileManager.default.createDirectory(atPath: dotted, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: database)
        let hard = directory.appendingPathComponent("hard.csv").path
        try FileManager.default.linkItem(atPath: database, toPath: hard)
        for path in [dotted + "/../g.sqlite", link, hard, database + "-wal", database + "-shm"] {
            #expect(
                message { _ = try OutputTarget.check(path, writing: .csv, database: database, force: true) }
                    == "\(path) is the database: an output never replaces it; choose another file")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    @Test func anInputIsNeverReplaced() throws {
        let (directory, database) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("orders.csv").path
        try "customer_id,date,amount\n1,2024-01-01,5\n".write(toFile: input, atomically: true, encoding: .utf8)
        #expect(
            message {
                _ = try OutputTarget.check(input, writing: .csv, database: database, inputs: [input], force: true)
            }
                == "\(input) is an input of this command: an output never replaces it; choose another file")
    }

    @Test func aFileOfAnotherKindIsReplacedOnlyWhenForced() throws {
        let (directory, database) = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Another cvm database (not this command's) is an SQLite file.
        let other = directory.appendingPathComponent("other.sqlite").path
        _ = try Workspace.create(database: other)
        #expect(
            message { _ = try OutputTarget.check(other, writing: .csv, database: database) }
                == "\(other) already exists and is an SQLite database, not csv output: it is kept; "
                + "choose another file or replace it on purpose")
        let csv = directory.appendingPathComponent("summary.csv").path
        try "a,b\n1,2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(
            message { _ = try OutputTarget.check(csv, writing: .html, database: database) }
                == "\(csv) already exists and is a text or CSV file, not html output: it is kept; "
                + "choose another file or replace it on purpose")
        #expect(throws: AppError.self) { try OutputTarget.check(csv, writing: .json) }
        // The same kind, or force, may replace it.
        _ = try OutputTarget.check(csv, writing: .csv, database: database)
        _ = try OutputTarget.check(csv, writing: .text, database: database)
        _ = try OutputTarget.check(csv, writing: .html, database: database, force: true)
        let html = directory.appendingPathComponent("report.html").path
        try "\u{FEFF}  <!DOCTYPE html><html></html>".write(toFile: html, atomically: true, encoding: .utf8)
        _ = try OutputTarget.check(html, writing: .html)
        #expect(throws: AppError.self) { try OutputTarget.check(html, writing: .csv) }
        #expect(
            message { _ = try OutputTarget.check(directory.path, writing: .csv, force: true) }
                == "\(directory.path) is a folder, not a file")
        #expect(
            message { _ = try OutputTarget.check(directory.path + "/none/x.csv", writing: .csv) }
                == "cannot write \(directory.path)/none/x.csv: its folder does not exist")
    }

    @Test func aFileAppearsWhenCompleteAndAnAbandonedOneLeavesNoTrace() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        try "old\n".write(toFile: path, atomically: true, encoding: .utf8)
        let target = try OutputTarget.check(path, writing: .csv)
        let file = try target.open()
        file.write("new\n")
        // Until committed, the old content stays.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        let abandoned = try target.open()
        abandoned.write("half")
        abandoned.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }
}
