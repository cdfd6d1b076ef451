import CVMReport
import CVMStore
import CustomerValue
import Foundation

extension RunReport {
    /// Complaint resolution times at the run's as-of date, by category and overall (the same
    /// figures as `cvm complaints`); nil when no complaint was opened by then.
    func complaintSection() async throws -> Report.Section? {
        let complaints = try await workspace.run { try await store.complaints() }.filter { $0.opened <= asOf }
        guard !complaints.isEmpty else { return nil }
        let target = workspace.defaults.complaintTargetHours
        let times = ResolutionTimes(complaints, asOf: asOf, targetHours: target) { $0.category }
        func hours(_ h: Double?) -> String { h.map { Number.readable($0, digits: 1) } ?? "–" }
        func share(_ x: Double?) -> String { x.map(Number.percent) ?? "–" }
        func row(_ key: String, _ s: ResolutionStatistics) -> [String] {
            [
                key, String(s.count), String(s.resolved), String(s.open), hours(s.medianHours),
                hours(s.percentile90Hours), share(s.openShare), share(s.withinTargetShare),
                s.meanSatisfaction.map { m in
                    Number.readable(m, digits: 2) + (s.satisfactionScale.map { " (\($0))" } ?? "")
                }
                    ?? "–",
                s.meanSatisfactionShare.map { Number.readable($0, digits: 2) } ?? "–",
            ]
        }
        var rows = times.groups.map { row($0.key ?? RelationshipTexts.noCategory.text(in: language), $0.statistics) }
        rows.append(row(RelationshipTexts.overall.text(in: language), times.overall))
        let o = times.overall
        return Report.Section(
            id: "complaints", title: say(.reportComplaintsTitle),
            intro: say(
                .reportComplaintsIntro, o.count, asOf, Number.readable(target, digits: 0), hours(o.medianHours),
                hours(o.percentile90Hours), share(o.withinTargetShare), share(o.openShare)),
            tables: [
                Report.Table(
                    headers: RelationshipTexts.complaintHeaders(by: .category).headers(in: language), rows: rows,
                    numeric: Set(1...9))
            ],
            notes: [RelationshipTexts.withinTargetNote.text(in: language)])
    }
}
