import CustomerValue
import Foundation

/// A synthetic transaction log from a known BG/NBD purchase process with Gamma-Gamma spend.
public struct GenerateRequest: Sendable, Equatable {
    public var customers: Int
    public var seed: UInt64
    public var parameters: TransactionGenerator.Parameters
    public var cohortStart: Day
    public var cohortEnd: Day
    public var observationEnd: Day

    /// The defaults: seed 42, customers acquired during 2023 and observed to the end of 2024.
    public static let standardSeed: UInt64 = 42
    public static let standardCohortStart = Day(year: 2023, month: 1, day: 1)!
    public static let standardCohortEnd = Day(year: 2023, month: 12, day: 31)!
    public static let standardObservationEnd = Day(year: 2024, month: 12, day: 31)!

    public init(
        customers: Int, seed: UInt64 = standardSeed, parameters: TransactionGenerator.Parameters = .init(),
        cohortStart: Day = standardCohortStart, cohortEnd: Day = standardCohortEnd,
        observationEnd: Day = standardObservationEnd
    ) {
        self.customers = customers
        self.seed = seed
        self.parameters = parameters
        self.cohortStart = cohortStart
        self.cohortEnd = cohortEnd
        self.observationEnd = observationEnd
    }

    /// Checks the ranges; the web API calls this as the CLI does.
    public func validate() throws {
        guard customers > 0 else { throw AppError(.invalidRequest, .generateCustomers) }
        let p = parameters
        for (name, value) in [
            ("r", p.r), ("alpha", p.alpha), ("a", p.a), ("b", p.b), ("p", p.p), ("q", p.q), ("v", p.v),
        ]
        where !(value > 0 && value.isFinite) {
            throw AppError(.invalidRequest, .generatePositive, name, Number.exact(value))
        }
        guard cohortStart <= cohortEnd, cohortEnd <= observationEnd else {
            throw AppError(.invalidRequest, .generateDates)
        }
    }
}

/// What `generate` wrote.
public struct GenerateResult: Sendable, Equatable {
    public let request: GenerateRequest
    public let rows: Int
    public let path: String
}

public enum SyntheticData {
    /// Writes the log to `target` (customer_id,date,amount, sorted by customer then date); the
    /// same request gives the same file.
    ///
    /// With `truth`, also writes each customer's true state at the observation end:
    /// customer_id,first_date,lambda_per_day,p,nu,alive_at_end,dropout_date (what a churn score
    /// is measured against).
    public static func generate(
        _ request: GenerateRequest, to target: OutputTarget, truth truthTarget: OutputTarget? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> GenerateResult {
        try request.validate()
        let generator = TransactionGenerator(
            parameters: request.parameters, customers: request.customers, seed: request.seed,
            cohortStart: request.cohortStart, cohortEnd: request.cohortEnd, observationEnd: request.observationEnd)
        let file = try target.open()
        let truthFile = try truthTarget?.open()
        let rows: Int
        do {
            if let truthFile {
                rows = try file.withFileHandle { handle in
                    try truthFile.withFileHandle { known in
                        try generator.write(to: handle, truth: known, progress: progress)
                    }
                }
            } else {
                rows = try file.withFileHandle { try generator.write(to: $0, progress: progress) }
            }
        } catch {
            file.discard()
            truthFile?.discard()
            throw AppError.from(error)
        }
        try file.commit()
        try truthFile?.commit()
        return GenerateResult(request: request, rows: rows, path: target.path)
    }
}
