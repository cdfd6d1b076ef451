import CustomerValue
import Foundation
import GRDB

/// Stores the rows of a survey file (see `Store.importSurveys(from:options:)`).
///
/// A row is one response's answers on one attribute (with, optionally, one competitor's rating
/// on it), or — with an empty attribute — the response's overall answers. Rows are upserted on
/// `(wave, response, attribute, competitor)`, so importing a file again changes nothing and a
/// corrected export updates the answers it changes.
///
/// What one response says must agree within the file: its customer, date and wave on every row,
/// and its own ratings of an attribute on every competitor row of it. A row that contradicts an
/// earlier one is refused with the line of the earlier one.
struct SurveyImporter: RowImporter {
    private let upsert: Statement
    private let db: Database
    private(set) var stored = 0
    private(set) var duplicates = 0
    private(set) var dayRange: ClosedRange<Int>?
    private var dates: DateParser
    private var customers: CustomerKeys
    private let bounds: ImportBounds
    private let scheme: SurveyScheme
    private let field: [SurveyColumn: Int]
    /// What each response said first in the file, and where: customer, day, wave.
    private var responses: [String: (line: Int, customer: String, day: Int, wave: String)] = [:]
    /// The own ratings of each (wave, response, attribute), and the line that gave them.
    private var ratings: [String: (line: Int, values: [Double?], stage: String?)] = [:]
    /// The line of each stored key (wave, response, attribute, competitor).
    private var keys: [String: Int] = [:]

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<SurveyColumn>, dates: DateParser, options: ImportOptions
    )
        throws
    {
        self.db = db
        self.dates = dates
        self.bounds = ImportBounds(options)
        self.scheme = options.survey
        customers = try CustomerKeys(db, importID: importID)
        var field: [SurveyColumn: Int] = [:]
        for column in SurveyColumn.allCases { field[column] = mapping[column] }
        self.field = field
        let columns = [
            "customer", "day", "stage", "scale_low", "scale_high", "importance", "expectation", "adequate",
            "performance", "competitor_performance", "satisfaction", "recommend", "buy_again", "referrals",
        ]
        let changed = columns.map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR ")
        let set = (columns + ["import_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        upsert = try db.makeStatement(
            sql: """
                INSERT INTO survey_answers (wave, response, attribute, competitor, \(columns.joined(separator: ", ")),
                    import_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(importID))
                ON CONFLICT (wave, response, attribute, competitor) DO UPDATE SET \(set)
                WHERE \(changed)
                """)
    }

    private func text(_ column: SurveyColumn, _ reader: CSVReader) -> String {
        guard let index = field[column] else { return "" }
        return IdentifierText.normalised(reader.string(index))
    }

    private func invalid(_ column: SurveyColumn, _ reason: String) -> RowOutcome {
        .invalid(column: field[column], reason: reason)
    }

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        let responseField = field[.responseID]!
        if let problem = reader.withField(responseField, { IdentifierText.problem($0, "the response id") }) {
            return .invalid(column: responseField, reason: problem)
        }
        let response = IdentifierText.normalised(reader.string(responseField))
        var customer = ""
        if let index = field[.customerID] {
            if let problem = reader.withField(index, { IdentifierText.optionalProblem($0, "the customer id") }) {
                return .invalid(column: index, reason: problem)
            }
            customer = IdentifierText.normalised(reader.string(index))
        }
        let dateText = text(.date, reader)
        if dateText.isEmpty { return invalid(.date, "the date is empty") }
        guard let day = reader.withField(field[.date]!, { dates.parse($0) })?.day else {
            return invalid(.date, "\"\(dateText)\" is not a date (\(dates.expectation))")
        }
        if let problem = bounds.day(day, dateText) { return invalid(.date, problem) }
        let wave = text(.wave, reader)
        if let first = responses[wave + "\u{1F}" + response] {
            if first.customer != customer {
                let was = first.customer.isEmpty ? "no customer id" : "customer \"\(first.customer)\""
                return invalid(
                    .customerID, "response \"\(response)\" has \(was) on line \(first.line) and \"\(customer)\" here")
            }
            if first.day != day {
                return invalid(
                    .date, "response \"\(response)\" is dated \(Day(number: first.day)) on line \(first.line)")
            }
        }

        var attribute = text(.attribute, reader)
        if !attribute.isEmpty, let list = scheme.attributes {
            guard let id = SurveyScheme.resolve(attribute, in: list) else {
                let known = list.map(\.id).joined(separator: ", ")
                return invalid(.attribute, "unknown attribute \"\(attribute)\" (the survey's attributes are \(known))")
            }
            attribute = id
        }
        var stage: JourneyStage?
        let stageText = text(.stage, reader)
        if !stageText.isEmpty {
            guard let parsed = JourneyStage(label: stageText) else {
                let known = JourneyStage.allCases.map { "\($0.rawValue) (\($0.name(in: .zh)))" }.joined(separator: ", ")
                return invalid(.stage, "unknown journey stage \"\(stageText)\" (expected one of \(known))")
            }
            stage = parsed
        }

        var values: [SurveyColumn: Double] = [:]
        for column in [
            SurveyColumn.importance, .expectation, .adequate, .performance, .competitorPerformance,
            .satisfaction,
        ] {
            let cell = text(column, reader)
            if cell.isEmpty { continue }
            guard let value = Double(cell), value.isFinite else {
                return invalid(
                    column, "\"\(cell)\" is not a number (the \(column.label) is a rating on \(scheme.scale))")
            }
            guard scheme.scale.contains(value) else {
                return invalid(column, "\"\(cell)\" is outside the survey's scale \(scheme.scale)")
            }
            values[column] = value
        }
        var recommend: Double?
        let recommendText = text(.recommend, reader)
        if !recommendText.isEmpty {
            guard let value = Int(recommendText), (0...10).contains(value) else {
                return invalid(
                    .recommend, "\"\(recommendText)\" is not a whole number from 0 to 10 (likelihood to recommend)")
            }
            recommend = Double(value)
        }
        var buyAgain: Bool?
        let buyText = text(.buyAgain, reader)
        if !buyText.isEmpty {
            switch buyText.lowercased() {
            case "yes", "y", "true", "1", "是", "会": buyAgain = true
            case "no", "n", "false", "0", "否", "不会": buyAgain = false
            default: return invalid(.buyAgain, "\"\(buyText)\" is not yes or no (是/否, 1/0)")
            }
        }
        var referrals: Int?
        let referralText = text(.referrals, reader)
        if !referralText.isEmpty {
            guard let value = Int(referralText), value >= 0, value <= 1_000_000 else {
                return invalid(.referrals, "\"\(referralText)\" is not a whole number of referrals (0 or more)")
            }
            referrals = value
        }

        var competitor = text(.competitor, reader)
        let overall: [SurveyColumn] = [.satisfaction, .recommend, .buyAgain, .referrals].filter {
            !text($0, reader).isEmpty
        }
        if attribute.isEmpty {
            let rated: [SurveyColumn] = [
                .stage, .importance, .expectation, .adequate, .performance, .competitor,
                .competitorPerformance,
            ].filter { !text($0, reader).isEmpty }
            if let first = rated.first {
                return invalid(
                    first,
                    "the attribute is empty, so this row holds the response's overall answers; the \(first.label) "
                        + "belongs on a row that names its attribute")
            }
            if overall.isEmpty {
                return invalid(
                    .attribute,
                    "the attribute is empty and so are satisfaction, recommend, buy again and referrals: a row "
                        + "names an attribute it rates, or holds the response's overall answers")
            }
        } else {
            if let first = overall.first {
                return invalid(
                    first,
                    "the \(first.label) is an overall answer: put it on the response's row with an empty attribute")
            }
            if values[.performance] == nil {
                return invalid(
                    .performance,
                    "the performance is empty: a row rating attribute \"\(attribute)\" "
                        + "needs the customer's rating of the firm's performance on it")
            }
            if let adequate = values[.adequate] {
                guard let desired = values[.expectation] else {
                    return invalid(
                        .adequate, "an adequate expectation needs the desired expectation beside it (the expectation)")
                }
                if adequate > desired {
                    return invalid(
                        .adequate,
                        "the adequate expectation \(text(.adequate, reader)) is above the desired expectation "
                            + "\(text(.expectation, reader)); the adequate level is the lowest one still acceptable")
                }
            }
            if values[.competitorPerformance] != nil, competitor.isEmpty {
                return invalid(
                    .competitorPerformance, "a competitor's rating without a competitor: name the competitor")
            }
            if !competitor.isEmpty {
                if values[.competitorPerformance] == nil {
                    return invalid(
                        .competitorPerformance,
                        "the competitor \"\(competitor)\" is named but its performance is empty")
                }
                if let list = scheme.competitors {
                    guard let id = SurveyScheme.resolve(competitor, in: list) else {
                        let known = list.map(\.id).joined(separator: ", ")
                        return invalid(
                            .competitor, "unknown competitor \"\(competitor)\" (the survey's competitors are \(known))")
                    }
                    competitor = id
                }
            }
            let own = [values[.importance], values[.expectation], values[.adequate], values[.performance]]
            let ratingKey = [wave, response, attribute].joined(separator: "\u{1F}")
            if let first = ratings[ratingKey], first.values != own || first.stage != stage?.rawValue {
                return invalid(
                    .performance,
                    "response \"\(response)\" rates attribute \"\(attribute)\" differently on line \(first.line); "
                        + "the firm's ratings must be the same on every competitor row of an attribute")
            }
            if ratings[ratingKey] == nil { ratings[ratingKey] = (reader.line, own, stage?.rawValue) }
        }
        let key = [wave, response, attribute, competitor].joined(separator: "\u{1F}")
        if let line = keys[key] {
            let what = attribute.isEmpty ? "its overall answers" : "attribute \"\(attribute)\""
            let against = competitor.isEmpty ? "" : " against \"\(competitor)\""
            return invalid(
                attribute.isEmpty ? .responseID : .attribute,
                "response \"\(response)\" already gives \(what)\(against) on line \(line)")
        }
        keys[key] = reader.line
        if responses[wave + "\u{1F}" + response] == nil {
            responses[wave + "\u{1F}" + response] = (reader.line, customer, day, wave)
        }
        guard store else { return .accepted }

        var customerKey: Int64?
        if !customer.isEmpty {
            customerKey = try Array(customer.utf8).withUnsafeBufferPointer { try customers.key($0) }
        }
        let arguments: [(any DatabaseValueConvertible)?] = [
            wave, response, attribute, competitor, customerKey, Int64(day), stage?.rawValue,
            Int64(scheme.scale.low), Int64(scheme.scale.high), values[.importance], values[.expectation],
            values[.adequate], values[.performance], values[.competitorPerformance], values[.satisfaction],
            recommend, buyAgain.map { $0 ? 1 : 0 } as Int?, referrals,
        ]
        try upsert.execute(arguments: StatementArguments(arguments))
        if db.changesCount == 0 { duplicates += 1 } else { stored += 1 }
        dayRange = dayRange.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
        return .accepted
    }

    func finish() throws {}
}
