import Foundation
import Testing
import _CVMTestSupport

/// `cvm weights` and `cvm scores` end to end: the command line, the formats and CLI advice. The
/// behaviour is tested in-process in CVMAppTests.
@Suite struct ScoreCommandTests {
    private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The 4×3 table of EntropyWeightTests (hand-worked, checked with numpy): the JSON lists the
    /// weights in column order, as objects.
    @Test func entropyWeightsInColumnOrder() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(
            "customer_id,revenue,purchases,recency\nA,100,2,10\nB,300,6,40\nC,200,4,20\nD,500,8,70\n", "x.csv",
            in: directory)
        let run = try CLI.run([
            "weights", "--method", "entropy", "--input", file, "--directions", "+,+,-", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let weights = try #require(object["weights"] as? [[String: Any]])
        #expect(weights.map { $0["name"] as? String } == ["revenue", "purchases", "recency"])
        #expect(abs((weights[0]["weight"] as? Double ?? 0) - 0.3807757889397996) < 1e-12)
        #expect(weights[2]["direction"] as? String == "-")

        let table = try CLI.run(["weights", "--method", "entropy", "--input", file, "--directions", "+,+,-"])
        #expect(table.stdout.contains("revenue    +          0.689392     0.310608  0.380776"))
        let zh = try CLI.run(["weights", "--method", "entropy", "--input", file, "--lang", "zh"])
        #expect(zh.stdout.hasPrefix("熵值法权重：3 个指标，4 行\n"))

        let signs = try CLI.run(["weights", "--method", "entropy", "--input", file, "--directions", "+,?"])
        #expect(signs.stderr.contains("--directions: sign 2 is \"?\"; write + (more is better) or - (less is better)"))
        let count = try CLI.run(["weights", "--method", "entropy", "--input", file, "--directions", "+,-"])
        #expect(
            count.stderr.contains(
                "Error: --directions: 2 directions given for 3 indicators (revenue, purchases, recency)"))
        let bad = try write("id,revenue,purchases\nA,100,2\nB,3x0,6\n", "bad.csv", in: directory)
        let badRun = try CLI.run(["weights", "--method", "entropy", "--input", bad])
        #expect(badRun.stderr.contains("Error: \(bad), line 3, column 2 (\"revenue\"): \"3x0\" is not a number"))
    }

    @Test func scoresOnTheCDNOWSample() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)

        let entropy = try CLI.run(["scores", "--method", "entropy", "--format", "csv"], in: directory)
        #expect(entropy.status == 0, "\(entropy.stderr)")
        let lines = entropy.stdout.split(separator: "\n")
        #expect(lines.first == "customer_id,score,historical,current,frequency,recency,tenure,clv,loyalty")
        #expect(lines.count == 2358)
        // The CLV's source is stated.
        #expect(entropy.stderr.hasPrefix("Note: clv of BG/NBD + Gamma-Gamma fitted on the data to 1998-06-30"))

        // The seeds' tree is the default. No influence, credit or elasticity data: future value's 0.2
        // goes to its one available part, loyalty value (CLV × loyalty), and the missing influence
        // leaf's 0.05 is renormalised away: 0.2 / 0.95, 0.55 / 0.95, 0.2 / 0.95.
        let preset = try CLI.run(["scores", "--explain", "1"], in: directory)
        #expect(preset.status == 0, "\(preset.stderr)")
        #expect(preset.stdout.contains("historical     +          0.2105"))
        #expect(preset.stdout.contains("current        +          0.5789"))
        #expect(preset.stdout.contains("loyalty_value  +          0.2105"))
        #expect(
            preset.stdout.contains("influence (0.05), credit_value (0.0667), elasticity_value (0.0667)"))
        #expect(preset.stdout.contains("Customer 1: score"))
        let zh = try CLI.run(["scores", "--lang", "zh", "--limit", "1"], in: directory)
        #expect(zh.stdout.hasPrefix("综合价值评分（截至 1998-06-30）：2357 位客户"))
        #expect(zh.stdout.contains("…… 另有 2356 行"))

        let toml = try write("[weights]\ncurrent = 3\nrecency = 1\n", "w.toml", in: directory)
        let fromFile = try CLI.run(["scores", "--weights", toml, "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        let weights = try #require(object["weights"] as? [[String: Any]])
        #expect(weights.map { $0["name"] as? String } == ["current", "recency"])
        #expect(weights.map { $0["weight"] as? Double } == [0.75, 0.25])

        let unknown = try CLI.run(["scores", "--method", "entropy", "--indicators", "spend"], in: directory)
        #expect(
            unknown.stderr.contains("Error: --indicators: unknown indicator \"spend\"; known indicators: historical"))
        let missing = try CLI.run(["scores", "--explain", "nobody"], in: directory)
        #expect(missing.stderr.contains("customer \"nobody\" is not among the 2357 customers scored as of 1998-06-30"))
    }
}
