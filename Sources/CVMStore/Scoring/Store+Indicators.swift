import CustomerValue
import Foundation
import GRDB

/// The per-customer indicators of the composite score that the database can give.
public struct CustomerIndicators: Sendable {
    public var ids: [String]
    /// One column per computed `ValueIndicator`, in its declaration order; `clv` only when stored.
    public var indicators: [Indicator]
    public var asOf: Day
    public var windowStart: Day
    /// What the caller should show: where CLV came from, or why it is missing.
    public var notes: [String]

    public var names: [String] { indicators.map(\.name) }
}

extension Store {
    /// CLV per customer id from the latest `cvm predict` run, with the run's model and settings
    /// (JSON); nil when no run stored a CLV.
    public func latestCLV() throws -> (values: [String: Double], model: String, settings: String)? {
        guard let run = try latestPredictionRun() else { return nil }
        let values = try read { db in
            var values: [String: Double] = [:]
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.id, p.clv FROM predictions p JOIN customers c ON c.key = p.customer
                    WHERE p.clv IS NOT NULL AND p.run = (SELECT MAX(id) FROM prediction_runs)
                    """)
            while let row = try cursor.next() { values[row[0]] = row[1] }
            return values
        }
        return values.isEmpty ? nil : (values, run.model, run.settings)
    }

    /// The computed `ValueIndicator`s per customer as of `asOf` (default: the last transaction
    /// day), for customers with a purchase on or before it, in key order.
    ///
    /// historical and current revenue from `valueWindows` (a month is 365.2425/12 days, as
    /// everywhere in cvm); frequency (purchase days), recency and tenure
    /// (days from the last and first purchase to `asOf`) and loyalty (repeat days / all days) from
    /// `summary(_:)`; clv from `latestCLV()` when a run stored one — customers it lacks get the
    /// lowest CLV (normalised 0) and a note says how many.
    public func customerIndicators(asOf: Day? = nil, windowMonths: Int = 12) throws -> CustomerIndicators {
        let summary = try self.summary(SummaryOptions(unit: .day, asOf: asOf))
        guard windowMonths >= 1 else {
            throw StoreError(.invalidOption, "the current window must be at least 1 month, not \(windowMonths)")
        }
        let value = try valueWindows(
            asOf: summary.observationEnd, currentWindowDays: ValueWindows.days(inMonths: Double(windowMonths)))
        let stored = try latestCLV()
        return CustomerIndicators(
            summary: summary, windows: value, clv: stored?.values,
            clvSource: stored.map { CustomerIndicators.clvSource(model: $0.model, settings: $0.settings) })
    }
}

extension CustomerIndicators {
    /// How the indicators' note names a stored CLV: the `cvm predict` run's model and as-of date.
    public static func clvSource(model: String, settings: String) -> String {
        var note = "clv from the latest `cvm predict` run (\(model)"
        if let data = settings.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let runAsOf = object["asOf"] as? String
        {
            note += ", as of \(runAsOf)"
        }
        return note + ")"
    }
}

extension CustomerIndicators {
    /// The indicators from a summary and value windows already at hand (any time unit: the
    /// durations are taken from the days), with CLV per customer id when there is one.
    ///
    /// - Parameter clvSource: how to name the CLV's origin in the note.
    public init(summary: SummaryTable, windows value: ValueWindows, clv: [String: Double]?, clvSource: String?) {
        let n = summary.count
        var historical = value.historical.revenue
        var current = value.current.revenue
        if value.ids != summary.ids {
            // Both read the same customers in key order; realign by id should an import have run between.
            var index: [String: Int] = [:]
            for (i, id) in value.ids.enumerated() { index[id] = i }
            historical = summary.ids.map { index[$0].map { value.historical.revenue[$0] } ?? 0 }
            current = summary.ids.map { index[$0].map { value.current.revenue[$0] } ?? 0 }
        }
        let end = summary.observationEnd
        var columns: [ValueIndicator: [Double]] = [
            .historical: historical,
            .current: current,
            .frequency: summary.frequency.map { $0 + 1 },
            .recency: summary.lastDay.map { Double(end - $0) },
            .tenure: summary.firstDay.map { Double(end - $0) },
            .loyalty: summary.frequency.map { $0 / ($0 + 1) },
        ]
        var notes: [String] = []
        if let clv {
            let known = summary.ids.map { clv[$0] }
            let missing = known.filter { $0 == nil }.count
            let lowest = known.compactMap { $0 }.min() ?? 0
            if missing < n {
                columns[.clv] = known.map { $0 ?? lowest }
                var note = clvSource ?? "clv"
                if missing == 1 { note += "; 1 customer without a prediction counts as the lowest CLV" }
                if missing > 1 { note += "; \(missing) customers without a prediction count as the lowest CLV" }
                notes.append(note)
            } else {
                notes.append("clv left out: the latest `cvm predict` run has none of these customers")
            }
        } else {
            notes.append("clv left out: no stored CLV (a prediction with a spend model stores one)")
        }
        let indicators = ValueIndicator.allCases.compactMap { kind in
            columns[kind].map { Indicator(kind.rawValue, kind.direction, values: $0) }
        }
        self.init(ids: summary.ids, indicators: indicators, asOf: end, windowStart: value.windowStart, notes: notes)
    }
}
