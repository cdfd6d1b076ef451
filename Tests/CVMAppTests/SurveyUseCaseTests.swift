import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The survey analyses through the workspace: recovery of the generator's truth, and the errors.
@Suite struct SurveyUseCaseTests {
    static let z = 2.807034
    /// 3,000 synthetic respondents (seed 7, no purchase link): the derived importance of every
    /// attribute and every paired competitor gap lies within its confidence interval of the truth
    /// (SurveyGenerator.standardAttributes). Ten intervals are checked at once, so each is the
    /// Bonferroni-adjusted one of a 95% familywise level: ±z·SE with z = Φ⁻¹(1 − 0.05/20) = 2.807034
    /// (at 95% each, one of ten would miss by chance four runs in ten).
    @Test func theGeneratedTruthIsRecovered() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let survey = try OutputTarget.check(directory.appendingPathComponent("s.csv").path, writing: .csv)
        let truth = try OutputTarget.check(directory.appendingPathComponent("s.truth.json").path, writing: .json)
        let written = try SyntheticData.generateSurveys(
            GenerateSurveysRequest(customers: 3000, seed: 7), to: survey, truth: truth)
        #expect(written.respondents == 3000 && written.rows == 18_000)
        var options = ImportOptions()
        options.survey.scale = SurveyScale(low: 1, high: 7)!
        let result = try await workspace.importFile(.surveys, from: survey.url, options: options)
        #expect(result.report.rowsStored == 18_000)

        let ipa = try await workspace.ipa(IPARequest(importance: .derived))
        for attribute in SurveyGenerator.standardAttributes {
            let found = try #require(ipa.analysis.attributes.first { $0.attribute == attribute.id })
            let se = try #require(found.standardError)
            #expect(abs(found.importance - attribute.weight) <= Self.z * se, "\(attribute.id)")
        }
        let competitors = try await workspace.competitors()
        let rival = try #require(competitors.comparisons.first)
        #expect(rival.competitor == "rival")
        for attribute in SurveyGenerator.standardAttributes {
            let found = try #require(rival.attributes.first { $0.attribute == attribute.id })
            #expect(abs(found.gap - attribute.competitorGap) <= Self.z * found.standardError, "\(attribute.id)")
        }
        // Delivery has the most negative true expectation gap (−1.0) and is the weakest link.
        let satisfaction = try await workspace.satisfaction()
        #expect(satisfaction.all.weakestAttribute == "delivery")
        #expect(satisfaction.all.weakestStage == .purchase)
        #expect(satisfaction.all.responses == 3000)
    }

    @Test func noSurveyAnswersSaysWhatToImport() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect {
            _ = try await workspace.satisfaction()
        } throws: { error in
            guard let error = error as? AppError else { return false }
            return error.code == .noData && error.message.hasPrefix("there are no survey answers in ")
                && error.message.contains("import a survey")
        }
    }

    @Test func anUnknownWaveNamesTheWaves() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try write(
            "response_id,date,wave,recommend\nR1,2024-01-01,Q1,9\nR2,2024-01-01,Q2,3\n", "s.csv", in: directory)
        _ = try await workspace.importFile(.surveys, from: url)
        await #expect {
            _ = try await workspace.satisfaction(SatisfactionRequest(wave: "Q3"))
        } throws: { error in
            (error as? AppError)?.message == "there is no survey wave \"Q3\"; the waves are Q1, Q2"
        }
        let q1 = try await workspace.satisfaction(SatisfactionRequest(wave: "Q1"))
        #expect(q1.all.nps?.score == 100 && q1.all.attributes.isEmpty)
    }
}

/// The delivered-value file: the coat, a competitor's offer, and a bad amount refused by line.
@Suite struct DeliveredValueUseCaseTests {
    @Test func theCoatFromAFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try write(
            "\u{FEFF}offer,provider,product_value,price,time_cost,firm_cost\r\ncoat,,500,350,,280\r\n"
                + "coat,rival,480,330,40,\r\n",
            "offers.csv", in: directory)
        let result = try Workspace.deliveredValue(DeliveredValueRequest(file: url))
        #expect(result.offers.map(\.delivered) == [150, 110])
        #expect(result.offers.map(\.provider) == ["", "rival"])
        #expect(result.offers[0].firmMargin == 70)
        let bad = try write("offer,product_value,price\ncoat,500,-1\n", "bad.csv", in: directory)
        #expect {
            _ = try Workspace.deliveredValue(DeliveredValueRequest(file: bad))
        } throws: { error in
            (error as? AppError)?.message == "bad.csv, line 2, column \"price\": \"-1\" is not an amount of 0 or more"
        }
    }
}

/// The loyalty chain on five customers without an analysis run (value = revenue to date).
@Suite struct LoyaltyUseCaseTests {
    /// Satisfaction 2, 3, 4, 3, 5 and revenue 10, 30, 50, 20, 80. numpy 2.4.6: r = 0.9798162889235716,
    /// Fisher-z 95% CI 0.7197074933139579 … 0.9987254745874408; OLS slope of revenue on satisfaction
    /// 23.84615384615382 with SE 2.8088336282316217.
    @Test func satisfactionToValueAgainstNumpy() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let orders = try write(
            "customer_id,date,amount\nc1,2024-01-01,10\nc2,2024-01-01,10\nc2,2024-02-01,20\nc3,2024-01-15,50\n"
                + "c4,2024-02-01,20\nc5,2024-01-01,40\nc5,2024-03-01,40\n",
            "t.csv", in: directory)
        _ = try await workspace.importFile(.transactions, from: orders)
        let survey = try write(
            "response_id,customer_id,date,satisfaction,recommend,referrals\nR1,c1,2024-03-01,2,3,0\n"
                + "R2,c2,2024-03-01,3,7,0\nR3,c3,2024-03-01,4,9,1\nR4,c4,2024-03-01,3,8,0\nR5,c5,2024-03-01,5,10,2\n"
                + "R6,,2024-03-01,1,0,0\n",
            "s.csv", in: directory)
        _ = try await workspace.importFile(.surveys, from: survey)
        let result = try await workspace.loyalty()
        #expect(result.customers == ["c1", "c2", "c3", "c4", "c5"])
        #expect(result.valueMeasure == "revenue" && result.value == [10, 30, 50, 20, 80])
        #expect(result.repeatRate == [0, 0.5, 0, 0, 0.5])
        let c = try #require(result.satisfactionValue)
        #expect(abs(c.r - 0.9798162889235716) < 1e-12)
        #expect(abs(c.interval.lowerBound - 0.7197074933139579) < 1e-12)
        #expect(abs(c.interval.upperBound - 0.9987254745874408) < 1e-12)
        let fit = try #require(result.valueOnSatisfaction)
        #expect(abs(fit.slopes[0] - 23.84615384615382) < 1e-9)
        #expect(abs(fit.standardErrors[0] - 2.8088336282316217) < 1e-9)
        #expect(abs(result.weights.map(\.weight).reduce(0, +) - 1) < 1e-12)
        #expect(
            result.effect(in: .en)?.hasPrefix("A 1-point rise in satisfaction (on 1–5) goes with 23.85 more") == true)
    }
}
