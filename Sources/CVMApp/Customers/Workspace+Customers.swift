import CVMStore
import CustomerValue
import Foundation

/// One page of the customer list; nil means the default.
public struct CustomersRequest: Equatable, Sendable {
    /// Customers per page (default: `Defaults.customersPageSize`, at most `Defaults.Bounds.customersPageSize`).
    public var limit: Int?
    /// The `next_cursor` of the previous page.
    public var cursor: String?
    /// RFM segment key, value-matrix group or profit tier in the latest analysis run.
    public var segment: String?
    public var valueGroup: String?
    public var tier: String?
    /// Lifecycle stage in the latest run (one of the stages a customer with purchases can be in).
    public var stage: String?
    /// Only the customers the latest run warned of (true) or did not (false).
    public var warned: Bool?
    /// The customer's owner or region on file, exactly as written there.
    public var owner: String?
    public var region: String?
    /// Part of a customer's id or name, any case.
    public var search: String?
    /// A field of `CustomerSortField`, `-` in front for descending (default: `id`).
    public var sort: String?

    public init(
        limit: Int? = nil, cursor: String? = nil, segment: String? = nil, valueGroup: String? = nil,
        tier: String? = nil, stage: String? = nil, warned: Bool? = nil, owner: String? = nil, region: String? = nil,
        search: String? = nil, sort: String? = nil
    ) {
        self.limit = limit
        self.cursor = cursor
        self.segment = segment
        self.valueGroup = valueGroup
        self.tier = tier
        self.stage = stage
        self.warned = warned
        self.owner = owner
        self.region = region
        self.search = search
        self.sort = sort
    }
}

/// A page of customers with the results of the latest run, and where the next page starts.
public struct CustomerListResult: Sendable, Tabular {
    /// The run the segment, group, tier, CLV and score come from (nil: no run yet).
    public var run: Int64?
    public var sort: String
    public var limit: Int
    public var rows: [CustomerListRow]
    /// Pass as `cursor` for the next page; nil on the last page.
    public var nextCursor: String?

    public var columns: [String] {
        ["customer_id", "name", "region", "owner", "segment", "group", "tier", "revenue", "clv", "score"]
    }
    public var rowCount: Int { rows.count }
    public func fields(_ i: Int) -> [String] {
        let r = rows[i]
        return [
            r.id, r.name ?? "", r.region ?? "", r.owner ?? "", r.segment ?? "", r.valueGroup ?? "", r.tier ?? "",
            r.revenue.map { Number.exact($0) } ?? "", r.clv.map { Number.exact($0) } ?? "",
            r.score.map { Number.exact($0) } ?? "",
        ]
    }

    /// `{run, sort, limit, next_cursor, customers: [{customer_id, name, region, owner, segment, group, tier,
    /// revenue, clv, score}]}`; unknown values are null.
    public var document: Document {
        Document(
            run: run, sort: sort, limit: limit, nextCursor: nextCursor,
            customers: rows.map {
                .init(
                    customerID: $0.id, name: $0.name, region: $0.region, owner: $0.owner, segment: $0.segment,
                    group: $0.valueGroup, tier: $0.tier, revenue: $0.revenue, clv: $0.clv, score: $0.score)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Customer: Encodable, Sendable {
            public let customerID: String
            public let name, region, owner, segment, group, tier: String?
            public let revenue, clv, score: Double?

            public func encode(to encoder: Encoder) throws {
                // Every key is always there (null when unknown), so a client reads one shape.
                var c = encoder.container(keyedBy: ColumnKey.self)
                try c.encode(customerID, forKey: ColumnKey("customer_id"))
                for (key, value) in [
                    ("name", name), ("region", region), ("owner", owner), ("segment", segment), ("group", group),
                    ("tier", tier),
                ] {
                    if let value {
                        try c.encode(value, forKey: ColumnKey(key))
                    } else {
                        try c.encodeNil(forKey: ColumnKey(key))
                    }
                }
                for (key, value) in [("revenue", revenue), ("clv", clv), ("score", score)] {
                    if let value {
                        try c.encode(value, forKey: ColumnKey(key))
                    } else {
                        try c.encodeNil(forKey: ColumnKey(key))
                    }
                }
            }
        }
        public let run: Int64?
        public let sort: String
        public let limit: Int
        public let nextCursor: String?
        public let customers: [Customer]

        enum CodingKeys: String, CodingKey { case run, sort, limit, nextCursor, customers }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            if let run { try c.encode(run, forKey: .run) } else { try c.encodeNil(forKey: .run) }
            try c.encode(sort, forKey: .sort)
            try c.encode(limit, forKey: .limit)
            if let nextCursor {
                try c.encode(nextCursor, forKey: .nextCursor)
            } else {
                try c.encodeNil(forKey: .nextCursor)
            }
            try c.encode(customers, forKey: .customers)
        }
    }
}

extension Workspace {
    /// One page of customers, with the segment, value group, tier, CLV and score of the latest
    /// analysis run; filters on those need a run.
    ///
    /// - Throws: `AppError(.invalidRequest)` for a limit out of range, an unknown sort field,
    ///   segment, group or tier, or a cursor that is not one this list gave; `.noData` for a
    ///   filter on run results when there is no run.
    public func customers(_ request: CustomersRequest) async throws -> CustomerListResult {
        let limit = request.limit ?? defaults.customersPageSize
        guard Defaults.Bounds.customersPageSize.contains(limit) else {
            throw AppError(
                .invalidRequest,
                "the page size must be \(Defaults.Bounds.customersPageSize.lowerBound)…"
                    + "\(Defaults.Bounds.customersPageSize.upperBound)", facts: [.init("limit", String(limit))])
        }
        let sortText = request.sort ?? "id"
        let descending = sortText.hasPrefix("-")
        guard let field = CustomerSortField(rawValue: String(sortText.dropFirst(descending ? 1 : 0))) else {
            throw AppError(
                .invalidRequest,
                "customers can be sorted by \(CustomerSortField.allCases.map(\.rawValue).joined(separator: ", ")), "
                    + "with - in front for descending", facts: [.init("sort", sortText)])
        }
        try Self.check(request.segment, among: RFMSegment.allCases.map(\.rawValue), name: "segment")
        try Self.check(request.valueGroup, among: ValueGroup.allCases.map(\.rawValue), name: "group")
        try Self.check(request.tier, among: ValueTier.allCases.map(\.rawValue), name: "tier")
        // A run stores the stages of its customers, who all have a purchase: never a prospect.
        let stages = LifecycleStage.allCases.filter { $0 != .prospect }.map(\.rawValue)
        try Self.check(request.stage, among: stages, name: "stage")
        let latest = try await run { try await store.analysisRuns() }.last?.id
        // A search, an owner or a region in the normal form the import stores text in (no white
        // space or invisible characters at the ends, NFC); empty is no filter.
        let given: (String?) -> String? = { text in
            text.map(IdentifierText.normalised).flatMap { $0.isEmpty ? nil : $0 }
        }
        var query = CustomerPageQuery(
            run: latest, segment: request.segment, valueGroup: request.valueGroup, tier: request.tier,
            stage: request.stage, warned: request.warned, owner: given(request.owner), region: given(request.region),
            search: given(request.search), sort: field, descending: descending, after: nil, limit: limit)
        if latest == nil, query.filtersOnTheRun {
            throw AppError(
                .noData,
                "the database has no analysis runs yet: segments, groups, tiers, stages and warnings come from one")
        }
        query.after = try request.cursor.map { try Self.decodeCursor($0, sort: sortText) }
        let page = try await run { [query] in try await store.customerPage(query) }
        return CustomerListResult(
            run: latest, sort: sortText, limit: limit, rows: page.rows,
            nextCursor: page.next.map { Self.encodeCursor($0, sort: sortText) })
    }

    private static func check(_ value: String?, among names: [String], name: String) throws {
        guard let value, !names.contains(value) else { return }
        throw AppError(
            .invalidRequest, "unknown \(name) \"\(value)\"; one of \(names.joined(separator: ", "))",
            facts: [.init(name, value)])
    }

    /// A cursor is opaque to clients: base64url of `sort`, the sort value and the id, each
    /// length-prefixed, so that no value can be mistaken for another field.
    static func encodeCursor(_ cursor: CustomerCursor, sort: String) -> String {
        let text = [sort, cursor.value, cursor.id].map { "\($0.utf8.count):\($0)" }.joined()
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decodeCursor(_ text: String, sort: String) throws -> CustomerCursor {
        let invalid = AppError(
            .invalidRequest, "the cursor is not one this list gave for this sort order",
            facts: [.init("cursor", String(text.prefix(100)))])
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 4096, let data = Data(base64Encoded: base64),
            let decoded = String(data: data, encoding: .utf8)
        else { throw invalid }
        var parts: [String] = []
        var rest = Substring(decoded)
        while !rest.isEmpty {
            guard let colon = rest.firstIndex(of: ":"), let length = Int(rest[..<colon]), length >= 0 else {
                throw invalid
            }
            let bytes = Array(rest[rest.index(after: colon)...].utf8)
            guard bytes.count >= length, let part = String(bytes: bytes[..<length], encoding: .utf8) else {
                throw invalid
            }
            parts.append(part)
            rest = Substring(String(decoding: bytes[length...], as: UTF8.self))
        }
        guard parts.count == 3, parts[0] == sort else { throw invalid }
        return CustomerCursor(value: parts[1], id: parts[2])
    }
}
