import CVMApp
import Foundation
import Testing
import _CVMTestSupport

/// `cvm users password`: the password is read from standard input, so that it stays out of the
/// shell's history, and only its hash is stored.
@Suite struct UsersPasswordTests {
    /// Runs `cvm users password NAME` with `input` on its standard input.
    static func setPassword(_ name: String, _ input: String, database: String) throws -> (Int32, String) {
        let cvm = CLI.start(["users", "password", name, "--database", database])
        let stdin = Pipe()
        cvm.process.standardInput = stdin
        try cvm.process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let errors = cvm.stderr.fileHandleForReading.readDataToEndOfFile()
        _ = cvm.stdout.fileHandleForReading.readDataToEndOfFile()
        cvm.process.waitUntilExit()
        return (cvm.process.terminationStatus, String(decoding: errors, as: UTF8.self))
    }

    @Test func aPipedPasswordLogsTheUserIn() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("team.sqlite").path
        #expect(try CLI.run(["init", "--database", database]).status == 0)
        #expect(try CLI.run(["users", "add", "li", "--role", "analyst", "--database", database]).status == 0)

        let (status, errors) = try Self.setPassword("li", "李的 password 1\n", database: database)
        #expect(status == 0, "\(errors)")
        let workspace = try Workspace.open(database: database)
        #expect(
            try await workspace.login(user: "li", password: "李的 password 1") == Principal(user: "li", role: .analyst))

        let (short, message) = try Self.setPassword("li", "short\n", database: database)
        #expect(short != 0 && message.contains("8 to 72 bytes"), "\(message)")
        let (unknown, _) = try Self.setPassword("nobody", "long enough password\n", database: database)
        #expect(unknown != 0)
        // The refused ones changed nothing.
        #expect(try await workspace.login(user: "li", password: "李的 password 1") != nil)
    }
}
