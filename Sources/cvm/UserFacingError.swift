import ArgumentParser
import CVMApp
import CustomerValue

/// Turns library errors into messages a user can act on; never lets a raw library error through.
enum UserFacingError {
    /// What to do at the command line, by error code: the application layer's messages name no
    /// command or option, the CLI adds them here.
    static let advice: [AppError.Code: Text] = [
        .missingDatabase: .cliInit, .foreignDatabase: .cliOtherDatabase, .newerSchema: .cliUpgrade,
    ]

    /// The import options that settle a row problem, by what the message says the row needs.
    static let rowAdvice: [(marker: String, option: String)] = [
        ("say which decimal separator", "--decimal-separator point|comma"),
        ("allow large amounts", "--allow-large-amounts"),
        ("allow early dates", "--allow-early-dates"),
        ("allow them when importing", "--allow-future-dates"),
        ("allow future dates", "--allow-future-dates"),
        ("declare the scale the file uses", "--satisfaction-scale 1-5|1-7|1-10|0-10"),
        ("or a date pattern", "--date-format PATTERN"),
        ("expected the date pattern", "--date-format PATTERN"),
    ]

    /// Advice that depends on the facts: a file of another kind may be replaced with --force; a
    /// bad import names the options that import it anyway.
    private static func advice(for error: AppError, in language: Language) -> String? {
        if error.code == .outputConflict, error.facts.contains(where: { $0.name == "existing" }) {
            return Text.cliAddForce(language)
        }
        if error.code == .invalidRows {
            let text = error.message + error.rows.map(\.message).joined()
            var options = ["--skip-invalid"]
            for (marker, option) in rowAdvice where text.contains(marker) && !options.contains(option) {
                options.append(option)
            }
            return Text.cliOptions(language, options.joined(separator: ", "))
        }
        if error.code == .invalidFile, error.message.contains("Map ") || error.message.contains("mapping") {
            return Text.cliNameColumn(language)
        }
        if error.code == .notFound, error.facts.contains(AppError.Fact("existing_runs", "")) {
            return analyzeFirst(language)
        }
        if error.code == .noData, error.message.hasPrefix("there are no survey answers") {
            return Text.cliImportFirst(language, "surveys")
        }
        if error.code == .noData, error.message.hasPrefix("grouping respondents by segment needs") {
            return analyzeFirst(language)
        }
        if error.code == .noData, error.message.hasPrefix("the database has no transactions yet") {
            return Text.cliImportFirst(language, "transactions")
        }
        if error.code == .noData, error.message.hasPrefix("the database has no complaints yet") {
            return Text.cliImportFirst(language, "complaints")
        }
        return advice[error.code].map { $0(language) }
    }

    /// The advice when a command needs an analysis run and there is none.
    static func analyzeFirst(_ language: Language) -> String {
        Text.cliAnalyzeFirst(language)
    }

    /// Advice written as a sentence of its own.
    static func sentence(_ advice: String, _ language: Language) -> String {
        advice.prefix(1).uppercased() + advice.dropFirst() + Text.sentenceEnd(language)
    }

    static func wrap(_ error: Error, in language: Language = .en) -> Error {
        switch error {
        case let error as AppError:
            let message = error.message(in: language)
            guard let advice = advice(for: error, in: language) else { return ValidationFailure(message) }
            // After a full sentence the advice is one of its own.
            let sentence = message.hasSuffix(".") || message.hasSuffix("。")
            return ValidationFailure(
                sentence
                    ? Text.sentenceThen(language, message, Self.sentence(advice, language))
                    : message + language.listSeparator + advice)
        case let error as LocalizedMessage: return ValidationFailure(error.description)
        case let error as DecodingError: return ValidationFailure(Text.cliUnreadableFile(language, "\(error)"))
        default: return error
        }
    }
}

/// A failure printed as `Error: message` with exit code 1.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
