import Foundation
import Testing
import _CVMTestSupport

/// The HTML report, checked as a person would see it: rendered by headless Chromium.
@Suite(.serialized) struct ReportTests {
    /// Chromium from the system (CI installs Debian's `chromium`).
    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static func runChromium(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: try #require(chromium, "install Chromium (apt-get install chromium) to test the report"))
        process.arguments =
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
            + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorData = DataReader(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: output, as: UTF8.self), errorData.text())
    }

    @Test(arguments: ["en", "zh"])
    func reportRendersWithEveryChartFilled(lang: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let html = directory.appendingPathComponent("report.html")
        let run = try CLI.run(
            ["report", "--lang", lang, "--calibration-end", "1997-09-30", "--out", html.path], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(!page.contains("NaN") && !page.contains("inf\""))
        #expect(
            !page.contains("http://")
                || page.components(separatedBy: "http://").count - 1 == page.components(
                    separatedBy: "http://www.w3.org/2000/svg"
                ).count - 1,
            "the report must not load anything from the network")
        #expect(page.contains(lang == "zh" ? "客户价值分析报告" : "Customer value report"))

        // The DOM as Chromium parsed it: every chart is an <svg> with drawn data in it.
        let dom = try Self.runChromium(["--dump-dom", html.absoluteString])
        let charts = dom.stdout.components(separatedBy: "<svg").dropFirst()
        #expect(
            charts.count == 10,
            """
            segment bars, RFM grid, CLV histogram, value matrix, Pareto curve, score histogram, lifecycle bars, \
            cohort grid, holdout bars, tracking lines
            """
        )
        for chart in charts {
            let body = chart.components(separatedBy: "</svg>")[0]
            let marks = ["<rect", "<polyline", "<circle"].reduce(0) { $0 + body.components(separatedBy: $1).count - 1 }
            #expect(marks >= 3, "a chart without data")
            #expect(body.contains("<text"), "a chart without labels")
        }

        // A screenshot a person can look at, and no console errors while rendering.
        let png = directory.appendingPathComponent("report.png")
        let shot = try Self.runChromium(["--window-size=1100,4200", "--screenshot=\(png.path)", html.absoluteString])
        let consoleErrors = shot.stderr.split(separator: "\n").filter {
            $0.contains("CONSOLE") && ($0.contains("rror") || $0.contains("Uncaught"))
        }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
        #expect(size > 50_000, "the screenshot is nearly empty")
    }
}

extension ReportTests {
    /// With marketing spend and payments imported, the report adds the elasticity and credit sections.
    @Test func elasticityAndCreditSections() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        var marketing = "customer_id,month,spend,campaign_id\n"
        var payments = "customer_id,due_date,paid_date,amount_due,amount_paid\n"
        for c in 1...60 {
            for month in ["1997-10", "1998-01", "1998-04"] { marketing += "\(c),\(month),\(c % 7 + 1),C1\n" }
            payments += "\(c),1998-05-01,\(c % 3 == 0 ? "" : "1998-05-0\(c % 9 + 1)"),100,\(c % 3 == 0 ? "" : "100")\n"
        }
        // A bill paid on 1998-05-31 shows the payments cover May completely: the credit grades are May's.
        payments += "1,1998-05-31,1998-05-31,10,10\n"
        try marketing.write(to: directory.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        try payments.write(to: directory.appendingPathComponent("p.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "marketing", "m.csv"], in: directory).status == 0)
        #expect(try CLI.run(["import", "payments", "p.csv"], in: directory).status == 0)
        let run = try CLI.run(["report", "--out", "r.html"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(page.contains("<section id=\"elasticity\">"))
        #expect(page.contains("<section id=\"credit\">"))
        #expect(page.contains("Grades of the month 1998-05"))
        // The ten charts of the first test (the holdout check now on the data's first half) plus
        // one for elasticity and one for credit.
        #expect(page.contains("<section id=\"holdout\">"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 12)
    }
}

/// Reads a pipe to its end on a background thread (so a full pipe never blocks the child).
private final class DataReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
