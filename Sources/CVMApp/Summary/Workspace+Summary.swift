import CVMStore
import CustomerValue

/// What a per-customer summary covers.
public struct SummaryRequest: Equatable, Sendable {
    /// Durations are expressed in this unit (default: `Defaults.summaryUnit`).
    public var unit: TimeUnit?
    /// End of observation (default: the last transaction day).
    public var asOf: Day?
    /// End of the calibration period; adds holdout columns for the days after it.
    public var calibrationEnd: Day?

    public init(unit: TimeUnit? = nil, asOf: Day? = nil, calibrationEnd: Day? = nil) {
        self.unit = unit
        self.asOf = asOf
        self.calibrationEnd = calibrationEnd
    }
}

extension Workspace {
    /// The per-customer RFM summary: frequency, recency, T, monetary value, totals.
    public func summary(_ request: SummaryRequest) async throws -> SummaryResult {
        let options = SummaryOptions(
            unit: request.unit ?? defaults.summaryUnit, asOf: request.asOf, calibrationEnd: request.calibrationEnd)
        return SummaryResult(table: try await run { try await store.summary(options) })
    }
}

/// A summary table with its headline figures, CSV rows and JSON document.
public struct SummaryResult: Sendable, Tabular {
    public let table: SummaryTable

    public init(table: SummaryTable) { self.table = table }

    /// Customers who bought on more than one day, and their share.
    public var repeatCustomers: Int { table.repeatCustomers }
    public var repeatRate: Double { table.repeatRate }
    public var totalRevenue: Double { table.revenue.reduce(0, +) }

    public var columns: [String] {
        var columns = [
            "customer_id", "frequency", "recency", "T", "monetary", "revenue", "orders", "first_date", "last_date",
        ]
        if table.holdout != nil { columns += ["frequency_holdout", "monetary_holdout", "duration_holdout"] }
        return columns
    }

    public var rowCount: Int { table.count }

    public func fields(_ i: Int) -> [String] {
        let s = table
        var row = [
            s.ids[i], Number.exact(s.frequency[i]), Number.exact(s.recency[i]), Number.exact(s.T[i]),
            Number.exact(s.monetary[i]), Number.exact(s.revenue[i]), String(s.orders[i]), s.firstDay[i].description,
            s.lastDay[i].description,
        ]
        if let h = s.holdout {
            row += [Number.exact(h.frequency[i]), Number.exact(h.monetary[i]), Number.exact(h.duration)]
        }
        return row
    }

    /// The JSON document: `{unit, observation_end, holdout_end?, customer_count, customers: [...]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let frequency, recency, T, monetary, revenue: Double
            public let orders: Int
            public let firstDate, lastDate: String
            public let frequencyHoldout, monetaryHoldout, durationHoldout: Double?
        }

        public let unit: String
        public let observationEnd: String
        public let holdoutEnd: String?
        public let customerCount: Int
        public let customers: [Customer]

        init(_ result: SummaryResult) {
            let s = result.table
            unit = s.unit.rawValue
            observationEnd = s.observationEnd.description
            holdoutEnd = s.holdout?.end.description
            customerCount = s.count
            customers = (0..<s.count).map { i in
                Customer(
                    customerID: s.ids[i], frequency: s.frequency[i], recency: s.recency[i], T: s.T[i],
                    monetary: s.monetary[i], revenue: s.revenue[i], orders: s.orders[i],
                    firstDate: s.firstDay[i].description, lastDate: s.lastDay[i].description,
                    frequencyHoldout: s.holdout?.frequency[i], monetaryHoldout: s.holdout?.monetary[i],
                    durationHoldout: s.holdout?.duration)
            }
        }
    }
}
