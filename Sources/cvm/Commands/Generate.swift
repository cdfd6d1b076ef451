import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic transaction log from a known BG/NBD purchase process with Gamma-Gamma spend.",
        discussion: """
            Per customer: purchase rate λ ~ Gamma(r, rate alpha) per day, dropout probability after each \
            repeat purchase p ~ Beta(a, b), amounts ~ Gamma(p, rate ν) with ν ~ Gamma(q, rate v). First \
            purchases fall uniformly in the cohort window. Output: customer_id,date,amount, sorted by \
            customer then date. The same seed and options give the same file.
            """)

    @Option(help: "Number of customers.") var customers: Int
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: ArgumentHelp("Output CSV file.", valueName: "file")) var out: String

    @Option(help: "BG/NBD shape of the purchase rates.") var r = 0.25
    @Option(help: "BG/NBD rate of the purchase rates, per day.") var alpha = 4.0
    @Option(help: "BG/NBD dropout Beta a.") var a = 0.8
    @Option(help: "BG/NBD dropout Beta b.") var b = 2.5
    @Option(name: .customLong("gg-p"), help: "Gamma-Gamma shape of the amounts.") var ggP = 6.0
    @Option(name: .customLong("gg-q"), help: "Gamma-Gamma shape of the spend rates.") var ggQ = 4.0
    @Option(name: .customLong("gg-v"), help: "Gamma-Gamma rate of the spend rates.") var ggV = 15.0
    @Option(help: "First day of the acquisition window.") var cohortStart = Day(year: 2023, month: 1, day: 1)!
    @Option(help: "Last day of the acquisition window.") var cohortEnd = Day(year: 2023, month: 12, day: 31)!
    @Option(help: "Last day of observation.") var observationEnd = Day(year: 2024, month: 12, day: 31)!

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be at least 1") }
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b), ("gg-p", ggP), ("gg-q", ggQ), ("gg-v", ggV)]
        where !(value > 0 && value.isFinite) {
            throw ValidationError("--\(name) must be a positive number (got \(value))")
        }
        guard cohortStart <= cohortEnd, cohortEnd <= observationEnd else {
            throw ValidationError("dates must satisfy --cohort-start ≤ --cohort-end ≤ --observation-end")
        }
    }

    func run() throws {
        var parameters = TransactionGenerator.Parameters()
        (parameters.r, parameters.alpha, parameters.a, parameters.b) = (r, alpha, a, b)
        (parameters.p, parameters.q, parameters.v) = (ggP, ggQ, ggV)
        let generator = TransactionGenerator(
            parameters: parameters, customers: customers, seed: seed, cohortStart: cohortStart, cohortEnd: cohortEnd,
            observationEnd: observationEnd)
        guard FileManager.default.createFile(atPath: out, contents: nil),
            let handle = FileHandle(forWritingAtPath: out)
        else { throw ValidationFailure("cannot write \(out): check that its folder exists and is writable") }
        defer { try? handle.close() }
        let progress = Progress(label: "Generating")
        let rows = try generator.write(to: handle) { done in progress.update("\(done) of \(customers) customers") }
        progress.finish()
        print("Wrote \(rows) transactions of \(customers) customers to \(out)")
        print(
            "True parameters: BG/NBD r=\(r) alpha=\(alpha) (per day) a=\(a) b=\(b); Gamma-Gamma p=\(ggP) q=\(ggQ) v=\(ggV); "
                + "cohort \(cohortStart)…\(cohortEnd), observation end \(observationEnd), seed \(seed)")
    }
}
