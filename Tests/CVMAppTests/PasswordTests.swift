import CVMStore
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The dashboard's passwords: bcrypt hashes only, bounds on their length, and no login for a
/// wrong password, an unknown user or a revoked one.
@Suite struct PasswordTests {
    @Test func aPasswordLogsItsUserInAndNothingElseDoes() async throws {
        let workspace = Workspace(store: try Store.inMemory())
        _ = try await workspace.addUser("li", role: .analyst)
        _ = try await workspace.addUser("wang", role: .viewer)
        #expect(try await workspace.login(user: "li", password: "whatever-it-is") == nil, "no password set yet")
        await #expect(throws: AppError.self) { try await workspace.setPassword(user: "li", password: "short") }
        await #expect(throws: AppError.self) {
            try await workspace.setPassword(user: "li", password: String(repeating: "长", count: 25))
        }
        await #expect(throws: AppError.self) {
            try await workspace.setPassword(user: "nobody", password: "long enough password")
        }
        try await workspace.setPassword(user: "li", password: "李的密码 correct horse")
        #expect(
            try await workspace.login(user: "li", password: "李的密码 correct horse")
                == Principal(user: "li", role: .analyst))
        #expect(try await workspace.login(user: "li", password: "李的密码 correct hors") == nil)
        #expect(try await workspace.login(user: "wang", password: "李的密码 correct horse") == nil)
        #expect(try await workspace.login(user: "nobody", password: "李的密码 correct horse") == nil)
        // A new password replaces the old one.
        try await workspace.setPassword(user: "li", password: "another password")
        #expect(try await workspace.login(user: "li", password: "李的密码 correct horse") == nil)
        #expect(try await workspace.login(user: "li", password: "another password") != nil)
        // Revoking the user ends the password's use and the sessions' (checked through activeUser).
        _ = try await workspace.revokeUser("li")
        #expect(try await workspace.login(user: "li", password: "another password") == nil)
        #expect(try await workspace.activeUser("li") == nil)
        #expect(try await workspace.activeUser("wang") == Principal(user: "wang", role: .viewer))
    }

    @Test func theDemoPrintsALoginThatWorks() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("demo.sqlite").path
        let demo = try await Workspace.demo(DemoRequest(database: path))
        #expect(demo.login.password.count >= Defaults.Bounds.passwordLength.lowerBound)
        let workspace = try Workspace.open(database: path)
        #expect(
            try await workspace.login(user: demo.login.user, password: demo.login.password)
                == Principal(user: demo.login.user, role: .admin))
        // Another demo run makes another password.
        let again = try await Workspace.demo(DemoRequest(database: path))
        #expect(again.login.password != demo.login.password)
    }
}
