import CVMStore
import CustomerValue
import Foundation
import PostgresNIO

/// What is stored: counts, day ranges, and the per-customer aggregations, run on the server with
/// the portable statements the SQLite store uses (`Store.summarySQL`, `Store.valueWindowsSQL`),
/// over every customer at once (the server parallelises a scan itself; there is no key range
/// per core as with SQLite's connections).
extension PostgresStore {
    /// Customer key bounds that take in every customer.
    static let allKeys: [String: Value] = [":low": .int(Int(Int64.min)), ":high": .int(Int(Int64.max))]

    public func counts() async throws -> (customers: Int, transactions: Int) {
        try await read { s in
            let row = try await s.one("SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM transactions)")!
            return (try row.int(0), try row.int(1))
        }
    }

    public func imports() async throws -> [ImportRecord] {
        try await read { s in
            try await s.rows(
                """
                SELECT id, kind, file, bytes, imported_at, rows_read, rows_stored, rows_updated, rows_duplicate,
                    rows_rejected, first_day, last_day
                FROM imports ORDER BY id
                """
            ).compactMap { row in
                guard let kind = ImportReport.Kind(rawValue: try row.text(1)) else { return nil }
                let first = try row.optionalInt(10)
                let last = try row.optionalInt(11)
                return ImportRecord(
                    id: try row.int64(0), kind: kind, file: try row.text(2), bytes: try row.int(3),
                    importedAt: try row.text(4), rowsRead: try row.int(5), rowsStored: try row.int(6),
                    rowsUpdated: try row.int(7), rowsDuplicate: try row.int(8), rowsRejected: try row.int(9),
                    days: first.flatMap { f in last.map { Day(number: f)...Day(number: max(f, $0)) } })
            }
        }
    }

    /// From the import records, as in SQLite (no scan of the transactions).
    public func transactionDayRange() async throws -> ClosedRange<Day>? {
        try await read { s in try await Self.transactionDayRange(s) }
    }

    static func transactionDayRange(_ s: Session) async throws -> ClosedRange<Day>? {
        let row = try await s.one(
            """
            SELECT MIN(first_day), MAX(last_day) FROM imports
            WHERE kind = 'transactions' AND (rows_stored > 0 OR rows_updated > 0)
            """)
        guard let row, let first = try row.optionalInt(0), let last = try row.optionalInt(1) else { return nil }
        return Day(number: first)...Day(number: last)
    }

    public func summary(_ options: SummaryOptions) async throws -> SummaryTable {
        try await read { s in
            let (end, calibrationEnd) = try Store.summaryPeriod(options, range: try await Self.transactionDayRange(s))
            var rows = RawSummaryRows()
            var named = Self.allKeys
            named[":end"] = .int(end.number)
            named[":cal"] = .int(calibrationEnd.number)
            try await s.decodedRows(Self.withIDs(Store.summarySQL, columns: 10), named) { row in
                rows.append(row)
                rows.ids.append(row.text(10))
            }
            return Store.summaryTable([rows], options: options, end: end, calibrationEnd: calibrationEnd)
        }
    }

    /// A per-customer statement (customer key first, `columns` columns, in key order) with each
    /// row's customer id added as the last column.
    static func withIDs(_ sql: String, columns: Int) -> String {
        "SELECT q.*, c.id FROM (\(sql)) q JOIN customers c ON c.key = q.customer ORDER BY q.customer"
    }

    public func repeatPurchasesPerDay(through end: Day, cohortEnd: Day) async throws -> [(day: Day, purchases: Int)] {
        try await read { s in
            try await s.rows(
                """
                WITH days AS (
                    SELECT customer, day FROM transactions WHERE day <= $1 GROUP BY customer, day
                ),
                firsts AS (
                    SELECT customer, MIN(day) AS first FROM days GROUP BY customer HAVING MIN(day) <= $2
                )
                SELECT d.day, COUNT(*)
                FROM days d JOIN firsts f ON f.customer = d.customer AND d.day > f.first
                GROUP BY d.day
                ORDER BY d.day
                """, [.int(end.number), .int(cohortEnd.number)]
            ).map { (Day(number: try $0.int(0)), try $0.int(1)) }
        }
    }

    public func valueWindows(asOf: Day?, currentWindowDays: Int) async throws -> ValueWindows {
        try await read { s in
            let (end, start, previous) = try Store.valueWindowsPeriod(
                asOf: asOf, currentWindowDays: currentWindowDays, range: try await Self.transactionDayRange(s))
            var rows = RawValueRows()
            var named = Self.allKeys
            named[":end"] = .int(end.number)
            named[":start"] = .int(start)
            named[":previous"] = .int(previous)
            try await s.decodedRows(Self.withIDs(Store.valueWindowsSQL, columns: 16), named) { row in
                rows.append(row)
                rows.ids.append(row.text(16))
            }
            return Store.valueWindows([rows], end: end, start: start, currentWindowDays: currentWindowDays)
        }
    }

    public func customerIndicators(asOf: Day?, windowMonths: Int) async throws -> CustomerIndicators {
        let summary = try await self.summary(SummaryOptions(unit: .day, asOf: asOf))
        guard windowMonths >= 1 else {
            throw StoreError(.invalidOption, "the current window must be at least 1 month, not \(windowMonths)")
        }
        let value = try await valueWindows(
            asOf: summary.observationEnd, currentWindowDays: ValueWindows.days(inMonths: Double(windowMonths)))
        let stored = try await latestCLV()
        return CustomerIndicators(
            summary: summary, windows: value, clv: stored?.values,
            clvSource: stored.map { CustomerIndicators.clvSource(model: $0.model, settings: $0.settings) })
    }

    public func marketingSpend(from start: Day, through end: Day) async throws -> [SpendRecord] {
        try await read { s in
            try await s.rows(
                """
                SELECT c.id, m.segment, m.day, m.amount, m.campaign_id
                FROM marketing m LEFT JOIN customers c ON c.key = m.customer
                WHERE m.day BETWEEN $1 AND $2
                ORDER BY m.day, m.customer NULLS FIRST, m.segment NULLS FIRST
                """, [.int(start.number), .int(end.number)]
            ).map { row in
                SpendRecord(
                    customerID: try row.optionalText(0), segment: try row.optionalText(1),
                    day: Day(number: try row.int(2)), amount: try row.double(3), campaign: try row.optionalText(4))
            }
        }
    }

    public func marketingDayRange() async throws -> ClosedRange<Day>? {
        try await read { s in
            let row = try await s.one("SELECT MIN(day), MAX(day) FROM marketing")
            guard let row, let first = try row.optionalInt(0), let last = try row.optionalInt(1) else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }

    public func monthlyRevenue(from start: Day, through end: Day, margin: Bool) async throws -> [RevenueRecord] {
        try await read { s in
            if margin {
                let costs =
                    try await s.one(
                        "SELECT count(*) FROM transactions WHERE cost IS NOT NULL AND day BETWEEN $1 AND $2",
                        [.int(start.number), .int(end.number)])!.int(0)
                if costs == 0 {
                    throw StoreError(
                        .noCosts,
                        "no transaction between \(start) and \(end) has a cost, so there is no margin to measure: "
                            + "import transactions with a cost (成本) column, or leave out --margin")
                }
            }
            // Summed in the primary key's order, as SQLite reads them, so the sums are the same doubles.
            let order = "ORDER BY t.row_key, t.occurrence"
            let value = margin ? "SUM(t.amount - coalesce(t.cost, 0) \(order))" : "SUM(t.amount \(order))"
            var records: [RevenueRecord] = []
            try await s.forEachRow(
                """
                SELECT c.id, t.day, \(value) FROM transactions t JOIN customers c ON c.key = t.customer
                WHERE t.day BETWEEN $1 AND $2
                GROUP BY t.customer, c.id, t.day
                ORDER BY t.customer, t.day
                """, [.int(start.number), .int(end.number)]
            ) { row in
                let id = try row.text(0)
                let month = CalendarMonth(Day(number: try row.int(1)))
                let amount = try row.double(2)
                if let last = records.last, last.customerID == id, last.month == month {
                    records[records.count - 1].amount += amount
                } else {
                    records.append(RevenueRecord(customerID: id, month: month, amount: amount))
                }
            }
            return records
        }
    }

    public func payments() async throws -> [Payment] {
        try await read { s in
            try await s.rows(
                """
                SELECT c.id, p.due_day, p.paid_day, p.amount_due, p.amount_paid, p.invoice_id
                FROM payments p JOIN customers c ON c.key = p.customer
                ORDER BY p.customer, p.due_day, p.row_key, p.occurrence
                """
            ).map { row in
                Payment(
                    customerID: try row.text(0), due: Day(number: try row.int(1)),
                    paid: try row.optionalInt(2).map(Day.init(number:)), amountDue: try row.double(3),
                    amountPaid: try row.double(4), invoiceID: try row.optionalText(5))
            }
        }
    }

    public func paymentDayRange() async throws -> ClosedRange<Day>? {
        try await read { s in
            let row = try await s.one(
                "SELECT MIN(due_day), MAX(GREATEST(due_day, coalesce(paid_day, due_day))) FROM payments")
            guard let row, let first = try row.optionalInt(0), let last = try row.optionalInt(1) else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }

    public func surveyAnswers() async throws -> [SurveyAnswer] { try await surveyAnswers(where: "", []) }

    public func surveyAnswers(customer id: String) async throws -> [SurveyAnswer] {
        try await surveyAnswers(where: "WHERE c.id = $1", [.text(id)])
    }

    private func surveyAnswers(where clause: String, _ arguments: [Value]) async throws -> [SurveyAnswer] {
        try await read { s in
            try await s.rows(
                """
                SELECT s.wave, s.response, c.id, s.day, s.scale_low, s.scale_high, s.attribute, s.stage,
                    s.importance, s.expectation, s.adequate, s.performance, s.competitor,
                    s.competitor_performance, s.satisfaction, s.recommend, s.buy_again, s.referrals
                FROM survey_answers s LEFT JOIN customers c ON c.key = s.customer
                \(clause)
                ORDER BY s.wave, s.response, s.attribute, s.competitor
                """, arguments
            ).map { row in
                let attribute = try row.text(6)
                let competitor = try row.text(12)
                return SurveyAnswer(
                    wave: try row.text(0), response: try row.text(1), customerID: try row.optionalText(2),
                    day: Day(number: try row.int(3)),
                    scale: SurveyScale(low: try row.int(4), high: try row.int(5)) ?? .fivePoint,
                    attribute: attribute.isEmpty ? nil : attribute,
                    stage: try row.optionalText(7).flatMap(JourneyStage.init(rawValue:)),
                    importance: try row.optionalDouble(8), expectation: try row.optionalDouble(9),
                    adequate: try row.optionalDouble(10), performance: try row.optionalDouble(11),
                    competitor: competitor.isEmpty ? nil : competitor,
                    competitorPerformance: try row.optionalDouble(13), satisfaction: try row.optionalDouble(14),
                    recommend: try row.optionalDouble(15), buyAgain: try row.optionalInt(16).map { $0 != 0 },
                    referrals: try row.optionalInt(17))
            }
        }
    }

    public func purchaseHistory(through asOf: Day) async throws -> PurchaseHistory {
        try await read { s in
            var ids: [String] = []
            var start: [Int] = []
            var days: [Day] = []
            var values: [Double] = []
            var lastKey: Int?
            try await s.forEachRow(
                """
                SELECT c.key, c.id, t.day, SUM(t.amount ORDER BY t.row_key, t.occurrence)
                FROM customers c LEFT JOIN transactions t ON t.customer = c.key AND t.day <= $1
                GROUP BY c.key, c.id, t.day ORDER BY c.key, t.day
                """, [.int(asOf.number)]
            ) { row in
                let key = try row.int(0)
                if key != lastKey {
                    lastKey = key
                    ids.append(try row.text(1))
                    start.append(days.count)
                }
                guard let day = try row.optionalInt(2) else { return }
                days.append(Day(number: day))
                values.append(try row.double(3))
            }
            start.append(days.count)
            return PurchaseHistory(ids: ids, start: start, days: days, values: values)
        }
    }
}
