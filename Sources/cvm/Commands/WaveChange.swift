import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm wave-change`: what changed between two survey waves.
struct WaveChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wave-change",
        abstract: "Change in satisfaction, NPS and each attribute between two survey waves, with significance.",
        discussion: """
            Waves are ordered by their first answer's date; by default the last two are compared. Means (overall \
            satisfaction, each attribute's performance and gap) by Welch's t test; NPS by the two-sample Wald z \
            test, SE = √(SE₁² + SE₂²); p two-sided, significant below 0.05. The waves are treated as independent \
            samples (conservative when the same customers answered both). Waves on different scales compare only \
            NPS. CSV: measure,attribute,from_wave,to_wave,from,to,from_n,to_n,change,se,statistic,df,p,significant.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The earlier wave (default: the next-to-last).") var from: String?
    @Option(help: "The later wave (default: the last).") var to: String?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().waveChange(WaveChangeRequest(from: from, to: to))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(render(result))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }

    func render(_ result: WaveChangeResult) -> String {
        let c = result.change
        var lines = [
            Text.waveChangeHeading(
                lang, c.from, result.fromResponses, c.to, result.toResponses, Number.exact(result.significance))
        ]
        if !c.sameScale { lines.append(Text.waveChangeScales(lang, result.fromScale, result.toScale)) }
        var table = TerminalTable(
            headers: [
                Text.waveChangeMeasure(lang), Text.waveChangeFrom(lang), Text.waveChangeTo(lang),
                Text.waveChangeChange(lang), "SE", "p", Text.waveChangeSignificant(lang),
            ],
            alignments: [.left, .right, .right, .right, .right, .right, .left])
        for r in result.rows {
            let name =
                switch r.measure {
                case "satisfaction": Text.waveChangeSatisfaction(lang)
                case "nps": Text.waveChangeNPS(lang)
                case "performance": Text.waveChangePerformance(lang, r.attribute)
                default: Text.waveChangeGap(lang, r.attribute)
                }
            let digits = r.measure == "nps" ? 1 : 2
            table.append([
                name, Number.readable(r.from, digits: digits), Number.readable(r.to, digits: digits),
                (r.difference > 0 ? "+" : "") + Number.readable(r.difference, digits: digits),
                Number.readable(r.standardError, digits: digits), Number.readable(r.p, digits: 3),
                r.p < result.significance ? Text.yes(lang) : Text.no(lang),
            ])
        }
        lines.append(table.render())
        lines.append(Text.waveChangeNote(lang))
        return lines.joined(separator: "\n")
    }
}
