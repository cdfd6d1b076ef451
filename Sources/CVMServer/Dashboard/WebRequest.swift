import CVMApp
import CVMReport
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// One request to a page: its language (asked for with `?lang=`, then remembered in a cookie,
/// else the browser's `Accept-Language`), its query, the signed-in user, and how its page is laid out.
struct WebRequest {
    let request: Request
    let context: ServiceContext
    let language: Language
    /// Set when the request chose a language, so that the next pages keep it.
    let languageCookie: Cookie?
    let query: [String: String]

    init(request: Request, context: ServiceContext) {
        self.request = request
        self.context = context
        query = FormFields.parse(request.uri.query ?? "")
        if let asked = query["lang"].flatMap(Language.init(rawValue:)) {
            language = asked
            languageCookie = Cookie(
                name: "cvm_lang", value: asked.rawValue, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true,
                sameSite: .lax)
        } else {
            language =
                request.cookies["cvm_lang"].flatMap { Language(rawValue: $0.value) }
                ?? Language.preferred(by: request.headers[.acceptLanguage])
            languageCookie = nil
        }
    }

    var user: Principal? { context.identity }
    var csrf: String { context.sessions.session?.csrf ?? "" }

    /// Whether the user's role may do what operation `id` of the API does (the API document's
    /// roles are the dashboard's too).
    func may(_ operation: String) -> Bool {
        guard let user, let needed = OperationRoles.api.roles[operation] else { return false }
        return user.role >= needed
    }

    /// Refuses what the user's role may not do, as the API would.
    func require(_ operation: String) throws {
        guard let user else { throw WebRefusal(reason: .role(have: .viewer, need: .admin)) }
        let needed = OperationRoles.api.roles[operation] ?? .admin
        guard user.role >= needed else { throw WebRefusal(reason: .role(have: user.role, need: needed)) }
    }

    /// Refuses a form that does not carry this session's token.
    func checkCSRF(_ form: FormFields) throws {
        guard let token = context.sessions.session?.csrf, let sent = form["csrf"], sent == token else {
            throw WebRefusal(reason: .csrf)
        }
    }

    /// A redirect target from a form or query: a path of this site only (never `//host` or a
    /// full address), `/` otherwise.
    static func safeTarget(_ target: String?) -> String {
        guard let target, target.hasPrefix("/"), !target.hasPrefix("//"), !target.contains("\\"),
            !target.contains(where: \.isNewline)
        else { return "/" }
        return target
    }

    /// The hidden field with the session's CSRF token, for every form.
    var csrfField: HTML { HTML.void("input", [("type", "hidden"), ("name", "csrf"), ("value", csrf)]) }

    /// The page around `body`, with the navigation (unless `bare`, the login page), the language
    /// switch and the user.
    func page(
        title: String, subtitle: String = "", status: HTTPResponse.Status = .ok, current: Dashboard.Place? = nil,
        body: HTML, bare: Bool = false, refreshSeconds: Int? = nil
    ) -> Response {
        let path = request.uri.path
        var others = query
        others["lang"] = nil
        let rest = others.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
        func switchTo(_ l: Language) -> String {
            // Only a GET can be shown again in the other language; a form's result goes to its page.
            let base = request.method == .get ? path : "/"
            return base + "?" + ((request.method == .get ? rest : []) + ["lang=\(l.rawValue)"]).joined(separator: "&")
        }
        let page = WebPage(
            language: language, product: Text.webProduct(language), title: title, subtitle: subtitle,
            navigation: bare || user == nil
                ? [] : Dashboard.Place.allCases.map { .init($0.name(language), $0.path, current: $0 == current) },
            navigationLabel: Text.webNavigation(language),
            languages: [
                .init("English", switchTo(.en), current: language == .en),
                .init("中文", switchTo(.zh), current: language == .zh),
            ],
            user: bare
                ? nil
                : user.map {
                    .init(
                        name: $0.user, role: $0.role.name(in: language), logoutLabel: Text.webLogout(language),
                        csrf: csrf)
                },
            body: body, refreshSeconds: refreshSeconds)
        return Self.html(page.html(), status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Nothing on a page comes from elsewhere, and no page may be framed by another site.
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A message box: `error` or `done`.
    func message(_ text: String, kind: String) -> HTML {
        HTML.element(
            "div", [("class", "message \(kind)"), ("role", kind == "error" ? "alert" : "status")], HTML(escaping: text))
    }

    /// An error with the facts and rows it names (file, line, column, what was expected).
    func problem(_ text: String, facts: [AppError.Fact], rows: [AppError.RowProblem], className: String = "") -> HTML {
        var inner = HTML.element("p", [], HTML(escaping: text))
        if !facts.isEmpty {
            inner += HTML.element(
                "ul", [], HTML.join(facts.map { HTML.element("li", [], HTML(escaping: "\($0.name): \($0.value)")) }))
        }
        if !rows.isEmpty {
            inner += HTML.table(
                headers: Text.webRowProblemHeaders.headers(language),
                rows: rows.prefix(50).map {
                    [
                        HTML(escaping: $0.file), HTML(escaping: String($0.line)), HTML(escaping: $0.column ?? ""),
                        HTML(escaping: $0.message),
                    ]
                }, numeric: [1])
        }
        return HTML.element(
            "div", [("class", ("message error " + className).trimmingCharacters(in: .whitespaces)), ("role", "alert")],
            inner)
    }

    /// Percent-encodes a query value.
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `path?name=value&…` without the empty values.
    static func link(_ path: String, _ parameters: [(String, String?)]) -> String {
        let pairs = parameters.compactMap { name, value in
            value.flatMap { $0.isEmpty ? nil : "\(name)=\(encode($0))" }
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}

extension Role {
    func name(in language: Language) -> String {
        switch self {
        case .viewer: Text.webRoleViewer(language)
        case .analyst: Text.webRoleAnalyst(language)
        case .admin: Text.webRoleAdmin(language)
        }
    }
}
