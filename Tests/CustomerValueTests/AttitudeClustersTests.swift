import Testing

@testable import CustomerValue

/// Attitude clusters on two well-separated groups of respondents: those who care about price and
/// not quality, and the other way round.
@Suite struct AttitudeClustersTests {
    @Test func twoAttitudesAreFoundWithTheirProfiles() throws {
        let scale = SurveyScale(low: 1, high: 7)!
        let day = Day(year: 2024, month: 1, day: 1)!
        let price: [Double] = [7, 7, 6, 7, 1, 2, 1, 2]
        let quality: [Double] = [2, 1, 2, 2, 7, 6, 7, 7]
        var answers: [SurveyAnswer] = []
        for i in price.indices {
            for (attribute, importance) in [("price", price[i]), ("quality", quality[i])] {
                answers.append(
                    SurveyAnswer(
                        wave: "w", response: "R\(i)", customerID: "C\(i)", day: day, scale: scale,
                        attribute: attribute, importance: importance, performance: 4))
            }
        }
        // An incomplete response is left out.
        answers.append(
            SurveyAnswer(
                wave: "w", response: "R9", customerID: nil, day: day, scale: scale, attribute: "price", importance: 4))
        let clusters = try #require(AttitudeClusters(answers, k: 2, seed: 42))
        #expect(clusters.features.map(\.attribute) == ["price", "quality"])
        #expect(clusters.respondents.count == 8)
        #expect(clusters.clusters.map(\.size) == [4, 4])
        let byMembers = Dictionary(
            uniqueKeysWithValues: clusters.clusters.map { c in
                (Set(c.responses.map { clusters.respondents[$0].response }), c)
            })
        let priceMinded = try #require(byMembers[["R0", "R1", "R2", "R3"]])
        let qualityMinded = try #require(byMembers[["R4", "R5", "R6", "R7"]])
        // Centres are the group means; standardised by the sample SD over all eight (numpy, ddof=1):
        // price 2.850438562747845, quality 2.712405363721075.
        for (found, expected) in zip(priceMinded.centre + qualityMinded.centre, [6.75, 1.75, 1.5, 6.75]) {
            #expect(abs(found - expected) < 1e-12)
        }
        #expect(abs(priceMinded.standardised[0] - 0.9209109202723808) < 1e-12)
        #expect(abs(qualityMinded.standardised[1] - 0.9216911430120158) < 1e-12)
        // Quality lies slightly further from its mean in SDs in both groups.
        #expect(priceMinded.distinctive == 1 && qualityMinded.distinctive == 1)
        #expect(AttitudeClusters(answers, k: 9, seed: 42) == nil)
    }
}
