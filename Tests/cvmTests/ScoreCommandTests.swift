import Foundation
import Testing
import _CVMTestSupport

/// `cvm weights` and `cvm scores` end to end.
@Suite struct ScoreCommandTests {
    private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The 4×3 table of EntropyWeightTests (hand-worked and checked with numpy): w = 0.38077579,
    /// 0.33151627, 0.28770794; the id column is skipped.
    @Test func entropyWeightsFromAFile() throws {
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
        let weights = try #require(object["weights"] as? [String: Double])
        #expect(abs(weights["revenue"]! - 0.3807757889397996) < 1e-12)
        #expect(abs(weights["purchases"]! - 0.3315162691819131) < 1e-12)
        #expect(abs(weights["recency"]! - 0.2877079418782873) < 1e-12)
        #expect(object["order"] as? [String] == ["revenue", "purchases", "recency"])

        let table = try CLI.run(["weights", "--method", "entropy", "--input", file, "--directions", "+,+,-"])
        #expect(table.stdout.contains("revenue    +          0.689392     0.310608  0.380776"))
    }

    @Test func weightsRejectBadInputWithFileLineAndColumn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try write("id,revenue,purchases\nA,100,2\nB,3x0,6\n", "bad.csv", in: directory)
        let run = try CLI.run(["weights", "--method", "entropy", "--input", bad])
        #expect(run.status != 0)
        #expect(run.stderr.contains("Error: \(bad), line 3, column 2 (\"revenue\"): \"3x0\" is not a number"))

        let short = try write("id,revenue,purchases\nA,100,2\nB,300\n", "short.csv", in: directory)
        let shortRun = try CLI.run(["weights", "--method", "entropy", "--input", short])
        #expect(shortRun.stderr.contains("Error: \(short), line 3: 2 fields, but the header (line 1) has 3"))

        let signs = try CLI.run(["weights", "--method", "entropy", "--input", short, "--directions", "+,?"])
        #expect(signs.stderr.contains("--directions: sign 2 is \"?\"; write + (more is better) or - (less is better)"))

        let one = try write("revenue,purchases\n100,2\n", "one.csv", in: directory)
        let oneRun = try CLI.run(["weights", "--method", "entropy", "--input", one])
        #expect(oneRun.stderr.contains("\(one): the entropy weight method needs at least 2 customers"))

        let nonReciprocal = try write(",a,b,c\na,1,3,5\nb,1/2,1,3\nc,1/5,1/3,1\n", "pairs.csv", in: directory)
        let pairs = try CLI.run(["weights", "--method", "ahp", "--input", nonReciprocal])
        #expect(pairs.status != 0)
        #expect(
            pairs.stderr.contains(
                "Error: \(nonReciprocal), line 3, column 2: row \"b\", column \"a\" is 1/2 but must be the reciprocal of row \"a\", column \"b\" = 3, i.e. 1/3"
            ))

        let word = try write("a,b\n1,three\n1/3,1\n", "word.csv", in: directory)
        let wordRun = try CLI.run(["weights", "--method", "ahp", "--input", word])
        #expect(
            wordRun.stderr.contains(
                "Error: \(word), line 2, column 2: \"three\" is not a number or fraction (use 1–9 or 1/3)"))
    }

    /// Saaty's 3×3 (numpy: w = 0.63699, 0.25828, 0.10473, λmax = 3.03851, CR = 0.03320) and a
    /// matrix with CR = 0.158 rejected (AHPTests).
    @Test func ahpWeightsAndConsistency() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let saaty = try write("A,B,C\n1,3,5\n1/3,1,3\n1/5,1/3,1\n", "saaty.csv", in: directory)
        let run = try CLI.run(["weights", "--method", "ahp", "--input", saaty, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let weights = try #require(object["weights"] as? [String: Double])
        #expect(abs(weights["A"]! - 0.6369855717447569) < 1e-12)
        #expect(abs((object["lambdaMax"] as! Double) - 3.0385110905581745) < 1e-12)
        #expect(abs((object["cr"] as! Double) - 0.033199215998426276) < 1e-12)
        #expect(object["ri"] as? Double == 0.58)

        let bad = try write(
            "historical,current,frequency,recency\n1,1/3,4,8\n3,1,2,4\n1/4,1/2,1,2\n1/8,1/4,1/2,1\n", "bad.csv",
            in: directory)
        let rejected = try CLI.run(["weights", "--method", "ahp", "--input", bad])
        #expect(rejected.status != 0)
        #expect(
            rejected.stderr.contains(
                "Error: \(bad): inconsistent judgements: CR = 0.16 > 0.10; revise the comparisons, e.g. \"historical\" vs \"current\" is 1/3 where the other judgements imply about 0.76"
            ))
    }

    /// The bundled CDNOW sample: every method runs, scores lie in 0…100 and come sorted.
    @Test func scoresOnTheCDNOWSample() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)

        let entropy = try CLI.run(["scores", "--method", "entropy", "--format", "csv"], in: directory)
        #expect(entropy.status == 0, "\(entropy.stderr)")
        let lines = entropy.stdout.split(separator: "\n")
        #expect(lines.first == "customer_id,score,historical,current,frequency,recency,tenure,loyalty")
        #expect(lines.count == 2358)
        let rows = lines.dropFirst().map { $0.split(separator: ",").dropFirst().map { Double($0)! } }
        let scores = rows.map { $0[0] }
        #expect(scores.allSatisfy { (0...100).contains($0) })
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
        // The contributions add up to the score.
        #expect(rows.allSatisfy { abs($0.dropFirst().reduce(0, +) - $0[0]) < 1e-9 })
        #expect(entropy.stderr.contains("clv left out"))

        // The seeds' preset is the default: influence and future value (no CLV yet) dropped, the rest
        // renormalised.
        let preset = try CLI.run(["scores", "--explain", "1"], in: directory)
        #expect(preset.status == 0, "\(preset.stderr)")
        #expect(preset.stdout.contains("historical  +          0.2667"))
        #expect(preset.stdout.contains("current     +          0.7333"))
        #expect(
            preset.stdout.contains(
                "influence (0.05), credit_value (0.0667), loyalty_value (0.0667), elasticity_value (0.0667)"))
        #expect(preset.stdout.contains("Customer 1: score"))

        let toml = try write("[weights]\ncurrent = 3\nrecency = 1\n", "w.toml", in: directory)
        let fromFile = try CLI.run(["scores", "--weights", toml, "--format", "json"], in: directory)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fromFile.stdout.utf8)) as? [String: Any])
        #expect(object["weights"] as? [String: Double] == ["current": 0.75, "recency": 0.25])
        #expect(
            (object["warnings"] as? [String])?.contains("the weights sum to 4, not 1; they were renormalised") == true)
        #expect((object["customers"] as? [Any])?.count == 2357)

        let unknown = try write("[weights]\nspend = 1\n", "u.toml", in: directory)
        let unknownRun = try CLI.run(["scores", "--weights", unknown], in: directory)
        #expect(unknownRun.status != 0)
        #expect(
            unknownRun.stderr.contains(
                "\(unknown), [weights]: unknown indicator \"spend\"; known indicators: historical, current, frequency, recency, tenure, clv, loyalty, influence, credit"
            ))

        let pairs = try write(",current,recency\ncurrent,1,3\nrecency,1/3,1\n", "p.csv", in: directory)
        let ahp = try CLI.run(["scores", "--method", "ahp", "--pairwise", pairs, "--format", "json"], in: directory)
        #expect(ahp.status == 0, "\(ahp.stderr)")
        let ahpObject = try #require(try JSONSerialization.jsonObject(with: Data(ahp.stdout.utf8)) as? [String: Any])
        let w = try #require(ahpObject["weights"] as? [String: Double])
        #expect(abs(w["current"]! - 0.75) < 1e-12 && abs(w["recency"]! - 0.25) < 1e-12)

        let missing = try CLI.run(["scores", "--explain", "nobody"], in: directory)
        #expect(missing.stderr.contains("customer \"nobody\" is not among the 2357 customers scored as of 1998-06-30"))
    }
}
