import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

// The dashboard's browser tests drive a real Chromium through chromedriver's W3C WebDriver HTTP
// protocol: plain JSON over HTTP, so the tests need no package of their own, only Debian's
// `chromium` and `chromium-driver`. Without them the browser suites are skipped and say why.
//
// The HTTP client is Hummingbird's `TestClient`, not URLSession: chromedriver writes its headers
// without a space after the colon (`Content-Length:252`), which Foundation's URLSession on Linux
// rejects ("Failed writing header"), while NIO's parser reads them as HTTP allows.

/// Where chromedriver and Chromium are: `CVM_TEST_CHROMEDRIVER` and `CVM_TEST_CHROMIUM` when set,
/// else the first of the usual names on `PATH`.
enum BrowserTools {
    static let chromedriver: String? = locate(environment: "CVM_TEST_CHROMEDRIVER", names: ["chromedriver"])
    static let chromium: String? = locate(
        environment: "CVM_TEST_CHROMIUM", names: ["chromium", "chromium-browser", "google-chrome"])

    static var available: Bool { chromedriver != nil && chromium != nil }

    /// Why the browser tests do not run here, naming what is missing and the Debian package to install.
    static var skipReason: Comment {
        var missing: [String] = []
        if chromedriver == nil {
            missing.append("chromedriver (Debian package chromium-driver, or CVM_TEST_CHROMEDRIVER)")
        }
        if chromium == nil { missing.append("Chromium (Debian package chromium, or CVM_TEST_CHROMIUM)") }
        return Comment(
            rawValue:
                "skipped: the dashboard's browser tests need \(missing.joined(separator: " and ")), not found on PATH"
        )
    }

    private static func locate(environment name: String, names: [String]) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[name], !value.isEmpty {
            return FileManager.default.isExecutableFile(atPath: value) ? value : nil
        }
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories {
            for executable in names {
                let path = "\(directory)/\(executable)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }
}

/// A WebDriver command that failed: the W3C error code (`no such element`, `timeout`, …) and the
/// driver's message, with the command that was sent.
struct WebDriverError: Error, CustomStringConvertible {
    let command: String
    let error: String
    let message: String

    var description: String { "WebDriver \(command): \(error): \(message)" }
}

/// A free TCP port on the loopback, found by binding port 0 and reading what the system chose. The
/// socket is closed again, so another process could take the port first; for tests that is rare enough.
func freeLoopbackPort() throws -> Int {
    #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else {
        throw WebDriverError(command: "socket", error: "no socket", message: "errno \(errno)")
    }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw WebDriverError(command: "bind", error: "no free port", message: "errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Plain HTTP/1.1 requests to a server on the loopback (chromedriver, the dashboard under test),
/// one connection each; redirects are answered, not followed.
enum LoopbackHTTP {
    struct Response: Sendable {
        let status: Int
        let headers: HTTPFields
        let body: String
    }

    static func send(
        _ method: HTTPRequest.Method, _ url: URL, headers: HTTPFields = [:], body: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Response {
        guard let host = url.host, let port = url.port else {
            throw WebDriverError(command: "\(method) \(url)", error: "not a loopback address", message: "\(url)")
        }
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?\(query)" }
        let request = TestClient.Request(
            target, method: method, authority: "\(host):\(port)", headers: headers,
            body: body.map { ByteBuffer(string: $0) })
        let response = try await TestClient.withClient(
            host: host, port: port, configuration: .init(timeout: timeout)
        ) { client in
            try await client.execute(request)
        }
        return Response(
            status: response.status.code, headers: response.headers,
            body: response.body.map { String(buffer: $0) } ?? "")
    }
}

/// Browser window sizes the dashboard must work at.
struct Viewport: Sendable, CustomStringConvertible {
    let name: String
    let width: Int
    let height: Int

    static let laptop = Viewport(name: "laptop", width: 1366, height: 900)
    static let phone = Viewport(name: "phone", width: 390, height: 844)

    var description: String { "\(name) \(width)x\(height)" }
}

/// A chromedriver child process on a free loopback port and one headless Chromium session in it.
///
/// Use `WebDriver.withBrowser(viewport:) { browser in … }`: it starts chromedriver, opens the
/// session, and always deletes the session and ends the process afterwards, also when the body throws.
struct WebDriver: Sendable {
    /// The session's address, `http://127.0.0.1:PORT/session/ID`.
    let session: URL

    /// Runs `body` with a new browser at `viewport`; the driver and browser are gone when it returns.
    static func withBrowser<T>(
        viewport: Viewport = .laptop, _ body: (WebDriver) async throws -> T
    ) async throws -> T {
        guard let driverPath = BrowserTools.chromedriver, let chromiumPath = BrowserTools.chromium else {
            throw WebDriverError(command: "launch", error: "not installed", message: BrowserTools.skipReason.rawValue)
        }
        let port = try freeLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: driverPath)
        process.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw WebDriverError(
                command: "launch", error: "cannot start chromedriver",
                message: "\(driverPath): \(error.localizedDescription) (install the Debian package chromium-driver)")
        }
        let server = URL(string: "http://127.0.0.1:\(port)")!
        let result: T
        do {
            try await waitUntilReady(server, process: process)
            let driver = try await createSession(on: server, chromium: chromiumPath, viewport: viewport)
            do {
                result = try await body(driver)
            } catch {
                try? await driver.deleteSession()
                throw error
            }
            try await driver.deleteSession()
        } catch {
            await stop(process, server: server)
            throw error
        }
        await stop(process, server: server)
        return result
    }

    /// Ends chromedriver: asks it to quit (it closes any browser left), then kills it. SIGTERM is not
    /// enough: the test runner's threads block most signals and the child inherits that mask.
    private static func stop(_ process: Process, server: URL) async {
        _ = try? await call("GET", server.appendingPathComponent("shutdown"), nil, command: "shutdown")
        for _ in 0..<20 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Polls `GET /status` until chromedriver says it is ready (at most 120 s: the test run keeps every core busy).
    private static func waitUntilReady(_ server: URL, process: Process) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw WebDriverError(
                    command: "launch", error: "chromedriver exited",
                    message: "status \(process.terminationStatus) before it was ready")
            }
            if let value = try? await call("GET", server.appendingPathComponent("status"), nil, command: "status"),
                let ready = (value as? [String: Any])?["ready"] as? Bool, ready
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw WebDriverError(command: "launch", error: "timeout", message: "chromedriver was not ready within 120 s")
    }

    private static func createSession(on server: URL, chromium: String, viewport: Viewport) async throws -> WebDriver {
        let capabilities: [String: Any] = [
            "browserName": "chrome",
            "goog:chromeOptions": [
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=\(viewport.width),\(viewport.height)", "--lang=en-US",
                ],
            ],
            "goog:loggingPrefs": ["browser": "ALL"],
        ]
        let value = try await call(
            "POST", server.appendingPathComponent("session"), ["capabilities": ["alwaysMatch": capabilities]],
            command: "new session")
        guard let id = (value as? [String: Any])?["sessionId"] as? String else {
            throw WebDriverError(command: "new session", error: "no session id", message: "\(value ?? "nil")")
        }
        let driver = WebDriver(session: server.appendingPathComponent("session").appendingPathComponent(id))
        try await driver.setWindowRect(width: viewport.width, height: viewport.height)
        return driver
    }

    /// Sends one command; returns the response's `value`, or throws the driver's error.
    @discardableResult
    private static func call(_ method: String, _ url: URL, _ body: [String: Any]?, command: String) async throws
        -> Any?
    {
        var text: String?
        if let body {
            text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        } else if method == "POST" {
            text = "{}"
        }
        let response = try await LoopbackHTTP.send(
            HTTPRequest.Method(method) ?? .get, url, headers: [.contentType: "application/json; charset=utf-8"],
            body: text, timeout: .seconds(120))
        let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8), options: [.fragmentsAllowed])
        let value = (object as? [String: Any])?["value"]
        if response.status != 200 {
            let details = value as? [String: Any]
            throw WebDriverError(
                command: command, error: details?["error"] as? String ?? "HTTP \(response.status)",
                message: details?["message"] as? String ?? response.body)
        }
        return value is NSNull ? nil : value
    }

    @discardableResult
    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> Any? {
        let url = path.isEmpty ? session : session.appendingPathComponent(path)
        return try await Self.call(method, url, body, command: "\(method) \(path.isEmpty ? "session" : path)")
    }

    // MARK: Navigation and the page

    func navigate(to url: URL) async throws { try await command("POST", "url", ["url": url.absoluteString]) }

    func currentURL() async throws -> URL {
        let value = try await command("GET", "url") as? String ?? ""
        guard let url = URL(string: value) else {
            throw WebDriverError(command: "GET url", error: "not a URL", message: value)
        }
        return url
    }

    func title() async throws -> String { try await command("GET", "title") as? String ?? "" }

    func pageSource() async throws -> String { try await command("GET", "source") as? String ?? "" }

    func back() async throws { try await command("POST", "back") }

    /// Runs `script` (a function body; `arguments[0]`… are the arguments) in the page; its return value.
    func execute(_ script: String, arguments: [Any] = []) async throws -> Any? {
        try await command("POST", "execute/sync", ["script": script, "args": arguments])
    }

    /// The HTTP status of the document now shown (Navigation Timing's `responseStatus`; 0 for file://).
    func responseStatus() async throws -> Int {
        let value = try await execute(
            "const e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : -1;")
        return (value as? Int) ?? Int((value as? Double) ?? -1)
    }

    /// Waits until `condition` holds, polling every 250 ms; throws `timeout` naming `what` otherwise.
    func wait(
        for what: String, timeout: Duration = .seconds(10), until condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? await condition()) == true { return }
            if ContinuousClock.now >= deadline {
                throw WebDriverError(command: "wait", error: "timeout", message: "\(what) not seen within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    // MARK: Elements

    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private func element(from value: Any?) throws -> Element {
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else {
            throw WebDriverError(command: "element", error: "no element reference", message: "\(value ?? "nil")")
        }
        return Element(driver: self, id: id)
    }

    /// The first element matching the CSS selector; throws `no such element` when there is none.
    func find(_ css: String) async throws -> Element {
        try element(from: try await command("POST", "element", ["using": "css selector", "value": css]))
    }

    /// Every element matching the CSS selector (empty when none).
    func findAll(_ css: String) async throws -> [Element] {
        let value = try await command("POST", "elements", ["using": "css selector", "value": css])
        return try (value as? [Any] ?? []).map(element(from:))
    }

    /// Whether an element matches the CSS selector.
    func exists(_ css: String) async throws -> Bool { !(try await findAll(css)).isEmpty }

    // MARK: Window, screenshots, logs, cookies

    func setWindowRect(width: Int, height: Int) async throws {
        try await command("POST", "window/rect", ["width": width, "height": height])
    }

    /// The window's size, as the browser reports it.
    func windowSize() async throws -> (width: Int, height: Int) {
        let rect = try await command("GET", "window/rect") as? [String: Any] ?? [:]
        return (rect["width"] as? Int ?? 0, rect["height"] as? Int ?? 0)
    }

    /// Writes a PNG of the viewport to `file` (its folder is created).
    func screenshot(to file: URL) async throws {
        let base64 = try await command("GET", "screenshot") as? String ?? ""
        guard let png = Data(base64Encoded: base64) else {
            throw WebDriverError(command: "GET screenshot", error: "not base64", message: String(base64.prefix(40)))
        }
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    /// One entry of the browser's console log.
    struct LogEntry: Sendable, CustomStringConvertible {
        let level: String
        let message: String
        var description: String { "\(level): \(message)" }
    }

    /// The browser console's entries since the last call (chromedriver empties the buffer on reading).
    func browserLog() async throws -> [LogEntry] {
        let value = try await command("POST", "se/log", ["type": "browser"]) as? [[String: Any]] ?? []
        return value.map { LogEntry(level: $0["level"] as? String ?? "", message: $0["message"] as? String ?? "") }
    }

    /// The value of the cookie named `name` for the current page, if set.
    func cookie(_ name: String) async throws -> String? {
        let cookies = try await command("GET", "cookie") as? [[String: Any]] ?? []
        return cookies.first { $0["name"] as? String == name }?["value"] as? String
    }

    func deleteSession() async throws { try await command("DELETE", "") }

    // MARK: An element

    /// An element of the page the session shows; stale once the page changes.
    struct Element: Sendable {
        let driver: WebDriver
        let id: String

        private var path: String { "element/\(id)" }

        @discardableResult
        private func command(_ method: String, _ suffix: String, _ body: [String: Any]? = nil) async throws -> Any? {
            try await driver.command(method, "\(path)\(suffix.isEmpty ? "" : "/")\(suffix)", body)
        }

        func click() async throws { try await command("POST", "click") }

        func clear() async throws { try await command("POST", "clear") }

        /// Types `text`; into an `input[type=file]`, a file's path selects that file for upload.
        func sendKeys(_ text: String) async throws { try await command("POST", "value", ["text": text]) }

        /// The rendered text (what a reader sees).
        func text() async throws -> String { try await command("GET", "text") as? String ?? "" }

        /// The attribute as written in the HTML, nil when absent.
        func attribute(_ name: String) async throws -> String? {
            try await command("GET", "attribute/\(name)") as? String
        }

        /// The DOM property (`href` gives the absolute address), nil when absent.
        func property(_ name: String) async throws -> String? {
            try await command("GET", "property/\(name)") as? String
        }

        func tagName() async throws -> String { try await command("GET", "name") as? String ?? "" }

        func isDisplayed() async throws -> Bool { try await command("GET", "displayed") as? Bool ?? false }

        /// The first element inside this one matching the CSS selector.
        func find(_ css: String) async throws -> Element {
            try driver.element(from: try await command("POST", "element", ["using": "css selector", "value": css]))
        }

        /// Every element inside this one matching the CSS selector.
        func findAll(_ css: String) async throws -> [Element] {
            let value = try await command("POST", "elements", ["using": "css selector", "value": css])
            return try (value as? [Any] ?? []).map(driver.element(from:))
        }
    }
}
