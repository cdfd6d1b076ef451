import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm generate [transactions]` and `cvm generate surveys`.
struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic data from a known model: transactions (the default) or a survey.",
        subcommands: [GenerateTransactions.self, GenerateSurveys.self],
        defaultSubcommand: GenerateTransactions.self)
}

/// `cvm generate --customers N --out FILE`: a transaction log.
struct GenerateTransactions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "Write a synthetic transaction log from a known BG/NBD purchase process with Gamma-Gamma spend.",
        discussion: """
            Per customer: purchase rate λ ~ Gamma(r, rate alpha) per day, dropout probability after each \
            repeat purchase p ~ Beta(a, b), amounts ~ Gamma(p, rate ν) with ν ~ Gamma(q, rate v). First \
            purchases fall uniformly in the cohort window. Output: customer_id,date,amount, sorted by \
            customer then date. The same seed and options give the same file. `cvm generate surveys` writes \
            a synthetic survey instead.
            """)

    @Option(help: "Number of customers.") var customers: Int
    @Option(help: "Random seed.") var seed = GenerateRequest.standardSeed
    @Option(help: ArgumentHelp("Output CSV file.", valueName: "file")) var out: String
    @Option(
        help: ArgumentHelp(
            "Also write each customer's true state at the observation end (alive, dropout date, rates) to this CSV.",
            valueName: "file"))
    var truthOut: String?
    @Flag(help: "Replace an existing --out file even if it is not a CSV file (never the database).")
    var force = false

    @Option(help: "BG/NBD shape of the purchase rates.") var r = TransactionGenerator.Parameters().r
    @Option(help: "BG/NBD rate of the purchase rates, per day.") var alpha = TransactionGenerator.Parameters().alpha
    @Option(help: "BG/NBD dropout Beta a.") var a = TransactionGenerator.Parameters().a
    @Option(help: "BG/NBD dropout Beta b.") var b = TransactionGenerator.Parameters().b
    @Option(name: .customLong("gg-p"), help: "Gamma-Gamma shape of the amounts.") var ggP =
        TransactionGenerator.Parameters().p
    @Option(name: .customLong("gg-q"), help: "Gamma-Gamma shape of the spend rates.") var ggQ =
        TransactionGenerator.Parameters().q
    @Option(name: .customLong("gg-v"), help: "Gamma-Gamma rate of the spend rates.") var ggV =
        TransactionGenerator.Parameters().v
    @Option(help: "First day of the acquisition window.") var cohortStart = GenerateRequest.standardCohortStart
    @Option(help: "Last day of the acquisition window.") var cohortEnd = GenerateRequest.standardCohortEnd
    @Option(help: "Last day of observation.") var observationEnd = GenerateRequest.standardObservationEnd
    @Option(help: "Language of messages: en or zh.") var lang: Language = .en

    private var request: GenerateRequest {
        var parameters = TransactionGenerator.Parameters()
        (parameters.r, parameters.alpha, parameters.a, parameters.b) = (r, alpha, a, b)
        (parameters.p, parameters.q, parameters.v) = (ggP, ggQ, ggV)
        return GenerateRequest(
            customers: customers, seed: seed, parameters: parameters, cohortStart: cohortStart, cohortEnd: cohortEnd,
            observationEnd: observationEnd)
    }

    func validate() throws {
        guard customers > 0 else { throw ValidationError("--customers must be at least 1") }
        for (name, value) in [
            ("r", r), ("alpha", alpha), ("a", a), ("b", b), ("gg-p", ggP), ("gg-q", ggQ), ("gg-v", ggV),
        ]
        where !(value > 0 && value.isFinite) {
            throw ValidationError("--\(name) must be a positive number (got \(value))")
        }
        guard cohortStart <= cohortEnd, cohortEnd <= observationEnd else {
            throw ValidationError("dates must satisfy --cohort-start ≤ --cohort-end ≤ --observation-end")
        }
    }

    func run() async throws {
        do {
            let target = try OutputTarget.check(
                out, writing: .csv, database: CommandLineContext.databasePath,
                inputs: CommandLineContext.inputs(besides: out), force: force)
            let truth = try truthOut.map {
                guard $0 != out else {
                    throw ValidationError("--truth-out must be another file than --out")
                }
                return try OutputTarget.check(
                    $0, writing: .csv, database: CommandLineContext.databasePath,
                    inputs: CommandLineContext.inputs(besides: $0), force: force)
            }
            let progress = Progress(label: Text.generating(lang))
            let result = try SyntheticData.generate(request, to: target, truth: truth) { done in
                progress.update(Text.generateProgress(lang, done, customers))
            }
            progress.finish()
            print(Text.generateWrote(lang, result.rows, customers, out))
            print(
                Text.generateTruth(
                    lang, r, alpha, a, b, ggP, ggQ, ggV, cohortStart, cohortEnd, observationEnd, seed))
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

/// `cvm generate surveys`: a synthetic survey with known truth.
struct GenerateSurveys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "surveys",
        abstract: "Write a synthetic survey (1–7 scale) for the database's customers, and its true model as JSON.",
        discussion: """
            Five attributes along the journey, each with a true regression weight of overall satisfaction, a \
            true competitor gap and a true expectation gap; a respondent's latent experience follows their \
            purchase rate (the database's customers) or not (--customers N). Every rating is stochastically \
            rounded so that the truth holds exactly in expectation. The model is in docs/customer-view.md; the \
            truth goes to --truth (default: OUT with .truth.json). Import with: cvm import surveys OUT --scale 1-7
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Respondents 1…N instead of the database's customers.") var customers: Int?
    @Option(help: "Random seed.") var seed: UInt64?
    @Option(help: "The day every response is dated (default: the last transaction day).") var date: Day?
    @Option(help: "The survey wave (default: synthetic).") var wave: String?
    @Option(help: ArgumentHelp("Output CSV file.", valueName: "file")) var out: String
    @Option(help: ArgumentHelp("Where the true model goes (JSON).", valueName: "file")) var truth: String?
    @Flag(help: "Replace existing output files even if they are of another kind (never the database).")
    var force = false
    @Option(help: "Language of messages: en or zh.") var lang: Language = .en

    func run() async throws {
        do {
            let truthPath = truth ?? (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".truth.json"
            let target = try OutputTarget.check(
                out, writing: .csv, database: CommandLineContext.databasePath,
                inputs: CommandLineContext.inputs(besides: out), force: force)
            let truthTarget = try OutputTarget.check(
                truthPath, writing: .json, database: CommandLineContext.databasePath,
                inputs: CommandLineContext.inputs(besides: truthPath) + [out], force: force)
            let request = GenerateSurveysRequest(customers: customers, seed: seed, day: date, wave: wave)
            let result =
                customers == nil
                ? try await global.openWorkspaceForReading().generateSurveys(request, to: target, truth: truthTarget)
                : try SyntheticData.generateSurveys(request, to: target, truth: truthTarget)
            print(Text.surveyWrote(lang, result.rows, result.respondents, result.path, result.truthPath))
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
