import CVMStore
import CustomerValue
import Foundation

/// What a cohort triangle shows in its cells.
public enum CohortMetric: String, CaseIterable, Codable, Sendable {
    /// The share of the cohort that bought in the month.
    case retention
    /// What the cohort bought in the month.
    case revenue
    /// How many of the cohort bought in the month.
    case customers
}

/// The cohort triangle up to an as-of date.
public struct CohortsRequest: Sendable, Equatable {
    public var asOf: Day?

    public init(asOf: Day? = nil) { self.asOf = asOf }
}

/// Retention and revenue by acquisition-month cohort (the month of the first purchase).
public struct CohortsResult: Sendable, Tabular {
    public var triangle: CohortTriangle

    /// The value of a cell, by metric.
    public static func value(_ c: CohortTriangle.Cohort, age: Int, _ metric: CohortMetric) -> Double {
        switch metric {
        case .retention: c.retention[age]
        case .revenue: c.revenue[age]
        case .customers: Double(c.active[age])
        }
    }

    /// One row per cohort and month of age: cohort, age_months, cohort_customers, active, retention, revenue.
    public var columns: [String] { ["cohort", "age_months", "cohort_customers", "active", "retention", "revenue"] }
    public var rowCount: Int { triangle.cohorts.reduce(0) { $0 + $1.active.count } }
    public func fields(_ i: Int) -> [String] {
        // Rows run cohort by cohort; find the cohort of row i.
        var k = 0
        var age = i
        while age >= triangle.cohorts[k].active.count {
            age -= triangle.cohorts[k].active.count
            k += 1
        }
        let c = triangle.cohorts[k]
        return [
            c.month.description, String(age), String(c.customers), String(c.active[age]),
            Number.exact(c.retention[age]), Number.exact(c.revenue[age]),
        ]
    }

    /// `{as_of, cohorts: [{cohort, customers, active: [...], retention: [...], revenue: [...]}]}`.
    public var document: Document {
        Document(
            asOf: triangle.asOf.description,
            cohorts: triangle.cohorts.map {
                .init(
                    cohort: $0.month.description, customers: $0.customers, active: $0.active,
                    retention: $0.retention, revenue: $0.revenue)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Cohort: Encodable, Sendable {
            public let cohort: String
            public let customers: Int
            public let active: [Int]
            public let retention, revenue: [Double]
        }
        public let asOf: String
        public let cohorts: [Cohort]
    }
}

extension Workspace {
    /// The cohort triangle of the purchases up to the as-of date (default: the last transaction day).
    public func cohorts(_ request: CohortsRequest) async throws -> CohortsResult {
        guard let range = try await run({ try await store.transactionDayRange() }) else {
            throw AppError(.noData, "no transactions are stored")
        }
        let asOf = request.asOf ?? range.upperBound
        guard asOf >= range.lowerBound else {
            throw AppError(.noData, "no customer has a purchase on or before \(asOf)")
        }
        let history = try await run { try await store.purchaseHistory(through: asOf) }
        return CohortsResult(triangle: CohortTriangle(history, asOf: asOf))
    }
}
