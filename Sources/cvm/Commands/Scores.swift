import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Scores: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Composite customer value score: weighted, normalised indicators per customer, ranked (SPEC V5).",
        discussion: """
            Indicators from the database, as of --as-of: historical (revenue before the current window), \
            current (revenue in the last --current-window calendar months), frequency (purchase days), \
            recency (days since the last purchase, less is better), tenure (days since the first \
            purchase), loyalty (repeat purchase days / purchase days) and clv (latest `cvm predict \
            --spend gammagamma` run, when stored). Each is min-max normalised in its direction to 0…1; \
            score = Σ weight × normalised, shown ×100 (0–100).

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
    @Option(help: "Compute the weights: entropy, or ahp with --pairwise.") var method: Weights.Method?
    @Option(help: ArgumentHelp("The AHP pairwise comparison matrix, CSV.", valueName: "file")) var pairwise: String?
    @Option(help: "Preset weights: seeds (the default).") var preset: Preset?
    @Option(help: ArgumentHelp("Entropy: the indicators to weigh, comma-separated (default: all).", valueName: "list"))
    var indicators: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("End of observation, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?
    @Option(help: ArgumentHelp("Length of the current window in calendar months.", valueName: "months"))
    var currentWindow = 12

    @Option(help: ArgumentHelp("Show this customer's score breakdown.", valueName: "customer-id")) var explain: String?
    @Option(help: "Rows shown by --format table.") var limit = 20

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

    func run() throws {
        let store = try global.openStore()
        var data = try store.customerIndicators(asOf: asOf, windowMonths: currentWindow)
        let available = Set(data.names)
        var notes = data.notes
        var warnings: [String] = []
        let chosen: IndicatorWeights
        let label: String
        switch (weights, method) {
        case (let path?, _):
            let file = try ScoringInput.weightsFile(path)
            for (j, indicator) in data.indicators.enumerated() {
                if let direction = file.directions[indicator.name] { data.indicators[j].direction = direction }
            }
            let (kept, note) = try restrict(file.weights, to: available)
            chosen = kept
            if let note { notes.append(note) }
            label = "from \(path)"
        case (nil, .entropy?):
            let names = try selectedIndicators(available: data.names)
            let result: EntropyWeights
            do {
                result = try EntropyWeights(data.indicators.filter { names.contains($0.name) })
            } catch let error as ScoringError {
                throw ValidationFailure(error.message)
            }
            chosen = result.indicatorWeights
            warnings += result.warnings
            label = "entropy weight method"
        case (nil, .ahp?):
            let ahp = try ScoringInput.pairwise(pairwise!)
            let known = ValueIndicator.allCases.map(\.rawValue)
            for name in ahp.names where !known.contains(name) {
                throw ValidationFailure(
                    "\(pairwise!): unknown indicator \"\(name)\"; known indicators: \(known.joined(separator: ", "))")
            }
            let (kept, note) = try restrict(ahp.indicatorWeights, to: available)
            chosen = kept
            if let note { notes.append(note) }
            label = String(
                format: "AHP from %@ (λmax = %.4f, CR = %.4f)", pairwise!, ahp.lambdaMax, ahp.consistencyRatio)
        case (nil, nil):
            // The seeds' tree: future value's parts are CLV × credit / loyalty / elasticity.
            data.indicators += WeightTree.seeds.derivedIndicators(from: data.indicators)
            let kept: IndicatorWeights
            let note: String?
            do {
                (kept, note) = try WeightTree.seeds.weights(available: Set(data.names))
            } catch let error as ScoringError {
                throw ValidationFailure(error.message)
            }
            chosen = kept
            if let note { notes.append(note) }
            label = "preset seeds"
        }
        let score: CompositeScore
        do {
            score = try CompositeScore(ids: data.ids, indicators: data.indicators, weights: chosen)
        } catch let error as ScoringError {
            throw ValidationFailure(error.message)
        }
        warnings += score.warnings
        let explained = try explain.map { id in
            guard let index = score.ids.firstIndex(of: id) else {
                throw ValidationFailure(
                    "customer \"\(id)\" is not among the \(score.count) customers scored as of \(data.asOf) (unknown id, or first purchase after --as-of)"
                )
            }
            return index
        }
        let report = ScoreReport(
            score: score, data: data, method: label, notes: notes, warnings: warnings, window: currentWindow)
        let sink = try output.sink()
        defer { sink.close() }
        switch output.format {
        case .table: sink.line(report.table(limit: limit, explain: explained))
        case .csv:
            if let explained { report.writeBreakdownCSV(explained, to: sink) } else { report.writeCSV(to: sink) }
            for line in notes + warnings { FileHandle.standardError.write(Data("Note: \(line)\n".utf8)) }
        case .json: sink.line(try jsonText(report.json(explain: explained)))
        }
        if let path = sink.path {
            FileHandle.standardError.write(Data("Wrote \(score.count) customers to \(path)\n".utf8))
        }
    }

    /// Drops weighted indicators the data lacks; unknown names are errors.
    func restrict(_ weights: IndicatorWeights, to available: Set<String>) throws -> (IndicatorWeights, String?) {
        do {
            return try weights.validated().restricted(to: available)
        } catch let error as ScoringError {
            throw ValidationFailure(error.message)
        }
    }

    func selectedIndicators(available: [String]) throws -> [String] {
        guard let indicators else { return available }
        let names = indicators.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where !available.contains(name) {
            let known = ValueIndicator.allCases.map(\.rawValue)
            throw ValidationError(
                known.contains(name)
                    ? "--indicators: \"\(name)\" cannot be computed from this database; available: \(available.joined(separator: ", "))"
                    : "--indicators: unknown indicator \"\(name)\"; known indicators: \(known.joined(separator: ", "))")
        }
        return names
    }
}

/// The shapes of a composite score in a table, CSV and JSON.
struct ScoreReport {
    let score: CompositeScore
    let data: CustomerIndicators
    let method: String
    let notes: [String]
    let warnings: [String]
    let window: Int

    static func points(_ x: Double) -> Double { x * 100 }

    func table(limit: Int, explain: Int?) -> String {
        var text = "Composite value score as of \(data.asOf): \(score.count) customers; current window: "
        text += "\(window) months (\(data.windowStart + 1) to \(data.asOf))\n"
        text += "Weights: \(method)\n\n"
        var weights = TerminalTable(headers: ["indicator", "direction", "weight"], alignments: [.left, .left, .right])
        for (indicator, w) in zip(score.indicators, score.weights) {
            weights.append([indicator.name, indicator.direction.symbol, String(format: "%.4f", w)])
        }
        text += weights.render() + "\n"
        for note in notes { text += "\nNote: \(note)" }
        for warning in warnings { text += "\nWarning: \(warning)" }
        if !(notes.isEmpty && warnings.isEmpty) { text += "\n" }
        var ranked = TerminalTable(
            headers: ["rank", "customer_id", "score"] + score.indicators.map(\.name),
            alignments: [.right, .left] + Array(repeating: .right, count: score.indicators.count + 1))
        let ranks = score.ranks
        for i in score.ranking.prefix(limit) {
            ranked.append(
                [String(ranks[i]), score.ids[i], Number.readable(Self.points(score.scores[i]))]
                    + score.breakdown(i).map { Number.readable(Self.points($0.contribution)) })
        }
        text += "\n" + ranked.render()
        if score.count > limit { text += "\n… \(score.count - limit) more (use --format csv or json for all rows)" }
        if let explain {
            text += "\n\nCustomer \(score.ids[explain]): score \(Number.readable(Self.points(score.scores[explain]))), "
            text += "rank \(ranks[explain]) of \(score.count)\n\n"
            var terms = TerminalTable(
                headers: ["indicator", "direction", "value", "normalised", "weight", "points"],
                alignments: [.left, .left, .right, .right, .right, .right])
            for term in score.breakdown(explain) {
                terms.append([
                    term.indicator, term.direction.symbol, Number.readable(term.value),
                    String(format: "%.4f", term.normalised),
                    String(format: "%.4f", term.weight), Number.readable(Self.points(term.contribution)),
                ])
            }
            text += terms.render()
        }
        return text
    }

    func writeCSV(to sink: TextSink) {
        sink.line(CSV.row(["customer_id", "score"] + score.indicators.map(\.name)))
        for i in score.ranking {
            sink.line(
                CSV.row(
                    [score.ids[i], Number.exact(Self.points(score.scores[i]))]
                        + score.breakdown(i).map { Number.exact(Self.points($0.contribution)) }))
        }
    }

    func writeBreakdownCSV(_ index: Int, to sink: TextSink) {
        sink.line("indicator,direction,value,normalised,weight,contribution")
        for t in score.breakdown(index) {
            sink.line(
                CSV.row([
                    t.indicator, t.direction.symbol, Number.exact(t.value), Number.exact(t.normalised),
                    Number.exact(t.weight),
                    Number.exact(Self.points(t.contribution)),
                ]))
        }
    }

    /// `{"asOf", "windowStart", "currentWindowMonths", "method", "order", "weights", "directions",
    /// "notes", "warnings", "customers": [{customer_id, rank, score, contributions}], "explain"?}`.
    struct JSON: Encodable {
        let asOf, windowStart: String
        let currentWindowMonths: Int
        let method: String
        let order: [String]
        let weights: [String: Double]
        let directions: [String: String]
        let notes, warnings: [String]
        let customers: [Customer]
        let explain: Explain?

        struct Customer: Encodable {
            let customer_id: String
            let rank: Int
            let score: Double
            let contributions: [String: Double]
        }

        struct Explain: Encodable {
            let customer_id: String
            let rank: Int
            let score: Double
            let terms: [Term]
        }

        struct Term: Encodable {
            let indicator, direction: String
            let value, normalised, weight, contribution: Double
        }
    }

    func json(explain: Int?) -> JSON {
        let names = score.indicators.map(\.name)
        let ranks = score.ranks
        let customers = score.ranking.map { i in
            JSON.Customer(
                customer_id: score.ids[i], rank: ranks[i], score: Self.points(score.scores[i]),
                contributions: Dictionary(
                    uniqueKeysWithValues: score.breakdown(i).map { ($0.indicator, Self.points($0.contribution)) }))
        }
        return JSON(
            asOf: data.asOf.description, windowStart: (data.windowStart + 1).description, currentWindowMonths: window,
            method: method, order: names, weights: Dictionary(uniqueKeysWithValues: zip(names, score.weights)),
            directions: Dictionary(uniqueKeysWithValues: score.indicators.map { ($0.name, $0.direction.symbol) }),
            notes: notes, warnings: warnings, customers: customers,
            explain: explain.map { i in
                JSON.Explain(
                    customer_id: score.ids[i], rank: ranks[i], score: Self.points(score.scores[i]),
                    terms: score.breakdown(i).map {
                        JSON.Term(
                            indicator: $0.indicator, direction: $0.direction.symbol, value: $0.value,
                            normalised: $0.normalised, weight: $0.weight, contribution: Self.points($0.contribution))
                    })
            })
    }
}
