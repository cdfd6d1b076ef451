import CustomerValue
import Foundation
import TOMLKit

/// The lifecycle stage rules, the warning thresholds and the loss reasons of care tasks, from a
/// TOML file. Every key is optional; a key left out keeps its default. Unknown keys, wrong types
/// and values out of range are `AppError(.invalidFile)` naming the file and the key.
///
/// ```toml
/// [stages]
/// exploration_purchases = 2      # at most this many purchase days → exploration
/// exploration_days = 90          # or a tenure shorter than this
/// stability_purchases = 5        # stability needs this many purchase days …
/// stability_days = 365           # … and this tenure
/// rhythm_quantile = 0.9          # the customer's rhythm: this quantile of their gaps
/// own_rhythm_gaps = 3            # gaps needed for an own rhythm (else the customer base's)
/// minimum_rhythm_days = 30
/// assumed_rhythm_days = 365      # the rhythm when no customer has bought twice yet
/// termination_gap_factor = 2.0   # gap > factor × rhythm → termination
/// termination_probability = 0.1  # P(alive) below → termination
/// decline_probability = 0.3      # P(alive) below → decline
/// decline_value_ratio = 0.5      # recent value per purchase below ratio × earlier → decline
/// recent_window_rhythms = 2.0    # the recent window: this many rhythms …
/// recent_window_min_days = 60    # … at least
/// recent_window_max_days = 365   # … at most
/// open_complaint_days = 30       # a complaint open longer → decline
/// long_kept_months = 12          # months in stability for pattern IV
///
/// [warnings]
/// probability_alive = 0.5        # warn below this P(alive)
/// interaction_ratio = 0.5        # warn when recent interactions < ratio × usual
///
/// [care]                         # care tasks on dates, in the same task list
/// birthday = true                # a task before each birthday (customers file: birthday)
/// purchase_anniversary = true    # a task before each anniversary of the first purchase
/// after_purchase_days = 0        # a follow-up this many days after a purchase (0 = none)
/// after_complaint_days = 7       # a follow-up this many days after a complaint is resolved (0 = none)
/// lead_days = 7                  # open a task this many days before its date
/// grace_days = 30                # occasions due up to this many days ago are still opened
///
/// [[loss_reason]]                # replaces the built-in list when given
/// code = "price"
/// en = "price"
/// zh = "价格"
/// ```
public struct LifecycleRulesFile: Sendable, Equatable {
    public var stages: LifecycleRules
    public var warnings: WarningRules
    public var lossReasons: [LossReason]
    public var care: CareSchedule

    public init(
        stages: LifecycleRules = .standard, warnings: WarningRules = .standard,
        lossReasons: [LossReason] = LossReason.standard, care: CareSchedule = .standard
    ) {
        self.stages = stages
        self.warnings = warnings
        self.lossReasons = lossReasons
        self.care = care
    }

    public static let standard = LifecycleRulesFile()

    /// The rules in the TOML file at `path`.
    public static func load(_ path: String) throws -> LifecycleRulesFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AppError(.invalidFile, "cannot read the rules file \(path): check the path (a UTF-8 TOML file)")
        }
        return try parse(text, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    static let stageKeys = [
        "exploration_purchases", "exploration_days", "stability_purchases", "stability_days", "rhythm_quantile",
        "own_rhythm_gaps", "minimum_rhythm_days", "termination_gap_factor", "termination_probability",
        "decline_probability", "decline_value_ratio", "recent_window_rhythms", "recent_window_min_days",
        "recent_window_max_days", "open_complaint_days", "long_kept_months", "assumed_rhythm_days",
    ]
    static let warningKeys = ["probability_alive", "interaction_ratio"]
    static let careKeys = [
        "birthday", "purchase_anniversary", "after_purchase_days", "after_complaint_days", "lead_days", "grace_days",
    ]

    /// The rules in TOML `text`; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> LifecycleRulesFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch let error as TOMLParseError {
            throw AppError(
                .invalidFile,
                "\(file), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        for key in table.keys where !["stages", "warnings", "care", "loss_reason"].contains(key) {
            throw AppError(
                .invalidFile,
                "\(file): unknown key \"\(key)\" (the file has [stages], [warnings], [care] and [[loss_reason]])")
        }
        var result = LifecycleRulesFile()
        if let value = table["stages"] {
            guard let stages = value.table else {
                throw AppError(.invalidFile, "\(file): stages must be a [stages] table")
            }
            let reader = Reader(table: stages, place: "\(file): [stages]")
            try reader.known(stageKeys)
            var r = LifecycleRules.standard
            r.explorationPurchases = try reader.integer("exploration_purchases", r.explorationPurchases, 0...1_000_000)
            r.explorationDays = try reader.integer("exploration_days", r.explorationDays, 0...100_000)
            r.stabilityPurchases = try reader.integer("stability_purchases", r.stabilityPurchases, 0...1_000_000)
            r.stabilityDays = try reader.integer("stability_days", r.stabilityDays, 0...100_000)
            r.rhythmQuantile = try reader.number("rhythm_quantile", r.rhythmQuantile, 0.01...0.99)
            r.ownRhythmGaps = try reader.integer("own_rhythm_gaps", r.ownRhythmGaps, 1...1_000_000)
            r.minimumRhythmDays = try reader.number("minimum_rhythm_days", r.minimumRhythmDays, 1...100_000)
            r.terminationGapFactor = try reader.number("termination_gap_factor", r.terminationGapFactor, 1...1000)
            r.terminationProbability = try reader.number("termination_probability", r.terminationProbability, 0...1)
            r.declineProbability = try reader.number("decline_probability", r.declineProbability, 0...1)
            r.declineValueRatio = try reader.number("decline_value_ratio", r.declineValueRatio, 0...1)
            r.recentWindowRhythms = try reader.number("recent_window_rhythms", r.recentWindowRhythms, 0.1...100)
            let low = try reader.integer("recent_window_min_days", r.recentWindowDays.lowerBound, 1...100_000)
            let high = try reader.integer("recent_window_max_days", r.recentWindowDays.upperBound, 1...100_000)
            guard low <= high else {
                throw AppError(
                    .invalidFile,
                    "\(file): [stages] recent_window_min_days (\(low)) is more than recent_window_max_days (\(high))")
            }
            r.recentWindowDays = low...high
            r.openComplaintDays = try reader.integer("open_complaint_days", r.openComplaintDays, 0...100_000)
            r.longKeptMonths = try reader.integer("long_kept_months", r.longKeptMonths, 1...10_000)
            r.assumedRhythmDays = try reader.number("assumed_rhythm_days", r.assumedRhythmDays ?? 365, 1...100_000)
            guard r.terminationProbability <= r.declineProbability else {
                throw AppError(
                    .invalidFile,
                    "\(file): [stages] termination_probability (\(r.terminationProbability)) is more than "
                        + "decline_probability (\(r.declineProbability)): termination is the lower bar")
            }
            result.stages = r
        }
        if let value = table["warnings"] {
            guard let warnings = value.table else {
                throw AppError(.invalidFile, "\(file): warnings must be a [warnings] table")
            }
            let reader = Reader(table: warnings, place: "\(file): [warnings]")
            try reader.known(warningKeys)
            var w = WarningRules.standard
            w.probabilityAlive = try reader.number("probability_alive", w.probabilityAlive, 0...1)
            w.interactionRatio = try reader.number("interaction_ratio", w.interactionRatio, 0...1)
            result.warnings = w
        }
        if let value = table["care"] {
            guard let care = value.table else { throw AppError(.invalidFile, "\(file): care must be a [care] table") }
            let reader = Reader(table: care, place: "\(file): [care]")
            try reader.known(careKeys)
            var c = CareSchedule.standard
            c.birthday = try reader.flag("birthday", c.birthday)
            c.purchaseAnniversary = try reader.flag("purchase_anniversary", c.purchaseAnniversary)
            c.afterPurchaseDays = try reader.integer("after_purchase_days", c.afterPurchaseDays, 0...3660)
            c.afterComplaintDays = try reader.integer("after_complaint_days", c.afterComplaintDays, 0...3660)
            c.leadDays = try reader.integer("lead_days", c.leadDays, 0...3660)
            c.graceDays = try reader.integer("grace_days", c.graceDays, 0...3660)
            result.care = c
        }
        if let value = table["loss_reason"] {
            guard let array = value.array else {
                throw AppError(.invalidFile, "\(file): loss_reason must be a list of tables written [[loss_reason]]")
            }
            var reasons: [LossReason] = []
            for (index, element) in array.enumerated() {
                let place = "\(file): [[loss_reason]] \(index + 1)"
                guard let entry = element.table else { throw AppError(.invalidFile, "\(place) is not a table") }
                let reader = Reader(table: entry, place: place)
                try reader.known(["code", "en", "zh"])
                let code = try reader.string("code").trimmingCharacters(in: .whitespaces)
                guard !code.isEmpty, !code.contains(where: { $0.isWhitespace || $0 == "," }) else {
                    throw AppError(.invalidFile, "\(place): code must be one word without spaces or commas")
                }
                guard !reasons.contains(where: { $0.code == code }) else {
                    throw AppError(.invalidFile, "\(place): code \"\(code)\" is given twice")
                }
                reasons.append(LossReason(code: code, en: try reader.string("en"), zh: try reader.string("zh")))
            }
            guard !reasons.isEmpty else { throw AppError(.invalidFile, "\(file): [[loss_reason]] lists no reason") }
            result.lossReasons = reasons
        }
        return result
    }

    /// The defaults as a TOML file that `parse` reads back.
    public var toml: String {
        let s = stages
        var lines = [
            "# cvm lifecycle rules: thresholds of the stages, the warnings and the loss reasons of care tasks.",
            "[stages]",
            "exploration_purchases = \(s.explorationPurchases)", "exploration_days = \(s.explorationDays)",
            "stability_purchases = \(s.stabilityPurchases)", "stability_days = \(s.stabilityDays)",
            "rhythm_quantile = \(s.rhythmQuantile)", "own_rhythm_gaps = \(s.ownRhythmGaps)",
            "minimum_rhythm_days = \(s.minimumRhythmDays)", "termination_gap_factor = \(s.terminationGapFactor)",
            "termination_probability = \(s.terminationProbability)", "decline_probability = \(s.declineProbability)",
            "decline_value_ratio = \(s.declineValueRatio)", "recent_window_rhythms = \(s.recentWindowRhythms)",
            "recent_window_min_days = \(s.recentWindowDays.lowerBound)",
            "recent_window_max_days = \(s.recentWindowDays.upperBound)",
            "open_complaint_days = \(s.openComplaintDays)", "long_kept_months = \(s.longKeptMonths)", "",
            "[warnings]", "probability_alive = \(warnings.probabilityAlive)",
            "interaction_ratio = \(warnings.interactionRatio)", "",
            "[care]", "birthday = \(care.birthday)", "purchase_anniversary = \(care.purchaseAnniversary)",
            "after_purchase_days = \(care.afterPurchaseDays)", "after_complaint_days = \(care.afterComplaintDays)",
            "lead_days = \(care.leadDays)", "grace_days = \(care.graceDays)",
        ]
        for reason in lossReasons {
            lines += [
                "", "[[loss_reason]]", "code = \"\(reason.code)\"", "en = \"\(reason.en)\"", "zh = \"\(reason.zh)\"",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct Reader {
        let table: TOMLTable
        let place: String

        func known(_ keys: [String]) throws {
            for key in table.keys where !keys.contains(key) {
                throw AppError(
                    .invalidFile, "\(place): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
            }
        }

        func integer(_ key: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let value = table[key] else { return fallback }
            guard let number = value.int else {
                throw AppError(.invalidFile, "\(place): \(key) must be a whole number, found \(value.debugDescription)")
            }
            guard range.contains(number) else {
                throw AppError(
                    .invalidFile,
                    "\(place): \(key) must be \(range.lowerBound)…\(range.upperBound), found \(number)")
            }
            return number
        }

        func number(_ key: String, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
            guard let value = table[key] else { return fallback }
            let number: Double
            if let double = value.double {
                number = double
            } else if let int = value.int {
                number = Double(int)
            } else {
                throw AppError(.invalidFile, "\(place): \(key) must be a number, found \(value.debugDescription)")
            }
            guard number.isFinite, range.contains(number) else {
                throw AppError(
                    .invalidFile, "\(place): \(key) must be \(range.lowerBound)…\(range.upperBound), found \(number)")
            }
            return number
        }

        func flag(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let value = table[key] else { return fallback }
            guard let flag = value.bool else {
                throw AppError(.invalidFile, "\(place): \(key) must be true or false, found \(value.debugDescription)")
            }
            return flag
        }

        func string(_ key: String) throws -> String {
            guard let value = table[key] else { throw AppError(.invalidFile, "\(place): \(key) is missing") }
            guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw AppError(.invalidFile, "\(place): \(key) must be a text in quotes")
            }
            return text
        }
    }
}
