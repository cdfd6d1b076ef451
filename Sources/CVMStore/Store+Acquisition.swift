import CustomerValue
import GRDB

/// Marketing spend with a purpose, summed by day, channel and purpose.
public struct TaggedSpend: Sendable, Equatable {
    public var day: Day
    public var channel: String?
    /// `acquisition` or `retention`.
    public var purpose: String
    public var amount: Double

    public init(day: Day, channel: String?, purpose: String, amount: Double) {
        self.day = day
        self.channel = channel
        self.purpose = purpose
        self.amount = amount
    }
}

extension Store {
    /// The marketing spend tagged acquisition or retention up to `asOf`, by day, channel and purpose.
    public func taggedSpend(through asOf: Day) throws -> [TaggedSpend] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT day, channel, purpose, SUM(amount) FROM marketing
                    WHERE purpose IS NOT NULL AND day <= ?
                    GROUP BY day, channel, purpose ORDER BY day, channel, purpose
                    """, arguments: [asOf.number]
            ).map { TaggedSpend(day: Day(number: $0[0]), channel: $0[1], purpose: $0[2], amount: $0[3]) }
        }
    }

    /// Every customer's acquisition channel and date as the customers file gives them, in key order.
    public func acquisitionFacts() throws -> [(id: String, channel: String?, acquired: Day?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, channel, acquired_day FROM customers ORDER BY key").map {
                ($0[0], $0[1], ($0[2] as Int?).map(Day.init(number:)))
            }
        }
    }
}
