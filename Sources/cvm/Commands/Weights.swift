import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension WeightMethod: ExpressibleByArgument {}

struct Weights: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Indicator weights by the entropy weight method or by AHP pairwise comparison.",
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

            JSON: {"method", "rows"?, "weights": [{"name", "weight", "direction"?, "entropy"?, \
            "diversification"?}] in column order, "lambda_max", "ci", "ri", "cr" (ahp), "warnings"}. \
            See docs/scores-and-weights.md.
            """)

    @Option(help: "entropy or ahp.") var method: WeightMethod
    @Option(help: ArgumentHelp("The indicator table (entropy) or pairwise matrix (ahp), CSV.", valueName: "file"))
    var input: String
    @Option(
        help: ArgumentHelp(
            "Entropy: one direction per indicator column, e.g. \"+,+,-\" (- = less is better).", valueName: "signs"))
    var directions: String?
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if output.format == .csv { throw ValidationError("--format takes table or json for weights") }
        if method == .ahp && directions != nil {
            throw ValidationError("--directions applies to --method entropy only")
        }
    }

    func run() async throws {
        let request = WeightsRequest(method: method, input: input, directions: try directions.map(Self.parseDirections))
        let result: WeightsResult
        do {
            result = try await Workspace.weights(request)
        } catch let error as AppError where error.code == .invalidRequest && request.directions != nil {
            throw ValidationFailure("--directions: \(error.message)")
        }
        let sink = try output.sink()
        defer { sink.close() }
        if output.format == .json {
            sink.line(try JSONDocument.text(result.document))
            return
        }
        switch result {
        case .entropy(let e, let rows):
            var t = TerminalTable(
                headers: Text.weightsEntropyHeaders.headers(lang),
                alignments: [.left, .left, .right, .right, .right])
            for j in e.names.indices {
                t.append([
                    e.names[j], e.directions[j].symbol, String(format: "%.6f", e.entropies[j]),
                    String(format: "%.6f", e.diversification[j]), String(format: "%.6f", e.weights[j]),
                ])
            }
            sink.line(Text.weightsEntropyTitle(lang, e.names.count, rows) + "\n")
            sink.line(t.render())
            for warning in e.warnings { sink.line(Text.warning(lang, warning)) }
        case .ahp(let ahp):
            var t = TerminalTable(headers: Text.weightsAHPHeaders.headers(lang), alignments: [.left, .right])
            for (name, w) in zip(ahp.names, ahp.weights) { t.append([name, String(format: "%.6f", w)]) }
            sink.line(Text.weightsAHPTitle(lang, ahp.names.count) + "\n")
            sink.line(t.render())
            sink.line(
                "\n"
                    + Text.weightsAHPConsistency(
                        lang,
                        String(
                            format: "λmax = %.6f, CI = %.6f, RI = %.2f (Saaty), CR = %.4f ≤ 0.10", ahp.lambdaMax,
                            ahp.consistencyIndex, ahp.randomIndex, ahp.consistencyRatio)))
        }
    }

    /// `+,+,-` → directions.
    static func parseDirections(_ text: String) throws -> [Direction] {
        try text.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { k, sign in
            guard let direction = Direction(symbol: String(sign)) else {
                throw ValidationError(
                    "--directions: sign \(k + 1) is \"\(sign)\"; write + (more is better) or - (less is better), "
                        + "e.g. \"+,+,-\""
                )
            }
            return direction
        }
    }
}
