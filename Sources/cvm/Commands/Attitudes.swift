import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm attitudes`: respondents clustered by what matters to them.
struct AttitudesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attitudes",
        abstract: "Attitude clusters: respondents grouped by the importance and expectation they state.",
        discussion: """
            k-means (k-means++ seeding, a fixed seed: the same clusters every run) over each response's stated \
            importance and desired expectation of every attribute, each standardised to mean 0 and SD 1; only \
            responses that answer all of them. Per cluster: its size, its profile in the survey's units, the most \
            distinctive feature (furthest from the mean in SDs), mean overall satisfaction, NPS, and the mean \
            revenue to date of its identified customers. Naming a cluster (demanding, thrifty, …) is left to you. \
            CSV: cluster,size,attribute,kind,centre,standardised,distinctive,mean_satisfaction,nps,customers,\
            mean_revenue.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "One survey wave (default: every wave).") var wave: String?
    @Option(help: "Number of clusters, 1–20 (default: 4).") var clusters: Int?
    @Option(help: "Language of the table and messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let result = try await global.openWorkspaceForReading().attitudes(
                AttitudesRequest(wave: wave, clusters: clusters))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(render(result))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }

    func render(_ result: AttitudesResult) -> String {
        let c = result.clustering
        let names = c.features.map { f in
            f.kind == .importance
                ? Text.attitudesImportance(lang, f.attribute) : Text.attitudesExpectation(lang, f.attribute)
        }
        var lines = [Text.attitudesHeading(lang, c.respondents.count, c.clusters.count)]
        var summary = TerminalTable(
            headers: [
                Text.attitudesCluster(lang), Text.attitudesSize(lang), Text.attitudesDistinctive(lang),
                Text.attitudesSatisfaction(lang), "NPS", Text.attitudesCustomers(lang), Text.attitudesRevenue(lang),
            ],
            alignments: [.right, .right, .left, .right, .right, .right, .right])
        for (i, g) in result.groups.enumerated() {
            let z = g.cluster.standardised[g.cluster.distinctive]
            summary.append([
                String(i + 1), String(g.cluster.size),
                names[g.cluster.distinctive] + " " + (z >= 0 ? "+" : "") + Number.readable(z, digits: 1) + " SD",
                g.meanSatisfaction.map { Number.readable($0) } ?? "—",
                g.nps.map { Number.readable($0.score, digits: 1) } ?? "—", String(g.customers),
                g.meanRevenue.map { Number.readable($0) } ?? "—",
            ])
        }
        lines.append(summary.render())
        var profile = TerminalTable(
            headers: [""] + result.groups.indices.map { Text.attitudesCluster(lang) + " \($0 + 1)" },
            alignments: [.left] + result.groups.map { _ in .right })
        for (j, name) in names.enumerated() {
            profile.append([name] + result.groups.map { Number.readable($0.cluster.centre[j]) })
        }
        lines.append(profile.render())
        lines.append(Text.attitudesNote(lang))
        return lines.joined(separator: "\n")
    }
}
