import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Indicator weights by the entropy weight method or by AHP pairwise comparison (SPEC V5).",
        discussion: """
            entropy: --input is a CSV with a header row of indicator names and one row per customer; a \
            leading id column (customer_id, id, … or any non-numeric column) is skipped. Each column is \
            min-max normalised in its direction (--directions, one + or - per indicator, default all +), \
            then p = x / column sum, e = −Σ p ln p / ln n, w = (1 − e) / Σ(1 − e). A constant column \
            gets weight 0 with a warning.

            ahp: --input is the pairwise comparison matrix: a header row of criterion names, then one \
            row per criterion in the same order (optionally starting with its name); values on Saaty's \
            1–9 scale or fractions like 1/3, with a_ji = 1/a_ij and 1 on the diagonal. Weights are the \
            principal eigenvector; λmax, CI = (λmax − n)/(n − 1) and CR = CI/RI (Saaty's RI) are \
            reported, and CR > 0.10 is rejected.

            JSON: {"method", "order", "weights": {name: w}, "warnings"} plus "entropy" (entropy) or \
            "lambdaMax", "ci", "ri", "cr" (ahp). See docs/scores-and-weights.md.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable { case entropy, ahp }

    @Option(help: "entropy or ahp.") var method: Method
    @Option(help: ArgumentHelp("The indicator table (entropy) or pairwise matrix (ahp), CSV.", valueName: "file"))
    var input: String
    @Option(
        help: ArgumentHelp(
            "Entropy: one direction per indicator column, e.g. \"+,+,-\" (- = less is better).", valueName: "signs"))
    var directions: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if output.format == .csv { throw ValidationError("--format takes table or json for weights") }
        if method == .ahp && directions != nil {
            throw ValidationError("--directions applies to --method entropy only")
        }
    }

    func run() throws {
        let sink = try output.sink()
        defer { sink.close() }
        switch method {
        case .entropy:
            let signs = try directions.map(Self.parseDirections)
            let table = try ScoringInput.indicators(input, directions: signs)
            let result: EntropyWeights
            do {
                result = try EntropyWeights(table.indicators)
            } catch let error as ScoringError {
                throw ValidationFailure("\(input): \(error.message)")
            }
            if output.format == .json {
                sink.line(try jsonText(EntropyJSON(result)))
            } else {
                var t = TerminalTable(
                    headers: ["indicator", "direction", "entropy", "1 − entropy", "weight"],
                    alignments: [.left, .left, .right, .right, .right])
                for j in result.names.indices {
                    t.append([
                        result.names[j], result.directions[j].symbol, String(format: "%.6f", result.entropies[j]),
                        String(format: "%.6f", result.diversification[j]), String(format: "%.6f", result.weights[j]),
                    ])
                }
                sink.line(
                    "Entropy weights of \(result.names.count) indicators over \(table.indicators[0].values.count) rows\n"
                )
                sink.line(t.render())
                for warning in result.warnings { sink.line("Warning: \(warning)") }
            }
        case .ahp:
            let ahp = try ScoringInput.pairwise(input)
            if output.format == .json {
                sink.line(try jsonText(AHPJSON(ahp)))
            } else {
                var t = TerminalTable(headers: ["criterion", "weight"], alignments: [.left, .right])
                for (name, w) in zip(ahp.names, ahp.weights) { t.append([name, String(format: "%.6f", w)]) }
                sink.line("AHP weights (principal eigenvector) of \(ahp.names.count) criteria\n")
                sink.line(t.render())
                sink.line(
                    String(
                        format: "\nλmax = %.6f, CI = %.6f, RI = %.2f (Saaty), CR = %.4f ≤ 0.10: consistent",
                        ahp.lambdaMax, ahp.consistencyIndex, ahp.randomIndex, ahp.consistencyRatio))
            }
        }
    }

    /// `+,+,-` → directions.
    static func parseDirections(_ text: String) throws -> [Direction] {
        try text.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { k, sign in
            guard let direction = Direction(symbol: String(sign)) else {
                throw ValidationError(
                    "--directions: sign \(k + 1) is \"\(sign)\"; write + (more is better) or - (less is better), e.g. \"+,+,-\""
                )
            }
            return direction
        }
    }

    struct EntropyJSON: Encodable {
        let method = "entropy"
        let order: [String]
        let directions: [String: String]
        let entropy: [String: Double]
        let weights: [String: Double]
        let warnings: [String]

        init(_ r: EntropyWeights) {
            order = r.names
            directions = Dictionary(uniqueKeysWithValues: zip(r.names, r.directions.map(\.symbol)))
            entropy = Dictionary(uniqueKeysWithValues: zip(r.names, r.entropies))
            weights = Dictionary(uniqueKeysWithValues: zip(r.names, r.weights))
            warnings = r.warnings
        }
    }

    struct AHPJSON: Encodable {
        let method = "ahp"
        let order: [String]
        let weights: [String: Double]
        let lambdaMax, ci, ri, cr: Double
        let warnings: [String] = []

        init(_ a: AHP) {
            order = a.names
            weights = Dictionary(uniqueKeysWithValues: zip(a.names, a.weights))
            lambdaMax = a.lambdaMax
            ci = a.consistencyIndex
            ri = a.randomIndex
            cr = a.consistencyRatio
        }
    }
}
