import CVMApp
import CVMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import _CVMTestSupport

/// The dashboard in a real headless Chromium, served by the real server on a loopback port: every
/// page in both languages at laptop and phone widths (with screenshots to look at), a crawler over
/// every link and form, and one analyst's whole working session.
@Suite(.enabled(if: BrowserTools.available, BrowserTools.skipReason), .serialized)
struct DashboardBrowserTests {
    /// Where the screenshots go: `CVM_TEST_SCREENSHOTS`, else `.build/screenshots/dashboard` in the package.
    static let screenshots: URL = {
        if let folder = ProcessInfo.processInfo.environment["CVM_TEST_SCREENSHOTS"], !folder.isEmpty {
            return URL(fileURLWithPath: folder, isDirectory: true)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .appendingPathComponent(".build/screenshots/dashboard", isDirectory: true)
    }()

    /// The dashboard's pages, each once; the customer is one the sample data has.
    static let pages = [
        "/", "/portfolio", "/customers", "/customers/1981", "/value", "/lifecycle", "/tasks", "/models", "/data",
    ]

    /// Serves a fixture's dashboard on a free loopback port while `body` runs.
    static func serve(_ body: @escaping @Sendable (URL, ServerFixture) async throws -> Void) async throws {
        let fixture = try await DashboardTests.fixture()
        defer { fixture.remove() }
        let app = try await buildApplication(fixture.configuration())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)")!, fixture)
        }
    }

    /// Logs in through the page's own form, as a person would.
    static func logIn(_ browser: WebDriver, at site: URL, user: String = "admin") async throws {
        try await browser.navigate(to: site.appendingPathComponent("login"))
        try await browser.find("form#login input[name=user]").sendKeys(user)
        try await browser.find("form#login input[name=password]").sendKeys(DashboardTests.passwords[user]!)
        try await browser.find("form#login button[type=submit]").click()
        try await browser.wait(for: "the page after logging in") { try await browser.exists("form#logout") }
    }

    /// Console lines Chromium logged as errors (a refused resource, a script error, a CSP violation).
    static func consoleErrors(_ browser: WebDriver) async throws -> [String] {
        try await browser.browserLog().filter { $0.level == "SEVERE" }.map(\.message)
    }

    /// What a page must be at any width and in any language; the problems found, empty when none.
    static let pageChecks = """
        const problems = [];
        if (document.documentElement.scrollWidth > window.innerWidth + 1)
          problems.push('wider than the window: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
        for (const svg of document.querySelectorAll('svg')) {
          if (!svg.getAttribute('aria-label')) problems.push('a chart without a text alternative');
          const figure = svg.closest('figure');
          if (!figure || !figure.querySelector('figcaption')?.textContent.trim()) problems.push('a chart without a title');
        }
        for (const field of document.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea')) {
          const labelled = field.closest('label') || field.getAttribute('aria-label') ||
            (field.id && document.querySelector('label[for="' + field.id + '"]'));
          if (!labelled) problems.push('a field without a label: ' + (field.name || field.id));
        }
        for (const button of document.querySelectorAll('button'))
          if (!button.textContent.trim()) problems.push('a button without a name');
        if (!document.querySelector('h1')?.textContent.trim()) problems.push('no heading');
        if (document.body.innerText.includes('NaN')) problems.push('NaN on the page');
        return problems;
        """

    @Test(arguments: [Viewport.laptop, Viewport.phone])
    func everyPageInBothLanguages(_ viewport: Viewport) async throws {
        let folder = Self.screenshots
        try await Self.serve { site, _ in
            try await WebDriver.withBrowser(viewport: viewport) { browser in
                try await Self.logIn(browser, at: site)
                _ = try await Self.consoleErrors(browser)
                for language in ["zh", "en"] {
                    for page in Self.pages {
                        let url = URL(string: site.absoluteString + page + "?lang=\(language)")!
                        try await browser.navigate(to: url)
                        let name = "\(page) \(language) \(viewport)"
                        #expect(try await browser.responseStatus() == 200, "\(name)")
                        #expect(
                            try await browser.find("html").attribute("lang") == (language == "zh" ? "zh-CN" : "en"),
                            "\(name)")
                        let problems = try await browser.execute(Self.pageChecks) as? [String] ?? ["no answer"]
                        #expect(problems.isEmpty, "\(name): \(problems)")
                        #expect(try await Self.consoleErrors(browser).isEmpty, "\(name)")
                        let file = page == "/" ? "overview" : page.dropFirst().replacingOccurrences(of: "/", with: "-")
                        try await browser.screenshot(
                            to: folder.appendingPathComponent("\(file)-\(language)-\(viewport.name).png"))
                    }
                }
                // The language switch on a page leads to the same page in the other language, and stays.
                try await browser.navigate(to: site.appendingPathComponent("lifecycle"))
                try await browser.find("a.lang-switch").click()
                try await browser.wait(for: "the other language") {
                    try await browser.find("html").attribute("lang") == "en"
                }
                #expect(try await browser.currentURL().path == "/lifecycle")
                try await browser.navigate(to: site.appendingPathComponent("tasks"))
                #expect(try await browser.find("html").attribute("lang") == "en")
            }
        }
        print("dashboard screenshots: \(folder.path)")
    }

    /// A page's links and form targets, as the browser sees them (absolute URLs).
    static let targets = """
        return {
          links: [...document.querySelectorAll('a[href]')].map(a => a.href),
          forms: [...document.querySelectorAll('form')].map(f => [f.method, f.action]),
        };
        """

    /// Crawls from the overview: every link must answer 200 (a page or a download), every form's
    /// target must exist (a GET form answers 200; a POST without its token is refused, not missing).
    /// Links of one shape (`/customers/:id`, `?run=`) are followed a few times, not thousands.
    @Test func everyLinkAndFormTargetResolves() async throws {
        try await Self.serve { site, _ in
            try await WebDriver.withBrowser { browser in
                try await Self.logIn(browser, at: site)
                let session = try #require(try await browser.cookie("cvm_session"))
                var headers = HTTPFields()
                headers[.cookie] = "cvm_session=\(session)"
                var queue = [site.appendingPathComponent("/")]
                var seen = Set(queue.map(\.absoluteString))
                var shapes: [String: Int] = [:]
                var checked = 0
                var posts = Set<String>()
                while !queue.isEmpty {
                    let url = queue.removeFirst()
                    let answer = try await LoopbackHTTP.send(.get, url, headers: headers)
                    checked += 1
                    #expect(answer.status == 200, "\(url): \(answer.status) \(answer.body.prefix(200))")
                    guard answer.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                    try await browser.navigate(to: url)
                    let found = try #require(try await browser.execute(Self.targets) as? [String: Any])
                    var next = (found["links"] as? [String] ?? []).compactMap(URL.init(string:))
                    for form in found["forms"] as? [[String]] ?? [] {
                        guard form.count == 2, let target = URL(string: form[1]) else { continue }
                        if form[0] == "get" { next.append(target) } else { posts.insert(target.path) }
                    }
                    for link in next where link.host == site.host && link.port == site.port {
                        // The logout link would end the session the crawler walks with.
                        guard link.path != "/logout", seen.insert(link.absoluteString).inserted else { continue }
                        let shape = Self.shape(of: link)
                        shapes[shape, default: 0] += 1
                        if shapes[shape]! <= 3 { queue.append(link) }
                    }
                }
                for path in posts.sorted() where path != "/logout" {
                    let answer = try await LoopbackHTTP.send(
                        .post, site.appendingPathComponent(path),
                        headers: headers + [HTTPField(name: .contentType, value: "application/x-www-form-urlencoded")],
                        body: "")
                    // Refused (403 without the token; 400 where the body is not the form's kind), never missing.
                    #expect([400, 403].contains(answer.status), "POST \(path) without its token: \(answer.status)")
                }
                #expect(checked > 30, "the crawler saw only \(checked) pages")
                #expect(posts.contains("/data/upload") && posts.contains("/data/runs"))
            }
        }
    }

    /// A URL's kind: its path with the ids taken out, and the names of its query's fields.
    static func shape(of url: URL) -> String {
        let path = url.path.split(separator: "/").map { part in
            part.allSatisfy(\.isNumber) || part.hasSuffix(".csv") ? ":id" : String(part)
        }
        let fields = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.map(\.name).sorted() ?? []
        return "/" + path.joined(separator: "/") + "?" + fields.joined(separator: "&")
    }

    /// An analyst's session: log in, upload a file with a bad row and read where it is, upload a
    /// good one, start a run and watch it finish, open the top warning's customer, mark the task
    /// contacted, log out.
    @Test func anAnalystsWholeSession() async throws {
        let folder = Self.screenshots
        try await Self.serve { site, fixture in
            let directory = fixture.directory
            let bad = directory.appendingPathComponent("orders-bad.csv")
            try Data("customer,date,amount\nw1,1998-01-02,10\nw2,1998-01-03,abc\n".utf8).write(to: bad)
            let good = directory.appendingPathComponent("orders.csv")
            try Data("customer,date,amount\nw1,1998-01-02,10\nw2,1998-01-03,12.5\nw2,1998-03-04,20\n".utf8)
                .write(to: good)
            let before = try await fixture.workspace.counts().transactions

            try await WebDriver.withBrowser { browser in
                try await Self.logIn(browser, at: site, user: "ana")
                #expect(try await browser.currentURL().path == "/")

                try await browser.find("nav a[href='/data']").click()
                try await browser.wait(for: "the data page") { try await browser.exists("form#upload") }
                try await browser.find("form#upload input[type=file]").sendKeys(bad.path)
                try await browser.find("form#upload button[type=submit]").click()
                try await browser.wait(for: "the import's verdict") { try await browser.exists("div.import-error") }
                let error = try await browser.find("div.import-error").text()
                #expect(error.contains("orders-bad.csv") && error.contains("abc"), "\(error)")
                let lines = try await browser.findAll("div.import-error td.num")
                var numbers: [String] = []
                for cell in lines { numbers.append(try await cell.text()) }
                #expect(numbers.contains("3"), "the bad row is line 3: \(numbers)")
                #expect(try await fixture.workspace.counts().transactions == before)
                // The refused import is a 400 page, which Chromium logs; that line and no other.
                let refused = try await Self.consoleErrors(browser)
                #expect(refused.allSatisfy { $0.contains("/data/upload") && $0.contains("400") }, "\(refused)")
                try await browser.screenshot(to: folder.appendingPathComponent("flow-1-import-error.png"))

                try await browser.find("form#upload input[type=file]").sendKeys(good.path)
                try await browser.find("form#upload button[type=submit]").click()
                try await browser.wait(for: "the good import") { try await browser.exists("div.import-done") }
                #expect(try await fixture.workspace.counts().transactions == before + 3)

                try await browser.find("form#start-run button[type=submit]").click()
                try await browser.wait(for: "the job page") { try await browser.exists("#job-status") }
                #expect(try await browser.currentURL().path.hasPrefix("/data/jobs/"))
                try await browser.wait(for: "the run to finish", timeout: .seconds(180)) {
                    try await browser.find("#job-status").attribute("data-state") != "running"
                }
                #expect(try await browser.find("#job-status").attribute("data-state") == "finished")
                try await browser.screenshot(to: folder.appendingPathComponent("flow-2-run-finished.png"))
                try await browser.find("a[href^='/?run=']").click()
                try await browser.wait(for: "the new run's overview") { try await browser.exists("section#warnings") }

                let top = try await browser.find("section#warnings a[href^='/customers/']")
                let href = try #require(try await top.attribute("href"))
                let customer = String(href.dropFirst("/customers/".count)).removingPercentEncoding ?? ""
                try await top.click()
                try await browser.wait(for: "the customer's page") { try await browser.exists("form.task-update") }
                #expect(try await browser.currentURL().path == href)
                let form = try await browser.find("form.task-update")
                let action = try #require(try await form.attribute("action"))
                let task = try #require(Int64(action.split(separator: "/").last ?? ""))
                try await form.find("select[name=status] option[value=contacted]").click()
                try await form.find("input[name=note]").sendKeys("打过电话，下周回访")
                try await form.find("button[type=submit]").click()
                try await browser.wait(for: "the task saved") {
                    try await browser.pageSource().contains("打过电话，下周回访")
                }
                let saved = try await fixture.workspace.task(task)
                #expect(saved.status == .contacted && saved.note == "打过电话，下周回访" && saved.updatedBy == "ana")
                #expect(saved.customerID == customer)
                try await browser.screenshot(to: folder.appendingPathComponent("flow-3-task-contacted.png"))

                try await browser.find("form#logout button[type=submit]").click()
                try await browser.wait(for: "the login page") { try await browser.exists("form#login") }
                try await browser.navigate(to: site.appendingPathComponent("tasks"))
                #expect(try await browser.currentURL().path == "/login")
                let errors = try await Self.consoleErrors(browser)
                #expect(errors.isEmpty, "\(errors)")
            }
        }
    }
}
