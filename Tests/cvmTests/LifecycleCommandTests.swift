import Foundation
import Testing
import _CVMTestSupport

/// `cvm lifecycle`, `warnings`, `tasks`, `cohorts`, `generate --truth-out` and `runs compare --by
/// stage` end to end on the bundled CDNOW sample (2,357 customers, 1997-01-01…1998-06-30).
@Suite struct LifecycleCommandTests {
    private func cdnow() throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        return directory
    }

    /// A file of first orders only: no rhythm can be learnt and no model fitted, so the stages read
    /// an assumed rhythm (365 days, a rules-file key), and say so; one purchase long ago is not
    /// "exploration" any more.
    @Test func oneTimeBuyersOnlyAreJudgedByAnAssumedRhythm() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("first-orders.csv")
        try "customer_id,date,amount\nold,1990-03-01,10\nlapsed,2023-06-01,20\nnew,2024-11-01,5\n".write(
            to: file, atomically: true, encoding: .utf8)
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", file.path], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let csv = try CLI.run(["lifecycle", "--as-of", "2024-12-31", "--format", "csv"], in: directory)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows.first ?? []
        let stage = header.firstIndex(of: "stage")!
        let assumed = header.firstIndex(of: "rhythm_is_assumed")!
        let byID = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (String($0[0]), $0) })
        #expect(byID["old"]?[stage] == "termination" && byID["lapsed"]?[stage] == "decline")
        #expect(byID["new"]?[stage] == "exploration")
        #expect(byID.values.allSatisfy { $0[assumed] == "1" })
        let explained = try CLI.run(
            ["lifecycle", "--as-of", "2024-12-31", "--explain", "old", "--lang", "zh"], in: directory)
        #expect(explained.stdout.contains("假定的购买间隔"), "\(explained.stdout)")
        // The assumption is a setting like every other threshold.
        let rules = directory.appendingPathComponent("rules.toml")
        try "[stages]\nassumed_rhythm_days = 1000\n".write(to: rules, atomically: true, encoding: .utf8)
        let longer = try CLI.run(
            ["lifecycle", "--as-of", "2024-12-31", "--format", "csv", "--rules", rules.path], in: directory)
        #expect(longer.stdout.contains("lapsed,exploration"), "\(longer.stdout)")
    }

    @Test func lifecycleTableCSVExplainAndRules() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zh = try CLI.run(["lifecycle", "--lang", "zh", "--patterns"], in: directory)
        #expect(zh.status == 0, "\(zh.stderr)")
        for text in ["考察期", "稳定期", "终止期", "活跃概率来自 MBG/NBD", "I 早期流产型", "IV 长久保持型"] {
            #expect(zh.stdout.contains(text), "no \(text)")
        }
        let csv = try CLI.run(["lifecycle", "--format", "csv"], in: directory)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2358)
        #expect(lines.first?.hasPrefix("customer_id,stage,rule,purchase_days,tenure_days") == true)
        let explained = try CLI.run(["lifecycle", "--explain", "1"], in: directory)
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("Customer 1 as of 1998-06-30"))
        #expect(explained.stdout.contains("no purchase for 200 days"))
        let unknown = try CLI.run(["lifecycle", "--explain", "no-such"], in: directory)
        #expect(unknown.status != 0 && unknown.stderr.contains("no customer \"no-such\""))
        let rules = directory.appendingPathComponent("rules.toml")
        try "[stages]\nexploration_dayz = 10\n".write(to: rules, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["lifecycle", "--rules", rules.path], in: directory)
        #expect(bad.status != 0 && bad.stderr.contains("unknown key \"exploration_dayz\""), "\(bad.stderr)")
        // A stricter termination rule moves customers from decline to termination.
        try "[stages]\ntermination_gap_factor = 1.2\n".write(to: rules, atomically: true, encoding: .utf8)
        let stricter = try CLI.run(
            ["lifecycle", "--rules", rules.path, "--view", "stages", "--format", "csv"], in: directory)
        let loose = try CLI.run(["lifecycle", "--view", "stages", "--format", "csv"], in: directory)
        func termination(_ text: String) -> Int? {
            text.split(separator: "\n").first { $0.hasPrefix("termination,") }.flatMap {
                Int($0.split(separator: ",")[3])
            }
        }
        #expect(termination(stricter.stdout)! > termination(loose.stdout)!)
    }

    @Test func warningsTasksCohortsAndTheStageMigration() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let warnings = try CLI.run(["warnings", "--top", "3", "--format", "csv", "--lang", "zh"], in: directory)
        #expect(warnings.status == 0, "\(warnings.stderr)")
        let rows = warnings.stdout.split(separator: "\n")
        #expect(
            rows.count == 4
                && rows[0] == "rank,customer_id,stage,reasons,p_churn,clv,value_at_risk,gap_ratio,reason_text")
        #expect(rows[1].contains("天未购买"))
        let table = try CLI.run(["warnings"], in: directory)
        #expect(table.stdout.contains("CLV computed here: MBG/NBD + Gamma-Gamma"))

        #expect(try CLI.run(["analyze", "--as-of", "1998-03-31"], in: directory).status == 0)
        let analyzed = try CLI.run(["analyze"], in: directory)
        #expect(analyzed.stdout.contains("Care tasks"), "\(analyzed.stdout)")
        #expect(try CLI.run(["warnings"], in: directory).stdout.contains("CLV from run 2 (as of 1998-06-30)"))
        let listed = try CLI.run(["tasks", "list", "--status", "won_back", "--format", "csv"], in: directory)
        #expect(listed.status == 0 && listed.stdout.split(separator: "\n").count > 1)
        let open = try CLI.run(["tasks", "list", "--status", "open", "--format", "csv"], in: directory)
        let id = String(open.stdout.split(separator: "\n")[1].split(separator: ",")[0])
        let refused = try CLI.run(["tasks", "update", id, "--status", "lost"], in: directory)
        #expect(refused.status != 0 && refused.stderr.contains("give a loss reason"), "\(refused.stderr)")
        let updated = try CLI.run(
            ["tasks", "update", id, "--status", "lost", "--loss-reason", "service", "--date", "1998-07-01"],
            in: directory)
        #expect(updated.status == 0 && updated.stdout.contains("is now lost"), "\(updated.stderr)")
        let shown = try CLI.run(["tasks", "show", id, "--lang", "zh"], in: directory)
        #expect(shown.stdout.contains("已流失") && shown.stdout.contains("service"))
        let summary = try CLI.run(["tasks", "summary"], in: directory)
        #expect(summary.stdout.contains("poor service") && summary.stdout.contains("Win-back rate:"))

        let compared = try CLI.run(["runs", "compare", "1", "2", "--by", "stage"], in: directory)
        #expect(compared.status == 0 && compared.stdout.contains("Stability"), "\(compared.stderr)")
        let chinese = try CLI.run(["runs", "compare", "1", "2", "--by", "stage", "--lang", "zh"], in: directory)
        #expect(chinese.stdout.contains("稳定期") && chinese.stdout.contains("两次运行都有的客户"), "\(chinese.stderr)")

        let cohorts = try CLI.run(["cohorts", "--format", "csv"], in: directory)
        let cells = cohorts.stdout.split(separator: "\n")
        // Three cohorts (1997-01 to 1997-03), each to 1998-06: 18 + 17 + 16 cells.
        #expect(cells.count == 1 + 18 + 17 + 16)
        #expect(cells[1].hasPrefix("1997-01,0,781,781,1,"))
        #expect(try CLI.run(["cohorts", "--metric", "revenue", "--lang", "zh"], in: directory).stdout.contains("收入"))
    }

    @Test func generateWritesTheTruthWithoutChangingTheLog() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try CLI.run(
            ["generate", "--customers", "500", "--out", "a.csv", "--truth-out", "t.csv"], in: directory)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(try CLI.run(["generate", "--customers", "500", "--out", "b.csv"], in: directory).status == 0)
        let logA = try Data(contentsOf: directory.appendingPathComponent("a.csv"))
        let logB = try Data(contentsOf: directory.appendingPathComponent("b.csv"))
        #expect(logA == logB)
        let truth = try String(contentsOf: directory.appendingPathComponent("t.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(truth.first == "customer_id,first_date,lambda_per_day,p,nu,alive_at_end,dropout_date")
        #expect(truth.count == 501)
        // A customer who dropped out has a dropout date, one alive has none.
        for row in truth.dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect((f[5] == "0") == !f[6].isEmpty)
        }
    }
}
