import CustomerValue
import GRDB

extension Store {
    /// Every customer's purchase days up to `asOf` with the value bought on each, in customer-key
    /// order; customers on file with no purchase yet have no days (the lifecycle's prospects).
    ///
    /// One ordered scan of the transactions (clustered on customer and day, so the grouping needs
    /// no sort), one customer-key range per core.
    public func purchaseHistory(through asOf: Day) throws -> PurchaseHistory {
        let sql = """
            SELECT c.key, c.id, t.day, SUM(t.amount)
            FROM customers c LEFT JOIN transactions t ON t.customer = c.key AND t.day <= :asOf
            WHERE c.key BETWEEN :low AND :high
            GROUP BY c.key, t.day ORDER BY c.key, t.day
            """
        let parts = try customerKeyRanges()
        let pieces = try concurrentReads(parts.count) { db, part -> PurchaseHistory in
            let query = try RawStatement(db, sql)
            query.bind(":low", parts[part].lowerBound)
            query.bind(":high", parts[part].upperBound)
            query.bind(":asOf", Int64(asOf.number))
            var ids: [String] = []
            var start: [Int] = []
            var days: [Day] = []
            var values: [Double] = []
            var lastKey: Int?
            try query.forEachRow {
                let key = query.int(0)
                if key != lastKey {
                    lastKey = key
                    ids.append(query.text(1))
                    start.append(days.count)
                }
                guard !query.isNull(2) else { return }
                days.append(Day(number: query.int(2)))
                values.append(query.double(3))
            }
            start.append(days.count)
            return PurchaseHistory(ids: ids, start: start, days: days, values: values)
        }
        return PurchaseHistory(joining: pieces)
    }
}
