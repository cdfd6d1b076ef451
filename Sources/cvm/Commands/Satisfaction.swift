import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension SurveySegmentation: ExpressibleByArgument {}

/// `cvm satisfaction`: gaps, index, weakest link, zone of tolerance and NPS from the survey answers.
struct Satisfaction: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Satisfaction from the survey: gaps per attribute, weighted index, weakest link, NPS with its CI.",
        discussion: """
            Gap = performance − desired expectation (SERVQUAL), per attribute the mean over the answers giving \
            both; unweighted = mean of the attribute gaps, weighted = Σ weight × gap with weights the mean stated \
            importances (equal when none was asked). Index = Σ weight × mean performance, on 0–100 of the scale. \
            Weakest link: the attribute and journey stage with the lowest gap, and each respondent's own worst \
            gap averaged, beside the average. Zone of tolerance: mean performance against the mean adequate and \
            desired levels. NPS = %promoters (9–10) − %detractors (0–6), 95% Wald interval with \
            SE² = ((p+ + p−) − (p+ − p−)²)/n. --segment rfm|value groups respondents by the latest stored \
            analysis run. CSV: group,attribute,stage,answers,importance,expectation,adequate,performance,gap,\
            weight,zone,below_adequate_share.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Also per group of respondents: rfm or value (from the latest analysis run).")
    var segment: SurveySegmentation?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().satisfaction(
                SatisfactionRequest(wave: wave, segment: segment))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                for group in result.groups { sink.line(SatisfactionTable.render(group, lang: lang)) }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// The terminal form of a satisfaction analysis.
enum SatisfactionTable {
    static func render(_ group: SatisfactionResult.Group, lang: Language) -> String {
        let a = group.analysis
        let n = { (value: Double?) in value.map { Number.readable($0) } ?? "—" }
        var lines: [String] = []
        let title = group.group == "all" ? Text.surveyAllRespondents(lang) : Text.surveyGroup(lang, group.group)
        lines.append(Text.surveyResponses(lang, title, a.responses, a.anonymous, a.scale))
        if let nps = a.nps {
            lines.append(
                Text.surveyNPS(
                    lang, Number.readable(nps.score, digits: 1), Number.readable(nps.interval.lowerBound, digits: 1),
                    Number.readable(nps.interval.upperBound, digits: 1), nps.promoters, nps.passives, nps.detractors,
                    nps.respondents))
        }
        if let s = a.meanSatisfaction { lines.append(Text.surveyMeanSatisfaction(lang, n(s))) }
        if let index = a.index {
            let weights = a.statedWeights ? Text.surveyStatedWeights(lang) : Text.surveyEqualWeights(lang)
            lines.append(Text.surveyIndex(lang, weights, n(index)))
        }
        if let gap = a.unweightedGap {
            lines.append(Text.surveyGap(lang, n(gap), n(a.weightedGap), n(a.worstEpisodeGap)))
        }
        if let weakest = a.weakestAttribute {
            var text = Text.surveyWeakest(lang, weakest)
            if let stage = a.weakestStage { text += Text.surveyWeakestStage(lang, stage.name(in: lang)) }
            lines.append(text)
        }
        var table = TerminalTable(
            headers: Text.surveyAttributeHeaders.headers(lang),
            alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .left])
        for x in a.attributes {
            var zone = x.zone?.name(in: lang) ?? "—"
            if let share = x.belowAdequateShare {
                zone += Text.surveyBelowAdequate(lang, Number.percent(share))
            }
            table.append([
                x.attribute, x.stage?.name(in: lang) ?? "—", String(x.answers), n(x.importance), n(x.expectation),
                n(x.adequate), n(x.performance), n(x.gap), Number.percent(x.weight), zone,
            ])
        }
        if !a.attributes.isEmpty { lines.append(table.render()) }
        if !a.stages.isEmpty {
            var stages = TerminalTable(
                headers: Text.surveyStageHeaders.headers(lang),
                alignments: [.left, .right, .right, .right])
            for s in a.stages {
                stages.append([s.stage.name(in: lang), String(s.answers), n(s.performance), n(s.gap)])
            }
            lines.append(stages.render())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
