import Foundation

/// A PostgreSQL connection string, `postgres://user[:password]@host[:port]/database[?sslmode=…]`
/// (also `postgresql://`), as libpq reads it: percent-escapes in every part, port 5432 and the
/// user's name as the database when they are left out.
///
/// The password is never part of `redacted`, which is what messages and logs show.
public struct PostgresURL: Sendable, Equatable {
    /// How the connection uses TLS, as libpq's `sslmode`
    /// (https://www.postgresql.org/docs/15/libpq-ssl.html#LIBPQ-SSL-PROTECTION).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's `allow` and
        /// `prefer`, which differ only in the order they try; here both ask for TLS first).
        case allow, prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS, with a certificate signed by a trusted authority (the system's roots).
        case verifyCA = "verify-ca"
        /// TLS, with a trusted certificate that names the host.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode

    /// Whether `text` is meant as a PostgreSQL connection string rather than a file path.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses a connection string; the error names what is wrong without repeating a password.
    public init(_ text: String) throws(PostgresURLError) {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw PostgresURLError(
                "\(Self.redact(text)) is not a PostgreSQL address; expected postgres://user@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresURLError("\(Self.redact(text)) names no host; expected postgres://user@host:port/database")
        }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw PostgresURLError("\(Self.redact(text)) names no user; expected postgres://user@host:port/database")
        }
        self.user = user
        self.password = components.password?.removingPercentEncoding
        self.host = host.removingPercentEncoding ?? host
        guard (components.port ?? 5432) > 0, (components.port ?? 5432) < 65536 else {
            throw PostgresURLError("\(Self.redact(text)) has the port \(components.port!), not 1–65535")
        }
        self.port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = (path.removingPercentEncoding ?? path).isEmpty ? user : (path.removingPercentEncoding ?? path)
        var mode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = SSLMode(rawValue: value) else {
                    throw PostgresURLError(
                        "sslmode \"\(item.value ?? "")\" is not one of "
                            + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                mode = parsed
            case "password":
                // libpq accepts the password as a parameter too.
                self.password = item.value
            case "application_name", "connect_timeout": break
            default:
                throw PostgresURLError(
                    "the connection parameter \"\(item.name)\" is not supported (only sslmode, application_name, "
                        + "connect_timeout)")
            }
        }
        self.sslMode = mode
    }

    /// The address without its password: what every message and log shows.
    public var redacted: String {
        let mode = sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)\(mode)"
    }

    /// `text` with any password taken out (for messages about a string that did not parse).
    public static func redact(_ text: String) -> String {
        let text = text.replacingOccurrences(
            of: "password=[^&]*", with: "password=***", options: [.regularExpression, .caseInsensitive])
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<scheme.upperBound]) + credentials[..<colon] + ":***" + rest[at...]
    }
}

/// A connection string that cannot be used, and why (never with its password).
public struct PostgresURLError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
