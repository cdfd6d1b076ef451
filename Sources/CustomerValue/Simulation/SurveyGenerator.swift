import Foundation

/// Synthetic survey answers from a model whose truth is known, so that the survey analyses can
/// be checked for recovering it.
///
/// The model, on a 1–7 scale. Attribute k has a true mean performance μₖ, a true regression
/// weight βₖ, a true competitor gap δₖ (the competitor's mean minus ours) and a true expectation
/// gap gₖ (our mean performance minus the mean desired expectation). Respondent i has a latent
/// experience uᵢ = b·xᵢ + U(−0.8, 0.8), where xᵢ ∈ [−1, 1] is the customer's standardised log
/// purchase rate halved and clipped (0 when it is unknown). Then, with ⟦y⟧ the stochastic
/// rounding of y (up with probability equal to its fraction, so that E⟦y⟧ = y):
/// - performance Pᵢₖ = ⟦μₖ + uᵢ + U(−0.8, 0.8)⟧;
/// - desired expectation Eᵢₖ = ⟦μₖ − gₖ + U(−1, 1)⟧, adequate Aᵢₖ = max(1, Eᵢₖ − 1 or 2);
/// - competitor performance Cᵢₖ = ⟦μₖ + δₖ + U(−1.5, 1.5)⟧;
/// - stated importance Iᵢₖ = ⟦3.5 + 2.5·βₖ/max β + U(−1, 1)⟧;
/// - overall satisfaction Sᵢ = ⟦α + Σₖ βₖ·Pᵢₖ + U(−0.3, 0.3)⟧;
/// - likelihood to recommend Rᵢ = ⟦(Sᵢ − 1)/6·10 + 2 + U(−1.5, 1.5)⟧ clipped to 0–10;
/// - would buy again when Sᵢ ≥ 5; referrals ⟦2.5·U(0, 1)⟧ for promoters (Rᵢ ≥ 9), else 0.
///
/// The ranges are chosen so that nothing but the adequate level and the recommendation is ever
/// clipped: every rating stays inside 1–7 by construction, so E[S | P] = α + Σβₖ·Pₖ holds exactly
/// and OLS of S on P is unbiased for β; E[C − P] = δₖ; and E[S | x] rises by b·Σβₖ per unit of x
/// (the true satisfaction–purchase-rate link).
public struct SurveyGenerator: Sendable {
    /// One attribute of the model.
    public struct Attribute: Sendable, Equatable, Codable {
        public var id: String
        public var stage: JourneyStage
        public var meanPerformance: Double
        public var weight: Double
        public var competitorGap: Double
        public var expectationGap: Double

        public init(
            id: String, stage: JourneyStage, meanPerformance: Double, weight: Double, competitorGap: Double,
            expectationGap: Double
        ) {
            self.id = id
            self.stage = stage
            self.meanPerformance = meanPerformance
            self.weight = weight
            self.competitorGap = competitorGap
            self.expectationGap = expectationGap
        }
    }

    /// The standard model: five attributes along the journey, weights summing to 0.9.
    public static let standardAttributes = [
        Attribute(
            id: "product_quality", stage: .use, meanPerformance: 4.6, weight: 0.30, competitorGap: -0.4,
            expectationGap: -0.3),
        Attribute(
            id: "price", stage: .evaluation, meanPerformance: 4.0, weight: 0.20, competitorGap: 0.3,
            expectationGap: -0.6),
        Attribute(
            id: "delivery", stage: .purchase, meanPerformance: 3.6, weight: 0.15, competitorGap: 0.5,
            expectationGap: -1.0),
        Attribute(
            id: "service", stage: .afterSales, meanPerformance: 4.2, weight: 0.15, competitorGap: 0.0,
            expectationGap: -0.5),
        Attribute(
            id: "information", stage: .search, meanPerformance: 4.8, weight: 0.10, competitorGap: -0.2,
            expectationGap: 0.2),
    ]

    public var attributes: [Attribute]
    /// The intercept α of overall satisfaction.
    public var intercept: Double
    /// b: how strongly the latent experience follows the purchase rate.
    public var purchaseLink: Double
    public var competitor: String
    public var seed: UInt64

    public init(
        attributes: [Attribute] = standardAttributes, intercept: Double = 0.4, purchaseLink: Double = 0.4,
        competitor: String = "rival", seed: UInt64 = 42
    ) {
        self.attributes = attributes
        self.intercept = intercept
        self.purchaseLink = purchaseLink
        self.competitor = competitor
        self.seed = seed
    }

    /// The true slope of E[satisfaction] on x: b·Σβₖ.
    public var satisfactionLink: Double { purchaseLink * attributes.reduce(0) { $0 + $1.weight } }

    /// The CSV header `answers(for:)` rows follow.
    public static let header =
        "response_id,customer_id,date,wave,attribute,stage,importance,expectation,adequate,performance,"
        + "competitor,competitor_performance,satisfaction,recommend,buy_again,referrals"

    /// The survey's rows for respondents `customers` (ids, with x, the clipped standardised log
    /// purchase rate, or nil), answering on `day` in `wave`: per respondent one row per attribute
    /// and one overall row. The same inputs give the same rows.
    public func rows(customers: [(id: String, x: Double?)], day: Day, wave: String) -> [String] {
        var random = RandomSource(seed: seed)
        func round(_ y: Double) -> Int {
            let floor = y.rounded(.down)
            return Int(floor) + (random.uniform() < y - floor ? 1 : 0)
        }
        func uniform(_ half: Double) -> Double { (random.uniform() * 2 - 1) * half }
        let maxWeight = attributes.map(\.weight).max() ?? 1
        var lines: [String] = []
        lines.reserveCapacity(customers.count * (attributes.count + 1))
        for (index, customer) in customers.enumerated() {
            let response = "R\(index + 1)"
            let x = customer.x.map { min(1, max(-1, $0)) } ?? 0
            let u = purchaseLink * x + uniform(0.8)
            var latent = intercept
            for attribute in attributes {
                let performance = round(attribute.meanPerformance + u + uniform(0.8))
                let expectation = round(attribute.meanPerformance - attribute.expectationGap + uniform(1))
                let adequate = max(1, expectation - 1 - (random.uniform() < 0.5 ? 1 : 0))
                let rival = round(attribute.meanPerformance + attribute.competitorGap + uniform(1.5))
                let importance = round(3.5 + 2.5 * attribute.weight / maxWeight + uniform(1))
                latent += attribute.weight * Double(performance)
                lines.append(
                    "\(response),\(customer.id),\(day),\(wave),\(attribute.id),\(attribute.stage.rawValue),"
                        + "\(importance),\(expectation),\(adequate),\(performance),\(competitor),\(rival),,,,")
            }
            let satisfaction = round(latent + uniform(0.3))
            let recommend = min(10, max(0, round(Double(satisfaction - 1) / 6 * 10 + 2 + uniform(1.5))))
            let buyAgain = satisfaction >= 5 ? "yes" : "no"
            let referrals = recommend >= 9 ? round(random.uniform() * 2.5) : 0
            lines.append(
                "\(response),\(customer.id),\(day),\(wave),,,,,,,,,\(satisfaction),\(recommend),"
                    + "\(buyAgain),\(referrals)")
        }
        return lines
    }

    /// The truth as JSON: `{model, scale, intercept, satisfaction_link, attributes: [...]}`.
    public var truthJSON: String {
        let entries = attributes.map { a in
            "    {\"id\": \"\(a.id)\", \"stage\": \"\(a.stage.rawValue)\", \"mean_performance\": \(a.meanPerformance), "
                + "\"weight\": \(a.weight), \"competitor_gap\": \(a.competitorGap), "
                + "\"expectation_gap\": \(a.expectationGap)}"
        }
        return """
            {
              "model": "cvm synthetic survey: see SurveyGenerator and docs/customer-view.md",
              "seed": \(seed),
              "scale": "1-7",
              "competitor": "\(competitor)",
              "intercept": \(intercept),
              "purchase_link": \(purchaseLink),
              "satisfaction_link": \((satisfactionLink * 1e9).rounded() / 1e9),
              "attributes": [
            \(entries.joined(separator: ",\n"))
              ]
            }

            """
    }
}
