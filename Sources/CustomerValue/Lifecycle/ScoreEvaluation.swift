/// How well a score ranks customers for an outcome (who churned, who bought nothing in a
/// holdout): the area under the ROC curve and the top-decile lift.
public struct ScoreEvaluation: Equatable, Sendable {
    /// P(score of a random positive > score of a random negative), ties counting one half
    /// (the Mann–Whitney statistic over the product of the class sizes); nil without both classes.
    public var auc: Double?
    /// The positive rate among the tenth of customers with the highest scores over the positive
    /// rate of all; nil when there is no positive.
    public var topDecileLift: Double?
    public var positives: Int
    public var count: Int

    /// `scores` higher = more likely positive; `outcomes` true = positive.
    public init(scores: [Double], outcomes: [Bool]) {
        precondition(scores.count == outcomes.count)
        count = scores.count
        positives = outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }
        let negatives = count - positives
        // Ranks with ties averaged, ascending by score.
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositives = 0.0
        var k = 0
        while k < order.count {
            var end = k
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[k]] { end += 1 }
            let rank = Double(k + end + 2) / 2  // ranks are 1-based
            for j in k...end where outcomes[order[j]] { rankSumPositives += rank }
            k = end + 1
        }
        if positives > 0, negatives > 0 {
            let u = rankSumPositives - Double(positives) * Double(positives + 1) / 2
            auc = u / (Double(positives) * Double(negatives))
        }
        if positives > 0, count > 0 {
            // The top decile by score, ties broken by position so the result is deterministic.
            let top = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            let n = max(1, count / 10)
            let hits = top.prefix(n).reduce(0) { $0 + (outcomes[$1] ? 1 : 0) }
            topDecileLift = (Double(hits) / Double(n)) / (Double(positives) / Double(count))
        }
    }
}
