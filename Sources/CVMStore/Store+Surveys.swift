import CustomerValue
import Foundation
import GRDB

extension Store {
    /// Imports a survey CSV: all rows or, on any invalid row, none.
    ///
    /// One row per response × attribute: `response_id` (答卷编号), `date` (日期), optional
    /// `customer_id` (客户编号; empty = anonymous), `wave` (调查批次), `attribute` (属性),
    /// `stage` (旅程阶段), `importance` (重要性), `expectation` (期望), `adequate` (最低期望),
    /// `performance` (表现), `competitor` (竞争对手) with `competitor_performance` (竞争对手表现).
    /// A row with an empty attribute holds the response's overall answers: `satisfaction`
    /// (满意度), `recommend` (推荐意愿, 0–10), `buy_again` (再次购买, yes/no), `referrals`
    /// (推荐人数). Ratings are checked against `options.survey.scale`; with fixed attribute or
    /// competitor lists in `options.survey`, other names are refused. Re-importing a file
    /// stores nothing new; customers named that the database does not know are created bare.
    ///
    /// - Throws: `ImportError` saying what is wrong and where; nothing of the file is stored then.
    public func importSurveys(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<SurveyColumn>(url: url, options: options)
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .surveys, started: Date()) { db, importID in
            try SurveyImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// Every stored survey answer, by wave, response, attribute (the overall row first) and competitor.
    public func surveyAnswers() throws -> [SurveyAnswer] { try surveyAnswers(where: "", []) }

    public func surveyAnswers(customer id: String) throws -> [SurveyAnswer] {
        try surveyAnswers(where: "WHERE c.id = ?", [id])
    }

    private func surveyAnswers(where clause: String, _ arguments: StatementArguments) throws -> [SurveyAnswer] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.wave, s.response, c.id, s.day, s.scale_low, s.scale_high, s.attribute, s.stage,
                        s.importance, s.expectation, s.adequate, s.performance, s.competitor,
                        s.competitor_performance, s.satisfaction, s.recommend, s.buy_again, s.referrals
                    FROM survey_answers s LEFT JOIN customers c ON c.key = s.customer
                    \(clause)
                    ORDER BY s.wave, s.response, s.attribute, s.competitor
                    """, arguments: arguments
            ).map { row in
                let attribute: String = row[6]
                let competitor: String = row[12]
                return SurveyAnswer(
                    wave: row[0], response: row[1], customerID: row[2], day: Day(number: row[3]),
                    scale: SurveyScale(low: row[4], high: row[5]) ?? .fivePoint,
                    attribute: attribute.isEmpty ? nil : attribute,
                    stage: (row[7] as String?).flatMap(JourneyStage.init(rawValue:)), importance: row[8],
                    expectation: row[9], adequate: row[10], performance: row[11],
                    competitor: competitor.isEmpty ? nil : competitor, competitorPerformance: row[13],
                    satisfaction: row[14], recommend: row[15], buyAgain: (row[16] as Int?).map { $0 != 0 },
                    referrals: row[17])
            }
        }
    }
}
