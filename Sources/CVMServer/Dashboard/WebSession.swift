import CVMApp
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// What the dashboard keeps of one browser between requests: who logged in (nil before), and
/// the token every form must send back, so that no other site can post a form in their name.
public struct WebSession: Codable, Sendable {
    public var user: String?
    public var csrf: String

    init(user: String?) {
        self.user = user
        csrf = WebSession.randomToken()
    }

    /// 32 bytes of the system's secure random source, in hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}

/// Refuses a page to a browser that has not logged in (to the login page, then back) and
/// checks the session's user on every request, so that revoking a user takes effect at once.
struct WebLoginMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let workspace: Workspace

    func handle(_ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let name = context.sessions.session?.user, let user = try await workspace.activeUser(name) {
            context.identity = user
            return try await next(request, context)
        }
        context.sessions.clearSession()
        var target = request.uri.path
        if request.method == .get, let query = request.uri.query, !query.isEmpty { target += "?" + query }
        return redirect(WebRequest.link("/login", [("next", target)]))
    }
}

/// A 303 to `location`: after a form, the browser loads the next page with GET.
func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
    var headers = HTTPFields()
    headers[.location] = location
    for cookie in cookies { headers[values: .setCookie].append(cookie.description) }
    return Response(status: .seeOther, headers: headers)
}

/// A form's fields, from an `application/x-www-form-urlencoded` body of at most 1 MiB.
struct FormFields: Sendable {
    var values: [String: String]

    subscript(_ name: String) -> String? { values[name] }

    static func read(_ request: Request, context: ServiceContext) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return FormFields(values: parse(String(buffer: buffer)))
    }

    /// `a=1&b=x+y` → ["a": "1", "b": "x y"]; the first of repeated names wins.
    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return values
    }
}

extension Language {
    /// The first of the browser's `Accept-Language` choices that the dashboard speaks, by
    /// weight; English when none.
    static func preferred(by header: String?) -> Language {
        guard let header else { return .en }
        let choices = header.split(separator: ",").compactMap { item -> (String, Double)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { return nil }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, weight)
        }
        for (tag, _) in choices.sorted(by: { $0.1 > $1.1 }) {
            if tag.hasPrefix("zh") { return .zh }
            if tag.hasPrefix("en") { return .en }
        }
        return .en
    }
}
