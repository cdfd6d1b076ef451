import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension ScoreCLVSource: ExpressibleByArgument {}

struct Scores: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Composite customer value score: weighted, normalised indicators per customer, ranked.",
        discussion: """
            Indicators from the database, as of --as-of: historical (revenue before the current window), \
            current (revenue in the last --current-window calendar months), frequency (purchase days), \
            recency (days since the last purchase, less is better), tenure (days since the first \
            purchase), loyalty (repeat purchase days / purchase days) and clv (--clv fit, the default: \
            BG/NBD + Gamma-Gamma fitted on the data to --as-of, 12 months, discount 0.01/month, margin 1, \
            the same whatever ran before; --clv none leaves it out). Each is min-max normalised in its \
            direction to 0…1; score = Σ weight × normalised, shown ×100 (0–100).

            Weights: --preset seeds (default: historical 0.2, current 0.55, influence 0.05, credit 0.2; \
            influence and credit have no data yet, so they are dropped and the rest renormalised), \
            --weights FILE.toml ([weights] name = w, optional [directions] name = "+"/"-"), --method \
            entropy (over --indicators, default all), or --method ahp --pairwise FILE.csv.

            CSV: customer_id,score,<indicator>… in rank order, where each indicator column is its \
            contribution (weight × normalised × 100; they add up to the score). With --explain ID: \
            indicator,direction,value,normalised,weight,contribution for that customer.
            """)

    enum Preset: String, ExpressibleByArgument, CaseIterable { case seeds }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Weights from a TOML file ([weights] and optional [directions]).", valueName: "file"))
    var weights: String?
    @Option(help: "Compute the weights: entropy, or ahp with --pairwise.") var method: WeightMethod?
    @Option(help: ArgumentHelp("The AHP pairwise comparison matrix, CSV.", valueName: "file")) var pairwise: String?
    @Option(help: "Preset weights: seeds (the default).") var preset: Preset?
    @Option(help: ArgumentHelp("Entropy: the indicators to weigh, comma-separated (default: all).", valueName: "list"))
    var indicators: String?
    @Option(help: "Where the clv indicator comes from: fit (a fresh fit with the defaults) or none.")
    var clv = Defaults.standard.scoresCLV

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("End of observation, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: ArgumentHelp("Length of the current window in calendar months.", valueName: "months"))
    var currentWindow = Defaults.standard.currentWindowMonths

    @Option(help: ArgumentHelp("Show this customer's score breakdown.", valueName: "customer-id")) var explain: String?
    @Option(help: "Rows shown by --format table.") var limit = Defaults.standard.rowsShown
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en

    func validate() throws {
        let choices = [weights != nil, method != nil, preset != nil].filter { $0 }.count
        if choices > 1 { throw ValidationError("give one of --weights, --method or --preset") }
        if method == .ahp && pairwise == nil {
            throw ValidationError("--method ahp needs --pairwise FILE.csv (the comparison matrix)")
        }
        if pairwise != nil && method != .ahp { throw ValidationError("--pairwise goes with --method ahp") }
        if indicators != nil && method != .entropy { throw ValidationError("--indicators goes with --method entropy") }
        if currentWindow < 1 { throw ValidationError("--current-window must be at least 1 month") }
        if limit < 0 { throw ValidationError("--limit must be ≥ 0") }
    }

    func scoreWeights() throws -> ScoreWeights {
        switch (weights, method) {
        case (let path?, _): return .file(path, try WeightsFile.read(path))
        case (nil, .entropy?):
            return .entropy(
                indicators: indicators?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        case (nil, .ahp?): return .ahp(pairwise: pairwise ?? "")
        case (nil, nil): return .seeds
        }
    }

    func run() async throws {
        let weights = try scoreWeights()
        let workspace = try global.openWorkspaceForReading()
        let request = ScoresRequest(
            weights: weights, asOf: asOf, currentWindowMonths: currentWindow, explain: explain, clv: clv)
        let result: ScoresResult
        do {
            result = try await ValueAdvice.run { try await workspace.scores(request) }
        } catch let error as AppError
            where error.code == .invalidRequest && indicators != nil && error.message.contains("indicator \"")
        {
            throw ValidationFailure("--indicators: \(error.message)")
        }
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .table: sink.line(ScoresView.table(result, limit: limit, lang: lang))
        case .csv:
            if let breakdown = result.breakdown { breakdown.writeCSV(sink.write) } else { result.writeCSV(sink.write) }
            for line in result.notes + result.warnings {
                FileHandle.standardError.write(Data((Text.labelNote.labelling(line, in: lang) + "\n").utf8))
            }
        case .json: sink.line(try JSONDocument.text(result.document))
        }
        if let path = sink.path {
            FileHandle.standardError.write(
                Data((Text.wroteCustomers(lang, result.score.count, path) + "\n").utf8))
        }
    }
}

/// A composite score as terminal tables.
enum ScoresView {
    static func table(_ result: ScoresResult, limit: Int, lang: Language) -> String {
        let score = result.score
        let data = result.indicators
        let points = ScoresResult.points
        var text =
            Text.scoresTitle(lang, data.asOf, score.count, result.currentWindowMonths, data.windowStart + 1) + "\n"
        text += Text.scoresWeights(lang, result.method) + "\n\n"
        var weights = TerminalTable(
            headers: Text.scoresWeightHeaders.headers(lang), alignments: [.left, .left, .right])
        for (indicator, w) in zip(score.indicators, score.weights) {
            weights.append([indicator.name, indicator.direction.symbol, String(format: "%.4f", w)])
        }
        text += weights.render() + "\n"
        for note in result.notes { text += "\n" + Text.labelNote.labelling(note, in: lang) }
        for warning in result.warnings { text += "\n" + Text.warning(lang, warning) }
        if !(result.notes.isEmpty && result.warnings.isEmpty) { text += "\n" }
        var ranked = TerminalTable(
            headers: Text.scoresRankHeaders.headers(lang) + score.indicators.map(\.name),
            alignments: [.right, .left] + Array(repeating: .right, count: score.indicators.count + 1))
        let ranks = score.ranks
        for i in score.ranking.prefix(limit) {
            ranked.append(
                [String(ranks[i]), score.ids[i], Number.readable(points(score.scores[i]))]
                    + score.breakdown(i).map { Number.readable(points($0.contribution)) })
        }
        text += "\n" + ranked.render()
        if score.count > limit { text += "\n" + TerminalTable.moreRows(score.count - limit, lang: lang) }
        if let explain = result.explained {
            text +=
                "\n\n"
                + Text.scoresExplainTitle(
                    lang, score.ids[explain], Number.readable(points(score.scores[explain])), ranks[explain],
                    score.count) + "\n\n"
            var terms = TerminalTable(
                headers: Text.scoresExplainHeaders.headers(lang),
                alignments: [.left, .left, .right, .right, .right, .right])
            for term in score.breakdown(explain) {
                terms.append([
                    term.indicator, term.direction.symbol, Number.readable(term.value),
                    String(format: "%.4f", term.normalised), String(format: "%.4f", term.weight),
                    Number.readable(points(term.contribution)),
                ])
            }
            text += terms.render()
        }
        return text
    }
}
