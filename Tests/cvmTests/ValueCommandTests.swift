import Foundation
import Testing
import _CVMTestSupport

/// `cvm matrix`, `cvm pareto` and `cvm tiers` end to end on the bundled CDNOW sample: the command
/// line, the formats, the languages. The behaviour is tested in-process in CVMAppTests.
@Suite struct ValueCommandTests {
    /// A fresh database with the CDNOW sample; the caller removes the directory.
    private func cdnow() throws -> URL {
        let directory = try Fixtures.temporaryDirectory()
        try CLI.run(["init"], in: directory)
        let imported = try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        return directory
    }

    @Test func matrixFormatsAndLanguages() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = try CLI.run(["matrix", "--format", "csv"], in: directory)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "customer_id,current_value,potential_value,group")
        #expect(rows.count == 2358)
        #expect(rows[1].hasPrefix("1,41.44,"))
        #expect(csv.stderr == "Note: profit assumes margin 1: no cost or margin was imported, so profit is revenue\n")

        let table = try CLI.run(["matrix"], in: directory)
        // 1545 customers bought nothing in the window: the automatic threshold is the median of the
        // other 812 (62.455, Python's statistics.median over the sample CSV).
        #expect(table.stdout.contains("Thresholds: current > 62.45 (auto), potential > 5.62 (auto)"))
        #expect(
            table.stdout.contains(
                "  current (auto): the median of all 2357 customers' values is their smallest value, 0 (1545 "
                    + "customers have it), so high would mean more than that; the median of the 812 values above it "
                    + "is used: 62.45\n"
            ))
        #expect(table.stdout.contains("Potential value: CLV over 12 months, discount 0.01/month × margin"))
        #expect(
            table.stdout.contains("Note: profit assumes margin 1: no cost or margin was imported, so profit is revenue")
        )

        let zh = try CLI.run(["matrix", "--lang", "zh", "--clusters", "2"], in: directory)
        for text in [
            "保留型", "发展型", "维持型", "培育型", "阈值：当前价值 > 62.45 (auto)", "理由：", "价值立方", "注：利润按毛利率 1 计算",
            "未来 12 个月（月折现率 0.01）",
        ] {
            #expect(zh.stdout.contains(text), "\(text)")
        }

        let json = try CLI.run(["matrix", "--format", "json", "--threshold", "mean"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let thresholds = try #require(object["thresholds"] as? [[String: Any]])
        #expect(thresholds.map { $0["axis"] as? String } == ["current", "potential"])
        #expect(thresholds.first?["rule"] as? String == "mean")
        #expect((object["settings"] as? [String: Any])?["potential_method"] as? String == "model")
    }

    @Test func paretoAndTiersTables() throws {
        let directory = try cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pareto = try CLI.run(["pareto"], in: directory)
        #expect(pareto.stdout.contains("Customers making 80 %  33.0% (777)"))
        #expect(pareto.stdout.contains("\nNote: profit assumes margin 1"))
        let paretoZh = try CLI.run(["pareto", "--lang", "zh"], in: directory)
        #expect(paretoZh.stdout.contains("贡献 80% 的客户") && paretoZh.stdout.contains("33.0% (777)"))
        let csv = try CLI.run(["pareto", "--format", "csv"], in: directory)
        #expect(csv.stdout.split(separator: "\n").count == 102)

        let tiers = try CLI.run(["tiers", "--lang", "zh", "--margin", "0.3"], in: directory)
        #expect(tiers.stdout.contains("高价值客户"))
        #expect(tiers.stdout.contains("大客户（按利润前 20 名）："))
        #expect(!tiers.stdout.contains("Key accounts"))
        #expect(!tiers.stdout.contains("毛利率 1 计算"))
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
        let tiers = try CLI.run(["tiers", "--tiers", "0.8,0.5"], in: directory)
        #expect(
            tiers.stderr.hasPrefix(
                "Error: tier shares 0.8,0.5 do not fit: give the high and medium shares of customers, each between "
                    + "0 and 1 and together at most 1 (e.g. 0.2,0.3)\n"
            ))
        let margin = try CLI.run(["pareto", "--margin", "2"], in: directory)
        #expect(margin.stderr.hasPrefix("Error: --margin must be between 0 and 1\n"))
        try "[vip]\nstrategy = \"x\"\n".write(
            to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["matrix", "--strategies", "bad.toml"], in: directory)
        #expect(bad.stderr.hasPrefix("Error: bad.toml: unknown group [vip]; use develop, maintain, nurture, retain\n"))
    }
}
