import CVMStore
import CustomerValue
import Foundation

/// `satisfaction-retention`: satisfaction in a wave joined to the purchases that followed.
public struct SatisfactionRetentionRequest: Sendable, Equatable {
    public var wave: String?
    /// Days after the answer in which a purchase counts (default `Defaults.retentionHorizonDays`).
    public var horizonDays: Int?

    public init(wave: String? = nil, horizonDays: Int? = nil) {
        self.wave = wave
        self.horizonDays = horizonDays
    }
}

/// The share buying again and the purchases per satisfaction rating, and the fitted links.
public struct SatisfactionRetentionResult: Sendable, Tabular {
    public let wave: String?
    public let scale: SurveyScale
    public let link: SatisfactionRetention

    public var columns: [String] {
        ["satisfaction", "respondents", "retained", "retention", "mean_purchases", "mean_spend"]
    }

    public var rowCount: Int { link.levels.count }

    public func fields(_ i: Int) -> [String] {
        let l = link.levels[i]
        return [
            Number.exact(l.satisfaction), String(l.respondents), String(l.retained), Number.exact(l.retention),
            Number.exact(l.meanPurchases), Number.exact(l.meanSpend),
        ]
    }

    /// "A 1-point higher satisfaction goes with x points more of customers buying again …", or
    /// nil when the fit could not be made.
    public func effect(in language: Language) -> String? {
        guard let fit = link.retentionFit, let slope = fit.slopes.first, let se = fit.standardErrors.first else {
            return nil
        }
        let points = { (v: Double) in Number.readable(v * 100, digits: 1) }
        var text = Text.retentionEffect(
            language, scale, points(slope), points(slope - 1.959964 * se), points(slope + 1.959964 * se),
            link.horizonDays, fit.observations)
        if let adjusted = link.adjustedPurchasesFit, let a = adjusted.slopes.first,
            let e = adjusted.standardErrors.first
        {
            text +=
                " "
                + Text.retentionAdjusted(
                    language, Number.readable(a), Number.readable(a - 1.959964 * e), Number.readable(a + 1.959964 * e))
        }
        return text
    }

    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Fit: Encodable, Sendable {
            public let outcome: String
            public let predictors: [String]
            public let observations: Int
            public let intercept: Double
            public let slopes, slopeSE: [Double]
            public let rSquared: Double
        }

        public struct Level: Encodable, Sendable {
            public let satisfaction: Double
            public let respondents, retained: Int
            public let retention, meanPurchases, meanSpend: Double
        }

        public let wave: String?
        public let scale: String
        public let horizonDays: Int
        public let observationEnd: String
        public let respondents, censored: Int
        public let levels: [Level]
        public let fits: [Fit]
        public let effect: String?
        public let note: String

        init(_ r: SatisfactionRetentionResult) {
            let l = r.link
            wave = r.wave
            scale = r.scale.description
            horizonDays = l.horizonDays
            observationEnd = l.observationEnd.description
            respondents = l.respondents.count
            censored = l.censored
            levels = l.levels.map {
                Level(
                    satisfaction: $0.satisfaction, respondents: $0.respondents, retained: $0.retained,
                    retention: $0.retention, meanPurchases: $0.meanPurchases, meanSpend: $0.meanSpend)
            }
            fits = [
                ("retained", ["satisfaction"], l.retentionFit), ("purchases", ["satisfaction"], l.purchasesFit),
                ("purchases", ["satisfaction", "purchases_before"], l.adjustedPurchasesFit),
            ].compactMap { outcome, predictors, fit in
                fit.map {
                    Fit(
                        outcome: outcome, predictors: predictors, observations: $0.observations,
                        intercept: $0.intercept,
                        slopes: $0.slopes, slopeSE: $0.standardErrors, rSquared: $0.rSquared)
                }
            }
            effect = r.effect(in: .en)
            note = Text.retentionNote.en
        }
    }
}

extension Workspace {
    /// Each identified respondent's overall satisfaction joined to their purchases in the
    /// `horizonDays` after the answer (and as many before), from the stored transactions.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers; no transactions; fewer than 4
    ///   respondents with a full window), `.notFound`, `.invalidRequest` (several scales; a
    ///   horizon that is not a positive number of days).
    public func satisfactionRetention(_ request: SatisfactionRetentionRequest = SatisfactionRetentionRequest())
        async throws -> SatisfactionRetentionResult
    {
        let horizon = request.horizonDays ?? defaults.retentionHorizonDays
        guard horizon > 0, horizon <= 36_600 else {
            throw AppError(.invalidRequest, .retentionBadHorizon, horizon)
        }
        let (answers, scale) = try await surveyAnswers(wave: request.wave)
        guard let range = try await run({ try await store.transactionDayRange() }) else {
            throw AppError(.noData, .retentionNoTransactions)
        }
        let rated = answers.compactMap { a -> (customerID: String, day: Day, satisfaction: Double)? in
            guard a.attribute == nil, let id = a.customerID, let s = a.satisfaction else { return nil }
            return (id, a.day, s)
        }
        let history = try await run { try await store.purchaseHistory(through: range.upperBound) }
        let link = SatisfactionRetention(
            rated, history: history, observationEnd: range.upperBound, horizonDays: horizon)
        guard link.respondents.count >= 4 else {
            throw AppError(
                .noData, .retentionTooFew, link.respondents.count, horizon, range.upperBound, link.censored)
        }
        return SatisfactionRetentionResult(wave: request.wave, scale: scale, link: link)
    }
}
