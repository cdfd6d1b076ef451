import CVMStore
import CustomerValue
import Foundation

/// `loyalty`: the loyalty index of the customers who answered, and the chain satisfaction →
/// loyalty → value over them.
public struct LoyaltyRequest: Sendable, Equatable {
    public var wave: String?

    public init(wave: String? = nil) { self.wave = wave }
}

/// Per respondent-customer: the indicators, the entropy-weighted loyalty index, and the chain.
///
/// Indicators: repeat rate (orders − 1) ÷ orders (0 for a single purchase), tenure (days from the
/// first purchase to the last transaction day in the database), referrals given (from the
/// survey; 0 when not answered) and overall satisfaction; weighted by the entropy method and
/// scored 0–1 (`CompositeScore`). The index contains satisfaction, so its correlation with
/// satisfaction is partly built in. Value is the 12-month CLV of the latest stored analysis run
/// when it has one, else the customer's revenue to date.
public struct LoyaltyResult: Sendable, Tabular {
    public let customers: [String]
    public let satisfaction: [Double]
    public let repeatRate: [Double]
    public let tenureDays: [Double]
    public let referrals: [Double]
    public let index: [Double]
    public let value: [Double]
    /// `clv` (from analysis run `run`) or `revenue`.
    public let valueMeasure: String
    public let run: Int64?
    public let weights: [(indicator: String, weight: Double)]
    public let satisfactionLoyalty: Correlation?
    public let loyaltyValue: Correlation?
    public let satisfactionValue: Correlation?
    /// OLS of value on satisfaction.
    public let valueOnSatisfaction: LinearRegression?
    public let scale: SurveyScale

    public var columns: [String] {
        ["customer_id", "satisfaction", "repeat_rate", "tenure_days", "referrals", "loyalty_index", valueMeasure]
    }

    public var rowCount: Int { customers.count }

    public func fields(_ i: Int) -> [String] {
        [
            customers[i], Number.exact(satisfaction[i]), Number.exact(repeatRate[i]), Number.exact(tenureDays[i]),
            Number.exact(referrals[i]), Number.exact(index[i]), Number.exact(value[i]),
        ]
    }

    /// "A 1-point rise in satisfaction goes with +x of CLV (95% CI a … b), +y% of the mean."
    public func effect(in language: Language) -> String? {
        guard let fit = valueOnSatisfaction, let slope = fit.slopes.first, let se = fit.standardErrors.first else {
            return nil
        }
        let mean = value.reduce(0, +) / Double(max(1, value.count))
        let low = slope - 1.959964 * se
        let high = slope + 1.959964 * se
        let share = mean > 0 ? Number.percent(slope / mean) : "—"
        let measure = (valueMeasure == "clv" ? Text.loyaltyCLV12 : Text.loyaltyRevenueToDate)(language)
        return Text.loyaltySlope(
            language, scale, Number.readable(slope), measure, Number.readable(low), Number.readable(high), share,
            fit.observations)
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Link: Encodable, Sendable {
            public let from, to: String
            public let r: Double
            public let ciLow, ciHigh: Double
            public let observations: Int
        }

        public struct Weight: Encodable, Sendable {
            public let indicator: String
            public let weight: Double
        }

        public let respondents: Int
        public let valueMeasure: String
        public let run: Int64?
        public let weights: [Weight]
        public let links: [Link]
        public let slope, slopeSE: Double?
        public let effect: String?
        public let note: String

        init(_ r: LoyaltyResult) {
            respondents = r.customers.count
            valueMeasure = r.valueMeasure
            run = r.run
            weights = r.weights.map { Weight(indicator: $0.indicator, weight: $0.weight) }
            links = [
                ("satisfaction", "loyalty_index", r.satisfactionLoyalty),
                ("loyalty_index", r.valueMeasure, r.loyaltyValue),
                ("satisfaction", r.valueMeasure, r.satisfactionValue),
            ].compactMap { from, to, c in
                c.map {
                    Link(
                        from: from, to: to, r: $0.r, ciLow: $0.interval.lowerBound, ciHigh: $0.interval.upperBound,
                        observations: $0.observations)
                }
            }
            slope = r.valueOnSatisfaction?.slopes.first
            slopeSE = r.valueOnSatisfaction?.standardErrors.first
            effect = r.effect(in: .en)
            note =
                "Pearson r with Fisher-z 95% intervals; the loyalty index contains satisfaction, so their correlation "
                + "is partly built in"
        }
    }
}

extension Workspace {
    /// The loyalty index (entropy weights over repeat rate, tenure, referrals, satisfaction) of the
    /// customers who answered with an overall satisfaction, and the satisfaction → loyalty → value
    /// correlations and the regression of value on satisfaction.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; no transactions; fewer than 4 respondents
    ///   with both an overall satisfaction and purchases), `.notFound`, `.invalidRequest`.
    public func loyalty(_ request: LoyaltyRequest = LoyaltyRequest()) async throws -> LoyaltyResult {
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        // The latest overall answer of each customer.
        var overall: [String: SurveyAnswer] = [:]
        for answer in answers where answer.attribute == nil && answer.satisfaction != nil {
            guard let id = answer.customerID else { continue }
            if let known = overall[id], known.day > answer.day { continue }
            overall[id] = answer
        }
        let summary = try await run { try await store.summary(SummaryOptions()) }
        var clv: [String: Double] = [:]
        var runID: Int64?
        if let latest = try await run({ try await store.analysisRuns() }).last {
            let results = try await run { try await store.analysisResults(latest.id) }.results
            if let values = results.clv {
                runID = latest.id
                for i in 0..<results.count where values[i].isFinite { clv[results.ids[i]] = values[i] }
            }
        }
        var ids: [String] = []
        var satisfaction: [Double] = []
        var repeatRate: [Double] = []
        var tenure: [Double] = []
        var referrals: [Double] = []
        var value: [Double] = []
        for i in 0..<summary.count {
            let id = summary.ids[i]
            guard let answer = overall[id], let s = answer.satisfaction else { continue }
            let v = runID == nil ? summary.revenue[i] : clv[id]
            guard let v else { continue }
            let orders = Double(max(1, summary.orders[i]))
            ids.append(id)
            satisfaction.append(s)
            repeatRate.append((orders - 1) / orders)
            tenure.append(Double(summary.observationEnd.number - summary.firstDay[i].number))
            referrals.append(Double(answer.referrals ?? 0))
            value.append(v)
        }
        guard ids.count >= 4 else {
            throw AppError(
                .noData,
                "\(ids.count) customers answered an overall satisfaction and bought something; the loyalty chain "
                    + "needs at least 4: import the survey's overall rows (with customer ids) and the transactions")
        }
        let indicators = [
            Indicator("repeat_rate", values: repeatRate), Indicator("tenure_days", values: tenure),
            Indicator("referrals", values: referrals), Indicator("satisfaction", values: satisfaction),
        ]
        let weights: EntropyWeights
        let score: CompositeScore
        do {
            weights = try EntropyWeights(indicators)
            score = try CompositeScore(ids: ids, indicators: indicators, weights: weights.indicatorWeights)
        } catch {
            throw AppError.from(error)
        }
        return LoyaltyResult(
            customers: ids, satisfaction: satisfaction, repeatRate: repeatRate, tenureDays: tenure,
            referrals: referrals, index: score.scores, value: value, valueMeasure: runID == nil ? "revenue" : "clv",
            run: runID, weights: Array(zip(weights.names, weights.weights)).map { ($0.0, $0.1) },
            satisfactionLoyalty: Correlation(satisfaction, score.scores),
            loyaltyValue: Correlation(score.scores, value),
            satisfactionValue: Correlation(satisfaction, value),
            valueOnSatisfaction: LinearRegression(value, on: [satisfaction]),
            scale: scale)
    }
}
