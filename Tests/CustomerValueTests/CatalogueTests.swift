import CustomerValue
import Testing

/// The one zh/en catalogue.
@Suite struct CatalogueTests {
    /// Every group of customers, in every scheme, has its own name in each language: a name alone
    /// says which group it is. (The RFM grid's Champions were 重要价值客户, the name of the
    /// eight-class model's important-value class, which counts different customers.)
    @Test(arguments: Language.allCases) func groupNamesAreDistinctAcrossSchemes(language: Language) {
        let names =
            RFMSegment.allCases.map { $0.name(in: language) } + ImportanceClass.allCases.map { $0.name(in: language) }
            + ValueGroup.allCases.map { $0.name(in: language) } + ValueTier.allCases.map { $0.name(in: language) }
        #expect(names.count == 26)
        #expect(Set(names).count == names.count, "\(names)")
    }

    @Test func renamedGridSegments() {
        #expect(RFMSegment.champions.name(in: .zh) == "冠军客户")
        #expect(RFMSegment.atRisk.name(in: .zh) == "流失风险客户")
        #expect(RFMSegment.cantLose.name(in: .zh) == "不可失去客户")
        #expect(ImportanceClass.importantValue.name(in: .zh) == "重要价值客户")
        #expect(RFMSegment.champions.name(in: .en) == "Champions")
    }

    @Test func textsAndUnits() {
        #expect(Language.zh.text(.reportTitle) == "客户价值分析报告")
        #expect(Catalogue.text(.reportTitle, in: .en) == "Customer value report")
        #expect(TimeUnit.week.name(in: .zh) == "周")
        #expect(TimeUnit.week.plural(in: .en) == "weeks")
        #expect(TimeUnit.week.plural(in: .zh) == "周")
        // Every text exists in both languages, and the Chinese one is not the English one left as it is.
        for key in Catalogue.Text.allCases {
            #expect(!key.rawValue.isEmpty && Catalogue.text(key, in: .en) != Catalogue.text(key, in: .zh), "\(key)")
        }
    }

    /// A segmentation group is named by its key through the same catalogue.
    @Test func segmentationGroupNames() {
        let end = Day(number: 100)
        let summary = SummaryTable(
            ids: ["a", "b", "c", "d"], frequency: [4, 0, 1, 0], recency: [90, 0, 10, 0], T: [95, 50, 60, 2],
            monetary: [10, 0, 5, 0], revenue: [60, 20, 10, 5], orders: [5, 1, 2, 1],
            firstDay: [Day(number: 5), Day(number: 50), Day(number: 40), Day(number: 98)],
            lastDay: [Day(number: 95), Day(number: 50), Day(number: 50), Day(number: 98)], unit: .day,
            observationEnd: end)
        let scores = RFMScores(summary: summary)
        let grid = Segmentation(scores: scores, scheme: .grid)
        #expect(grid.groups.first { $0.key == "champions" }?.name(in: .zh) == "冠军客户")
        let importance = Segmentation(scores: scores, scheme: .importance)
        #expect(importance.groups.first { $0.key == "important_value" }?.name(in: .zh) == "重要价值客户")
    }
}
