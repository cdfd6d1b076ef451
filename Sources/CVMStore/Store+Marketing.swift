import CustomerValue
import Foundation
import GRDB

extension Store {
    /// Imports a marketing-spend CSV: all rows or, on any invalid row, none.
    ///
    /// Columns (see `MarketingColumn`): `date`/`period` (日期/期间; a day, or a month such as
    /// `2024-03` or `2024年3月`, stored as its first day), `spend` (营销投入/投入金额, 0 or more),
    /// and `customer_id` (客户编号) or `segment` (客户群) — spend on one customer, or on a segment
    /// as a whole; optional `campaign_id` (活动编号), `channel` (渠道) and `purpose` (用途: acquisition
    /// or retention, 获客 or 保留; a row with a purpose and a channel may name neither a customer nor a
    /// segment: spend on the channel). Unknown customers are
    /// created bare (id only). Re-importing a file stores nothing new; a corrected amount in a
    /// re-exported file replaces the old one.
    ///
    /// - Throws: `ImportError` saying what is wrong and where; nothing of the file is stored then.
    public func importMarketing(from url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let csv = try CSVImport<MarketingColumn>(url: url, options: options)
        if csv.mapping[.customerID] == nil && csv.mapping[.segment] == nil && csv.mapping[.purpose] == nil {
            let names = (MarketingColumn.customerID.synonyms + MarketingColumn.segment.synonyms).joined(separator: ", ")
            let found = csv.mapping.headers.map { $0.isEmpty ? "(empty)" : $0 }.joined(separator: ", ")
            throw ImportError(
                .missingColumn,
                "\(csv.file) has no customer id or segment column (looked for \(names)); its columns are: \(found). "
                    + "Map customer_id or segment to one of its columns.")
        }
        let dates = try DateParser(pattern: options.dateFormat.map(DatePattern.init))
        return try runImport(csv, kind: .marketing, started: Date()) { db, importID in
            try MarketingImporter(db, importID: importID, mapping: csv.mapping, dates: dates, options: csv.options)
        }
    }

    /// The marketing spend of the days `start…end`, by day.
    public func marketingSpend(from start: Day, through end: Day) throws -> [SpendRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.id, m.segment, m.day, m.amount, m.campaign_id
                    FROM marketing m LEFT JOIN customers c ON c.key = m.customer
                    WHERE m.day BETWEEN ? AND ?
                    ORDER BY m.day, m.customer, m.segment
                    """,
                arguments: [start.number, end.number]
            ).map { row in
                SpendRecord(
                    customerID: row[0], segment: row[1], day: Day(number: row[2]), amount: row[3], campaign: row[4])
            }
        }
    }

    /// The first and last day of the stored marketing spend, or nil when there is none.
    public func marketingDayRange() throws -> ClosedRange<Day>? {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT MIN(day), MAX(day) FROM marketing")
            guard let row, let first: Int = row[0], let last: Int = row[1] else { return nil }
            return Day(number: first)...Day(number: last)
        }
    }

    /// Each customer's revenue — or margin, `amount − cost` — per calendar month of `start…end`.
    ///
    /// - Throws: `StoreError` (.noCosts) for a margin when no transaction of the days has a cost:
    ///   a margin equal to the revenue would be silently wrong.
    public func monthlyRevenue(from start: Day, through end: Day, margin: Bool = false) throws -> [RevenueRecord] {
        try read { db in
            if margin {
                let costs =
                    try Int.fetchOne(
                        db, sql: "SELECT count(*) FROM transactions WHERE cost IS NOT NULL AND day BETWEEN ? AND ?",
                        arguments: [start.number, end.number]) ?? 0
                if costs == 0 {
                    throw StoreError(
                        .noCosts,
                        "no transaction between \(start) and \(end) has a cost, so there is no margin to measure: "
                            + "import transactions with a cost (成本) column, or measure revenue instead of margin")
                }
            }
            let value = margin ? "SUM(t.amount - coalesce(t.cost, 0))" : "SUM(t.amount)"
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id, t.day, \(value) FROM transactions t JOIN customers c ON c.key = t.customer
                    WHERE t.day BETWEEN ? AND ?
                    GROUP BY t.customer, t.day
                    ORDER BY t.customer, t.day
                    """,
                arguments: [start.number, end.number])
            var records: [RevenueRecord] = []
            while let row = try rows.next() {
                let id: String = row[0]
                let month = CalendarMonth(Day(number: row[1]))
                let amount: Double = row[2]
                if let last = records.last, last.customerID == id, last.month == month {
                    records[records.count - 1].amount += amount
                } else {
                    records.append(RevenueRecord(customerID: id, month: month, amount: amount))
                }
            }
            return records
        }
    }
}
