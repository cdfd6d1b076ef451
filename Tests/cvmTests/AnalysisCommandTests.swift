import Foundation
import Testing
import _CVMTestSupport

/// `cvm analyze`, `cvm runs`, `cvm targets` and the demo's report on the bundled CDNOW sample
/// (2,357 customers, 1997-01-01…1998-06-30).
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

    @Test func analyzeStoresARunWhoseCLVMatchesPredict() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let analyzed = try CLI.run(["analyze", "--name", "full"], in: directory)
        #expect(analyzed.status == 0, "\(analyzed.stderr)")
        #expect(analyzed.stdout.contains("Analysis run 1 \"full\" as of 1998-06-30"))
        #expect(analyzed.stdout.contains("Customers          2,357"))
        #expect(analyzed.stdout.contains("Skipped            credit: no payments imported"))
        for step in ["summary", "segments", "model", "value", "tiers", "score", "credit", "store"] {
            #expect(analyzed.stderr.contains("] \(step)"), "no progress line for \(step)")
        }

        let shown = try CLI.run(["runs", "show", "1", "--format", "csv"], in: directory)
        #expect(shown.status == 0, "\(shown.stderr)")
        let rows = csvRows(shown.stdout)
        #expect(
            rows.first?.joined(separator: ",")
                == "customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date,recency_days,r,f,m,segment,p_alive,expected_purchases,expected_spend,clv,historical_value,current_value,potential_value,group,profit,tier,key_account,score,score_rank,credit_grade"
        )
        #expect(rows.count == 2358)
        let clvColumn = try #require(rows.first?.firstIndex(of: "clv"))
        let runCLV = rows.dropFirst().compactMap { Double($0[clvColumn]) }.reduce(0, +)
        #expect(rows.dropFirst().allSatisfy { $0.last == "" }, "credit grades without payments")

        // Independent check: the same model and settings through `cvm fit` and `cvm predict`.
        let fit = try CLI.run(
            ["fit", "--model", "bgnbd", "--unit", "week", "--format", "json", "--out", "fit.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let predicted = try CLI.run(
            [
                "predict", "--fit", "fit.json", "--spend", "gammagamma", "--unit", "month", "--horizon", "12",
                "--discount-rate", "0.01", "--format", "csv",
            ], in: directory)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let predictRows = csvRows(predicted.stdout)
        #expect(predictRows.first?.last == "clv")
        let predictCLV = predictRows.dropFirst().compactMap { Double($0[4]) }.reduce(0, +)
        #expect(predictRows.count == 2358)
        #expect(abs(runCLV - predictCLV) < 1e-6 * predictCLV, "run \(runCLV) vs predict \(predictCLV)")

        let json = try CLI.run(["runs", "show", "1", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["customers"] as? [Any])?.count == 2357)
        let run = try #require(object["run"] as? [String: Any])
        let settings = try #require(run["settings"] as? [String: Any])
        #expect(settings["horizonMonths"] as? Int == 12)
        #expect((settings["models"] as? [[String: Any]])?.map { $0["model"] as? String } == ["bgnbd", "gammagamma"])

        let listed = try CLI.run(["runs", "list"], in: directory)
        #expect(listed.stdout.contains("full"))
        #expect(listed.stdout.contains("2357"))
    }

    @Test func compareTwoAsOfDates() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["analyze", "--as-of", "1997-12-31"], in: directory).status == 0)
        #expect(try CLI.run(["analyze"], in: directory).status == 0)
        for by in ["segment", "group", "tier"] {
            let compared = try CLI.run(["runs", "compare", "1", "2", "--by", by, "--format", "json"], in: directory)
            #expect(compared.status == 0, "\(compared.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(compared.stdout.utf8)) as? [String: Any])
            let cells = try #require(object["matrix"] as? [[String: Any]])
            let inBoth = try #require(object["in_both"] as? Int)
            // Every CDNOW customer made a first purchase in the first quarter of 1997.
            #expect(inBoth == 2357)
            #expect(cells.compactMap { $0["customers"] as? Int }.reduce(0, +) == inBoth)
            let figures = try #require(object["figures"] as? [[String: Any]])
            let revenue = try #require(figures.first { $0["figure"] as? String == "revenue" })
            #expect(((revenue["change"] as? Double) ?? 0) > 0)
        }
        let table = try CLI.run(["runs", "compare", "1", "2"], in: directory)
        #expect(table.stdout.contains("Customers in both runs: 2357; only in run 1: 0; only in run 2: 0"))
        let csv = try CLI.run(["runs", "compare", "1", "2", "--by", "group", "--format", "csv"], in: directory)
        let rows = csvRows(csv.stdout)
        #expect(rows.first == ["from", "to", "customers"])
        #expect(rows.dropFirst().compactMap { Int($0[2]) }.reduce(0, +) == 2357)

        let deleted = try CLI.run(["runs", "delete", "1"], in: directory)
        #expect(deleted.status == 0)
        let gone = try CLI.run(["runs", "show", "1"], in: directory)
        #expect(gone.status != 0)
        #expect(gone.stderr.contains("no analysis run 1; existing runs: 2"))
    }

    @Test func targetsPerCampaign() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["analyze"], in: directory).status == 0)
        for campaign in ["care", "winback", "upsell"] {
            let listed = try CLI.run(["targets", "--campaign", campaign, "--format", "csv"], in: directory)
            #expect(listed.status == 0, "\(listed.stderr)")
            let lines = listed.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "customer_id,campaign,reason,value_at_stake,segment,group,p_alive,clv,owner")
            #expect(lines.count > 1, "no \(campaign) targets")
            // The reason holds commas and is quoted: read the other fields from both ends.
            var values: [Double] = []
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                #expect(fields[1] == campaign)
                #expect(line.contains("P(alive)"), "a reason: \(line)")
                let stake = try #require(Double(fields[fields.count - 6]))
                values.append(stake)
                let alive = try #require(Double(fields[fields.count - 3]))
                switch campaign {
                case "care": #expect(alive < 0.7 && ["retain", "maintain"].contains(fields[fields.count - 4]))
                case "upsell": #expect(alive >= 0.7)
                default: break
                }
            }
            #expect(values == values.sorted(by: >), "\(campaign) not sorted by value at stake")
        }
        let all = try CLI.run(["targets", "--run", "1", "--limit", "10", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect((object["targets"] as? [Any])?.count == 10)
    }

    /// Each target names the customer's account manager from the imported customers file.
    @Test func targetsNameTheOwner() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        var customers = "客户编号,姓名,客户经理\n"
        for id in 1...2357 { customers += "\(id),客户\(id),\(id % 2 == 0 ? "王经理" : "李经理")\n" }
        try customers.write(to: directory.appendingPathComponent("customers.csv"), atomically: true, encoding: .utf8)
        let imported = try CLI.run(["import", "customers", "customers.csv"], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try CLI.run(["analyze"], in: directory).status == 0)
        let listed = try CLI.run(["targets", "--campaign", "winback", "--format", "csv"], in: directory)
        let lines = listed.stdout.split(separator: "\n").dropFirst()
        #expect(!lines.isEmpty)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let id = try #require(Int(fields[0]))
            #expect(fields.last.map(String.init) == (id % 2 == 0 ? "王经理" : "李经理"))
        }
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
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Error: no analysis run 7; existing runs: 1"))
        let campaign = try CLI.run(["targets", "--campaign", "vip"], in: directory)
        #expect(campaign.status != 0)
        #expect(campaign.stderr.contains("Error: unknown campaign \"vip\"; choose care, winback, upsell or all"))
        let compare = try CLI.run(["runs", "compare", "1", "5"], in: directory)
        #expect(compare.stderr.contains("Error: no analysis run 5; existing runs: 1"))
        let report = try CLI.run(["report", "--run", "4", "--out", "r.html"], in: directory)
        #expect(report.stderr.contains("Error: no analysis run 4; existing runs: 1"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r.html").path))
        let horizon = try CLI.run(["analyze", "--horizon", "0"], in: directory)
        #expect(horizon.stderr.contains("--horizon must be a whole number of months, 1…1200"))
        // Nothing was stored by the failed commands.
        let listed = try CLI.run(["runs", "list"], in: directory)
        #expect(listed.stdout.split(separator: "\n").count == 3)
    }

    /// The same bills as CreditAndElasticityCommandTests.creditEndToEnd: in June 1998 customer 1
    /// grades AAA, 2 grades B, 6 grades D; nobody else has bills.
    @Test func creditGradesWhenPaymentsWereImported() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        客户编号,发票号,应付日期,实付日期,应付金额,实付金额
        1,INV-1,1998-04-10,1998-04-10,100,
        1,INV-2,1998-05-10,1998-05-20,100,
        1,INV-5,1998-06-10,1998-06-10,100,
        6,INV-3,1998-03-01,,200,
        2,INV-4,1998-06-01,1998-06-05,300,150

        """.write(to: directory.appendingPathComponent("payments.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "payments", "payments.csv"], in: directory).status == 0)
        let analyzed = try CLI.run(["analyze"], in: directory)
        #expect(analyzed.status == 0, "\(analyzed.stderr)")
        #expect(!analyzed.stdout.contains("Skipped"))
        #expect(analyzed.stdout.contains("Credit grades      AAA 1 · B 1 · D 1"))
        let rows = csvRows(try CLI.run(["runs", "show", "1", "--format", "csv"], in: directory).stdout)
        let grades = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0.last!) })
        #expect(grades["1"] == "AAA")
        #expect(grades["2"] == "B")
        #expect(grades["6"] == "D")
        #expect(grades.values.filter { !$0.isEmpty }.count == 3)
    }

    @Test func reportFromARun() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try CLI.run(["analyze", "--as-of", "1997-12-31"], in: directory).status == 0)
        let report = try CLI.run(["report", "--run", "1", "--out", "r.html"], in: directory)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("1997-12-31"))
    }

    @Test func demoWritesTheReport() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try CLI.run(["demo", "--out", "out"], in: directory)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Analysis run 1 \"demo\""))
        for file in ["summary.csv", "segments.csv", "segment_summary.csv", "predictions.csv", "report.html"] {
            #expect(
                FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/\(file)").path), "\(file)")
        }
        #expect(demo.stdout.contains("out/report.html"))
    }
}
