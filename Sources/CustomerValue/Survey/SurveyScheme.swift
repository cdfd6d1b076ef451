import Foundation

/// The rating scale of a survey: every importance, expectation, performance and overall
/// satisfaction answer lies in `low...high`. The usual ones are 1–5, 1–7, 1–10 and 0–10;
/// likelihood to recommend is always 0–10 (the NPS question).
public struct SurveyScale: Sendable, Hashable, CustomStringConvertible {
    public let low: Int
    public let high: Int

    /// A scale from `low` to `high` (0 ≤ low < high ≤ 100); nil otherwise.
    public init?(low: Int, high: Int) {
        guard low >= 0, low < high, high <= 100 else { return nil }
        self.low = low
        self.high = high
    }

    /// The 1–5 Likert scale.
    public static let fivePoint = SurveyScale(low: 1, high: 5)!

    /// Reads `1-7`, `1–7` or `0..10`; nil for anything else.
    public init?(parsing text: String) {
        let normal = text.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "..", with: "-")
        let parts = normal.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let low = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let high = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.init(low: low, high: high)
    }

    /// `1–7`.
    public var description: String { "\(low)–\(high)" }

    public func contains(_ value: Double) -> Bool { value >= Double(low) && value <= Double(high) }

    /// `value` on 0–100: 0 at the bottom of the scale, 100 at the top.
    public func percent(_ value: Double) -> Double { (value - Double(low)) / Double(high - low) * 100 }
}

/// An attribute or competitor a survey names, with the names a file may use for it.
public struct SurveyName: Sendable, Hashable {
    /// The stable id stored and shown in tables.
    public let id: String
    public let en: String?
    public let zh: String?

    public init(id: String, en: String? = nil, zh: String? = nil) {
        self.id = id
        self.en = en
        self.zh = zh
    }

    /// The name a person reads in `language` (the id when there is none).
    public func name(in language: Language) -> String { (language == .zh ? zh : en) ?? id }
}

/// How a survey file is to be read: its scale, and optionally the fixed lists of attributes and
/// competitors it may name (by id, English or Chinese name). With a list, an unknown name is an
/// error; without one, any name is accepted as it is written.
public struct SurveyScheme: Sendable, Hashable {
    public var scale: SurveyScale
    public var attributes: [SurveyName]?
    public var competitors: [SurveyName]?

    public init(scale: SurveyScale = .fivePoint, attributes: [SurveyName]? = nil, competitors: [SurveyName]? = nil) {
        self.scale = scale
        self.attributes = attributes
        self.competitors = competitors
    }

    /// The id `text` names in `list` (by id, English or Chinese name, ignoring case), or nil.
    public static func resolve(_ text: String, in list: [SurveyName]) -> String? {
        let key = text.lowercased()
        return list.first { entry in
            entry.id.lowercased() == key || entry.en?.lowercased() == key || entry.zh?.lowercased() == key
        }?.id
    }
}

/// One stored survey row: a response's rating of one attribute (and of one competitor on it), or
/// the response's overall answers (`attribute` nil).
public struct SurveyAnswer: Sendable, Hashable {
    public var wave: String
    public var response: String
    /// The customer who answered; nil for an anonymous answer (counted, never joined).
    public var customerID: String?
    public var day: Day
    public var scale: SurveyScale
    public var attribute: String?
    public var stage: JourneyStage?
    public var importance: Double?
    /// The desired expectation (SERVQUAL's E).
    public var expectation: Double?
    /// The adequate (minimum acceptable) expectation: the bottom of the zone of tolerance.
    public var adequate: Double?
    public var performance: Double?
    public var competitor: String?
    public var competitorPerformance: Double?
    public var satisfaction: Double?
    /// Likelihood to recommend, 0–10.
    public var recommend: Double?
    public var buyAgain: Bool?
    public var referrals: Int?

    public init(
        wave: String, response: String, customerID: String?, day: Day, scale: SurveyScale, attribute: String? = nil,
        stage: JourneyStage? = nil, importance: Double? = nil, expectation: Double? = nil, adequate: Double? = nil,
        performance: Double? = nil, competitor: String? = nil, competitorPerformance: Double? = nil,
        satisfaction: Double? = nil, recommend: Double? = nil, buyAgain: Bool? = nil, referrals: Int? = nil
    ) {
        self.wave = wave
        self.response = response
        self.customerID = customerID
        self.day = day
        self.scale = scale
        self.attribute = attribute
        self.stage = stage
        self.importance = importance
        self.expectation = expectation
        self.adequate = adequate
        self.performance = performance
        self.competitor = competitor
        self.competitorPerformance = competitorPerformance
        self.satisfaction = satisfaction
        self.recommend = recommend
        self.buyAgain = buyAgain
        self.referrals = referrals
    }
}
