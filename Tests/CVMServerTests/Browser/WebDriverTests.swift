import Foundation
import Testing
import _CVMTestSupport

/// The browser harness itself, on a page written to a file: if these fail, the dashboard's browser
/// tests would say nothing true.
@Suite(.enabled(if: BrowserTools.available, BrowserTools.skipReason), .serialized)
struct WebDriverTests {
    static let page = """
        <!doctype html>
        <html lang="zh"><head><meta charset="utf-8"><title>测试页</title></head>
        <body>
        <h1 id="heading">价值 Value</h1>
        <a class="next" href="second.html">second</a>
        <form id="f" onsubmit="event.preventDefault(); document.getElementById('out').textContent =
          document.querySelector('[name=q]').value + '|' + document.querySelector('[type=file]').files[0].name;">
          <input name="q"><input type="file" name="file"><button type="submit">go</button>
        </form>
        <p id="out"></p>
        <script>console.error("a deliberate console error"); console.log("a plain line");</script>
        </body></html>
        """

    @Test func drivesAPageOnDisk() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("first.html")
        try Data(Self.page.utf8).write(to: file)
        try Data("<html lang=\"en\"><body><h1>Second</h1></body></html>".utf8)
            .write(to: directory.appendingPathComponent("second.html"))
        let upload = directory.appendingPathComponent("rows.csv")
        try Data("customer,date,amount\n".utf8).write(to: upload)

        try await WebDriver.withBrowser(viewport: .phone) { browser in
            try await browser.navigate(to: file)
            #expect(try await browser.title() == "测试页")
            #expect(try await browser.find("html").attribute("lang") == "zh")
            #expect(try await browser.find("h1").text() == "价值 Value")
            #expect(try await browser.pageSource().contains("id=\"out\""))
            #expect(try await browser.windowSize().width == Viewport.phone.width)

            let log = try await browser.browserLog()
            #expect(log.contains { $0.level == "SEVERE" && $0.message.contains("a deliberate console error") })
            #expect(!log.contains { $0.level == "SEVERE" && $0.message.contains("a plain line") })

            try await browser.find("input[name=q]").sendKeys("ana 安娜")
            try await browser.find("input[type=file]").sendKeys(upload.path)
            try await browser.find("button[type=submit]").click()
            #expect(try await browser.find("#out").text() == "ana 安娜|rows.csv")

            let shot = directory.appendingPathComponent("shots/first.png")
            try await browser.screenshot(to: shot)
            let png = try Data(contentsOf: shot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))

            let link = try await browser.find("a.next")
            #expect(try await link.attribute("href") == "second.html")
            #expect(try await link.property("href") == directory.appendingPathComponent("second.html").absoluteString)
            try await link.click()
            #expect(try await browser.currentURL().lastPathComponent == "second.html")
            #expect(try await browser.find("html").attribute("lang") == "en")
            #expect(try await browser.findAll("form").isEmpty)
            #expect(!(try await browser.exists("#heading")))

            await #expect(throws: WebDriverError.self) { _ = try await browser.find("#not-there") }
        }
    }

    @Test func aMissingElementIsNamed() async throws {
        try await WebDriver.withBrowser { browser in
            try await browser.navigate(to: URL(string: "data:text/html,<p>nothing</p>")!)
            do {
                _ = try await browser.find("form#login")
                Issue.record("found an element that is not there")
            } catch let error as WebDriverError {
                #expect(error.error == "no such element")
                #expect(error.description.contains("form#login"))
            }
        }
    }
}
