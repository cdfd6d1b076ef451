import CVMStore
import Crypto
import Foundation
import HummingbirdBcrypt

/// What a user of the web service may do. Each role may do everything the roles before it may.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// Reads every result.
    case viewer
    /// Also imports data and runs analyses.
    case analyst
    /// Also manages users and tokens and deletes runs.
    case admin

    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// Who made a request: an active user, by an active token.
public struct Principal: Sendable, Equatable {
    public var user: String
    public var role: Role
    public init(user: String, role: Role) {
        self.user = user
        self.role = role
    }
}

/// The users of the web service.
public struct UserListResult: Sendable, Tabular {
    public var users: [UserRecord]

    public var columns: [String] { ["name", "role", "created", "revoked", "active_tokens"] }
    public var rowCount: Int { users.count }
    public func fields(_ i: Int) -> [String] {
        let u = users[i]
        return [u.name, u.role, u.createdAt, u.revokedAt ?? "", String(u.activeTokens)]
    }

    /// `{users: [{name, role, created_at, revoked_at, active_tokens}]}`.
    public var document: Document {
        Document(
            users: users.map {
                .init(
                    name: $0.name, role: $0.role, createdAt: $0.createdAt, revokedAt: $0.revokedAt,
                    activeTokens: $0.activeTokens)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct User: Encodable, Sendable {
            public let name, role, createdAt: String
            public let revokedAt: String?
            public let activeTokens: Int
        }
        public let users: [User]
    }
}

/// Passwords cvm makes up itself (the demo's login).
public enum WebPassword {
    /// 16 letters and digits from the system's secure random source, without look-alikes (0 O 1 l I).
    public static func random() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}

/// A new token: its text is here once and never again (the database keeps only its hash).
public struct TokenCreated: Sendable {
    public var token: TokenRecord
    /// The secret to hand to the user: `cvm_` and 64 hex digits (32 random bytes).
    public var secret: String
    public var role: Role
}

extension Workspace {
    /// Adds a user with a role; `invalidRequest` for an empty or taken name.
    public func addUser(_ name: String, role: Role) async throws -> UserRecord {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200, !name.contains(where: \.isNewline) else {
            throw AppError(.invalidRequest, "a user name must be 1 to 200 characters on one line")
        }
        return try await run { try await store.addUser(name: name, role: role.rawValue) }
    }

    /// Every user, oldest first.
    public func users() async throws -> UserListResult {
        UserListResult(users: try await run { try await store.users() })
    }

    /// Revokes a user and every token of theirs.
    public func revokeUser(_ name: String) async throws -> UserRecord {
        try await run { try await store.revokeUser(name: name) }
    }

    /// Makes a token for an active user from 32 bytes of the system's secure random source.
    public func createToken(user: String, label: String? = nil) async throws -> TokenCreated {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = "cvm_" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let record = try await run { try await store.addToken(user: user, hash: Self.tokenHash(secret), label: label) }
        let role = try await run { try await store.users() }.first { $0.name == user }.flatMap {
            Role(rawValue: $0.role)
        }
        return TokenCreated(token: record, secret: secret, role: role ?? .viewer)
    }

    /// Revokes token `id`.
    public func revokeToken(_ id: Int64) async throws -> TokenRecord {
        try await run { try await store.revokeToken(id) }
    }

    /// Every token without its secret.
    public func tokens() async throws -> [TokenRecord] { try await run { try await store.tokens() } }

    /// Who a bearer token belongs to; nil for an unknown, revoked or malformed token.
    public func authenticate(token: String) async throws -> Principal? {
        guard token.hasPrefix("cvm_"), token.count == 68 else { return nil }
        guard let user = try await run({ try await store.tokenUser(hash: Self.tokenHash(token)) }),
            let role = Role(rawValue: user.role)
        else { return nil }
        return Principal(user: user.name, role: role)
    }

    /// The first admin of a new database and their token: only when the database has no user
    /// yet, so that running it again gives no one a second way in. Nil when there are users.
    public func firstAdmin(name: String = "admin") async throws -> TokenCreated? {
        guard try await run({ try await store.users() }).isEmpty else { return nil }
        _ = try await addUser(name, role: .admin)
        return try await createToken(user: name, label: "first admin")
    }

    /// Gives an active user a password for the dashboard's login; only its bcrypt hash is kept.
    /// `invalidRequest` for a password shorter than `Defaults.Bounds.passwordLength` allows.
    public func setPassword(user: String, password: String) async throws {
        guard Defaults.Bounds.passwordLength.contains(password.utf8.count) else {
            throw AppError(
                .invalidRequest,
                "a password must be \(Defaults.Bounds.passwordLength.lowerBound) to "
                    + "\(Defaults.Bounds.passwordLength.upperBound) bytes long")
        }
        let hash = Bcrypt.hash(password, cost: Defaults.bcryptCost)
        try await run { try await store.setPasswordHash(user: user, hash: hash) }
    }

    /// Who a user name and password belong to; nil for a wrong password, an unknown or revoked
    /// user, or one without a password. The hash is checked even for an unknown user, so that
    /// the time taken does not tell which names exist.
    public func login(user: String, password: String) async throws -> Principal? {
        let found = try await run { try await store.passwordUser(name: user) }
        guard let found, let hash = found.hash, let role = Role(rawValue: found.user.role) else {
            _ = Bcrypt.verify(password, hash: Self.unknownUserHash)
            return nil
        }
        return Bcrypt.verify(password, hash: hash) ? Principal(user: found.user.name, role: role) : nil
    }

    /// The role of an active user (a session is checked against it on every request, so that
    /// revoking a user or changing nothing else takes effect at once); nil for a revoked one.
    public func activeUser(_ name: String) async throws -> Principal? {
        guard let found = try await run({ try await store.passwordUser(name: name) }),
            let role = Role(rawValue: found.user.role)
        else { return nil }
        return Principal(user: found.user.name, role: role)
    }

    /// A hash of no one's password, checked when the user is unknown.
    private static let unknownUserHash = Bcrypt.hash("cvm: no such user", cost: Defaults.bcryptCost)

    /// How a token is stored: the SHA-256 of its text, in hex.
    static func tokenHash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
