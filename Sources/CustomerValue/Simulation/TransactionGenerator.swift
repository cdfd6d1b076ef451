import Dispatch
import Foundation

/// Synthetic transaction logs from a known BG/NBD purchase process with Gamma-Gamma spend, for
/// tests and benchmarks of any size.
///
/// Per customer (Fader, Hardie & Lee 2005, "Counting your customers the easy way"; spend as in
/// "RFM and CLV", 2005): λ ~ Gamma(r, rate α) purchases per time unit while alive; p ~ Beta(a, b),
/// the chance to drop out after each repeat purchase; ν ~ Gamma(q, rate v), and every amount is
/// Gamma(p, rate ν), so the mean amount is p/ν. The first purchase falls on a day drawn uniformly
/// from the cohort window; repeat purchases follow a Poisson process until dropout or the end.
/// A purchase at continuous time t (days after the first) is written on day ⌈t⌉, so repeats never
/// share the first day, but several repeats of a fast buyer can share a later day — a daily
/// summary merges those, which biases a fit slightly (see docs/models.md).
public struct TransactionGenerator: Sendable {
    public struct Parameters: Sendable, Equatable, Codable {
        public var r = 0.25
        public var alpha = 4.0
        public var a = 0.8
        public var b = 2.5
        /// Gamma-Gamma shape of the amounts.
        public var p = 6.0
        public var q = 4.0
        public var v = 15.0
        public init() {}
    }

    public var parameters: Parameters
    public var customers: Int
    public var seed: UInt64
    public var cohortStart: Day
    public var cohortEnd: Day
    public var observationEnd: Day
    /// Length of the model's time unit in days (α is per unit).
    public var unitDays: Double

    public init(
        parameters: Parameters = Parameters(), customers: Int, seed: UInt64 = 42,
        cohortStart: Day = Day(year: 2023, month: 1, day: 1)!, cohortEnd: Day = Day(year: 2023, month: 12, day: 31)!,
        observationEnd: Day = Day(year: 2024, month: 12, day: 31)!, unitDays: Double = 1
    ) {
        self.parameters = parameters
        self.customers = customers
        self.seed = seed
        self.cohortStart = cohortStart
        self.cohortEnd = cohortEnd
        self.observationEnd = observationEnd
        self.unitDays = unitDays
    }

    /// Customers per independently seeded block: the output depends on the seed, not on cores.
    static let blockSize = 10_000

    /// Writes `customer_id,date,amount` rows, sorted by customer then date, to `handle`.
    ///
    /// Blocks of customers are simulated on all cores and written in order.
    /// - Returns: the number of rows written.
    @discardableResult
    public func write(to handle: FileHandle, truth: FileHandle? = nil, progress: ((Int) -> Void)? = nil) throws -> Int {
        handle.write(Data("customer_id,date,amount\n".utf8))
        truth?.write(Data("customer_id,first_date,lambda_per_day,p,nu,alive_at_end,dropout_date\n".utf8))
        let blocks = (customers + Self.blockSize - 1) / Self.blockSize
        let dates = DateText(from: cohortStart, to: observationEnd)
        var rows = 0
        var next = 0
        let batch = 8  // blocks simulated together, then written in order
        while next < blocks {
            let count = min(batch, blocks - next)
            var outputs = [(Data, Int, Data)](repeating: (Data(), 0, Data()), count: count)
            outputs.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                let first = next
                DispatchQueue.concurrentPerform(iterations: count) { k in
                    out[k] = simulateBlock(first + k, dates: dates, truth: truth != nil)
                }
            }
            for (data, n, known) in outputs {
                handle.write(data)
                truth?.write(known)
                rows += n
            }
            next += count
            progress?(min(next * Self.blockSize, customers))
        }
        return rows
    }

    /// One block's rows as CSV bytes, and with `truth` each customer's true state at the
    /// observation end (alive, or the day of the purchase after which they dropped out). Writing
    /// the truth draws no random numbers, so the log is the same with or without it.
    func simulateBlock(_ block: Int, dates: DateText, truth: Bool = false) -> (Data, Int, Data) {
        var known: [UInt8] = []
        var random = RandomSource(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(block))
        let first = block * Self.blockSize
        let last = min(first + Self.blockSize, customers)
        let window = cohortEnd - cohortStart + 1
        var bytes: [UInt8] = []
        bytes.reserveCapacity((last - first) * 6 * 28)
        var rows = 0
        let pr = parameters
        for customer in first..<last {
            let lambda = random.gamma(shape: pr.r, rate: pr.alpha) / unitDays  // per day
            let dropout = random.beta(pr.a, pr.b)
            let nu = random.gamma(shape: pr.q, rate: pr.v)
            let firstDay = cohortStart + Int(random.uniform() * Double(window))
            let horizon = Double(observationEnd - firstDay)
            let id = Array(String(customer + 1).utf8)
            func emit(_ day: Day) {
                bytes.append(contentsOf: id)
                bytes.append(UInt8(ascii: ","))
                bytes.append(contentsOf: dates[day])
                bytes.append(UInt8(ascii: ","))
                appendCents(Int(saturating: (random.gamma(shape: pr.p, rate: nu) * 100).rounded()), to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
                rows += 1
            }
            emit(firstDay)
            var t = 0.0
            var droppedOn: Day?
            while lambda > 0 {
                t += random.exponential(rate: lambda)
                if t > horizon { break }
                let day = firstDay + Int(saturating: t.rounded(.up))
                emit(day)
                if random.uniform() < dropout {
                    droppedOn = day
                    break
                }
            }
            if truth {
                known.append(contentsOf: id)
                let fields = [
                    firstDay.description, "\(lambda)", "\(dropout)", "\(nu)", droppedOn == nil ? "1" : "0",
                    droppedOn?.description ?? "",
                ]
                for field in fields {
                    known.append(UInt8(ascii: ","))
                    known.append(contentsOf: Array(field.utf8))
                }
                known.append(UInt8(ascii: "\n"))
            }
        }
        return (Data(bytes), rows, Data(known))
    }

    private func appendCents(_ cents: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: Array(String(cents / 100).utf8))
        bytes.append(UInt8(ascii: "."))
        let fraction = cents % 100
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// `YYYY-MM-DD` bytes for every day of a range, made once.
    struct DateText: Sendable {
        let start: Day
        let text: [[UInt8]]
        init(from start: Day, to end: Day) {
            self.start = start
            text = (start.number...max(start.number, end.number)).map { Array(Day(number: $0).description.utf8) }
        }
        subscript(day: Day) -> [UInt8] { text[day.number - start.number] }
    }
}
