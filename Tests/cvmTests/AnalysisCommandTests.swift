import Foundation
import Testing
import _CVMTestSupport

/// `cvm analyze`, `cvm runs`, `cvm targets`, `cvm report` and `cvm demo` end to end on the bundled
/// CDNOW sample (2,357 customers, 1997-01-01…1998-06-30). The behaviour is tested in process in
/// CVMAppTests; these check the command lines.
@Suite struct AnalysisCommandTests {
    private func cdnow() throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        return directory
    }

    private func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func analyzeThenShowListCompareAndDelete() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let analyzed = try CLI.run(["analyze", "--name", "full"], in: directory)
        #expect(analyzed.status == 0, "\(analyzed.stderr)")
        #expect(analyzed.stdout.contains("Analysis run 1 \"full\" as of 1998-06-30"))
        #expect(analyzed.stdout.contains("Customers          2,357"))
        #expect(analyzed.stdout.contains("Skipped            credit: no payments imported"))
        #expect(analyzed.stdout.contains("Profit             revenue × margin 1: no costs were imported"))
        #expect(
            analyzed.stdout.contains("Next: cvm runs show 1 --format csv · cvm targets --run 1 · cvm report --run 1"))
        let steps = [
            "summary", "segments", "model", "value", "tiers", "score", "credit", "lifecycle", "warnings", "store",
            "tasks",
        ]
        for (k, step) in steps.enumerated() {
            #expect(analyzed.stderr.contains("[\(k + 1)/11] \(step)"), "no progress line for \(step)")
        }
        let shown = try CLI.run(["runs", "show", "1", "--format", "csv"], in: directory)
        let rows = csvRows(shown.stdout)
        #expect(
            rows.first?.joined(separator: ",")
                == "customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date,recency_days,r,f,m,segment,p_alive,expected_purchases,expected_spend,clv,historical_value,current_value,potential_value,group,profit,tier,key_account,score,score_rank,credit_grade"
        )
        #expect(rows.count == 2358)
        let json = try CLI.run(["runs", "show", "1", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["customers"] as? [Any])?.count == 2357)
        let settings = try #require((object["run"] as? [String: Any])?["settings"] as? [String: Any])
        #expect(settings["horizon_months"] as? Int == 12)
        #expect(try CLI.run(["runs", "list"], in: directory).stdout.contains("full"))

        #expect(try CLI.run(["analyze", "--as-of", "1997-12-31"], in: directory).status == 0)
        let table = try CLI.run(["runs", "compare", "2", "1"], in: directory)
        #expect(table.stdout.contains("Customers in both runs: 2357; only in run 2: 0; only in run 1: 0"))
        let csv = try CLI.run(["runs", "compare", "2", "1", "--by", "group", "--format", "csv"], in: directory)
        #expect(csvRows(csv.stdout).first == ["from", "to", "customers"])
        #expect(csvRows(csv.stdout).dropFirst().compactMap { Int($0[2]) }.reduce(0, +) == 2357)
        #expect(try CLI.run(["runs", "delete", "2"], in: directory).status == 0)
        let gone = try CLI.run(["runs", "show", "2"], in: directory)
        #expect(gone.status != 0)
        #expect(gone.stderr.contains("no analysis run 2; existing runs: 1"))
    }

    /// Each target names the customer's account manager from the imported customers file.
    @Test func targetsNameTheOwner() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        var customers = "客户编号,姓名,客户经理\n"
        for id in 1...2357 { customers += "\(id),客户\(id),\(id % 2 == 0 ? "王经理" : "李经理")\n" }
        try customers.write(to: directory.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "customers", "customers.csv"], in: directory).status == 0)
        #expect(try CLI.run(["analyze"], in: directory).status == 0)
        let listed = try CLI.run(["targets", "--campaign", "winback", "--format", "csv"], in: directory)
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.first == "customer_id,campaign,reason,value_at_stake,segment,group,p_alive,clv,owner")
        #expect(lines.count > 1)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let id = try #require(Int(fields[0]))
            #expect(fields.last.map(String.init) == (id % 2 == 0 ? "王经理" : "李经理"))
        }
        let table = try CLI.run(["targets"], in: directory)
        #expect(table.stdout.contains("P(alive): MBG/NBD fitted to the run's summary"))
    }

    @Test func badInputs() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noRuns = try CLI.run(["targets"], in: directory)
        #expect(noRuns.status != 0)
        #expect(noRuns.stderr.contains("Error: the database has no analysis runs yet; run `cvm analyze` first"))
        let noRun = try CLI.run(["runs", "show", "3"], in: directory)
        #expect(
            noRun.stderr.contains("Error: no analysis run 3: the database has no runs yet; run `cvm analyze` first"))
        #expect(try CLI.run(["analyze"], in: directory).status == 0)
        let unknown = try CLI.run(["targets", "--run", "7"], in: directory)
        #expect(unknown.stderr.contains("Error: no analysis run 7; existing runs: 1"))
        let campaign = try CLI.run(["targets", "--campaign", "vip"], in: directory)
        #expect(campaign.stderr.contains("Error: unknown campaign \"vip\"; choose care, winback, upsell or all"))
        let compare = try CLI.run(["runs", "compare", "1", "5"], in: directory)
        #expect(compare.stderr.contains("Error: no analysis run 5; existing runs: 1"))
        let report = try CLI.run(["report", "--run", "4", "--out", "r.html"], in: directory)
        #expect(report.stderr.contains("Error: no analysis run 4; existing runs: 1"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.html").path))
        let both = try CLI.run(["report", "--run", "1", "--horizon", "6"], in: directory)
        #expect(both.stderr.contains("--run shows a stored run with its own settings"))
        let horizon = try CLI.run(["analyze", "--horizon", "0"], in: directory)
        #expect(horizon.stderr.contains("--horizon must be a whole number of months, 1…1200"))
        let window = try CLI.run(["report", "--current-window", "0"], in: directory)
        #expect(window.stderr.contains("--current-window must be 1…1200 months"))
        // Nothing was stored by the failed commands.
        #expect(try CLI.run(["runs", "list"], in: directory).stdout.split(separator: "\n").count == 3)
    }

    @Test func reportOfARun() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["analyze", "--as-of", "1997-12-31"], in: directory).status == 0)
        let report = try CLI.run(["report", "--run", "1", "--out", "r.html"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Wrote the report of run 1 (as of 1997-12-31) to r.html"))
        let html = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("Run 1 as of 1997-12-31"))
    }

    /// Every `--option` a message names must exist on the command that printed it: short data that
    /// cannot be modelled, through `analyze` and `report` (whose messages once advised --retention
    /// and --penalizer, which neither has).
    @Test func messagesNameOnlyOptionsTheCommandHas() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "customer_id,date,amount\n"
        for i in 0..<60 { csv += "C\(i),1998-0\(1 + i % 3)-\(10 + i % 15),\(20 + i)\n" }
        try csv.write(to: directory.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        try CLI.run(["init"], in: directory)
        #expect(try CLI.run(["import", "transactions", "t.csv"], in: directory).status == 0)
        for (command, extra) in [("analyze", [String]()), ("report", ["--out", "r.html"])] {
            let ran = try CLI.run([command] + extra, in: directory)
            #expect(ran.status == 0, "\(command): \(ran.stderr)")
            // The "Next:" hints name other commands' options; the demo test runs each of them.
            var text = (ran.stdout + ran.stderr).split(separator: "\n").filter { !$0.hasPrefix("Next:") }.joined(
                separator: "\n")
            if command == "report" {
                text += try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
            }
            let help = try CLI.run([command, "--help"], in: directory).stdout
            let known = Set(options(in: help))
            #expect(!known.isEmpty)
            for option in Set(options(in: text)) {
                #expect(known.contains(option), "`cvm \(command)` prints \(option), which it does not have")
            }
        }
    }

    /// The `--name` words of a text.
    private func options(in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: "(?<![A-Za-z0-9-])--[a-z][a-z-]*")
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    /// The demo writes its files, and every command it suggests runs where the demo ran.
    @Test func demoAndEveryCommandItSuggests() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try CLI.run(["demo", "--out", "out"], in: directory)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Analysis run 1 \"demo\""))
        for file in ["summary.csv", "segments.csv", "segment_summary.csv", "predictions.csv", "report.html"] {
            #expect(
                FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/\(file)").path), "\(file)")
        }
        var commands: [[String]] = []
        for line in demo.stdout.split(separator: "\n") where line.hasPrefix("Next:") {
            let text = line.dropFirst("Next:".count).replacingOccurrences(of: "`", with: "")
            for command in text.components(separatedBy: " · ") {
                let words = command.split(separator: " ").map(String.init)
                #expect(words.first == "cvm", "\(command)")
                commands.append(Array(words.dropFirst()))
            }
        }
        // The run's five (runs show, targets, report, warnings, tasks list), the demo's summary, and its
        // customer 360, complaints and owners.
        #expect(commands.count == 9)
        // From another folder: the commands must name the demo's database to work.
        let elsewhere = directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        for arguments in commands {
            #expect(arguments.contains("--database"), "\(arguments)")
            let absolute = arguments.map { $0 == "out/cvm.sqlite" ? directory.appendingPathComponent($0).path : $0 }
            let ran = try CLI.run(absolute + (arguments.first == "report" ? ["--out", "r.html"] : []), in: elsewhere)
            #expect(ran.status == 0, "cvm \(arguments.joined(separator: " ")): \(ran.stderr)")
        }
    }
}
