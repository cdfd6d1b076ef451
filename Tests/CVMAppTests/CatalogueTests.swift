import CustomerValue
import Foundation
import Testing

@testable import CVMApp

/// Every text exists in both languages with the same places for values, and none assumes a
/// command line (the web service shows the same messages).
@Suite struct CatalogueTests {
    private func places(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    @Test(arguments: Text.allCases)
    func bothLanguagesTakeTheSameValues(_ text: Text) {
        let english = text(.en)
        let chinese = text(.zh)
        #expect(!english.isEmpty && !chinese.isEmpty)
        #expect(places(english) == places(chinese), "\(text)")
        // Places are numbered from 1 without gaps.
        let numbers = Set(places(english)).map { Int($0.dropFirst().dropLast()) ?? 0 }.sorted()
        #expect(numbers == Array(1..<(numbers.count + 1)), "\(text)")
        // Only the command line's own advice (the `cli…` keys) names its options and commands.
        guard !text.rawValue.hasPrefix("cli") else { return }
        #expect(!english.contains("--") && !chinese.contains("--"), "\(text) names a command-line option")
        #expect(!english.contains("`cvm") && !english.contains("cvm fit"), "\(text) names a command")
    }

    @Test func valuesFillTheirPlacesInOrder() {
        // A value that looks like a place is copied as it is.
        #expect(Text.labelled(.en, "{2}", "b") == "{2}: b")
        #expect(Text.valueThresholdRule(.zh, "{3}", "x", "{1}") == "{3}（x）：{1}")
        #expect(Text.importCounts(.en, "1", "2", "3", "4") == "1 rows read: 2 stored, 3 duplicates skipped, 4 rejected")
        #expect(
            Text.importCountsUpdated(.zh, "5", "0", "5", "0", "0") == "读取 5 行：存储 0 行，更新 5 行，跳过重复 0 行，拒绝 0 行")
        #expect(Text.generateTruth(.en, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).hasSuffix("observation end 10, seed 11"))
        let error = AppError(.notFitted, .predictNotFitted, "bgnbd", "0")
        #expect(error.message.hasPrefix("the bgnbd model could not be fitted"))
        #expect(error.message(in: .zh).hasPrefix("bgnbd 模型无法拟合"))
        #expect(AppError(.storage, "raw").message(in: .zh) == "raw")
    }
}
