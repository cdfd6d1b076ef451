import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm value-map`: Gale's customer value map.
struct ValueMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "value-map",
        abstract: "Customer value map: relative quality against relative price, with the fair-value line (Gale).",
        discussion: """
            For the firm and each competitor the survey rates: relative quality = Σ w · rating ÷ the other \
            providers' mean rating over the quality attributes (Gale's quality ratio; for the firm, ours ÷ the \
            average competitor); relative price = 1 ÷ the same ratio over the price attributes, which customers \
            rate as satisfaction with price. w: stated importance (or --importance derived), rescaled to sum to 1 \
            within each group. The fair-value line runs through (1, 1), its slope fitted by least squares across \
            the providers (or --fair-slope). Value = the signed perpendicular distance to the line: above 0 (below \
            and right of it) is better value. CSV: group,provider,is_firm,relative_quality,relative_price,fair_price,\
            value,position with a first column group (all, then each group of --segment rfm|value); provider empty \
            for the firm. See docs/customer-view.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Weights of the profiles: stated or derived importance.")
    var importance: ImportancePerformance.Importance = .stated
    @Option(
        name: .customLong("price-attribute"),
        help: "An attribute rated as satisfaction with price (repeat for several; default: price).")
    var priceAttributes: [String] = []
    @Option(help: "Slope of the fair-value line (default: fitted across the providers).")
    var fairSlope: Double?
    @Option(help: "Also a map per group of respondents: rfm or value (from the latest analysis run).")
    var segment: SurveySegmentation?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().valueMap(
                ValueMapRequest(
                    wave: wave, importance: importance,
                    priceAttributes: priceAttributes.isEmpty ? nil : priceAttributes,
                    fairSlope: fairSlope, segment: segment))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(ValueMapTable.render(result, lang: lang))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// The terminal form of a value map: the map's points, then the profile behind them.
enum ValueMapTable {
    static func render(_ result: ValueMapResult, lang: Language) -> String {
        let map = result.map
        var lines = [
            Text.valueMapHeading(
                lang, result.weightsText(lang), Number.readable(map.slope, digits: 3), result.slopeText(lang))
        ]
        lines.append(points(map, lang: lang))
        var profile = TerminalTable(
            headers: [Text.valueMapAttribute(lang), Text.valueMapKind(lang), Text.valueMapWeight(lang)]
                + map.providers.map { ValueMapResult.name($0, in: lang) },
            alignments: [.left, .left, .right] + map.providers.map { _ in .right })
        for a in map.attributes {
            profile.append(
                [
                    a.attribute, a.isPrice ? Text.valueMapPrice(lang) : Text.valueMapQuality(lang),
                    Number.percent(a.weight),
                ] + a.ratings.map { $0.map { Number.readable($0) } ?? "—" })
        }
        lines.append(profile.render())
        let prices = map.attributes.filter(\.isPrice).map(\.attribute)
        lines.append(Text.valueMapPriceNote(lang, prices.joined(separator: lang.listSeparator)))
        for group in result.segments {
            if let r = group.result {
                lines.append(
                    Text.valueMapGroup(
                        lang, group.group, Number.readable(r.map.slope, digits: 3), r.slopeText(lang)))
                lines.append(points(r.map, lang: lang))
            } else if let problem = group.problem {
                lines.append(Text.valueMapGroupNone(lang, group.group, problem.message(in: lang)))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The map's points: each provider's position, fair price, value and side of the line.
    static func points(_ map: CustomerValueMap, lang: Language) -> String {
        var points = TerminalTable(
            headers: [
                Text.valueMapProvider(lang), Text.valueMapRelativeQuality(lang), Text.valueMapRelativePrice(lang),
                Text.valueMapFairPrice(lang), Text.valueMapValue(lang), Text.valueMapPosition(lang),
            ],
            alignments: [.left, .right, .right, .right, .right, .left])
        for p in map.providers {
            points.append([
                ValueMapResult.name(p, in: lang), Number.readable(p.relativeQuality, digits: 3),
                Number.readable(p.relativePrice, digits: 3), Number.readable(p.fairPrice, digits: 3),
                Number.readable(p.value, digits: 3), ValueMapPosition(p.value).name(in: lang),
            ])
        }
        return points.render()
    }
}
