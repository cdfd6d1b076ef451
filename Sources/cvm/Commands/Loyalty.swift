import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm loyalty`: the loyalty index and the satisfaction → loyalty → value chain.
struct Loyalty: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Loyalty index of the customers who answered, and the satisfaction → loyalty → value chain.",
        discussion: """
            Indicators per customer: repeat rate (orders − 1) ÷ orders, tenure in days, referrals given (survey), \
            overall satisfaction (survey), weighted by the entropy method into a 0–1 index. Value: the 12-month \
            CLV of the latest analysis run, else revenue to date. Pearson correlations with Fisher-z 95% \
            intervals, and the OLS slope of value on satisfaction in a sentence. The index contains satisfaction, \
            so that correlation is partly built in. CSV: customer_id,satisfaction,repeat_rate,tenure_days,\
            referrals,loyalty_index,clv (or revenue).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().loyalty(LoyaltyRequest(wave: wave))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                sink.line(
                    Text.loyaltyHeading(
                        lang, result.customers.count,
                        result.weights.map { "\($0.indicator) \(Number.percent($0.weight))" }.joined(separator: ", ")))
                var table = TerminalTable(
                    headers: Text.loyaltyHeaders.headers(lang),
                    alignments: [.left, .right, .left, .right])
                let value = result.valueMeasure == "clv" ? "CLV" : Text.measureRevenue(lang)
                let links: [(String, Correlation?)] = [
                    (Text.loyaltySatisfactionLoyalty(lang), result.satisfactionLoyalty),
                    (Text.loyaltyLoyaltyValue(lang, value), result.loyaltyValue),
                    (Text.loyaltySatisfactionValue(lang, value), result.satisfactionValue),
                ]
                for (name, c) in links {
                    guard let c else { continue }
                    table.append([
                        name, Number.readable(c.r, digits: 3),
                        Number.readable(c.interval.lowerBound, digits: 3) + " … "
                            + Number.readable(c.interval.upperBound, digits: 3),
                        String(c.observations),
                    ])
                }
                sink.line(table.render())
                if let effect = result.effect(in: lang) { sink.line(effect) }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// `cvm journey`: satisfaction per journey stage and the bottleneck.
struct Journey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Satisfaction per journey stage (need recognition … after-sales), the bottleneck named.",
        discussion: """
            Per stage, over the survey answers tagged with it: mean performance (and on 0–100 of the scale) and \
            mean gap (performance − expectation). The bottleneck is the stage with the lowest gap (the lowest \
            performance when no expectations were asked). CSV: stage,stage_zh,answers,performance,\
            performance_0_100,gap.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().journey(wave: wave)
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                var table = TerminalTable(
                    headers: Text.journeyHeaders.headers(lang),
                    alignments: [.left, .right, .right, .right, .right])
                for s in result.stages {
                    table.append([
                        s.stage.name(in: lang), String(s.answers), Number.readable(s.performance),
                        Number.readable(result.scale.percent(s.performance), digits: 1),
                        s.gap.map { Number.readable($0) } ?? "—",
                    ])
                }
                sink.line(table.render())
                if let bottleneck = result.bottleneck {
                    sink.line(Text.journeyBottleneck(lang, bottleneck.name(in: lang)))
                }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
