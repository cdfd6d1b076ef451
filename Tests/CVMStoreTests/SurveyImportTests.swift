import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// `Store.importSurveys`: the layout, zh headers, scales, fixed lists, bad rows with their exact
/// messages and nothing stored, re-import, deletion.
@Suite struct SurveyImportTests {
    func snapshot(_ scratch: Scratch) throws -> [Int] {
        [
            try scratch.count("SELECT count(*) FROM survey_answers"),
            try scratch.count("SELECT count(*) FROM customers"), try scratch.count("SELECT count(*) FROM imports"),
        ]
    }

    func failing(_ scratch: Scratch, _ url: URL, _ options: ImportOptions = ImportOptions()) -> ImportError? {
        do {
            _ = try scratch.store.importSurveys(from: url, options: options)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            return nil
        }
    }

    static let good = """
        答卷编号,客户编号,日期,调查批次,属性,旅程阶段,重要性,期望,最低期望,表现,竞争对手,竞争对手表现,满意度,推荐意愿,再次购买,推荐人数
        R1,c1,2024-03-01,Q1,delivery,purchase,5,4,3,3,rival,4,,,,
        R1,c1,2024-03-01,Q1,delivery,purchase,5,4,3,3,other,2,,,,
        R1,c1,2024-03-01,Q1,service,售后服务,4,4,,4,,,,,,
        R1,c1,2024-03-01,Q1,,,,,,,,,4,9,是,1
        R2,,2024-03-02,Q1,delivery,,5,5,,2,,,,,,
        R2,,2024-03-02,Q1,,,,,,,,,2,3,no,0

        """

    @Test func chineseHeadersAnonymousAnswersAndReimport() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("s.csv", Self.good)
        let report = try scratch.store.importSurveys(from: url)
        #expect(report.counts == "6 rows read: 6 stored, 0 duplicates skipped, 0 rejected")
        #expect(report.customersCreated == 1)
        let answers = try scratch.store.surveyAnswers()
        #expect(answers.count == 6)
        let day = Day(iso: "2024-03-01")!
        #expect(
            answers[1]
                == SurveyAnswer(
                    wave: "Q1", response: "R1", customerID: "c1", day: day, scale: .fivePoint, attribute: "delivery",
                    stage: .purchase, importance: 5, expectation: 4, adequate: 3, performance: 3, competitor: "other",
                    competitorPerformance: 2))
        #expect(answers[0].attribute == nil && answers[0].recommend == 9 && answers[0].buyAgain == true)
        #expect(answers[0].referrals == 1 && answers[0].satisfaction == 4)
        #expect(answers[3].stage == .afterSales)
        #expect(answers[4].customerID == nil && answers[4].buyAgain == false)
        // One customer's answers are that customer's rows, in the same order; anonymous ones are no one's.
        #expect(try scratch.store.surveyAnswers(customer: "c1") == answers.filter { $0.customerID == "c1" })
        #expect(try scratch.store.surveyAnswers(customer: "nobody").isEmpty)
        let again = try scratch.store.importSurveys(from: url)
        #expect(again.counts == "6 rows read: 0 stored, 6 duplicates skipped, 0 rejected")
        #expect(try snapshot(scratch) == [6, 1, 2])
    }

    @Test func badRowsAreListedByLineAndNothingIsStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "s.csv",
            """
            response_id,customer_id,date,attribute,stage,importance,expectation,adequate,performance,competitor,competitor_performance,satisfaction,recommend
            R1,c1,2024-03-01,delivery,,5,4,,8,,,,
            R1,c1,2024-03-01,price,,5,4,,3,,4,,
            R1,c1,2024-03-01,,,,,,,,,4,11
            R2,c2,2024-03-01,,,5,,,,,,,
            R6,c3,2024-03-01,price,,,4,5,3,,,,
            R3,c4,2024-03-01,delivery,,,,,3,,,,
            R3,c4,2024-03-01,service,,,,,3,rival,,,
            R3,c4,2024-03-01,price,,,,,,,,,
            R4,c3,2024-03-01,,,,,,,,,,
            R4,c3,2024-03-01,price,moon,,,,2,,,,
            R4,c3,2024-03-01,price,,,,,2,,,4,
            R5,c5,2024-03-01,price,,,,,2.5x,,,,
            R3,c3,2024-03-01,price,,,,,3,,,,

            """)
        let error = failing(scratch, url)
        let prefix = "s.csv, line "
        #expect(
            error?.rowErrors.map(\.description) == [
                prefix + "2, column \"performance\": \"8\" is outside the survey's scale 1–5",
                prefix + "3, column \"competitor_performance\": a competitor's rating without a competitor: name the "
                    + "competitor",
                prefix + "4, column \"recommend\": \"11\" is not a whole number from 0 to 10 (likelihood to recommend)",
                prefix + "5, column \"importance\": the attribute is empty, so this row holds the response's overall "
                    + "answers; the importance belongs on a row that names its attribute",
                prefix + "6, column \"adequate\": the adequate expectation 5 is above the desired expectation 4; the "
                    + "adequate level is the lowest one still acceptable",
                prefix + "8, column \"competitor_performance\": the competitor \"rival\" is named but its performance "
                    + "is empty",
                prefix + "9, column \"performance\": the performance is empty: a row rating attribute \"price\" needs "
                    + "the customer's rating of the firm's performance on it",
                prefix + "10, column \"attribute\": the attribute is empty and so are satisfaction, recommend, buy "
                    + "again and referrals: a row names an attribute it rates, or holds the response's overall answers",
                prefix + "11, column \"stage\": unknown journey stage \"moon\" (expected one of need_recognition "
                    + "(需求识别), search (信息搜集), evaluation (评估比较), purchase (购买决策), use (使用), after_sales "
                    + "(售后服务))",
                prefix + "12, column \"satisfaction\": the satisfaction is an overall answer: put it on the response's "
                    + "row with an empty attribute",
                prefix + "13, column \"performance\": \"2.5x\" is not a number (the performance is a rating on 1–5)",
                prefix + "14, column \"customer_id\": response \"R3\" has customer \"c4\" on line 7 and \"c3\" here",
            ])
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func fixedListsAndScaleFromTheScheme() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var options = ImportOptions()
        options.survey = SurveyScheme(
            scale: SurveyScale(low: 0, high: 10)!,
            attributes: [SurveyName(id: "delivery", en: "Delivery speed", zh: "配送速度")],
            competitors: [SurveyName(id: "rival", zh: "对手")])
        let bad = try scratch.file(
            "s.csv",
            """
            response_id,date,attribute,performance,competitor,competitor_performance
            R1,2024-03-01,price,3,,
            R1,2024-03-01,配送速度,0,acme,3
            R2,2024-03-01,delivery speed,10,对手,10
            R2,2024-03-01,delivery,10,rival,9

            """)
        #expect(
            failing(scratch, bad, options)?.rowErrors.map(\.description) == [
                "s.csv, line 2, column \"attribute\": unknown attribute \"price\" (the survey's attributes are delivery)",
                "s.csv, line 3, column \"competitor\": unknown competitor \"acme\" (the survey's competitors are rival)",
                "s.csv, line 5, column \"attribute\": response \"R2\" already gives attribute \"delivery\" against "
                    + "\"rival\" on line 4",
            ])
        #expect(try snapshot(scratch) == [0, 0, 0])
        let good = try scratch.file(
            "t.csv",
            "response_id,date,attribute,performance,competitor,competitor_performance\n"
                + "R2,2024-03-01,delivery speed,10,对手,10\nR3,2024-03-01,配送速度,0,,\n")
        #expect(try scratch.store.importSurveys(from: good, options: options).rowsStored == 2)
        let answers = try scratch.store.surveyAnswers()
        #expect(answers.map(\.attribute) == ["delivery", "delivery"])
        #expect(answers.map(\.competitor) == ["rival", nil])
        #expect(answers[0].scale == SurveyScale(low: 0, high: 10))
    }

    @Test func deletingTheCustomerOrTheImportRemovesTheAnswers() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let report = try scratch.store.importSurveys(from: try scratch.file("s.csv", Self.good))
        let deletion = try scratch.store.deleteCustomer("c1")
        #expect(deletion.surveyAnswers == 4)
        #expect(try snapshot(scratch) == [2, 0, 1])
        let rest = try scratch.store.deleteImport(report.importID)
        #expect(rest.surveyAnswers == 2)
        #expect(try snapshot(scratch) == [0, 0, 0])
    }
}
