import Foundation
import GRDB

/// What customers can be listed by; every field maps to one fixed SQL expression (no text of a
/// request ever reaches the SQL but as a bound value).
public enum CustomerSortField: String, CaseIterable, Sendable {
    case id, name, revenue, clv, score

    /// The expression sorted on. Missing values sort as the lowest (empty name, no result).
    var expression: String {
        switch self {
        case .id: "c.id"
        case .name: "COALESCE(c.name, '')"
        case .revenue: "COALESCE(r.revenue, -1e308)"
        case .clv: "COALESCE(r.clv, -1e308)"
        case .score: "COALESCE(r.score, -1e308)"
        }
    }

    var isText: Bool { self == .id || self == .name }
}

/// Where the previous page ended: the sort value and the id of its last customer.
public struct CustomerCursor: Sendable, Equatable {
    /// The sort value as text (a number's shortest round-trip form for numeric fields).
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
    /// Case-insensitive part of the id or the name.
    public var search: String?
    public var sort: CustomerSortField
    public var descending: Bool
    public var after: CustomerCursor?
    public var limit: Int

    public init(
        run: Int64?, segment: String? = nil, valueGroup: String? = nil, tier: String? = nil, search: String? = nil,
        sort: CustomerSortField = .id, descending: Bool = false, after: CustomerCursor? = nil, limit: Int
    ) {
        self.run = run
        self.segment = segment
        self.valueGroup = valueGroup
        self.tier = tier
        self.search = search
        self.sort = sort
        self.descending = descending
        self.after = after
        self.limit = limit
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
    /// One page of customers by keyset paging: `(sort value, id)` after the cursor, so a page costs
    /// the same wherever it is and rows added meanwhile are neither skipped nor repeated.
    public func customerPage(_ query: CustomerPageQuery) throws -> CustomerPage {
        let sort = query.sort.expression
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = [query.run ?? -1]
        if let segment = query.segment {
            conditions.append("r.segment = ?")
            arguments.append(segment)
        }
        if let group = query.valueGroup {
            conditions.append("r.value_group = ?")
            arguments.append(group)
        }
        if let tier = query.tier {
            conditions.append("r.tier = ?")
            arguments.append(tier)
        }
        if let search = query.search, !search.isEmpty {
            let escaped =
                search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            conditions.append("(c.id LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')")
            arguments.append("%\(escaped)%")
            arguments.append("%\(escaped)%")
        }
        if let after = query.after {
            let value: any DatabaseValueConvertible =
                query.sort.isText ? after.value : (Double(after.value) ?? -Double.greatestFiniteMagnitude)
            conditions.append("(\(sort) \(query.descending ? "<" : ">") ? OR (\(sort) = ? AND c.id > ?))")
            arguments += [value, value, after.id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT c.id, c.name, c.region, c.owner, r.segment, r.value_group, r.tier, r.revenue, r.clv, r.score,
                \(sort)
            FROM customers c LEFT JOIN analysis_results r ON r.run = ? AND r.customer = c.key
            \(whereClause)
            ORDER BY \(sort) \(query.descending ? "DESC" : "ASC"), c.id ASC
            LIMIT ?
            """
        arguments.append(query.limit + 1)
        return try read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            let page = rows.prefix(query.limit).map { row in
                CustomerListRow(
                    id: row[0], name: row[1], region: row[2], owner: row[3], segment: row[4], valueGroup: row[5],
                    tier: row[6], revenue: row[7], clv: row[8], score: row[9])
            }
            var next: CustomerCursor?
            if rows.count > query.limit, let last = rows.prefix(query.limit).last {
                let value: String =
                    query.sort.isText ? (last[10] as String? ?? "") : "\(last[10] as Double? ?? -1e308)"
                next = CustomerCursor(value: value, id: last[0])
            }
            return CustomerPage(rows: page, next: next)
        }
    }
}
