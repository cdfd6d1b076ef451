import Foundation
import GRDB

/// What customers can be listed by; every field maps to one fixed SQL expression (no text of a
/// request ever reaches the SQL but as a bound value). The order by a run's number is
/// `CustomerOrder`'s.
public enum CustomerSortField: String, CaseIterable, Sendable {
    case id, name, revenue, clv, score

    var isText: Bool { self == .id || self == .name }
}

/// Where the previous page ended: the sort value and the id of its last customer.
public struct CustomerCursor: Sendable, Equatable {
    /// The sort value as text; by a run's number, where in `CustomerOrder` the page ended (see
    /// `CustomerPagePlan`).
    public var value: String
    public var id: String
    public init(value: String, id: String) {
        self.value = value
        self.id = id
    }
}

/// One page of the customer list: filters, order, where to start and how many.
public struct CustomerPageQuery: Sendable, Equatable {
    /// The analysis run whose segment, value group, tier, CLV and score are shown (nil: none).
    public var run: Int64?
    public var segment: String?
    public var valueGroup: String?
    public var tier: String?
    /// The lifecycle stage in the run, and whether the run warned of the customer.
    public var stage: String?
    public var warned: Bool?
    /// The customer's owner and region on file, as written there.
    public var owner: String?
    public var region: String?
    /// Case-insensitive part of the id or the name.
    public var search: String?
    public var sort: CustomerSortField
    public var descending: Bool
    public var after: CustomerCursor?
    public var limit: Int

    public init(
        run: Int64?, segment: String? = nil, valueGroup: String? = nil, tier: String? = nil, stage: String? = nil,
        warned: Bool? = nil, owner: String? = nil, region: String? = nil, search: String? = nil,
        sort: CustomerSortField = .id, descending: Bool = false, after: CustomerCursor? = nil, limit: Int
    ) {
        self.run = run
        self.segment = segment
        self.valueGroup = valueGroup
        self.tier = tier
        self.stage = stage
        self.warned = warned
        self.owner = owner
        self.region = region
        self.search = search
        self.sort = sort
        self.descending = descending
        self.after = after
        self.limit = limit
    }
}

extension CustomerPageQuery {
    /// Whether a filter needs the customer's result in the run (segment, group, tier, stage, warning).
    public var filtersOnTheRun: Bool {
        segment != nil || valueGroup != nil || tier != nil || stage != nil || warned != nil
    }
}

/// One customer in the list: the profile and, when a run is given, its results.
public struct CustomerListRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var region: String?
    public var owner: String?
    public var segment: String?
    public var valueGroup: String?
    public var tier: String?
    public var revenue: Double?
    public var clv: Double?
    public var score: Double?

    public init(
        id: String, name: String?, region: String?, owner: String?, segment: String?, valueGroup: String?,
        tier: String?, revenue: Double?, clv: Double?, score: Double?
    ) {
        self.id = id
        self.name = name
        self.region = region
        self.owner = owner
        self.segment = segment
        self.valueGroup = valueGroup
        self.tier = tier
        self.revenue = revenue
        self.clv = clv
        self.score = score
    }
}

/// A page and where the next one starts (nil on the last page).
public struct CustomerPage: Sendable, Equatable {
    public var rows: [CustomerListRow]
    public var next: CustomerCursor?

    public init(rows: [CustomerListRow], next: CustomerCursor?) {
        self.rows = rows
        self.next = next
    }
}

extension Store {
    /// One page of customers by keyset paging (`CustomerPagePlan`): a page costs the same
    /// wherever it is, and rows added meanwhile are neither skipped nor repeated.
    ///
    /// - Throws: `StoreError(.invalidOption)` for a cursor that is not one of this order's.
    public func customerPage(_ query: CustomerPageQuery) throws -> CustomerPage {
        let plan = try CustomerPagePlan(query, dialect: .sqlite)
        return try read { db in
            func fetch(_ statement: CustomerPagePlan.Statement, key: CustomerPagePlan.KeyKind) throws
                -> [CustomerPagePlan.Fetched]
            {
                let arguments = StatementArguments(
                    statement.arguments.map { argument -> (any DatabaseValueConvertible)? in
                        switch argument {
                        case .text(let text): text
                        case .int(let int): int
                        case .double(let double): double
                        }
                    })
                return try Row.fetchAll(db, sql: statement.sql, arguments: arguments).map { row in
                    CustomerPagePlan.Fetched(
                        row: CustomerListRow(
                            id: row[0], name: row[1], region: row[2], owner: row[3], segment: row[4],
                            valueGroup: row[5], tier: row[6], revenue: row[7], clv: row[8], score: row[9]),
                        key: key == .text ? row[10] : nil, position: key == .position ? row[10] : nil,
                        value: key == .number ? row[10] : nil)
                }
            }
            let rows = try fetch(plan.first, key: plan.firstKey)
            let more = try plan.continuation(afterReading: rows.count).map { try fetch($0, key: .none) } ?? []
            return plan.page(first: rows, then: more)
        }
    }
}
