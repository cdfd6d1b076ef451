import Foundation
import Testing
import _CVMTestSupport

/// `cvm matrix`, `cvm pareto` and `cvm tiers` on the bundled CDNOW sample (2,357 customers,
/// 1997-01-01…1998-06-30, no cost column).
@Suite struct ValueCommandTests {
    /// A fresh database with the CDNOW sample; the caller removes the directory.
    private func cdnow() throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        return directory
    }

    @Test func matrixFormats() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try CLI.run(["matrix", "--format", "csv"], in: directory)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "customer_id,current_value,potential_value,group")
        #expect(rows.count == 2358)
        let groups = rows.dropFirst().map { $0.split(separator: ",").last.map(String.init) ?? "" }
        #expect(Set(groups).isSubset(of: ["retain", "develop", "maintain", "nurture"]))
        // Customer 1 bought 26.48 on 1997-12-12 and 14.96 on 1997-08-02, inside the last 365 days.
        #expect(rows[1].hasPrefix("1,41.44,"))

        let json = try CLI.run(["matrix", "--format", "json", "--threshold", "mean", "--clusters", "3"], in: directory)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let cells = try #require(object["groups"] as? [[String: Any]])
        #expect(cells.map { $0["group"] as? String } == ["retain", "develop", "maintain", "nurture"])
        #expect(cells.compactMap { $0["customers"] as? Int }.reduce(0, +) == 2357)
        #expect((object["customers"] as? [Any])?.count == 2357)
        let thresholds = try #require(object["thresholds"] as? [String: [String: Any]])
        #expect(thresholds["current"]?["rule"] as? String == "mean")
        let clusters = try #require(object["clusters"] as? [[String: Any]])
        #expect(clusters.compactMap { $0["customers"] as? Int }.reduce(0, +) == 2357)
        // The same seed gives the same clusters.
        let again = try CLI.run(
            ["matrix", "--format", "json", "--threshold", "mean", "--clusters", "3"], in: directory)
        #expect(again.stdout == json.stdout)

        let table = try CLI.run(["matrix", "--lang", "zh"], in: directory)
        // 1545 of 2357 customers bought nothing after 1997-06-30: the median current value is 0, so the
        // automatic threshold is the median of the 812 others' revenue in the window, 62.455
        // (Python's statistics.median over the sample CSV).
        for name in [
            "保留型", "发展型", "维持型", "培育型", "Thresholds: current > 62.45 (auto)",
            "（1545 位客户为此值）", "改用高于最小值的 812 个值的中位数：62.45",
        ] {
            #expect(table.stdout.contains(name), "\(name)")
        }
        // The present-value method measures retention on the data and says so.
        let pv = try CLI.run(["matrix", "--potential", "pv", "--format", "json"], in: directory)
        let pvObject = try #require(try JSONSerialization.jsonObject(with: Data(pv.stdout.utf8)) as? [String: Any])
        #expect((pvObject["settings"] as? [String: Any])?["potentialMethod"] as? String == "pv")
        #expect(((pvObject["retention"] as? [String: Any])?["activeBefore"] as? Int) == 2357)
    }

    /// Gini of revenue per customer, 0.6309171170162416, and 777 customers (32.97 %) making 80 % of
    /// it: computed from the CSV with Python (Σ(2i − n − 1)x₍ᵢ₎/(nΣx); the pairwise mean absolute
    /// difference Σ|xᵢ − xⱼ|/(2n²μ) gives 0.6309171170175445).
    @Test func paretoOnCDNOW() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try CLI.run(["pareto", "--format", "csv"], in: directory)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "customer_share,revenue_share,profit_share")
        #expect(rows.count == 102)
        #expect(rows[1] == "0,0,0")
        #expect(rows.last == "1,1,1")
        let json = try CLI.run(["pareto", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let revenue = try #require(object["revenue"] as? [String: Any])
        let gini = try #require(revenue["gini"] as? Double)
        #expect(gini > 0 && gini < 1)
        #expect(abs(gini - 0.6309171170162416) < 1e-12)
        #expect(revenue["customers_making_80"] as? Int == 777)
        let table = try CLI.run(["pareto"], in: directory)
        #expect(table.stdout.contains("Customers making 80 %  33.0% (777)"))
    }

    @Test func tiersOnCDNOW() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try CLI.run(["tiers", "--format", "csv", "--margin", "0.3"], in: directory)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "customer_id,revenue,cost_of_goods,discounts,profit,tier,key_account,large_unprofitable")
        #expect(rows.count == 2358)
        let tiers = rows.dropFirst().map { $0.split(separator: ",")[5] }
        // 2357 customers: round(471.4) = 471 high, round(1178.5) − 471 = 708 medium, 1178 low.
        #expect(tiers.filter { $0 == "high" }.count == 471)
        #expect(tiers.filter { $0 == "medium" }.count == 708)
        #expect(tiers.filter { $0 == "low" }.count == 1178)
        #expect(rows.dropFirst().filter { $0.hasSuffix(",1,0") }.count == 20)
        let table = try CLI.run(["tiers", "--lang", "zh"], in: directory)
        #expect(table.stdout.contains("高价值客户"))
        #expect(table.stdout.contains("Key accounts") == false)
    }

    /// Nobody bought twice: BG/NBD cannot be fitted, so potential value falls back to the present
    /// value, with a warning. Retention: A bought in the window before (2022), not again: 0 of 1.
    @Test func modelFallsBackToPresentValueAndSaysSo() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("thin.csv")
        try "customer_id,date,amount\nA,2022-06-01,10\nB,2023-06-01,20\nC,2023-07-01,30\n".write(
            to: file, atomically: true, encoding: .utf8)
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", file.path], in: directory)
        let run = try CLI.run(["matrix", "--format", "csv"], in: directory)
        #expect(run.status == 0)
        #expect(run.stderr.contains("Warning: the model could not be used (BG/NBD fit did not converge"))
        // Median current value 20: only C (30) is high; every potential is 0, so low.
        #expect(
            run.stdout
                == "customer_id,current_value,potential_value,group\nA,0,0,nurture\nB,20,0,nurture\nC,30,0,maintain\n")
    }

    @Test func badInputsAreExplained() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unknown = try CLI.run(["matrix", "--threshold", "average"], in: directory)
        #expect(unknown.status != 0)
        #expect(
            unknown.stderr.hasPrefix(
                "Error: unknown threshold method \"average\": use auto, median, mean or quantile:Q with 0 < Q < 1, or fixed values (--current-threshold and --potential-threshold)\n"
            ))
        let quantile = try CLI.run(["matrix", "--threshold", "quantile:1.5"], in: directory)
        #expect(quantile.status != 0)
        #expect(
            quantile.stderr.hasPrefix(
                "Error: quantile:1.5: the quantile must be between 0 and 1 (exclusive), e.g. quantile:0.7\n"))
        let tiers = try CLI.run(["tiers", "--tiers", "0.8,0.5"], in: directory)
        #expect(tiers.status != 0)
        #expect(
            tiers.stderr.hasPrefix(
                "Error: tier shares 0.8,0.5 do not fit: give the high and medium shares of customers, each between 0 and 1 and together at most 1 (e.g. 0.2,0.3)\n"
            ))
        let margin = try CLI.run(["pareto", "--margin", "2"], in: directory)
        #expect(margin.stderr.hasPrefix("Error: --margin must be between 0 and 1\n"))
    }
}

extension ValueCommandTests {
    @Test func strategiesFromAFile() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[develop]\nstrategy = \"Call them\"\nreason_zh = \"潜力大\"\n".write(
            to: directory.appendingPathComponent("s.toml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["matrix", "--strategies", "s.toml", "--format", "json"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let develop = try #require(
            (object["groups"] as? [[String: Any]])?.first { $0["group"] as? String == "develop" })
        #expect(develop["strategy"] as? String == "Call them")
        #expect(develop["reason_zh"] as? String == "潜力大")
        #expect((develop["strategy_zh"] as? String)?.hasPrefix("重点发展") == true)
        try "[vip]\nstrategy = \"x\"\n".write(
            to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["matrix", "--strategies", "bad.toml"], in: directory)
        #expect(
            bad.stderr.hasPrefix("Error: bad.toml: unknown group [vip]; use develop, maintain, nurture, retain\n"))
    }
}
