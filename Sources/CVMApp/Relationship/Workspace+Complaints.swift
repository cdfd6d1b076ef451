import CVMStore
import CustomerValue

/// What complaint resolution times are grouped by.
public enum ComplaintGrouping: String, CaseIterable, Codable, Sendable {
    case category, customer
}

/// What a complaint resolution-time report covers.
public struct ComplaintsRequest: Equatable, Sendable {
    /// The day the complaints are seen from (default: the latest opening or resolution day stored).
    public var asOf: Day?
    /// The resolution target in hours (default: `Defaults.complaintTargetHours`).
    public var targetHours: Double?
    /// Default: by category.
    public var by: ComplaintGrouping?

    public init(asOf: Day? = nil, targetHours: Double? = nil, by: ComplaintGrouping? = nil) {
        self.asOf = asOf
        self.targetHours = targetHours
        self.by = by
    }
}

extension Workspace {
    /// Complaint resolution times per category (or per customer) and overall: count, median and
    /// 90th percentile of the hours to resolution, share still open, share resolved within the
    /// target, mean satisfaction with the resolution (docs/customers.md).
    ///
    /// - Throws: `AppError` `.noData` without complaints, `.invalidRequest` for a target out of
    ///   range.
    public func complaints(_ request: ComplaintsRequest) async throws -> ComplaintsResult {
        let target = request.targetHours ?? defaults.complaintTargetHours
        guard target.isFinite, Defaults.Bounds.complaintTargetHours.contains(target) else {
            throw AppError(.invalidRequest, "the resolution target must be 0 to 8,784 hours (a year), not \(target)")
        }
        let complaints = try await run { try await store.complaints() }
        guard !complaints.isEmpty else { throw AppError(.noData, "the database has no complaints yet") }
        let latest = complaints.map { max($0.opened, $0.resolved ?? $0.opened) }.max()!
        let asOf = request.asOf ?? latest
        let by = request.by ?? .category
        let times = ResolutionTimes(complaints, asOf: asOf, targetHours: target) { complaint in
            by == .category ? complaint.category : complaint.customerID
        }
        return ComplaintsResult(times: times, by: by, database: store.path)
    }
}

/// Complaint resolution times, with CSV rows (one per group, then the overall row) and the JSON document.
public struct ComplaintsResult: Sendable, Tabular {
    public let times: ResolutionTimes
    public let by: ComplaintGrouping
    public let database: String

    public var columns: [String] {
        [
            "level", by.rawValue, "complaints", "resolved", "open", "median_hours", "p90_hours", "open_share",
            "within_target_share", "mean_satisfaction", "satisfaction_scale", "mean_satisfaction_share",
        ]
    }
    public var rowCount: Int { times.groups.count + 1 }

    public func fields(_ i: Int) -> [String] {
        let isOverall = i == times.groups.count
        let s = isOverall ? times.overall : times.groups[i].statistics
        func d(_ value: Double?) -> String { value.map(Number.exact) ?? "" }
        return [
            isOverall ? "overall" : by.rawValue, isOverall ? "" : times.groups[i].key ?? "", String(s.count),
            String(s.resolved), String(s.open), d(s.medianHours), d(s.percentile90Hours), d(s.openShare),
            d(s.withinTargetShare), d(s.meanSatisfaction), s.satisfactionScale?.description ?? "",
            d(s.meanSatisfactionShare),
        ]
    }

    /// `{as_of, target_hours, by, overall: {…}, groups: [{key, …}]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Figures: Encodable, Sendable {
            public let key: String?
            public let complaints, resolved, open: Int
            public let medianHours, p90Hours, openShare, withinTargetShare: Double?
            public let decided, rated: Int
            public let meanSatisfaction: Double?
            public let satisfactionScale: String?
            public let meanSatisfactionShare: Double?

            init(key: String?, _ s: ResolutionStatistics) {
                self.key = key
                (complaints, resolved, open) = (s.count, s.resolved, s.open)
                (medianHours, p90Hours, openShare, withinTargetShare) = (
                    s.medianHours, s.percentile90Hours, s.openShare, s.withinTargetShare
                )
                (decided, rated) = (s.decided, s.rated)
                meanSatisfaction = s.meanSatisfaction
                satisfactionScale = s.satisfactionScale?.description
                meanSatisfactionShare = s.meanSatisfactionShare
            }
        }
        public let asOf: String
        public let targetHours: Double
        public let by: String
        public let overall: Figures
        public let groups: [Figures]

        init(_ r: ComplaintsResult) {
            asOf = r.times.asOf.description
            targetHours = r.times.targetHours
            by = r.by.rawValue
            overall = Figures(key: nil, r.times.overall)
            groups = r.times.groups.map { Figures(key: $0.key, $0.statistics) }
        }
    }
}
