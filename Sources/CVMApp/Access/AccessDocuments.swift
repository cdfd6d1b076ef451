import CVMStore
import Foundation

extension UserRecord {
    /// `{name, role, created_at, revoked_at?, active_tokens}`: the user as `users list` shows them.
    public var document: UserListResult.Document.User { UserListResult(users: [self]).document.users[0] }
}

/// `{tokens: [{id, user, label?, created_at, revoked_at?}]}`: every token, never its secret.
public struct TokenListDocument: Encodable, Sendable {
    public let tokens: [TokenDocument]

    public init(_ tokens: [TokenRecord]) { self.tokens = tokens.map(TokenDocument.init) }
}

/// One token without its secret (the database has only its hash).
public struct TokenDocument: Encodable, Sendable {
    public let id: Int64
    public let user: String
    public let label: String?
    public let createdAt: String
    public let revokedAt: String?

    public init(_ t: TokenRecord) {
        id = t.id
        user = t.user
        label = t.label
        createdAt = t.createdAt
        revokedAt = t.revokedAt
    }
}

extension TokenCreated {
    /// `{id, user, role, label?, created_at, token}`: the one answer that carries the secret.
    public var document: Document {
        Document(
            id: token.id, user: token.user, role: role.rawValue, label: token.label, createdAt: token.createdAt,
            token: secret)
    }

    public struct Document: Encodable, Sendable {
        public let id: Int64
        public let user, role: String
        public let label: String?
        public let createdAt: String
        /// The secret, shown this once.
        public let token: String
    }
}
