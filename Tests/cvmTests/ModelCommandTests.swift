import Foundation
import Testing
import _CVMTestSupport

/// The model commands end to end: what the command line adds to the workspace calls (options,
/// files, messages, exit codes). The models' figures are tested in CVMAppTests.
@Suite struct ModelCommandTests {
    static let summaryFile = Fixtures.url("cdnow_customers_summary_with_transactions.csv").path

    /// The JSON `fit` writes is what `predict --fit` reads: the same predictions as a fresh fit.
    @Test func aFitWrittenAsJSONIsReadBackByPredict() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fitPath = directory.appendingPathComponent("fit.json").path
        let fit = try CLI.run(
            ["fit", "--summary", Self.summaryFile, "--summary-unit", "week", "--format", "json", "--out", fitPath])
        #expect(fit.status == 0, "\(fit.stderr)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fitPath))) as? [String: Any])
        #expect(abs((object["log_likelihood"] as! Double) + 9582.43) < 0.01)
        let base = [
            "predict", "--summary", Self.summaryFile, "--summary-unit", "week", "--horizon", "39", "--format", "csv",
        ]
        let saved = try CLI.run(base + ["--fit", fitPath])
        let fresh = try CLI.run(base)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout == fresh.stdout)
        #expect(saved.stdout.split(separator: "\n").count == 2358)

        let missing = try CLI.run(["predict", "--summary", Self.summaryFile, "--params", "r=0.2,alpha=4"])
        #expect(missing.status == 1)
        #expect(
            missing.stderr.contains("Error: --params: the parameters lack a, b for model bgnbd (needs r, alpha, a, b)"))
        let sbg = try CLI.run(["fit", "--model", "sbg"])
        #expect(sbg.status != 0 && sbg.stderr.contains("give --survivors"))
        let noPeriods = try CLI.run(["fit", "--model", "bgbb", "--summary", Self.summaryFile])
        #expect(noPeriods.stderr.contains("Error: bgbb needs purchase opportunities"))
        let comparison = try CLI.run(
            ["fit", "--summary", Self.summaryFile, "--summary-unit", "week", "--model", "bgnbd,mbgnbd", "--lang", "zh"])
        #expect(comparison.status == 0)
        #expect(comparison.stdout.contains("按 BIC 排名的模型（越低越好）：") && comparison.stdout.contains("-9582.43"))
    }

    /// With no repeat buyers nothing is predicted or stored, and the exit code says so; fit shows
    /// the models as not fitted, with no NaN.
    @Test func anUnfittedModelPredictsNothing() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let orders = directory.appendingPathComponent("once.csv")
        try "customer_id,date,amount\na,2024-01-01,5\nb,2024-01-03,7\nc,2024-02-01,9\n".write(
            to: orders, atomically: true, encoding: .utf8)
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", orders.path], in: directory)
        let predict = try CLI.run(["predict", "--spend", "gammagamma"], in: directory)
        #expect(predict.status == 1)
        #expect(
            predict.stderr.contains(
                "Error: the bgnbd model could not be fitted: it needs at least 2 customers with repeat purchases "
                    + "(found 0); nothing was predicted or stored."))
        #expect(!predict.stderr.contains("Stored predictions"))
        let zh = try CLI.run(["predict", "--lang", "zh"], in: directory)
        #expect(zh.stderr.contains("bgnbd 模型无法拟合：至少需要 2 位有重复购买的客户（现有 0 位）"))
        for model in ["bgnbd", "pareto", "mbgnbd", "gammagamma"] {
            let fit = try CLI.run(["fit", "--model", model], in: directory)
            #expect(fit.status == 0, "\(fit.stderr)")
            #expect(!fit.stdout.lowercased().contains("nan"), "\(fit.stdout)")
            #expect(fit.stdout.contains("\(model): NOT FITTED") || fit.stdout.contains("(rates per day): NOT FITTED"))
            #expect(fit.stdout.contains("log-likelihood –   AIC –   BIC –"))
        }
    }

    @Test func summaryFileErrorsNameLineAndColumn() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("s.csv")
        try "frequency,recency,T\n1,2,3\n2,x,5\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["fit", "--summary", file.path])
        #expect(run.status != 0)
        #expect(
            run.stderr.contains("s.csv, line 3, column \"recency\": \"x\" is not a recency (expected a number ≥ 0)"))
        try "frequency,recency,T\n1,9,3\n".write(to: file, atomically: true, encoding: .utf8)
        let after = try CLI.run(["fit", "--summary", file.path])
        #expect(after.stderr.contains("s.csv, line 2: recency 9.0 is after T 3.0"))
        try "a,b\n1,2\n".write(to: file, atomically: true, encoding: .utf8)
        let columns = try CLI.run(["fit", "--summary", file.path])
        #expect(columns.stderr.contains("s.csv has no frequency column (found: a, b)"))
        // A summary file is an input: an output never replaces it.
        try "frequency,recency,T\n1,2,3\n0,0,5\n".write(to: file, atomically: true, encoding: .utf8)
        let out = try CLI.run([
            "predict", "--summary", file.path, "--params", "r=0.2,alpha=4,a=0.8,b=2.4", "--format", "csv", "--out",
            file.path,
        ])
        #expect(out.status == 1)
        #expect(out.stderr.contains("is an input of this command: an output never replaces it; choose another file"))
    }
}
