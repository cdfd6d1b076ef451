import CVMStore
import CustomerValue
import Foundation

/// The version string stored with every analysis run, so a run says which cvm made it.
public enum CVMVersion {
    public static let current = "0.4.0-dev"
}

/// How a run was made: every setting, the fitted models, thresholds and the step log. Stored as
/// the run's settings text (the store keeps it opaque); read back by `runs show` and `report`.
public struct AnalysisSettings: Codable, Sendable, Equatable {
    public var cvmVersion: String
    public var asOf: String
    public var name: String?
    public var unit: TimeUnit
    public var horizonMonths: Int
    public var discountRate: Double
    public var margin: Double
    public var currentWindowMonths: Int
    public var segmentScheme: String
    public var models: [ModelFit]
    public var potentialMethod: String?
    public var thresholds: [String: Double]
    public var tierShares: [String: Double]
    public var keyAccounts: Int
    public var scoreWeights: [String: Double]
    public var creditPeriod: String
    /// The month-end the credit grades are for: the last month whose bills are all settled or
    /// overdue by the data's end (nil for runs made before it was recorded, or without payments).
    public var creditAsOf: String?
    /// What a step noted beside its result (the Gamma-Gamma independence check, how potential
    /// value was measured), by step name; nil for runs made before notes were recorded.
    public var notes: [String: [String]]?
    public var steps: [Step]
    /// The model the lifecycle's P(alive) came from (MBG/NBD or Pareto/NBD), and the stage rules;
    /// nil for runs made before the lifecycle was stored, or when it was skipped.
    public var lifecycleModel: ModelFit?
    public var lifecycleRules: LifecycleRules?
    /// The customer base's rhythm the run's stages used (days), so that one customer's stage can be
    /// explained from the run without reading every customer; nil for older runs or none.
    public var lifecycleBaseRhythmDays: Double?

    /// One step of the run as it ran: its name, ran or skipped, seconds, and what it did or why not.
    public struct Step: Codable, Sendable, Equatable {
        public var step: String
        public var status: String
        public var seconds: Double
        public var detail: String
    }

    /// The settings stored with `run`, or an error saying they cannot be read.
    static func decode(_ text: String, run: Int64) throws -> AnalysisSettings {
        var settings: AnalysisSettings
        do { settings = try JSONDecoder().decode(AnalysisSettings.self, from: Data(text.utf8)) } catch {
            throw AppError(
                .invalidRequest, "run \(run) has settings this version of cvm cannot read (\(error))",
                facts: [.init("run", String(run))])
        }
        settings.models = settings.models.map(Self.inPaperOrder)
        return settings
    }

    /// A fit read back from JSON has its parameters in whatever order the JSON object gave them:
    /// put them back in the order the model's paper lists them (unknown names last, sorted).
    static func inPaperOrder(_ fit: ModelFit) -> ModelFit {
        let order: [String] =
            switch fit.model {
            case BGNBD.key, MBGNBD.key: BGNBD.parameterNames
            case ParetoNBD.key: ParetoNBD.parameterNames
            case BGBB.key: BGBB.parameterNames
            case ShiftedBetaGeometric.key: ShiftedBetaGeometric.parameterNames
            case GammaGamma.key: GammaGamma.parameterNames
            default: []
            }
        let known = order.filter(fit.names.contains)
        let names = known + fit.names.filter { !order.contains($0) }.sorted()
        let index = names.map { fit.names.firstIndex(of: $0)! }
        var ordered = fit
        ordered.names = names
        ordered.values = index.map { fit.values[$0] }
        ordered.standardErrors = fit.standardErrors.map { errors in index.map { errors[$0] } }
        return ordered
    }
}

/// Headline figures of a run, stored as the run's overview text.
public struct AnalysisOverview: Codable, Sendable, Equatable {
    public var customers: Int
    public var orders: Int
    public var revenue: Double
    public var repeatCustomers: Int
    public var repeatRate: Double
    public var totalCLV: Double?
    public var meanPAlive: Double?
    public var segments: [String: Int]
    public var groups: [String: Int]?
    public var tiers: [String: Int]?
    public var creditGrades: [String: Int]?
    public var skipped: [String: String]
    /// Transaction rows with a recorded cost (nil for runs made before it was recorded). When 0,
    /// every profit figure of the run is revenue × margin: the margin is an assumption.
    public var rowsWithCost: Int?
    /// Customers per lifecycle stage and pattern, the model of P(alive), the warnings and their
    /// value at risk, and what the run did to the care tasks (nil for older runs or when skipped).
    public var stages: [String: Int]?
    public var patterns: [String: Int]?
    public var pAliveModel: String?
    public var warnings: Int?
    public var valueAtRisk: Double?
    public var tasks: CareTaskSync?
    /// The skip reasons in Chinese, by step (nil for older runs; a reason from the library stays English).
    public var skippedZh: [String: String]?

    /// Why `step` was skipped, in `language`; nil when it ran.
    public func skipReason(_ step: String, in language: Language) -> String? {
        guard let reason = skipped[step] else { return nil }
        return language == .zh ? (skippedZh?[step] ?? reason) : reason
    }

    static func decode(_ text: String) -> AnalysisOverview? {
        try? JSONDecoder().decode(AnalysisOverview.self, from: Data(text.utf8))
    }
}

/// JSON on one line with sorted keys, for storing in the database (the format every stored run
/// has had, so older runs read back).
func compactJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// Maps columns in one customer order onto another (both are the store's key order, so this is
/// the identity unless an import ran in between).
struct Alignment {
    private let index: [Int?]?

    init(from source: [String], to target: [String]) {
        if source == target {
            index = nil
        } else {
            var position: [String: Int] = [:]
            for (i, id) in source.enumerated() { position[id] = i }
            index = target.map { position[$0] }
        }
    }

    func map<T>(_ column: [T], missing: T) -> [T] {
        guard let index else { return column }
        return index.map { $0.map { column[$0] } ?? missing }
    }
}
