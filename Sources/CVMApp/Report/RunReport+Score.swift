import CVMReport
import CVMStore
import CustomerValue
import Foundation

extension RunReport {
    /// The run's composite value score: how it is spread, the weights it was made with, and the
    /// customers it ranks highest (the same scores and ranks the run stored, not scored again).
    func scoreSection() -> Report.Section {
        let x = results
        let title = say(.reportScoreTitle)
        guard let score = x.score, let rank = x.scoreRank, !score.isEmpty else {
            return Report.Section(id: "score", title: title, notes: [skipped(.score)])
        }
        let histogram = Histogram(
            title: say(.reportScoreDistribution), xTitle: say(.reportScoreAxis), yTitle: t(.numberOfCustomers),
            values: score)
        let weights = Report.Table(
            headers: Text.reportScoreWeightHeaders.headers(language),
            rows: settings.scoreWeights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { [$0.key, Number.percent($0.value)] },
            numeric: [1])
        let top = x.ids.indices.sorted { rank[$0] != rank[$1] ? rank[$0] < rank[$1] : $0 < $1 }.prefix(20)
        let ranked = Report.Table(
            headers: Text.reportScoreTopHeaders.headers(language),
            rows: top.map { i in
                [
                    String(rank[i]), x.ids[i], Number.readable(score[i], digits: 1),
                    x.clv.map { Number.readable($0[i]) } ?? "–",
                    x.tier.flatMap { ValueTier(rawValue: $0[i])?.name(in: language) } ?? "–",
                ]
            }, numeric: [0, 2, 3]
        ).linking(column: 1) { _, id in links?.customer(id) }
        return Report.Section(
            id: "score", title: title, intro: say(.reportScoreIntro),
            charts: [(histogram.svg(), say(.reportScoreDistribution))], tables: [weights, ranked])
    }
}
