import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

extension ImportancePerformance.Importance: ExpressibleByArgument {}

/// `cvm ipa`: importance–performance quadrants.
struct IPA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipa",
        abstract: "Importance–performance analysis: each attribute's quadrant (Martilla & James).",
        discussion: """
            Quadrants: concentrate here (important, performing below the mean), keep up the good work, low \
            priority, possible overkill (performing above the mean on what matters less). The crosshairs lie at \
            the means of the attributes' importance and performance. Importance is stated (mean stated importance) \
            or derived (--importance derived: the OLS slope of overall satisfaction on each attribute's \
            performance, with its standard error, over the responses that rate every attribute). CSV: \
            attribute,importance,importance_se,performance,quadrant,importance_source.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "stated or derived (regressing overall satisfaction on attribute performance).")
    var importance: ImportancePerformance.Importance = .stated
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().ipa(IPARequest(wave: wave, importance: importance))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                let a = result.analysis
                let source = a.importance == .stated ? Text.ipaStated(lang) : Text.ipaDerived(lang)
                sink.line(
                    Text.ipaHeading(
                        lang, source, Number.readable(a.importanceCrosshair), Number.readable(a.performanceCrosshair)))
                if let r = a.regression {
                    sink.line(Text.ipaRegression(lang, r.observations, Number.readable(r.rSquared, digits: 3)))
                }
                var table = TerminalTable(
                    headers: Text.ipaHeaders.headers(lang),
                    alignments: [.left, .right, .right, .right, .left])
                for x in a.attributes {
                    table.append([
                        x.attribute, Number.readable(x.importance, digits: 3),
                        x.standardError.map { Number.readable($0, digits: 3) } ?? "—", Number.readable(x.performance),
                        x.quadrant.name(in: lang),
                    ])
                }
                sink.line(table.render())
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// `cvm competitors`: the firm against each competitor the survey names.
struct Competitors: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The firm against each competitor: paired rating gaps with CIs, and the relative customer value.",
        discussion: """
            Per competitor and attribute, over the answers that rate both: the mean ratings, gap = competitor − \
            firm with its 95% CI (±1.96·SE of the paired differences). Relative customer value = Σ w·firm ÷ \
            competitor (Gale's quality ratio; above 1 the firm is rated better), w the stated importance or \
            --importance derived, rescaled to sum to 1. CSV: competitor,attribute,answers,firm,\
            competitor_performance,gap,gap_se,\
            gap_ci_low,gap_ci_high,relative_value.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Weights of the relative value: stated or derived importance.")
    var importance: ImportancePerformance.Importance = .stated
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().competitors(
                CompetitorsRequest(wave: wave, importance: importance))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                for c in result.comparisons {
                    sink.line(
                        Text.competitorsHeading(
                            lang, c.competitor, c.relativeValue.map { Number.readable($0, digits: 3) } ?? "—"))
                    var table = TerminalTable(
                        headers: Text.competitorsHeaders.headers(lang),
                        alignments: [.left, .right, .right, .right, .right, .left])
                    for a in c.attributes {
                        table.append([
                            a.attribute, String(a.answers), Number.readable(a.firm), Number.readable(a.competitor),
                            Number.readable(a.gap),
                            Number.readable(a.interval.lowerBound) + " … " + Number.readable(a.interval.upperBound),
                        ])
                    }
                    sink.line(table.render())
                }
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// `cvm delivered-value FILE`: Kotler's delivered value of the offers in a CSV file.
struct DeliveredValueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delivered-value",
        abstract: "Customer delivered value of offers: total customer value − total customer cost, and the ratio.",
        discussion: """
            FILE: offer, provider (empty = the firm, else a competitor), product_value, service_value, \
            personnel_value, image_value, price, time_cost, energy_cost, physical_cost, firm_cost (optional: the \
            firm's cost to deliver). Delivered value = (product + service + personnel + image) − (price + time + \
            energy + physical); ratio = value ÷ cost; firm margin = price − firm cost. Example (the coat): \
            offer,product_value,price then coat,500,350 gives 150. See docs/customer-view.md.
            """)

    @Argument(help: ArgumentHelp("The offers CSV file.", valueName: "file")) var file: String
    @OptionGroup var output: OutputOptions
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try Workspace.deliveredValue(DeliveredValueRequest(file: URL(fileURLWithPath: file)))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table:
                var table = TerminalTable(
                    headers: Text.deliveredHeaders.headers(lang),
                    alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
                for o in result.offers {
                    table.append([
                        o.offer, o.provider.isEmpty ? Text.deliveredTheFirm(lang) : o.provider,
                        Number.readable(o.totalValue), Number.readable(o.totalCost), Number.readable(o.delivered),
                        o.ratio.map { Number.readable($0, digits: 3) } ?? "—",
                        o.firmCost.map { Number.readable($0) } ?? "—", o.firmMargin.map { Number.readable($0) } ?? "—",
                    ])
                }
                sink.line(table.render())
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
