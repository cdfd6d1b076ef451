/// Satisfaction in a survey joined to what the customer did afterwards, on the business's own
/// transactions: did customers who rated low buy again less often in the following days?
///
/// For each respondent with a customer id and an overall satisfaction, the answer day t and the
/// window (t, t + H]: retained = at least one purchase day in it; purchases = purchase days in it;
/// spend = the value bought in it. A window must be fully observed (t + H ≤ the last transaction
/// day), so each customer counts with their latest answer that has one; answers too recent are
/// counted as censored. The same span before the answer, [t − H, t), gives the purchases before, so
/// that the link can be read net of how much a customer bought already.
///
/// The links are OLS fits (`LinearRegression`, classical standard errors): retained (0/1) on
/// satisfaction — a linear probability model, its slope the change in the share buying again per
/// rating point — and purchases after on satisfaction alone and with the purchases before. They
/// are associations among those who answered, not effects: satisfied customers may be the ones
/// who were going to buy anyway, which the adjusted fit only partly accounts for.
public struct SatisfactionRetention: Sendable, Equatable {
    public struct Respondent: Sendable, Equatable {
        public let customerID: String
        public let day: Day
        public let satisfaction: Double
        public let retained: Bool
        public let purchasesBefore: Int
        public let purchases: Int
        public let spend: Double
    }

    /// The respondents who gave one rating.
    public struct Level: Sendable, Equatable {
        public let satisfaction: Double
        public let respondents: Int
        public let retained: Int
        public var retention: Double { Double(retained) / Double(respondents) }
        public let meanPurchases: Double
        public let meanSpend: Double
    }

    public let horizonDays: Int
    public let observationEnd: Day
    public let respondents: [Respondent]
    /// Customers whose every answer is too recent for a full window.
    public let censored: Int
    public let levels: [Level]
    /// Retained (0/1) on satisfaction.
    public let retentionFit: LinearRegression?
    /// Purchases in the window on satisfaction.
    public let purchasesFit: LinearRegression?
    /// Purchases in the window on satisfaction and the purchases before (slopes in that order).
    public let adjustedPurchasesFit: LinearRegression?

    /// `answers`: (customer, day, overall satisfaction); `history`: every customer's purchase days
    /// and values; `observationEnd`: the last day the transactions cover.
    public init(
        _ answers: [(customerID: String, day: Day, satisfaction: Double)], history: PurchaseHistory,
        observationEnd: Day, horizonDays: Int
    ) {
        self.horizonDays = horizonDays
        self.observationEnd = observationEnd
        var latest: [String: (day: Day, satisfaction: Double)] = [:]
        var everyone: Set<String> = []
        for a in answers {
            everyone.insert(a.customerID)
            guard a.day + horizonDays <= observationEnd else { continue }
            if let known = latest[a.customerID], known.day >= a.day { continue }
            latest[a.customerID] = (a.day, a.satisfaction)
        }
        censored = everyone.count - latest.count
        var position: [String: Int] = [:]
        for (i, id) in history.ids.enumerated() { position[id] = i }
        var list: [Respondent] = []
        for id in latest.keys.sorted() {
            let (day, satisfaction) = latest[id]!
            var before = 0
            var after = 0
            var spend = 0.0
            if let i = position[id] {
                for k in history.range(i) {
                    let d = history.days[k]
                    if d > day && d <= day + horizonDays {
                        after += 1
                        spend += history.values[k]
                    } else if d < day && d >= day + -horizonDays {
                        before += 1
                    }
                }
            }
            list.append(
                Respondent(
                    customerID: id, day: day, satisfaction: satisfaction, retained: after > 0, purchasesBefore: before,
                    purchases: after, spend: spend))
        }
        respondents = list
        var groups: [Double: [Respondent]] = [:]
        for r in list { groups[r.satisfaction, default: []].append(r) }
        levels = groups.keys.sorted().map { rating in
            let g = groups[rating]!
            let n = Double(g.count)
            return Level(
                satisfaction: rating, respondents: g.count, retained: g.filter(\.retained).count,
                meanPurchases: Double(g.reduce(0) { $0 + $1.purchases }) / n,
                meanSpend: g.reduce(0) { $0 + $1.spend } / n)
        }
        let s = list.map(\.satisfaction)
        retentionFit = LinearRegression(list.map { $0.retained ? 1 : 0 }, on: [s])
        purchasesFit = LinearRegression(list.map { Double($0.purchases) }, on: [s])
        adjustedPurchasesFit = LinearRegression(
            list.map { Double($0.purchases) }, on: [s, list.map { Double($0.purchasesBefore) }])
    }
}
