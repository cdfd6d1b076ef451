import CVMApp
import CVMServer
import CustomerValue
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The dashboard over HTTP, as a browser without scripts uses it: login into a session cookie,
/// CSRF tokens on forms, roles, every page in both languages, uploads and task updates.
@Suite struct DashboardTests {
    /// A browser's cookie jar for one site: the session and the language.
    final class Browser: @unchecked Sendable {
        var cookies: [String: String] = [:]
        let client: any TestClientProtocol

        init(_ client: any TestClientProtocol) { self.client = client }

        var headers: HTTPFields {
            var fields = HTTPFields()
            if !cookies.isEmpty {
                fields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                    separator: "; ")
            }
            return fields
        }

        /// Keeps what the response's `Set-Cookie` lines set (an expired cookie is removed).
        func keep(_ response: TestResponse) {
            for line in response.headers[values: .setCookie] {
                let first = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                guard first.count == 2 else { continue }
                if line.lowercased().contains("max-age=0") || line.contains("1970") || first[1].isEmpty {
                    cookies[first[0]] = nil
                } else {
                    cookies[first[0]] = first[1]
                }
            }
        }

        struct Page {
            let status: HTTPResponse.Status
            let text: String
            let headers: HTTPFields
            /// The first CSRF token of the page's forms.
            var csrf: String? {
                guard let range = text.range(of: #"name="csrf" value=""#) else { return nil }
                return String(text[range.upperBound...].prefix { $0 != "\"" })
            }
        }

        func get(_ uri: String) async throws -> Page {
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                self.keep(response)
                return Page(status: response.status, text: response.text, headers: response.headers)
            }
        }

        func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
            var h = headers
            h[.contentType] = "application/x-www-form-urlencoded"
            let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
            return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: body)) {
                self.keep($0)
                return Page(status: $0.status, text: $0.text, headers: $0.headers)
            }
        }

        /// A multipart form with text fields and one file part named `file`.
        func upload(_ uri: String, _ fields: [(String, String)], file: String, named name: String) async throws -> Page
        {
            let boundary = "----cvmtest\(UUID().uuidString)"
            var body = ""
            for (key, value) in fields {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
            body += "Content-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
            var h = headers
            h[.contentType] = "multipart/form-data; boundary=\(boundary)"
            return try await client.execute(uri: uri, method: .post, headers: h, body: ByteBuffer(string: body)) {
                self.keep($0)
                return Page(status: $0.status, text: $0.text, headers: $0.headers)
            }
        }

        static func encode(_ s: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
        }

        /// Logs in through the login form; the page after it.
        func logIn(_ user: String, _ password: String) async throws -> Page {
            let form = try await get("/login")
            return try await post("/login", [("csrf", form.csrf ?? ""), ("user", user), ("password", password)])
        }
    }

    static let passwords = ["admin": "admin-password-1", "ana": "analyst-password-2", "vic": "viewer-password-3"]

    static func fixture() async throws -> ServerFixture {
        let fixture = try await ServerFixture.make(relationship: true)
        for (user, password) in passwords { try await fixture.workspace.setPassword(user: user, password: password) }
        return fixture
    }

    @Test func aPageNeedsALoginAndTheLoginSetsANewSession() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let browser = Browser(client)
            let first = try await browser.get("/lifecycle?run=1")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/login?next=%2Flifecycle%3Frun%3D1")

            let login = try await browser.get("/login?next=%2Flifecycle")
            #expect(login.status == .ok)
            #expect(login.text.contains(#"<form id="login""#))
            let before = browser.cookies["cvm_session"]
            #expect(before != nil)
            let cookieLine = try await client.execute(uri: "/login", method: .get) { $0.headers[values: .setCookie] }
            #expect(cookieLine.contains { $0.contains("HttpOnly") && $0.contains("SameSite=Lax") })

            let wrong = try await browser.post(
                "/login", [("csrf", login.csrf ?? ""), ("user", "admin"), ("password", "not-the-password")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("wrong"))
            #expect(!wrong.text.contains("id=\"logout\""))

            let unknown = try await browser.post(
                "/login", [("csrf", wrong.csrf ?? ""), ("user", "nobody"), ("password", "whatever-it-is")])
            #expect(unknown.status == .unauthorized)

            let right = try await browser.post(
                "/login",
                [
                    ("csrf", unknown.csrf ?? ""), ("user", "admin"), ("password", Self.passwords["admin"]!),
                    ("next", "/lifecycle"),
                ])
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/lifecycle")
            #expect(browser.cookies["cvm_session"] != nil && browser.cookies["cvm_session"] != before)

            // An address elsewhere is never a target.
            let again = try await browser.get("/login")
            let offsite = try await browser.post(
                "/login",
                [
                    ("csrf", again.csrf ?? ""), ("user", "admin"), ("password", Self.passwords["admin"]!),
                    ("next", "//evil.example/"),
                ])
            #expect(offsite.headers[.location] == "/")

            let page = try await browser.get("/lifecycle")
            #expect(page.status == .ok)
            #expect(page.text.contains("id=\"logout\""))

            // Logging out ends the session: the next page asks for a login again.
            let out = try await browser.post("/logout", [("csrf", page.csrf ?? "")])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)

            // A user's API token is a password for that user, and for no other.
            let tokenUser = Browser(client)
            #expect(try await tokenUser.logIn("ana", fixture.analyst).status == .seeOther)
            #expect(try await tokenUser.get("/tasks").status == .ok)
            #expect(try await Browser(client).logIn("admin", fixture.analyst).status == .unauthorized)
            #expect(try await Browser(client).logIn("ana", fixture.analyst + "0").status == .unauthorized)
        }
    }

    @Test func everyPageInBothLanguages() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let browser = Browser(client)
            #expect(try await browser.logIn("admin", Self.passwords["admin"]!).status == .seeOther)
            let customer = try await fixture.workspace.customers(CustomersRequest(limit: 1, sort: "-clv")).rows[0].id
            let pages = [
                "/", "/portfolio", "/customers", "/customers?group=develop", "/customers?q=1", "/customers/\(customer)",
                "/lifecycle", "/tasks", "/tasks?mine=1", "/value", "/models", "/data", "/?run=1",
            ]
            for language in Language.allCases {
                _ = try await browser.get("/?lang=\(language.rawValue)")
                #expect(browser.cookies["cvm_lang"] == language.rawValue)
                for uri in pages {
                    let page = try await browser.get(uri)
                    #expect(page.status == .ok, "\(uri) \(language): \(page.text.prefix(300))")
                    #expect(page.text.contains("<html lang=\"\(language == .zh ? "zh-CN" : "en")\""), "\(uri)")
                    #expect(page.text.contains("<h1>"), "\(uri)")
                    #expect(
                        page.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true
                    )
                    #expect(!page.text.contains("NaN") && !page.text.contains("nan%"), "\(uri) \(language)")
                    // Nothing on a page is fetched from elsewhere (an SVG's namespace name is not a fetch).
                    let text = page.text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
                    #expect(!text.contains("http://") && !text.contains("https://"), "\(uri)")
                }
            }
            let zh = try await browser.get("/lifecycle")
            #expect(zh.text.contains("生命周期"))
            // The portfolio's groups lead to their customers, the warnings to a customer.
            let portfolio = try await browser.get("/portfolio")
            #expect(portfolio.text.contains("href=\"/customers?group="))
            #expect(portfolio.text.contains("href=\"/customers?tier="))
            // The composite score's section ranks first the customer the run scored highest.
            let best = try await fixture.workspace.customers(CustomersRequest(limit: 1, sort: "-score")).rows[0]
            let parts = portfolio.text.components(separatedBy: "<section id=\"score\">")
            #expect(parts.count == 2)
            let scoreSection = try #require(parts.last)
            let firstRow = try #require(scoreSection.components(separatedBy: "<tbody>").dropFirst(2).first)
            #expect(firstRow.contains("href=\"/customers/\(best.id)\""), "\(firstRow.prefix(400))")
            #expect(zh.text.contains("href=\"/customers/"))
            // Every table of a run's page downloads as the CSV of what it shows.
            let tierLink = try #require(
                portfolio.text.components(separatedBy: "href=\"").map { $0.prefix { $0 != "\"" } }
                    .first {
                        $0.hasPrefix("/export/table.csv") && $0.contains("section=tiers") && $0.contains("table=0")
                    })
            let tiers = try await client.execute(
                uri: tierLink.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: browser.headers
            ) { ($0.status, $0.headers[.contentDisposition], $0.text) }
            #expect(tiers.0 == .ok && tiers.1?.contains("cvm-run1-tiers-1.csv") == true)
            let tierLines = tiers.2.split(separator: "\n")
            #expect(tierLines.count == 1 + ValueTier.allCases.count, "\(tiers.2)")
            #expect(tierLines.first?.contains("层级") == true, "the page's language: \(tiers.2)")
            let missing = try await client.execute(
                uri: "/export/table.csv?run=1&page=portfolio&section=tiers&table=99", method: .get,
                headers: browser.headers
            ) { $0.status }
            #expect(missing == .notFound)
            let csv = try await client.execute(uri: "/export/run.csv", method: .get, headers: browser.headers) {
                ($0.status, $0.headers[.contentType], $0.text)
            }
            #expect(csv.0 == .ok && csv.1?.hasPrefix("text/csv") == true)
            #expect(csv.2.split(separator: "\n").count == 2_357 + 1)
            // The 360 shows the customer's survey answers.
            let responses = Set(try await fixture.workspace.surveyAnswers(customer: "1981").map(\.response)).count
            #expect(responses > 0)
            let answered = try await browser.get("/customers/1981?lang=en")
            #expect(answered.text.contains("Survey answers (responses: \(responses))"))
            #expect(try await browser.get("/customers/no-such-customer").status == .notFound)
            #expect(try await browser.get("/export/nothing.csv").status == .notFound)
        }
    }

    @Test func formsNeedTheSessionsTokenAndTheRole() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let viewer = Browser(client)
            _ = try await viewer.logIn("vic", Self.passwords["vic"]!)
            let data = try await viewer.get("/data")
            #expect(data.status == .ok)
            #expect(!data.text.contains("id=\"upload\"") && !data.text.contains("id=\"start-run\""))
            #expect(!(try await viewer.get("/tasks")).text.contains("task-update"))
            let refused = try await viewer.post("/data/runs", [("csrf", data.csrf ?? "")])
            #expect(refused.status == .forbidden)
            #expect(await fixture.workspace.runsCount() == 1)

            let analyst = Browser(client)
            _ = try await analyst.logIn("ana", Self.passwords["ana"]!)
            let page = try await analyst.get("/data")
            #expect(page.text.contains("id=\"upload\"") && page.text.contains("id=\"start-run\""))
            // Without the token, or with another session's, nothing happens.
            #expect(try await analyst.post("/data/runs", []).status == .forbidden)
            #expect(try await analyst.post("/data/runs", [("csrf", data.csrf ?? "")]).status == .forbidden)
            #expect(await fixture.workspace.runsCount() == 1)
        }
    }

    @Test func uploadsAreLineExactAndTasksChangeOnThePage() async throws {
        let fixture = try await Self.fixture()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let browser = Browser(client)
            _ = try await browser.logIn("ana", Self.passwords["ana"]!)
            let data = try await browser.get("/data")
            let token = data.csrf ?? ""
            let before = try await fixture.workspace.counts().transactions
            let bad = try await browser.upload(
                "/data/upload", [("csrf", token), ("kind", "transactions")],
                file: "customer,date,amount\nn1,1998-01-02,10\nn2,1998-01-03,abc\n", named: "orders.csv")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("import-error"))
            #expect(bad.text.contains("orders.csv"))
            #expect(bad.text.contains("<td class=\"num\">3</td>"), "the bad row's line: \(bad.text)")
            #expect(try await fixture.workspace.counts().transactions == before)

            let good = try await browser.upload(
                "/data/upload", [("csrf", token), ("kind", "transactions")],
                file: "customer,date,amount\nn1,1998-01-02,10\nn2,1998-01-03,12.5\n", named: "orders.csv")
            #expect(good.status == .ok)
            #expect(good.text.contains("import-done"))
            #expect(try await fixture.workspace.counts().transactions == before + 2)

            let skipped = try await browser.upload(
                "/data/upload", [("csrf", token), ("kind", "transactions"), ("skip_invalid", "1")],
                file: "customer,date,amount\nn3,1998-01-02,10\nn4,1998-01-03,abc\n", named: "more.csv")
            #expect(skipped.text.contains("import-done") && skipped.text.contains("abc"))

            let task = try #require(try await fixture.workspace.tasks(TasksRequest(status: .open)).tasks.first)
            let tasks = try await browser.get("/tasks")
            #expect(tasks.text.contains("action=\"/tasks/\(task.id)\""))
            let update = try await browser.post(
                "/tasks/\(task.id)",
                [
                    ("csrf", tasks.csrf ?? ""), ("status", "contacted"), ("note", "called, <b>will buy</b>"),
                    ("back", "/tasks"),
                ])
            #expect(update.status == .seeOther)
            let changed = try await fixture.workspace.task(task.id)
            #expect(
                changed.status == .contacted && changed.note == "called, <b>will buy</b>" && changed.updatedBy == "ana")
            let after = try await browser.get("/tasks")
            #expect(after.text.contains("called, &lt;b&gt;will buy&lt;/b&gt;"))
            // A status filter the list does not know is refused, not ignored.
            let unknown = try await browser.get("/tasks?status=bogus")
            #expect(unknown.status == .badRequest && unknown.text.contains("bogus"))
            #expect(try await browser.get("/tasks?status=&owner=").status == .ok)
            // So is a warning filter that is neither true nor false, on the customer list.
            let maybe = try await browser.get("/customers?warned=maybe")
            #expect(maybe.status == .badRequest && maybe.text.contains("maybe"))
            #expect(try await browser.get("/customers?warned=true&sort=name").status == .ok)
        }
    }
}

extension Workspace {
    fileprivate func runsCount() async -> Int { (try? await runs().runs.count) ?? -1 }
}
