/// The Net Promoter Score of a set of 0–10 "how likely are you to recommend us" answers.
///
/// Promoters answer 9–10, passives 7–8, detractors 0–6; NPS = %promoters − %detractors, on
/// −100…100. Each answer is a draw of X ∈ {+1, 0, −1}, so NPS/100 is the mean of X and, by the
/// multinomial, Var(X) = (p₊ + p₋) − (p₊ − p₋)²; the standard error of the score is
/// 100·√(Var(X)/n) (the Wald interval of Rocks's R package `NPS`, `npvar` and `nps.se`). The
/// 95% interval is score ± 1.959964·SE, clipped to −100…100; it is a large-sample interval and
/// says little below some 30 answers.
public struct NetPromoterScore: Sendable, Equatable {
    public let respondents: Int
    public let promoters: Int
    public let passives: Int
    public let detractors: Int
    /// %promoters − %detractors, −100…100.
    public let score: Double
    /// The standard error of `score`, in points.
    public let standardError: Double
    /// The 95% Wald interval of `score`, clipped to −100…100.
    public let interval: ClosedRange<Double>

    /// The score of `answers` (each 0–10; others are not counted); nil when none is in range.
    public init?(_ answers: [Double]) {
        var promoters = 0
        var passives = 0
        var detractors = 0
        for answer in answers where answer >= 0 && answer <= 10 {
            if answer >= 9 {
                promoters += 1
            } else if answer >= 7 {
                passives += 1
            } else {
                detractors += 1
            }
        }
        let n = promoters + passives + detractors
        guard n > 0 else { return nil }
        self.respondents = n
        self.promoters = promoters
        self.passives = passives
        self.detractors = detractors
        let plus = Double(promoters) / Double(n)
        let minus = Double(detractors) / Double(n)
        score = (plus - minus) * 100
        let variance = max(0, (plus + minus) - (plus - minus) * (plus - minus))
        standardError = (variance / Double(n)).squareRoot() * 100
        let half = 1.959964 * standardError
        interval = max(-100, score - half)...min(100, score + half)
    }
}
