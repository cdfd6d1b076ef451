import Foundation
import Testing
import _CVMTestSupport

/// The whole pipeline on odd but accepted data: it may refuse a step with a message, but it never
/// crashes, hangs or prints a non-number.
@Suite struct OddDataPipelineTests {
    static let cases: [(name: String, csv: String, flags: [String])] = [
        ("one-time buyers", "customer_id,date,amount\nA,2024-01-05,10\nB,2024-02-01,20\nC,2024-03-09,5\n", []),
        ("one customer", "customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-05,12\nA,2024-04-01,9\n", []),
        ("all on one day", "customer_id,date,amount\nA,2024-01-05,10\nB,2024-01-05,20\nA,2024-01-05,3\n", []),
        (
            "far past and huge amounts",
            "customer_id,date,amount\nA,1750-01-01,1e29\nA,2024-01-05,2e29\nB,2023-05-01,1e29\nB,2024-02-01,5\n"
                + "C,2024-03-01,1\n",
            ["--allow-early-dates", "--allow-large-amounts"]
        ),
    ]

    @Test(arguments: 0..<cases.count) func pipelineStaysSane(_ index: Int) throws {
        let odd = Self.cases[index]
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("odd.csv")
        try odd.csv.write(to: file, atomically: true, encoding: .utf8)
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", file.path] + odd.flags, in: directory)
        #expect(imported.status == 0, "\(odd.name): \(imported.stderr)")
        let commands: [[String]] = [
            ["summary", "--format", "json"], ["summary", "--unit", "week"],
            ["fit", "--unit", "week", "--model", "bgnbd,pareto,mbgnbd,gammagamma"],
            ["fit", "--unit", "week", "--model", "bgnbd", "--format", "json"],
            ["predict", "--unit", "week"], ["segments", "--format", "json"], ["matrix", "--format", "json"],
            ["pareto"], ["tiers", "--format", "json"], ["scores", "--format", "json"], ["analyze"],
            ["runs", "show", "1", "--format", "json"], ["report", "--run", "1", "--out", "r.html"],
        ]
        for command in commands {
            let start = Date()
            let run = try CLI.run(command, in: directory)
            let label = "\(odd.name): \(command.joined(separator: " "))"
            // 0, or 1 with a message: never a signal (a trap ends with status > 1).
            #expect(run.status == 0 || (run.status == 1 && run.stderr.hasPrefix("Error: ")), "\(label): \(run.stderr)")
            #expect(Date().timeIntervalSince(start) < 60, "\(label) took too long")
            let words = (run.stdout + run.stderr).lowercased().split { !$0.isLetter }
            #expect(
                !words.contains("nan") && !words.contains("inf") && !run.stdout.contains("∞"),
                "\(label) printed a non-number")
        }
        if let html = try? String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8) {
            let words = html.lowercased().split { !$0.isLetter }
            #expect(!words.contains("nan") && !words.contains("infinity"), "\(odd.name): the report")
        }
    }
}
