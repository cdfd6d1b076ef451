import CVMStore
import CustomerValue
import Foundation

/// `journey`: satisfaction per journey stage, with the bottleneck named.
public struct JourneyResult: Sendable, Tabular {
    public let wave: String?
    public let scale: SurveyScale
    public let stages: [SatisfactionAnalysis.Stage]
    /// The stage with the lowest mean gap (or performance, when no expectations were asked).
    public let bottleneck: JourneyStage?

    public var columns: [String] { ["stage", "stage_zh", "answers", "performance", "performance_0_100", "gap"] }

    public var rowCount: Int { stages.count }

    public func fields(_ i: Int) -> [String] {
        let s = stages[i]
        return [
            s.stage.rawValue, s.stage.name(in: .zh), String(s.answers), Number.exact(s.performance),
            Number.exact(scale.percent(s.performance)), s.gap.map(Number.exact) ?? "",
        ]
    }

    public var document: Document {
        Document(
            wave: wave, scale: scale.description, bottleneck: bottleneck?.rawValue,
            stages: stages.map {
                .init(stage: $0.stage.rawValue, answers: $0.answers, performance: $0.performance, gap: $0.gap)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Stage: Encodable, Sendable {
            public let stage: String
            public let answers: Int
            public let performance: Double
            public let gap: Double?
        }

        public let wave: String?
        public let scale: String
        public let bottleneck: String?
        public let stages: [Stage]
    }
}

extension Workspace {
    /// Mean performance and gap of the answers tagged with each journey stage (need recognition …
    /// after-sales), and the bottleneck: the stage with the lowest gap.
    ///
    /// - Throws: `AppError` `.noData` (no survey answers, or none tagged with a stage), `.notFound`,
    ///   `.invalidRequest`.
    public func journey(wave: String? = nil) async throws -> JourneyResult {
        let (answers, scale) = try await surveyAnswers(wave: wave)
        let analysis = SatisfactionAnalysis(answers, scale: scale)
        guard !analysis.stages.isEmpty else {
            throw AppError(
                .noData,
                "no survey answer is tagged with a journey stage; import the survey with its stage column "
                    + "(need_recognition, search, evaluation, purchase, use, after_sales)")
        }
        return JourneyResult(wave: wave, scale: scale, stages: analysis.stages, bottleneck: analysis.weakestStage)
    }
}
