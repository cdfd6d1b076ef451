import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue
import Foundation

struct Segments: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "RFM scores (1–5 by quintiles) and named segments with their sizes and value shares.",
        discussion: """
            R = days since the last purchase (fewer is better), F = purchase days, M = revenue. A score is \
            1 + ⌊5 × (share of customers with a worse value)⌋, so tied values share a score. Schemes: \
            grid (11 segments from the recency × frequency grid: Champions … Lost) and importance (the \
            eight classes 重要价值客户 … 一般挽留客户, each of R, F, M high or low against its mean).

            CSV (one row per customer): customer_id,recency_days,purchases,revenue,r,f,m,rfm,segment. \
            With --view segments: segment,name,name_zh,customers,customer_share,revenue,revenue_share,strategy,strategy_zh,reason,reason_zh. \
            --strategies FILE.toml replaces the built-in strategy and reason of the segments it names.
            """)

    enum View: String, ExpressibleByArgument { case customers, segments }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: SummaryArguments
    @OptionGroup var output: OutputOptions

    @Option(help: "Rule table: grid or importance.")
    var scheme: SegmentScheme = .grid

    @Option(help: "customers (one row each) or segments (one row per segment). Default: segments for a table, customers for csv.")
    var view: View?

    @Option(help: "Language of segment names in a table: en or zh.")
    var lang: Language = .en

    @Option(
        help: ArgumentHelp(
            "Your own strategies for some segments: a TOML file with a [segment_key] table per segment and strategy, strategy_zh, reason, reason_zh.",
            valueName: "file"))
    var strategies: String?

    func run() throws {
        let defaults: [String: ValueStrategy] =
            switch scheme {
            case .grid: Dictionary(uniqueKeysWithValues: RFMSegment.allCases.map { ($0.rawValue, $0.defaultStrategy) })
            case .importance: Dictionary(uniqueKeysWithValues: ImportanceClass.allCases.map { ($0.rawValue, $0.defaultStrategy) })
            }
        let written = try strategies.map { try readStrategies($0, defaults: defaults) } ?? [:]
        let store = try global.openStore()
        let summary = try store.summary(SummaryOptions(unit: period.unit, asOf: period.asOf, calibrationEnd: period.calibrationEnd))
        let segmentation = Segmentation(scores: RFMScores(summary: summary), scheme: scheme, strategies: written)
        let sink = try output.sink()
        defer { sink.close() }
        switch (output.format, view ?? (output.format == .table ? .segments : .customers)) {
        case (.table, .segments): sink.line(SegmentReport.table(segmentation, lang: lang))
        case (.table, .customers): sink.line(SegmentReport.customerTable(summary, segmentation, limit: 20))
        case (.csv, .segments): SegmentReport.writeGroupsCSV(segmentation, to: sink)
        case (.csv, .customers): SegmentReport.writeCustomersCSV(summary, segmentation, to: sink)
        case (.json, _): sink.line(try jsonText(SegmentReport.JSON(summary: summary, segmentation: segmentation)))
        }
    }
}

enum SegmentReport {
    static func name(_ group: Segmentation.Group, _ lang: Language) -> String {
        group.name(in: lang)
    }

    static func table(_ s: Segmentation, lang: Language) -> String {
        let zh = lang == .zh
        var table = TerminalTable(
            headers: zh
                ? ["客户群", "客户数", "占比", "收入", "收入占比", "平均购买天数", "策略"]
                : ["Segment", "Customers", "Share", "Revenue", "Value share", "Mean purchases", "Strategy"],
            alignments: [.left, .right, .right, .right, .right, .right, .left])
        for g in s.groups where g.customers > 0 {
            table.append([
                name(g, lang), String(g.customers), Number.percent(g.customerShare), Number.readable(g.revenue),
                Number.percent(g.revenueShare), Number.readable(g.meanPurchases, digits: 1), zh ? g.chineseStrategy : g.strategy,
            ])
        }
        return table.render()
    }

    static func customerTable(_ summary: SummaryTable, _ s: Segmentation, limit: Int) -> String {
        var table = TerminalTable(
            headers: ["customer_id", "recency_days", "purchases", "revenue", "rfm", "segment"],
            alignments: [.left, .right, .right, .right, .right, .left])
        for i in 0..<min(limit, summary.count) {
            table.append([
                summary.ids[i], String(s.scores.recencyDays[i]), String(s.scores.purchases[i]),
                Number.readable(s.scores.revenue[i]), "\(s.scores.r[i])\(s.scores.f[i])\(s.scores.m[i])", s.keys[i],
            ])
        }
        return table.render()
    }

    static func writeCustomersCSV(_ summary: SummaryTable, _ s: Segmentation, to sink: TextSink) {
        sink.line("customer_id,recency_days,purchases,revenue,r,f,m,rfm,segment")
        let sc = s.scores
        for i in 0..<summary.count {
            sink.line(
                CSV.row([
                    summary.ids[i], String(sc.recencyDays[i]), String(sc.purchases[i]), Number.exact(sc.revenue[i]),
                    String(sc.r[i]), String(sc.f[i]), String(sc.m[i]), "\(sc.r[i])\(sc.f[i])\(sc.m[i])", s.keys[i],
                ]))
        }
    }

    static func writeGroupsCSV(_ s: Segmentation, to sink: TextSink) {
        sink.line("segment,name,name_zh,customers,customer_share,revenue,revenue_share,strategy,strategy_zh,reason,reason_zh")
        for g in s.groups {
            sink.line(
                CSV.row([
                    g.key, g.name(in: .en), g.name(in: .zh), String(g.customers), Number.exact(g.customerShare),
                    Number.exact(g.revenue), Number.exact(g.revenueShare), g.strategy, g.chineseStrategy, g.reason, g.chineseReason,
                ]))
        }
    }

    /// `{"scheme", "segments": [{segment, name, name_zh, customers, …}], "customers": [{customer_id, …}]}`.
    struct JSON: Encodable {
        let summary: SummaryTable
        let segmentation: Segmentation

        struct Group: Encodable {
            let segment, name, name_zh: String
            let customers: Int
            let customer_share, revenue, revenue_share: Double
            let strategy, strategy_zh, reason, reason_zh: String
        }

        struct Customer: Encodable {
            let customer_id: String
            let recency_days, purchases: Int
            let revenue: Double
            let r, f, m: Int
            let segment: String
        }

        enum Keys: String, CodingKey { case scheme, observationEnd, segments, customers }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(segmentation.scheme.rawValue, forKey: .scheme)
            try c.encode(summary.observationEnd.description, forKey: .observationEnd)
            try c.encode(
                segmentation.groups.map {
                    Group(
                        segment: $0.key, name: $0.name(in: .en), name_zh: $0.name(in: .zh), customers: $0.customers,
                        customer_share: $0.customerShare, revenue: $0.revenue, revenue_share: $0.revenueShare,
                        strategy: $0.strategy, strategy_zh: $0.chineseStrategy, reason: $0.reason, reason_zh: $0.chineseReason)
                }, forKey: .segments)
            let sc = segmentation.scores
            try c.encode(
                (0..<summary.count).map {
                    Customer(
                        customer_id: summary.ids[$0], recency_days: sc.recencyDays[$0], purchases: sc.purchases[$0],
                        revenue: sc.revenue[$0], r: sc.r[$0], f: sc.f[$0], m: sc.m[$0], segment: segmentation.keys[$0])
                }, forKey: .customers)
        }
    }
}
