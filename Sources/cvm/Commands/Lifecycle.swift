import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// The rules file and the as-of date, shared by lifecycle and warnings.
struct LifecycleArguments: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The as-of date, YYYY-MM-DD (default: the last transaction date).", valueName: "date"))
    var asOf: Day?

    @Option(
        help: ArgumentHelp(
            "Your own thresholds: a TOML file with [stages], [warnings] and [[loss_reason]] (see docs/lifecycle.md).",
            valueName: "file"))
    var rules: String?

    func rulesFile() throws -> LifecycleRulesFile? { try rules.map { try LifecycleRulesFile.load($0) } }
}

struct Lifecycle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Where each relationship stands: 潜在获取期 prospect … 考察期 … 形成期 … 稳定期 … 退化期 … 终止期.",
        discussion: """
            Each customer's stage at the as-of date, decided by explicit rules (the first that applies): no \
            purchase → prospect; a gap far beyond the customer's own rhythm or a very low P(alive) → \
            termination; a gap beyond the rhythm, a low P(alive), a falling value per purchase or a long-open \
            complaint → decline; few purchase days or a short tenure → exploration; not yet enough purchase \
            days and tenure → formation; else stability. The rhythm is the 90th percentile of the customer's \
            own gaps (of all customers' gaps for a customer with too few). P(alive) comes from MBG/NBD \
            (Pareto/NBD when it does not converge), never from BG/NBD.

            --explain ID prints the facts and the rule that decided. --patterns adds the journeys: I early \
            abort, II midway, III early exit, IV long-kept, and the months spent in each stage.

            CSV (one row per customer): customer_id,stage,rule,purchase_days,tenure_days,\
            days_since_last_purchase,rhythm_days,rhythm_is_own,recent_window_days,recent_value_per_purchase,\
            earlier_value_per_purchase,p_alive,open_complaint_days[,pattern,months_prospect…months_termination],\
            revenue,clv,explanation. With --view stages: stage,name,name_zh,customers,share,revenue,clv.
            """)

    enum View: String, ExpressibleByArgument { case customers, stages }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var lifecycle: LifecycleArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Language of the table and explanations: en or zh.") var lang: Language = .en
    @Option(help: ArgumentHelp("Explain one customer's stage: the facts and the rule.", valueName: "id"))
    var explain: String?
    @Flag(help: "Also trace each customer's monthly stages: the patterns I–IV and the months in each stage.")
    var patterns = false
    @Option(
        help: "customers (one row each) or stages (one row per stage). Default: stages for a table, customers for csv.")
    var view: View?

    func run() async throws {
        do {
            let file = try lifecycle.rulesFile()
            let workspace = try global.openWorkspaceForReading()
            let result = try await workspace.lifecycle(
                LifecycleRequest(asOf: lifecycle.asOf, rules: file?.stages, patterns: patterns))
            let sink = try output.sink()
            defer { sink.close() }
            if let explain {
                guard let i = result.index(of: explain) else {
                    throw AppError(.notFound, .lifecycleUnknownCustomer, explain, result.asOf)
                }
                switch output.format {
                case .json:
                    let a = result.assignments[i]
                    sink.line(
                        try JSONDocument.text(
                            LifecycleExplanation(
                                customerID: result.ids[i], asOf: result.asOf.description, stage: a.stage.rawValue,
                                rule: a.rule.rawValue, pAliveModel: result.alive.model ?? "none", facts: a.facts,
                                explanation: a.explanation(in: lang))))
                default: sink.line(LifecycleView.explanation(result, i, lang: lang))
                }
                return
            }
            switch (output.format, view ?? (output.format == .table ? .stages : .customers)) {
            case (.table, .stages): sink.line(LifecycleView.table(result, lang: lang))
            case (.table, .customers): sink.line(LifecycleView.customerTable(result, lang: lang))
            case (.csv, .stages): result.stageRows.writeCSV(sink.write)
            case (.csv, .customers): result.customers(in: lang).writeCSV(sink.write)
            case (.json, _): sink.line(try JSONDocument.text(result.document(in: lang)))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// `{customer_id, as_of, stage, rule, p_alive_model, facts, explanation}`.
struct LifecycleExplanation: Encodable {
    let customerID, asOf, stage, rule, pAliveModel: String
    let facts: LifecycleFacts
    let explanation: String
}

enum LifecycleView {
    static func aliveLine(_ r: LifecycleResult, lang: Language) -> String {
        r.alive.model == nil
            ? Text.lifecycleNoPAlive(lang, r.alive.reason ?? "") : Text.lifecyclePAliveFrom(lang, r.alive.name)
    }

    static func table(_ r: LifecycleResult, lang: Language) -> String {
        var table = TerminalTable(
            headers: [
                Text.lifecycleStage(lang), Text.lifecycleCustomers(lang), Text.lifecycleShare(lang),
                Text.lifecycleRevenue(lang), Text.lifecycleCLV(lang),
            ],
            alignments: [.left, .right, .right, .right, .right])
        for t in r.stages {
            table.append([
                t.stage.name(in: lang), String(t.customers), Number.percent(t.share), Number.readable(t.revenue),
                t.clv.map { Number.readable($0) } ?? "–",
            ])
        }
        var lines = [Text.lifecycleHeading(lang, r.asOf, r.ids.count), "", table.render(), ""]
        lines.append(aliveLine(r, lang: lang))
        lines.append(r.clvSource.describe(in: lang))
        if let patterns = r.patterns {
            let stages = LifecycleStage.allCases
            var p = TerminalTable(
                headers: [Text.lifecyclePattern(lang), Text.lifecycleCustomers(lang)]
                    + stages.map { Text.lifecycleMeanMonths(lang, $0.name(in: lang)) },
                alignments: [.left] + [TerminalTable.Alignment](repeating: .right, count: stages.count + 1))
            for t in patterns {
                p.append(
                    [t.pattern.name(in: lang), String(t.customers)]
                        + t.meanMonths.map { Number.readable($0, digits: 1) })
            }
            lines += ["", Text.lifecyclePatternsHeading(lang), "", p.render()]
        }
        return lines.joined(separator: "\n")
    }

    static func customerTable(_ r: LifecycleResult, lang: Language, limit: Int = Defaults.standard.rowsShown)
        -> String
    {
        var table = TerminalTable(
            headers: [Text.segmentsCustomerID(lang), Text.lifecycleStage(lang), Text.lifecycleRule(lang)],
            alignments: [.left, .left, .left])
        for i in 0..<min(limit, r.ids.count) {
            table.append([r.ids[i], r.assignments[i].stage.name(in: lang), r.assignments[i].explanation(in: lang)])
        }
        return table.render()
    }

    static func explanation(_ r: LifecycleResult, _ i: Int, lang: Language) -> String {
        var table = TerminalTable(
            headers: [Text.lifecycleFact(lang), Text.lifecycleValue(lang)], alignments: [.left, .right])
        for fact in r.facts(i, in: lang) { table.append([fact.label, fact.value]) }
        return [
            Text.lifecycleExplainHeading(lang, r.ids[i], r.asOf), "", r.assignments[i].explanation(in: lang), "",
            table.render(), "", aliveLine(r, lang: lang),
        ].joined(separator: "\n")
    }
}
