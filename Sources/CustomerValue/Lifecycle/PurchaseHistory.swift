/// Every customer's purchase days with the value of each, as columns: customer `i` owns
/// `days[start[i]..<start[i + 1]]`, ascending, one entry per distinct purchase day.
///
/// This is what one ordered pass over the transactions gives (the store keeps them clustered by
/// customer and day), and what the lifecycle, pattern and warning steps read: no per-customer
/// objects, one contiguous array for all customers.
public struct PurchaseHistory: Sendable, Equatable {
    public var ids: [String]
    /// `count + 1` offsets into `days` and `values`.
    public var start: [Int]
    public var days: [Day]
    /// The value bought on each day (returns included).
    public var values: [Double]

    public init(ids: [String], start: [Int], days: [Day], values: [Double]) {
        precondition(start.count == ids.count + 1 && days.count == values.count && start.last == days.count)
        self.ids = ids
        self.start = start
        self.days = days
        self.values = values
    }

    /// Builds the columns from (customer, day, value) rows in customer order; rows of one customer
    /// on one day are added up.
    public init(rows: [(id: String, day: Day, value: Double)]) {
        var ids: [String] = []
        var start: [Int] = []
        var days: [Day] = []
        var values: [Double] = []
        for row in rows {
            if ids.last != row.id {
                ids.append(row.id)
                start.append(days.count)
            }
            if days.count > start[start.count - 1], days[days.count - 1] == row.day {
                values[values.count - 1] += row.value
            } else {
                days.append(row.day)
                values.append(row.value)
            }
        }
        start.append(days.count)
        self.init(ids: ids, start: start, days: days, values: values)
    }

    /// The histories of consecutive customer ranges, one after another.
    public init(joining pieces: [PurchaseHistory]) {
        var ids: [String] = []
        var start: [Int] = []
        var days: [Day] = []
        var values: [Double] = []
        ids.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        start.reserveCapacity(ids.capacity + 1)
        days.reserveCapacity(pieces.reduce(0) { $0 + $1.days.count })
        values.reserveCapacity(days.capacity)
        for piece in pieces {
            ids += piece.ids
            start += piece.start.dropLast().map { $0 + days.count }
            days += piece.days
            values += piece.values
        }
        start.append(days.count)
        self.init(ids: ids, start: start, days: days, values: values)
    }

    public var count: Int { ids.count }

    /// The range of customer `i`'s entries in `days` and `values`.
    public func range(_ i: Int) -> Range<Int> { start[i]..<start[i + 1] }

    /// The gaps between consecutive purchase days, in days, of every customer, up to `asOf`.
    public func allGaps(through asOf: Day) -> [Int] {
        var gaps: [Int] = []
        gaps.reserveCapacity(days.count)
        for i in 0..<count {
            let r = range(i)
            guard r.count > 1 else { continue }
            for k in (r.lowerBound + 1)..<r.upperBound where days[k] <= asOf { gaps.append(days[k] - days[k - 1]) }
        }
        return gaps
    }
}
