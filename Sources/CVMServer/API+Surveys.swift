import CVMAPI
import CVMApp
import CustomerValue
import Foundation
import OpenAPIRuntime

/// The survey analyses (satisfaction and NPS, IPA, competitors, loyalty, journey) and the
/// delivered value of an uploaded offers file.
extension API {
    func getSatisfaction(_ input: Operations.GetSatisfaction.Input) async throws -> Operations.GetSatisfaction.Output {
        let q = input.query
        return try await speaking(language(q.lang?.rawValue)) {
            let result = try await workspace.satisfaction(
                SatisfactionRequest(
                    wave: q.wave, segment: q.segment.flatMap { SurveySegmentation(rawValue: $0.rawValue) }))
            return .ok(
                .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Satisfaction.self))))
        }
    }

    func getIPA(_ input: Operations.GetIPA.Input) async throws -> Operations.GetIPA.Output {
        let q = input.query
        return try await speaking(language(q.lang?.rawValue)) {
            let result = try await workspace.ipa(
                IPARequest(
                    wave: q.wave,
                    importance: q.importance.flatMap { ImportancePerformance.Importance(rawValue: $0.rawValue) }))
            return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Ipa.self))))
        }
    }

    func getCompetitors(_ input: Operations.GetCompetitors.Input) async throws -> Operations.GetCompetitors.Output {
        let q = input.query
        return try await speaking(language(q.lang?.rawValue)) {
            let result = try await workspace.competitors(
                CompetitorsRequest(
                    wave: q.wave,
                    importance: q.importance.flatMap { ImportancePerformance.Importance(rawValue: $0.rawValue) }))
            return .ok(
                .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Competitors.self))))
        }
    }

    func getLoyalty(_ input: Operations.GetLoyalty.Input) async throws -> Operations.GetLoyalty.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let result = try await workspace.loyalty(LoyaltyRequest(wave: input.query.wave))
            return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Loyalty.self))))
        }
    }

    func getJourney(_ input: Operations.GetJourney.Input) async throws -> Operations.GetJourney.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let result = try await workspace.journey(wave: input.query.wave)
            return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Journey.self))))
        }
    }

    func computeDeliveredValue(_ input: Operations.ComputeDeliveredValue.Input) async throws
        -> Operations.ComputeDeliveredValue.Output
    {
        try await speaking(language(input.query.lang?.rawValue)) {
            let body: HTTPBody
            switch input.body {
            case .csv(let csv): body = csv
            }
            let file = try await uploads.save(body, name: input.query.filename)
            defer { uploads.remove(file) }
            let result = try await workspace.deliveredValue(DeliveredValueRequest(file: file))
            return .ok(
                .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.DeliveredValue.self))))
        }
    }
}
