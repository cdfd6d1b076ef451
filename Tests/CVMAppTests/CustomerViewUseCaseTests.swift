import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The value map, the wave-to-wave change and the report's customer-view sections through the
/// workspace, from imported survey files.
@Suite struct CustomerViewUseCaseTests {
    static let header =
        "response_id,customer_id,date,wave,attribute,importance,performance,competitor,competitor_performance,"
        + "satisfaction,recommend\n"

    /// The case of `ValueMapTests` (the firm and competitors A, B, C, two responses) as a survey file.
    static func valueMapSurvey() -> String {
        let ratings: [(String, [(String, Double, [Double])])] = [
            (
                "R1",
                [
                    ("a1", 5, [6, 5, 4, 7]), ("a2", 3, [5, 6, 3, 6]), ("a3", 2, [4, 4, 5, 6]),
                    ("price", 4, [4, 5, 6, 2]),
                ]
            ),
            (
                "R2",
                [
                    ("a1", 5, [5, 5, 3, 6]), ("a2", 3, [6, 5, 4, 7]), ("a3", 2, [5, 3, 4, 5]),
                    ("price", 4, [5, 4, 7, 3]),
                ]
            ),
        ]
        var csv = header
        for (response, rows) in ratings {
            for (attribute, importance, r) in rows {
                for (k, competitor) in ["A", "B", "C"].enumerated() {
                    csv +=
                        "\(response),,2024-01-10,W1,\(attribute),\(Int(importance)),\(Int(r[0])),\(competitor),"
                        + "\(Int(r[k + 1])),,\n"
                }
            }
        }
        return csv
    }

    @Test func valueMapFromAnImportedSurvey() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = ImportOptions()
        options.survey.scale = SurveyScale(low: 1, high: 7)!
        _ = try await workspace.importFile(
            .surveys, from: try write(Self.valueMapSurvey(), "s.csv", in: directory), options: options)
        let result = try await workspace.valueMap()
        #expect(result.weights == .stated && result.map.slopeSource == .fitted)
        // The values of ValueMapTests (an independent python3 computation).
        #expect(abs(result.map.slope - 2.178698268340022) < 1e-12)
        #expect(result.map.providers.map(\.provider) == ["", "A", "B", "C"])
        #expect(abs(result.map.providers[0].relativeQuality - 1.0693548387096774) < 1e-12)
        #expect(abs(result.map.providers[3].value - -0.1142520595554217) < 1e-12)
        #expect(result.columns.first == "group" && result.fields(0)[0] == "all" && result.fields(0)[2] == "true")
        #expect(result.fields(0)[7] == "better_value" && result.fields(3)[7] == "worse_value")
        let json = try JSONDocument.text(result.document)
        #expect(json.contains("\"fair_slope_source\": \"fitted\""))
        #expect(json.contains("\"kind\": \"price\""))
        // A given slope; an unknown price attribute; a slope that is not a number.
        let given = try await workspace.valueMap(ValueMapRequest(fairSlope: 1))
        #expect(
            given.map.slopeSource == .given
                && given.map.providers[0].fairPrice == given.map.providers[0].relativeQuality)
        await #expect {
            _ = try await workspace.valueMap(ValueMapRequest(priceAttributes: ["cost"]))
        } throws: { error in
            guard let error = error as? AppError else { return false }
            return error.code == .noData && error.message.hasPrefix("no price attribute (cost) is rated")
                && error.message(in: .zh).contains("价格属性（cost）")
        }
        await #expect {
            _ = try await workspace.valueMap(ValueMapRequest(fairSlope: .nan))
        } throws: { ($0 as? AppError)?.code == .invalidRequest }
    }

    @Test func valueMapNeedsACompetitor() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = Self.header + "R1,,2024-01-10,W1,q,,5,,,,\nR1,,2024-01-10,W1,price,,4,,,,\n"
        _ = try await workspace.importFile(.surveys, from: try write(csv, "s.csv", in: directory))
        await #expect {
            _ = try await workspace.valueMap()
        } throws: { error in
            (error as? AppError)?.message.hasPrefix("no survey answer rates a competitor") == true
        }
    }

    /// The data of `WaveChangeTests` as two waves of a file, and a third wave on its own scale.
    @Test func waveChangeComparesTheLastTwoWaves() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let one: [(Double, Double, Double)] = [
            (5, 9, 4), (6, 10, 5), (4, 6, 3), (7, 8, 6), (5, 3, 4), (6, 9, 5), (3, 7, 3), (5, 10, 4),
        ]
        let two: [(Double, Double, Double)] = [
            (6, 10, 5), (7, 9, 6), (6, 9, 5), (7, 8, 6), (5, 10, 4), (6, 6, 6), (7, 9, 6), (6, 10, 5), (5, 9, 5),
            (7, 7, 6),
        ]
        func rows(_ wave: String, _ date: String, _ data: [(Double, Double, Double)]) -> String {
            data.enumerated().map { i, d in
                "R\(i),,\(date),\(wave),,,,,,\(Int(d.0)),\(Int(d.1))\nR\(i),,\(date),\(wave),a,,\(Int(d.2)),,,,\n"
            }.joined()
        }
        var options = ImportOptions()
        options.survey.scale = SurveyScale(low: 1, high: 7)!
        // Imported out of order: the waves are ordered by date, not by name or import.
        _ = try await workspace.importFile(
            .surveys, from: try write(Self.header + rows("B-later", "2024-06-01", two), "b.csv", in: directory),
            options: options)
        await #expect {
            _ = try await workspace.waveChange()
        } throws: { error in
            (error as? AppError)?.message.hasPrefix("the survey has 1 wave (B-later)") == true
        }
        _ = try await workspace.importFile(
            .surveys, from: try write(Self.header + rows("A-earlier", "2024-01-01", one), "a.csv", in: directory),
            options: options)
        let result = try await workspace.waveChange()
        #expect(result.change.from == "A-earlier" && result.change.to == "B-later")
        #expect(result.fromResponses == 8 && result.toResponses == 10)
        let satisfaction = try #require(result.rows.first { $0.measure == "satisfaction" })
        #expect(abs(satisfaction.p - 0.05662669528348802) < 1e-10)
        let performance = try #require(result.rows.first { $0.measure == "performance" })
        #expect(abs(performance.p - 0.01991175580505866) < 1e-10)
        #expect(result.fields(result.rows.firstIndex { $0.measure == "performance" }!).last == "true")
        let nps = try #require(result.rows.first { $0.measure == "nps" })
        #expect(nps.difference == 35 && abs(nps.p - 0.3315688078727216) < 1e-12 && nps.degreesOfFreedom == nil)
        #expect(try JSONDocument.text(result.document).contains("\"significance_level\": 0.05"))
        await #expect {
            _ = try await workspace.waveChange(WaveChangeRequest(from: "C"))
        } throws: { error in
            (error as? AppError)?.message == "there is no survey wave \"C\"; the waves are A-earlier, B-later"
        }
        await #expect {
            _ = try await workspace.waveChange(WaveChangeRequest(from: "A-earlier", to: "A-earlier"))
        } throws: { ($0 as? AppError)?.code == .invalidRequest }
        let reversed = try await workspace.waveChange(WaveChangeRequest(to: "A-earlier"))
        #expect(reversed.change.from == "B-later" && reversed.change.to == "A-earlier")
    }

    /// The report of a run shows the customer's view from the answers up to the run's as-of date:
    /// an answer dated after it is left out, and the sections say where their figures come from.
    @Test func reportShowsTheCustomersViewUpToTheRunsDate() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "customer_id,date,amount\n"
        for i in 0..<60 { csv += "C\(i),1998-0\(1 + i % 3)-\(10 + i % 15),\(20 + i)\n" }
        let file = directory.appendingPathComponent("t.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: file)
        var survey = Self.valueMapSurvey().replacingOccurrences(of: "2024-01-10", with: "1998-02-01")
        survey += "R9,C1,1998-02-02,W1,,,,,,6,10\nR8,C2,1998-02-03,W1,,,,,,3,4\nR7,C3,2001-01-01,W1,,,,,,7,9\n"
        var options = ImportOptions()
        options.survey.scale = SurveyScale(low: 1, high: 7)!
        _ = try await workspace.importFile(.surveys, from: try write(survey, "s.csv", in: directory), options: options)
        let run = try await workspace.analyze(AnalysisRequest())
        for language in Language.allCases {
            let report = try await workspace.report(ReportRequest(run: run.run, language: language)).report
            let ids = report.sections.map(\.id)
            #expect(["satisfaction", "nps", "ipa", "competitors", "value-map"].allSatisfy(ids.contains), "\(ids)")
            // The file tags no journey stage.
            #expect(!ids.contains("journey"))
            let competitors = try #require(report.sections.first { $0.id == "competitors" })
            #expect(competitors.tables[0].rows.count == 12)
            let nps = try #require(report.sections.first { $0.id == "nps" })
            // R7 is dated after the run's as-of date: two answers, one promoter, one detractor.
            #expect(nps.tables[0].rows.map { $0[1] } == ["1", "0", "1"])
            let map = try #require(report.sections.first { $0.id == "value-map" })
            #expect(map.charts.count == 1 && map.tables[0].rows.count == 4)
            #expect(map.intro.contains(language == .zh ? "分析运行不保存调查结果" : "the run stores no survey figures"))
            #expect(map.tables[0].rows[0][0] == (language == .zh ? "本企业" : "the firm"))
            let html = report.html()
            #expect(!html.contains("NaN") && !html.contains("\"nan\"") && !html.contains("--"))
        }
    }

    /// Satisfaction joined to the purchases in the 30 days after the answer (2024-03-01), counted
    /// by hand: C1 (2) buys nothing, C4 (4) only after 40 days, C2 and C3 (6) and C5 (7) buy again;
    /// C7 answered too late for a full window before the data ends (2024-04-10).
    @Test func satisfactionRetentionFromTheStoredTransactions() async throws {
        let (workspace, directory) = try await temporaryWorkspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let transactions =
            "customer_id,date,amount\nC1,2024-02-20,10\nC2,2024-03-11,20\nC3,2024-03-06,5\nC3,2024-03-21,5\n"
            + "C4,2024-04-10,30\nC5,2024-03-02,7\nC7,2024-01-01,9\n"
        _ = try await workspace.importFile(.transactions, from: try write(transactions, "t.csv", in: directory))
        let survey =
            Self.header + "S1,C1,2024-03-01,W1,,,,,,2,\nS2,C2,2024-03-01,W1,,,,,,6,\nS3,C3,2024-03-01,W1,,,,,,6,\n"
            + "S4,C4,2024-03-01,W1,,,,,,4,\nS5,C5,2024-03-01,W1,,,,,,7,\nS6,C5,2024-04-01,W1,,,,,,1,\n"
            + "S7,C7,2024-04-05,W1,,,,,,5,\nS8,,2024-03-01,W1,,,,,,3,\n"
        var options = ImportOptions()
        options.survey.scale = SurveyScale(low: 1, high: 7)!
        _ = try await workspace.importFile(.surveys, from: try write(survey, "s.csv", in: directory), options: options)
        let result = try await workspace.satisfactionRetention(SatisfactionRetentionRequest(horizonDays: 30))
        #expect(result.link.observationEnd == Day(iso: "2024-04-10"))
        #expect(result.link.censored == 1)
        #expect(result.link.respondents.map(\.customerID) == ["C1", "C2", "C3", "C4", "C5"])
        #expect(result.link.levels.map(\.satisfaction) == [2, 4, 6, 7])
        #expect(result.link.levels.map(\.retained) == [0, 0, 2, 1])
        #expect(result.fields(2) == ["6", "2", "2", "1", "1.5", "15"])
        #expect(result.effect(in: .zh)?.contains("答卷后 30 天内再次购买的客户比例") == true)
        #expect(try JSONDocument.text(result.document).contains("\"horizon_days\": 30"))
        await #expect {
            _ = try await workspace.satisfactionRetention(SatisfactionRetentionRequest(horizonDays: 60))
        } throws: { error in
            (error as? AppError)?.message.hasPrefix("0 respondents with a customer id") == true
        }
        await #expect {
            _ = try await workspace.satisfactionRetention(SatisfactionRetentionRequest(horizonDays: 0))
        } throws: { ($0 as? AppError)?.code == .invalidRequest }
    }
}
