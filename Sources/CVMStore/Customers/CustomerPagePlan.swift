import CustomerValue
import Foundation

/// The customer list's order by a run's number (revenue, CLV, score), and the queries that read a
/// page of it, written once for both stores.
///
/// The order: customers with a value, highest first and ties by id (byte order); then the
/// customers without one (no result in the run, or no value in it), by id. Ascending is the
/// valued part reversed, still followed by the customers without a value. (By id or name,
/// descending is ascending reversed.)
///
/// Sorting a million customers for every page took most of a second, so a run stores its order:
/// `analysis_ranks` holds each customer's position per field, written with the run's results in
/// the table's key order (cheaper than an index on each field: see `saveAnalysisRun`). A page is
/// then a range of positions; a page after the last valued customer reads the customers without
/// a value in id order. Each position carries the customer's segment, value group and tier as
/// small numbers, so that a filtered page walks the narrow positions alone, and reads a customer's
/// row only when it is on the page (a filter against the order, such as the lowest segment by CLV,
/// otherwise read most of a million result rows: 2.3 s). A text search reads the matching customers instead and sorts them the same way.
public enum CustomerOrder {
    /// The number that identifies a field in `analysis_ranks`.
    static func code(_ field: CustomerSortField) -> Int? {
        switch field {
        case .revenue: 1
        case .clv: 2
        case .score: 3
        case .id, .name: nil
        }
    }

    /// The run's columns that are ranked, with their field codes.
    public static let rankedFields: [(code: Int, column: String)] = [(1, "revenue"), (2, "clv"), (3, "score")]

    /// The run's columns a list can be filtered on, and the names whose positions in these lists
    /// `analysis_ranks` stores (any other value is stored as NULL, and filtered on through the results).
    public static let filters: [(column: String, names: [String])] = [
        ("segment", RFMSegment.allCases.map(\.rawValue)), ("value_group", ValueGroup.allCases.map(\.rawValue)),
        ("tier", ValueTier.allCases.map(\.rawValue)),
    ]

    /// The number `analysis_ranks` stores for a name in the filter `column`, or nil.
    static func filterCode(_ name: String?, column: String) -> Int64? {
        guard let name, let names = filters.first(where: { $0.column == column })?.names,
            let index = names.firstIndex(of: name)
        else { return nil }
        return Int64(index)
    }

    /// Each customer's filter codes in the results' order, one array per filter.
    public static func filterCodes(_ x: AnalysisResults) -> [[Int64?]] {
        let columns: [[String]?] = [x.segment, x.valueGroup, x.tier]
        return zip(filters, columns).map { filter, values in
            let codes = Dictionary(uniqueKeysWithValues: filter.names.enumerated().map { ($1, Int64($0)) })
            return values.map { $0.map { codes[$0] } } ?? [Int64?](repeating: nil, count: x.count)
        }
    }

    /// Indices of `values` in the order above, leaving out NaN (stored as no value) and the
    /// customers for which `include` is false.
    ///
    /// - Parameter idOrder: each customer's position among the ids in byte order (the tie-break),
    ///   from `idOrder(_:)`, computed once for all fields.
    static func ranking(_ values: [Double], idOrder: [Int32], include: [Bool]) -> [Int32] {
        // Sorting the keys themselves rather than indices into the columns: 0.16 s at a million
        // customers instead of 0.69 s.
        struct Key {
            var value: Double
            var tie: Int32
            var index: Int32
        }
        var keys: [Key] = []
        keys.reserveCapacity(values.count)
        for i in values.indices where include[i] && !values[i].isNaN {
            keys.append(Key(value: values[i], tie: idOrder[i], index: Int32(i)))
        }
        keys.sort { $0.value != $1.value ? $0.value > $1.value : $0.tie < $1.tie }
        return keys.map(\.index)
    }

    /// A run's positions per ranked field (`rankedFields`' codes): indices into the results, for the
    /// customers the database knows (`known`). The fields are sorted on both cores.
    public static func ranks(_ x: AnalysisResults, known: (Int) -> Bool) -> [(code: Int, order: [Int32])] {
        let idOrder = idOrder(x.ids)
        let included = (0..<x.count).map(known)
        let columns: [[Double]?] = [x.revenue, x.clv, x.score]
        var orders = [[Int32]](repeating: [], count: columns.count)
        orders.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: columns.count) { field in
                out[field] = columns[field].map { ranking($0, idOrder: idOrder, include: included) } ?? []
            }
        }
        return zip(rankedFields, orders).map { ($0.0.code, $0.1) }
    }

    /// Each id's position among all of them in byte order (SQLite's BINARY collation, PostgreSQL's "C").
    static func idOrder(_ ids: [String]) -> [Int32] {
        // Swift orders strings by their Unicode scalars after normalisation, which is byte order for
        // ASCII (and twice as fast as comparing byte arrays); other ids are compared as bytes.
        let sorted: [Int]
        if ids.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            sorted = ids.indices.sorted { ids[$0] < ids[$1] }
        } else {
            let bytes = ids.map { Array($0.utf8) }
            sorted = bytes.indices.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        }
        var position = [Int32](repeating: 0, count: ids.count)
        for (p, i) in sorted.enumerated() { position[i] = Int32(p) }
        return position
    }

    /// The same order in SQL, for runs stored before ranks were kept (the schema migration that
    /// added them): one statement per field, `INSERT`ing every run's positions.
    public static func rankingSQL(code: Int, column: String) -> String {
        let codes = filters.map { filter in
            "CASE r.\(filter.column) "
                + filter.names.enumerated().map { "WHEN '\($1)' THEN \($0)" }.joined(separator: " ") + " END"
        }
        return """
            INSERT INTO analysis_ranks (run, field, position, customer, segment, value_group, tier)
            SELECT r.run, \(code), ROW_NUMBER() OVER (PARTITION BY r.run ORDER BY r.\(column) DESC, c.id) - 1,
                r.customer, \(codes.joined(separator: ", "))
            FROM analysis_results r JOIN customers c ON c.key = r.customer
            WHERE r.\(column) IS NOT NULL
            """
    }
}

/// The statements that read one page of the customer list, in a store's SQL dialect, and how
/// their rows make the page and its cursor.
///
/// Cursors by a run's number carry which part of the order they are in: `#position` in the
/// stored order, `=value` among a searched list's customers with a value, an empty value among
/// the customers without one. Every statement selects the same columns: the row's fields, then its sort key.
public struct CustomerPagePlan: Sendable {
    public enum Dialect: Sendable {
        case sqlite, postgres
    }

    public enum Argument: Sendable, Equatable {
        case text(String)
        case int(Int64)
        case double(Double)
    }

    public struct Statement: Sendable {
        public var sql: String
        public var arguments: [Argument]
    }

    /// What a row's sort key is, by the statement that read it.
    enum Part: Sendable {
        case text, ranked, valued, blank
    }

    let query: CustomerPageQuery
    let dialect: Dialect
    /// The first statement and what it reads.
    public let first: Statement
    let firstPart: Part

    /// - Throws: `StoreError(.invalidOption)` for a cursor that is not one of this order's.
    public init(_ query: CustomerPageQuery, dialect: Dialect) throws {
        self.query = query
        self.dialect = dialect
        let invalid = StoreError(.invalidOption, "the cursor is not one of this customer list's")
        if query.sort.isText {
            firstPart = .text
        } else if let after = query.after {
            if after.value.isEmpty {
                firstPart = .blank
            } else if after.value.hasPrefix("#"), query.search == nil, Int64(after.value.dropFirst()) != nil {
                firstPart = .ranked
            } else if after.value.hasPrefix("="), query.search != nil, Double(after.value.dropFirst()) != nil {
                firstPart = .valued
            } else {
                throw invalid
            }
        } else {
            firstPart = query.run == nil ? .blank : query.search == nil ? .ranked : .valued
        }
        first = Self.statement(firstPart, query, dialect, after: query.after, limit: query.limit + 1)
    }

    /// What to read after the first statement gave `count` rows: the customers without a value,
    /// from the first, when the stored order ended before the page did.
    public func continuation(afterReading count: Int) -> Statement? {
        guard count <= query.limit, firstPart == .ranked else { return nil }
        return Self.statement(.blank, query, dialect, after: nil, limit: query.limit + 1 - count)
    }

    /// One row as a statement read it: the list's fields and the sort key (the statement's last column).
    public struct Fetched: Sendable {
        public var row: CustomerListRow
        public var key: String?
        public var position: Int64?
        public var value: Double?
        public init(row: CustomerListRow, key: String?, position: Int64?, value: Double?) {
            self.row = row
            self.key = key
            self.position = position
            self.value = value
        }
    }

    /// What the store reads as the sort key of the first statement's rows: text, a position or a number.
    public enum KeyKind: Sendable { case text, position, number, none }
    public var firstKey: KeyKind {
        switch firstPart {
        case .text: .text
        case .ranked: .position
        case .valued: .number
        case .blank: .none
        }
    }

    /// The page from the first statement's rows and the continuation's (whose key is none).
    public func page(first rows: [Fetched], then more: [Fetched] = []) -> CustomerPage {
        let all = rows + more
        let page = Array(all.prefix(query.limit))
        guard all.count > query.limit, let last = page.last else {
            return CustomerPage(rows: page.map(\.row), next: nil)
        }
        let fromFirst = page.count <= rows.count
        let value: String =
            switch fromFirst ? firstPart : .blank {
            case .text: last.key ?? ""
            case .ranked: "#\(last.position ?? 0)"
            case .valued: last.value.map { "=\($0)" } ?? ""
            case .blank: ""
            }
        return CustomerPage(rows: page.map(\.row), next: CustomerCursor(value: value, id: last.row.id))
    }

    private static func statement(
        _ part: Part, _ query: CustomerPageQuery, _ dialect: Dialect, after: CustomerCursor?, limit: Int
    ) -> Statement {
        var arguments: [Argument] = []
        func bind(_ argument: Argument) -> String {
            arguments.append(argument)
            // Numbered in both dialects, so that the text's order need not be the arguments'.
            return dialect == .sqlite ? "?\(arguments.count)" : "$\(arguments.count)"
        }
        let run = bind(.int(query.run ?? -1))
        var conditions: [String] = []
        for (column, name) in [("segment", query.segment), ("value_group", query.valueGroup), ("tier", query.tier)] {
            guard let name else { continue }
            if part == .ranked, let code = CustomerOrder.filterCode(name, column: column) {
                conditions.append("o.\(column) = \(bind(.int(code)))")
            } else {
                conditions.append("r.\(column) = \(bind(.text(name)))")
            }
        }
        if let stage = query.stage { conditions.append("r.stage = \(bind(.text(stage)))") }
        if let warned = query.warned {
            conditions.append(
                warned ? "r.warning_reasons IS NOT NULL" : "(r.customer IS NOT NULL AND r.warning_reasons IS NULL)")
        }
        if let owner = query.owner { conditions.append("c.owner = \(bind(.text(owner)))") }
        if let region = query.region { conditions.append("c.region = \(bind(.text(region)))") }
        if let search = query.search, !search.isEmpty {
            let escaped =
                search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            // SQLite's LIKE ignores the case of ASCII letters; ILIKE does (and of other letters too).
            let like = dialect == .sqlite ? "LIKE" : "ILIKE"
            let pattern = bind(.text("%\(escaped)%"))
            conditions.append("(c.id \(like) \(pattern) ESCAPE '\\' OR c.name \(like) \(pattern) ESCAPE '\\')")
        }
        let fields = "c.id, c.name, c.region, c.owner, r.segment, r.value_group, r.tier, r.revenue, r.clv, r.score"
        let descending = query.descending
        let column = query.sort.rawValue
        let sql: String
        switch part {
        case .text:
            // Descending is ascending reversed, so that both read the same index (id's, or
            // customers_name) one way or the other.
            let sort = query.sort == .id ? "c.id" : "COALESCE(c.name, '')"
            if let after {
                let v = bind(.text(after.value))
                let id = bind(.text(after.id))
                let past = descending ? "<" : ">"
                conditions.append("(\(sort) \(past) \(v) OR (\(sort) = \(v) AND c.id \(past) \(id)))")
            }
            // A filter on the run's results makes the join an inner one; CROSS JOIN then keeps
            // SQLite walking the customers in order instead of sorting every result.
            let filtered = query.filtersOnTheRun
            let from =
                filtered
                ? "customers c CROSS JOIN analysis_results r"
                : "customers c LEFT JOIN analysis_results r ON r.run = \(run) AND r.customer = c.key"
            if filtered { conditions += ["r.run = \(run)", "r.customer = c.key"] }
            let direction = descending ? "DESC" : "ASC"
            sql = """
                SELECT \(fields), \(sort)
                FROM \(from)
                \(whereClause(conditions))
                ORDER BY \(sort) \(direction), c.id \(direction)
                """
        case .ranked:
            // CROSS JOIN keeps SQLite's planner on the positions' key order.
            conditions =
                ["o.run = \(run)", "o.field = \(bind(.int(Int64(CustomerOrder.code(query.sort)!))))"]
                + conditions + ["r.run = o.run", "r.customer = o.customer", "c.key = o.customer"]
            if let after, let position = Int64(after.value.dropFirst()) {
                conditions.append("o.position \(descending ? ">" : "<") \(bind(.int(position)))")
            }
            sql = """
                SELECT \(fields), o.position
                FROM analysis_ranks o CROSS JOIN analysis_results r CROSS JOIN customers c
                \(whereClause(conditions))
                ORDER BY o.position \(descending ? "ASC" : "DESC")
                """
        case .valued:
            // A search scans every customer's id and name once: the valued and the blank part in
            // one statement, ordered as the two parts are.
            let v = "r.\(column)"
            if let after, let value = Double(after.value.dropFirst()) {
                let cv = bind(.double(value))
                let id = bind(.text(after.id))
                let past =
                    descending
                    ? "(\(v) < \(cv) OR (\(v) = \(cv) AND c.id > \(id)))"
                    : "(\(v) > \(cv) OR (\(v) = \(cv) AND c.id < \(id)))"
                conditions.append("(\(v) IS NULL OR \(past))")
            }
            let order =
                descending
                ? "(\(v) IS NULL), \(v) DESC, c.id ASC"
                : "(\(v) IS NULL), \(v) ASC, (CASE WHEN \(v) IS NULL THEN '' ELSE c.id END) DESC, c.id ASC"
            sql = """
                SELECT \(fields), \(v)
                FROM customers c LEFT JOIN analysis_results r ON r.run = \(run) AND r.customer = c.key
                \(whereClause(conditions))
                ORDER BY \(order)
                """
        case .blank:
            // With a run, the customers without a result or without this value; with none, all.
            if query.run != nil { conditions.append("(r.customer IS NULL OR r.\(column) IS NULL)") }
            if let after { conditions.append("c.id > \(bind(.text(after.id)))") }
            sql = """
                SELECT \(fields), NULL
                FROM customers c LEFT JOIN analysis_results r ON r.run = \(run) AND r.customer = c.key
                \(whereClause(conditions))
                ORDER BY c.id ASC
                """
        }
        return Statement(sql: sql + "\nLIMIT \(bind(.int(Int64(limit))))", arguments: arguments)
    }

    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    }
}
