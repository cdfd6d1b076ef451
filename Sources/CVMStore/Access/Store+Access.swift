import Foundation
import GRDB

/// A person who may use the web service, with the role that says what they may do.
public struct UserRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `viewer`, `analyst` or `admin` (the schema refuses anything else).
    public var role: String
    public var createdAt: String
    /// When the user was revoked; a revoked user's tokens let no one in.
    public var revokedAt: String?
    /// Tokens that are not revoked.
    public var activeTokens: Int

    public init(id: Int64, name: String, role: String, createdAt: String, revokedAt: String?, activeTokens: Int) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.activeTokens = activeTokens
    }
}

/// One API token as stored: never its text, only the hash of it.
public struct TokenRecord: Sendable, Equatable {
    public var id: Int64
    public var user: String
    public var label: String?
    public var createdAt: String
    public var revokedAt: String?

    public init(id: Int64, user: String, label: String?, createdAt: String, revokedAt: String?) {
        self.id = id
        self.user = user
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

extension Store {
    /// Adds a user; `alreadyExists` when the name is taken.
    public func addUser(name: String, role: String) throws -> UserRecord {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) == true {
                throw StoreError(.alreadyExists, "there is already a user \"\(name)\"")
            }
            let now = ISO8601DateFormatter().string(from: Date())
            try db.execute(
                sql: "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)", arguments: [name, role, now])
            return UserRecord(
                id: db.lastInsertedRowID, name: name, role: role, createdAt: now, revokedAt: nil, activeTokens: 0)
        }
    }

    /// Every user, oldest first, with the number of tokens that still work.
    public func users() throws -> [UserRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.name, u.role, u.created_at, u.revoked_at,
                        (SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL)
                    FROM users u ORDER BY u.id
                    """
            ).map {
                UserRecord(id: $0[0], name: $0[1], role: $0[2], createdAt: $0[3], revokedAt: $0[4], activeTokens: $0[5])
            }
        }
    }

    /// Revokes a user and every token of theirs; `notFound` for an unknown name.
    public func revokeUser(name: String) throws -> UserRecord {
        try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ?", arguments: [name]) else {
                throw StoreError(.notFound, "there is no user \"\(name)\"")
            }
            let now = ISO8601DateFormatter().string(from: Date())
            try db.execute(
                sql: "UPDATE users SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", arguments: [now, id])
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE user_id = ?",
                arguments: [now, id])
            let row = try Row.fetchOne(
                db, sql: "SELECT id, name, role, created_at, revoked_at FROM users WHERE id = ?", arguments: [id])!
            return UserRecord(
                id: row[0], name: row[1], role: row[2], createdAt: row[3], revokedAt: row[4], activeTokens: 0)
        }
    }

    /// Stores the hash of a new token of user `name`; `notFound` for an unknown or revoked user.
    public func addToken(user name: String, hash: String, label: String?) throws -> TokenRecord {
        try write { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM users WHERE name = ? AND revoked_at IS NULL", arguments: [name])
            else {
                throw StoreError(.notFound, "there is no active user \"\(name)\"")
            }
            let now = ISO8601DateFormatter().string(from: Date())
            try db.execute(
                sql: "INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, hash, label, now])
            return TokenRecord(id: db.lastInsertedRowID, user: name, label: label, createdAt: now, revokedAt: nil)
        }
    }

    /// Every token (never its text), oldest first.
    public func tokens() throws -> [TokenRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, u.name, t.label, t.created_at, t.revoked_at
                    FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id
                    """
            ).map { TokenRecord(id: $0[0], user: $0[1], label: $0[2], createdAt: $0[3], revokedAt: $0[4]) }
        }
    }

    /// Revokes token `id`; `notFound` for an unknown id.
    public func revokeToken(_ id: Int64) throws -> TokenRecord {
        try write { db in
            let now = ISO8601DateFormatter().string(from: Date())
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", arguments: [now, id])
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT t.id, u.name, t.label, t.created_at, t.revoked_at
                        FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?
                        """, arguments: [id])
            else { throw StoreError(.notFound, "there is no token \(id)") }
            return TokenRecord(id: row[0], user: row[1], label: row[2], createdAt: row[3], revokedAt: row[4])
        }
    }

    /// The user a token hash belongs to, when both the token and the user are active.
    public func tokenUser(hash: String) throws -> UserRecord? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT u.id, u.name, u.role, u.created_at, u.revoked_at FROM api_tokens t
                    JOIN users u ON u.id = t.user_id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.revoked_at IS NULL
                    """, arguments: [hash]
            ).map {
                UserRecord(id: $0[0], name: $0[1], role: $0[2], createdAt: $0[3], revokedAt: $0[4], activeTokens: 1)
            }
        }
    }
}

extension Store {
    /// Sets (nil: removes) the bcrypt hash of an active user's password.
    public func setPasswordHash(user name: String, hash: String?) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE users SET password_hash = ? WHERE name = ? AND revoked_at IS NULL",
                arguments: [hash, name])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "there is no active user \"\(name)\"") }
        }
    }

    /// An active user with the bcrypt hash of their password; nil for an unknown or revoked user.
    public func passwordUser(name: String) throws -> (user: UserRecord, hash: String?)? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT id, name, role, created_at, password_hash FROM users
                    WHERE name = ? AND revoked_at IS NULL
                    """, arguments: [name]
            ).map {
                (
                    UserRecord(id: $0[0], name: $0[1], role: $0[2], createdAt: $0[3], revokedAt: nil, activeTokens: 0),
                    $0[4]
                )
            }
        }
    }
}
