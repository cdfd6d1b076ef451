import CVMApp
import CVMReport
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import ServiceLifecycle

/// The dashboard: server-rendered pages over the same application layer as the API, for the
/// people who decide what to do with customers. Login by password (bcrypt) into a session
/// cookie (HttpOnly, SameSite=Lax); every form carries the session's CSRF token; the roles are
/// the API's (a viewer is shown no form that changes anything, and the server refuses its posts).
struct Dashboard: Sendable {
    let workspace: Workspace
    let jobs: AnalysisJobs
    let uploads: UploadStore
    let contents = PageCache<DashboardContent>()

    /// The pages in the order of the CRM value chain: portfolio analysis, customer intimacy,
    /// the value proposition, relationship management; then the models and the data.
    enum Place: String, CaseIterable {
        case overview, portfolio, customers, value, lifecycle, tasks, models, data

        var path: String { self == .overview ? "/" : "/" + rawValue }

        func name(_ language: Language) -> String {
            switch self {
            case .overview: Text.webNavOverview(language)
            case .portfolio: Text.webNavPortfolio(language)
            case .customers: Text.webNavCustomers(language)
            case .value: Text.webNavValue(language)
            case .lifecycle: Text.webNavLifecycle(language)
            case .tasks: Text.webNavTasks(language)
            case .models: Text.webNavModels(language)
            case .data: Text.webNavData(language)
            }
        }
    }

    func register(on router: Router<ServiceContext>) {
        let sessions = SessionMiddleware<ServiceContext>(
            storage: MemoryPersistDriver(),
            configuration: .init(
                sessionCookieParameters: .init(name: "cvm_session", path: "/", sameSite: .lax),
                defaultSessionExpiration: .seconds(Defaults.sessionHours * 3600)))
        let web = router.group().add(middleware: sessions)
        web.get("/login") { request, context in try await respond(request, context) { try await loginPage($0) } }
        web.post("/login") { request, context in try await respond(request, context) { try await login($0) } }
        web.post("/logout") { request, context in
            try await respond(request, context) { web in
                try web.checkCSRF(try await FormFields.read(request, context: context))
                context.sessions.clearSession()
                return redirect("/login")
            }
        }

        let pages = web.group().add(middleware: WebLoginMiddleware(workspace: workspace))
        for page in DashboardPage.allCases {
            let place = Place(rawValue: page.rawValue)!
            pages.get(RouterPath(place.path)) { request, context in
                try await respond(request, context) { try await runPage(page, place, $0) }
            }
        }
        pages.get("/customers") { request, context in
            try await respond(request, context) { try await customerList($0) }
        }
        pages.get("/customers/:id") { request, context in
            try await respond(request, context) { try await customerPage($0, id: context.parameters.get("id") ?? "") }
        }
        pages.get("/tasks") { request, context in try await respond(request, context) { try await taskList($0) } }
        pages.post("/tasks/:id") { request, context in
            try await respond(request, context) { try await updateTask($0, id: context.parameters.get("id") ?? "") }
        }
        pages.get("/data") { request, context in try await respond(request, context) { try await dataPage($0) } }
        pages.post("/data/upload") { request, context in
            try await respond(request, context) { try await upload($0) }
        }
        pages.post("/data/runs") { request, context in
            try await respond(request, context) { try await startRun($0) }
        }
        pages.get("/data/jobs/:id") { request, context in
            try await respond(request, context) { try await jobPage($0, id: context.parameters.get("id") ?? "") }
        }
        pages.get("/export/:name") { request, context in
            try await respond(request, context) { try await export($0, name: context.parameters.get("name") ?? "") }
        }
    }

    /// Runs a page's handler and turns what goes wrong into a page that says so, in the page's
    /// language, with the status the API would give.
    func respond(_ request: Request, _ context: ServiceContext, _ handler: (WebRequest) async throws -> Response)
        async throws -> Response
    {
        let web = WebRequest(request: request, context: context)
        do {
            var response = try await handler(web)
            if let cookie = web.languageCookie { response.headers[values: .setCookie].append(cookie.description) }
            return response
        } catch let error as WebRefusal {
            return web.page(
                title: error.title(web.language), status: error.status,
                body: web.message(error.message(web.language), kind: "error"))
        } catch {
            let answer = APIError.from(error)
            if answer.status.code >= 500 {
                context.logger.error("page failed", metadata: ["code": "\(answer.code)", "error": "\(answer.message)"])
            }
            let message = (error as? AppError)?.message(in: web.language) ?? answer.message
            return web.page(
                title: Text.webErrorTitle(web.language), status: answer.status,
                body: web.problem(message, facts: answer.facts, rows: answer.rows))
        }
    }

    // MARK: Login

    func loginPage(_ web: WebRequest, failed: Bool = false) async throws -> Response {
        // A session before login holds only the CSRF token of the login form.
        let csrf =
            web.context.sessions.session?.csrf
            ?? {
                let session = WebSession(user: nil)
                web.context.sessions.createSession(session)
                return session.csrf
            }()
        let next = WebRequest.safeTarget(web.query["next"])
        var body: HTML = failed ? web.message(Text.webLoginFailed(web.language), kind: "error") : ""
        body += HTML.element(
            "form", [("id", "login"), ("class", "panel"), ("method", "post"), ("action", "/login")],
            HTML.void("input", [("type", "hidden"), ("name", "csrf"), ("value", csrf)])
                + HTML.void("input", [("type", "hidden"), ("name", "next"), ("value", next)])
                + HTML.element("label", [("for", "user")], HTML(escaping: Text.webUser(web.language)))
                + HTML.void(
                    "input",
                    [
                        ("type", "text"), ("id", "user"), ("name", "user"), ("autocomplete", "username"),
                        ("required", ""), ("autofocus", ""),
                    ])
                + HTML.element("label", [("for", "password")], HTML(escaping: Text.webPassword(web.language)))
                + HTML.void(
                    "input",
                    [
                        ("type", "password"), ("id", "password"), ("name", "password"),
                        ("autocomplete", "current-password"), ("required", ""),
                    ])
                + HTML.element(
                    "div", [],
                    HTML.element(
                        "button", [("type", "submit"), ("class", "primary")],
                        HTML(escaping: Text.webLoginButton(web.language))))
                + HTML.element("p", [("class", "muted")], HTML(escaping: Text.cliWebLoginHelp(web.language))))
        return web.page(
            title: Text.webLoginTitle(web.language), status: failed ? .unauthorized : .ok, body: body, bare: true)
    }

    func login(_ web: WebRequest) async throws -> Response {
        let form = try await FormFields.read(web.request, context: web.context)
        guard let session = web.context.sessions.session, form["csrf"] == session.csrf else {
            // An expired login form: show a fresh one rather than a refusal.
            web.context.sessions.clearSession()
            return try await loginPage(web, failed: false)
        }
        let name = form["user"] ?? ""
        let password = form["password"] ?? ""
        let byPassword = try await workspace.login(user: name, password: password)
        // An API token is a password too, for its own user only (a user without a password yet).
        let byToken = byPassword == nil ? try await workspace.authenticate(token: password) : nil
        guard let user = byPassword ?? byToken.flatMap({ $0.user == name ? $0 : nil }) else {
            return try await loginPage(web, failed: true)
        }
        // A new session (a new id) on login, so that an id planted before it is worth nothing.
        web.context.sessions.clearSession()
        web.context.sessions.createSession(WebSession(user: user.user))
        return redirect(WebRequest.safeTarget(form["next"]))
    }
}

/// Something the dashboard refuses, with the status and the words to show.
struct WebRefusal: Error {
    enum Reason { case csrf, role(have: Role, need: Role), notFound }
    let reason: Reason

    var status: HTTPResponse.Status {
        switch reason {
        case .csrf, .role: .forbidden
        case .notFound: .notFound
        }
    }

    func title(_ language: Language) -> String {
        switch reason {
        case .csrf, .role: Text.webRefusedTitle(language)
        case .notFound: Text.webNotFoundTitle(language)
        }
    }

    func message(_ language: Language) -> String {
        switch reason {
        case .csrf: Text.webCSRFRefused(language)
        case .role(let have, let need): Text.webRoleRefused(language, have.rawValue, need.rawValue)
        case .notFound: Text.webNotFound(language)
        }
    }
}

/// What the pages of immutable runs show, kept by a key that names the run, the page and the
/// imports (the lifecycle and complaint sections read imported data at the run's date): computed
/// once and then served from memory. A value being computed is waited for, not computed twice.
actor PageCache<Value: Sendable> {
    private var values: [String: Task<Value?, any Error>] = [:]
    private let limit = 64

    func value(_ key: String, _ make: @escaping @Sendable () async throws -> Value?) async throws -> Value? {
        if let value = values[key] { return try await value.value }
        if values.count >= limit { values.removeAll() }
        let value = Task { try await make() }
        values[key] = value
        do {
            let made = try await value.value
            if made == nil { values[key] = nil }
            return made
        } catch {
            values[key] = nil
            throw error
        }
    }
}

/// Builds the latest run's pages in both languages before anyone asks for them: at the start and
/// whenever a run or an import changes what they show (checked every few seconds, so that a run
/// made by the command line counts too). At a million customers a page takes seconds to build
/// from the stored results and milliseconds to serve once built.
struct DashboardWarmer: Service {
    let dashboard: Dashboard
    var interval: Duration = .seconds(5)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            for page in DashboardPage.allCases {
                for language in Language.allCases {
                    _ = try? await dashboard.runContent(page, run: nil, language: language)
                }
            }
            try? await Task.sleep(for: interval)
        }
    }
}
