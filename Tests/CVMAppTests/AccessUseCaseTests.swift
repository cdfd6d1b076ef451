import CVMStore
import Foundation
import Testing

@testable import CVMApp

@Suite struct AccessUseCaseTests {
    /// A token is stored as its SHA-256 digest in hex: the FIPS 180-4 examples ("abc" and the
    /// empty message), as Python's hashlib.sha256 gives them.
    @Test func tokensAreStoredAsTheirSHA256() {
        #expect(Workspace.tokenHash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Workspace.tokenHash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func tokensAreShownOnceAndStoredAsHashes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cvm-access-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cvm.sqlite").path
        let workspace = try Workspace.create(database: path)
        let first = try #require(try await workspace.firstAdmin())
        #expect(first.role == .admin)
        #expect(first.secret.hasPrefix("cvm_") && first.secret.count == 68)
        // A second call makes no second admin.
        #expect(try await workspace.firstAdmin() == nil)
        #expect(try await workspace.authenticate(token: first.secret) == Principal(user: "admin", role: .admin))

        _ = try await workspace.addUser("li", role: .viewer)
        let a = try await workspace.createToken(user: "li")
        let b = try await workspace.createToken(user: "li")
        #expect(a.secret != b.secret)
        // The database holds neither secret, only their SHA-256.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        for secret in [first.secret, a.secret, b.secret] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil && wal.range(of: Data(secret.utf8)) == nil)
        }
        #expect(try await workspace.authenticate(token: a.secret)?.role == .viewer)
        _ = try await workspace.revokeToken(a.token.id)
        #expect(try await workspace.authenticate(token: a.secret) == nil)
        #expect(try await workspace.authenticate(token: b.secret) != nil)
        _ = try await workspace.revokeUser("li")
        #expect(try await workspace.authenticate(token: b.secret) == nil)
        #expect(try await workspace.authenticate(token: "cvm_" + String(repeating: "a", count: 64)) == nil)
        await #expect(throws: AppError.self) { _ = try await workspace.addUser("admin", role: .viewer) }
        await #expect(throws: AppError.self) { _ = try await workspace.createToken(user: "li") }
        let users = try await workspace.users()
        #expect(users.users.map(\.name) == ["admin", "li"])
        #expect(users.users[1].revokedAt != nil && users.users[1].activeTokens == 0)
    }

    @Test func cursorsRoundTripAndRefuseOthers() throws {
        let cursor = CustomerCursor(value: "a:b:1", id: "客户:7")
        let text = Workspace.encodeCursor(cursor, sort: "-name")
        #expect(try Workspace.decodeCursor(text, sort: "-name") == cursor)
        #expect(throws: AppError.self) { try Workspace.decodeCursor(text, sort: "name") }
        #expect(throws: AppError.self) { try Workspace.decodeCursor("%%%", sort: "name") }
        #expect(throws: AppError.self) { try Workspace.decodeCursor("OTk5OTk6eA", sort: "name") }
    }
}
