/// Acquisition against retention cost (获客成本与保留成本): what a new customer cost by acquisition
/// channel and month, what they are worth against it, and how long their margin took to pay it back.
///
/// Definitions (each one an assumption a reader should see):
/// - A customer's cohort is the month they were acquired: the customers file's acquisition date,
///   else the month of their first purchase. Their channel is the file's acquisition channel.
/// - Acquisition spend of a channel in a month is attributed to the customers that channel
///   acquired in that month (no carry-over between months):
///   cost per acquired customer (CAC) = spend ÷ customers acquired.
/// - The margin a customer earns is revenue × a margin rate; payback is the first month of age
///   (0 = the acquisition month) at which the cohort's cumulative margin per acquired customer
///   reaches the CAC; nil when it has not by the as-of date.
/// - CLV : CAC is the cohort's mean CLV (from the caller, e.g. the latest analysis run) over its CAC.
/// - Retention cost per retained customer = retention spend ÷ the distinct customers who bought in
///   a month after their acquisition month, within the months the retention spend covers.
///
/// See Blattberg, Getz & Thomas (2001), *Customer Equity*, ch. 3 (acquisition and retention
/// spending) and Gupta, Lehmann & Stuart (2004), "Valuing Customers", JMR 41(1) (CLV against
/// acquisition cost).
public struct AcquisitionEconomics: Sendable, Equatable {
    /// What marketing money was for.
    public enum Purpose: String, CaseIterable, Codable, Sendable {
        case acquisition, retention
    }

    /// Money spent in one month on one channel for one purpose.
    public struct Spend: Sendable, Equatable {
        public var month: CalendarMonth
        public var channel: String?
        public var purpose: Purpose
        public var amount: Double

        public init(month: CalendarMonth, channel: String?, purpose: Purpose, amount: Double) {
            self.month = month
            self.channel = channel
            self.purpose = purpose
            self.amount = amount
        }
    }

    /// One cohort (or, with `cohort` nil, every cohort the channel spent on; every cohort of a
    /// channel without spend) of one channel.
    public struct Cell: Sendable, Equatable {
        /// Nil for the channel's total over all cohorts.
        public var cohort: CalendarMonth?
        public var channel: String?
        public var customers: Int
        public var spend: Double
        /// Nil when the cell acquired nobody.
        public var costPerCustomer: Double?
        /// Mean CLV of the cell's customers; nil without CLV.
        public var meanCLV: Double?
        public var clvToCost: Double?
        /// Months of age at which the cumulative margin per customer reached the cost (0 = the
        /// acquisition month); nil when it has not yet, or without spend.
        public var paybackMonths: Int?
        /// Cumulative margin per acquired customer by month of age, to the as-of date.
        public var cumulativeMargin: [Double]
    }

    public var asOf: Day
    public var margin: Double
    /// By cohort then channel (channel nil last), then one total per channel (`cohort` nil).
    public var cells: [Cell]
    public var acquisitionSpend: Double
    public var acquiredCustomers: Int
    /// Customers acquired in the months with acquisition spend (the CAC's denominator overall).
    public var acquiredInSpendMonths: Int
    public var retentionSpend: Double
    /// Distinct customers who bought after their acquisition month within the retention spend's months.
    public var retainedCustomers: Int

    /// Acquisition spend ÷ customers acquired in the months it was spent; nil without either.
    public var costPerAcquired: Double? {
        acquiredInSpendMonths > 0 && acquisitionSpend > 0 ? acquisitionSpend / Double(acquiredInSpendMonths) : nil
    }
    /// Retention spend ÷ retained customers; nil without either.
    public var costPerRetained: Double? {
        retainedCustomers > 0 && retentionSpend > 0 ? retentionSpend / Double(retainedCustomers) : nil
    }
    /// How many times a new customer costs what keeping one does.
    public var acquisitionToRetention: Double? {
        guard let a = costPerAcquired, let r = costPerRetained, r > 0 else { return nil }
        return a / r
    }

    /// - Parameters:
    ///   - history: every customer's purchase days and values (to `asOf`).
    ///   - acquired: each customer's acquisition date from the customers file (nil: the first purchase).
    ///   - channel: each customer's acquisition channel.
    ///   - clv: each customer's CLV, or nil.
    ///   - spend: the tagged marketing spend, by month (months after `asOf` are ignored).
    public init(
        history: PurchaseHistory, acquired: [String: Day], channel: [String: String], clv: [String: Double]?,
        spend: [Spend], margin: Double, asOf: Day
    ) {
        self.asOf = asOf
        self.margin = margin
        let end = CalendarMonth(asOf)
        struct Key: Hashable {
            var cohort: CalendarMonth
            var channel: String?
        }
        // Each customer's cohort and margin by month of age.
        var members: [Key: [Int]] = [:]
        var cohortOf: [CalendarMonth] = []
        var marginByAge: [[Double]] = []
        var boughtMonths: [Set<Int>] = []
        var index: [Int] = []
        for i in 0..<history.count {
            let id = history.ids[i]
            let r = history.range(i)
            let days = history.days[r].filter { $0 <= asOf }
            guard let start = acquired[id] ?? days.first, start <= asOf else { continue }
            let cohort = CalendarMonth(start)
            let ages = end.index - cohort.index + 1
            var byAge = [Double](repeating: 0, count: ages)
            var months = Set<Int>()
            for k in r where history.days[k] <= asOf {
                let age = CalendarMonth(history.days[k]).index - cohort.index
                months.insert(CalendarMonth(history.days[k]).index)
                if age >= 0 { byAge[age] += history.values[k] * margin }
            }
            members[Key(cohort: cohort, channel: channel[id]), default: []].append(index.count)
            index.append(i)
            cohortOf.append(cohort)
            marginByAge.append(byAge)
            boughtMonths.append(months)
        }
        acquiredCustomers = index.count

        var acquisition: [Key: Double] = [:]
        var retentionMonths = Set<Int>()
        var acquisitionMonths = Set<Int>()
        var acquisitionTotal = 0.0
        var retentionTotal = 0.0
        for s in spend where s.month <= end {
            switch s.purpose {
            case .acquisition:
                acquisition[Key(cohort: s.month, channel: s.channel), default: 0] += s.amount
                acquisitionMonths.insert(s.month.index)
                acquisitionTotal += s.amount
            case .retention:
                retentionMonths.insert(s.month.index)
                retentionTotal += s.amount
            }
        }
        acquisitionSpend = acquisitionTotal
        retentionSpend = retentionTotal
        acquiredInSpendMonths = cohortOf.filter { acquisitionMonths.contains($0.index) }.count
        retainedCustomers =
            (0..<index.count).filter { k in
                boughtMonths[k].contains { $0 > cohortOf[k].index && retentionMonths.contains($0) }
            }.count

        func meanCLV(_ ks: [Int]) -> Double? {
            guard let clv, !ks.isEmpty else { return nil }
            return ks.reduce(0) { $0 + (clv[history.ids[index[$1]]] ?? 0) } / Double(ks.count)
        }
        /// Cumulative margin per customer by age; at each age only the customers observed that long.
        func curve(_ ks: [Int]) -> [Double] {
            let longest = ks.map { marginByAge[$0].count }.max() ?? 0
            var out: [Double] = []
            var running = [Double](repeating: 0, count: ks.count)
            for age in 0..<longest {
                var sum = 0.0
                var n = 0
                for (j, k) in ks.enumerated() where age < marginByAge[k].count {
                    running[j] += marginByAge[k][age]
                    sum += running[j]
                    n += 1
                }
                out.append(n > 0 ? sum / Double(n) : 0)
            }
            return out
        }
        func cell(_ cohort: CalendarMonth?, _ channel: String?, _ ks: [Int], _ spent: Double) -> Cell {
            let cost = ks.isEmpty ? nil : spent / Double(ks.count)
            let cumulative = curve(ks)
            let mean = meanCLV(ks)
            var payback: Int?
            if let cost, spent > 0 { payback = cumulative.firstIndex { $0 >= cost } }
            return Cell(
                cohort: cohort, channel: channel, customers: ks.count, spend: spent, costPerCustomer: cost,
                meanCLV: mean, clvToCost: cost.flatMap { c in c > 0 ? mean.map { $0 / c } : nil },
                paybackMonths: payback, cumulativeMargin: cumulative)
        }
        func channelOrder(_ a: String?, _ b: String?) -> Bool {
            switch (a, b) {
            case (nil, _): false
            case (_, nil): true
            case (let x?, let y?): x < y
            }
        }
        let keys = Set(members.keys).union(acquisition.keys).sorted {
            $0.cohort != $1.cohort ? $0.cohort < $1.cohort : channelOrder($0.channel, $1.channel)
        }
        var cells = keys.map { cell($0.cohort, $0.channel, members[$0] ?? [], acquisition[$0] ?? 0) }
        let channels = Set(keys.map(\.channel)).sorted(by: channelOrder)
        for c in channels {
            let ks = keys.filter { $0.channel == c }.flatMap { members[$0] ?? [] }
            let spent = keys.filter { $0.channel == c }.reduce(0) { $0 + (acquisition[$1] ?? 0) }
            // The channel's CAC over the cohorts it spent on: customers of months without spend
            // would make it look cheaper than it was.
            let paid = keys.filter { $0.channel == c && (acquisition[$0] ?? 0) > 0 }.flatMap { members[$0] ?? [] }
            cells.append(paid.isEmpty && spent == 0 ? cell(nil, c, ks, 0) : cell(nil, c, paid, spent))
        }
        self.cells = cells
    }
}
