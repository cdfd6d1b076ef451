import ArgumentParser
import CVMApp
import CustomerValue

/// Turns library errors into messages a user can act on; never lets a raw library error through.
enum UserFacingError {
    /// What to do at the command line, by error code: the application layer's messages name no
    /// command or option, the CLI adds them here.
    static let advice: [AppError.Code: String] = [
        .missingDatabase: "run `cvm init` to create one, or pass --database PATH",
        .foreignDatabase: "choose another --database",
        .newerSchema: "upgrade cvm to open it",
    ]

    static let adviceZh: [AppError.Code: String] = [
        .missingDatabase: "请先运行 `cvm init` 创建数据库，或用 --database PATH 指定",
        .foreignDatabase: "请用 --database 另选数据库",
        .newerSchema: "请升级 cvm 后再打开",
    ]

    /// The import options that settle a row problem, by what the message says the row needs.
    static let rowAdvice: [(marker: String, option: String)] = [
        ("say which decimal separator", "--decimal-separator point|comma"),
        ("allow large amounts", "--allow-large-amounts"),
        ("allow early dates", "--allow-early-dates"),
        ("allow them when importing", "--allow-future-dates"),
        ("allow future dates", "--allow-future-dates"),
        ("declare the scale the file uses", "--satisfaction-scale 1-5|1-7|1-10|0-10"),
    ]

    /// Advice that depends on the facts: a file of another kind may be replaced with --force; a
    /// bad import names the options that import it anyway.
    private static func advice(for error: AppError, in language: Language) -> String? {
        let zh = language == .zh
        if error.code == .outputConflict, error.facts.contains(where: { $0.name == "existing" }) {
            return zh ? "如确需覆盖，请加 --force" : "add --force to replace it"
        }
        if error.code == .invalidRows {
            let text = error.message + error.rows.map(\.message).joined()
            var options = ["--skip-invalid"]
            for (marker, option) in rowAdvice where text.contains(marker) && !options.contains(option) {
                options.append(option)
            }
            return (zh ? "可用的选项：" : "options: ") + options.joined(separator: ", ")
        }
        if error.code == .invalidFile, error.message.contains("Map ") || error.message.contains("mapping") {
            return zh ? "用 --map 字段=列名 指定列" : "name the column with --map FIELD=COLUMN"
        }
        if error.code == .notFound, error.facts.contains(AppError.Fact("existing_runs", "")) {
            return analyzeFirst(language)
        }
        if error.code == .noData, error.message.hasPrefix("there are no survey answers") {
            return zh ? "请先运行 `cvm import surveys FILE`" : "run `cvm import surveys FILE` first"
        }
        if error.code == .noData, error.message.hasPrefix("grouping respondents by segment needs") {
            return zh ? "请先运行 `cvm analyze`" : "run `cvm analyze` first"
        }
        if error.code == .noData, error.message.hasPrefix("the database has no transactions yet") {
            return zh ? "请先运行 `cvm import transactions FILE`" : "run `cvm import transactions FILE` first"
        }
        if error.code == .noData, error.message.hasPrefix("the database has no complaints yet") {
            return zh ? "请先运行 `cvm import complaints FILE`" : "run `cvm import complaints FILE` first"
        }
        return (zh ? adviceZh : advice)[error.code]
    }

    /// The advice when a command needs an analysis run and there is none.
    static func analyzeFirst(_ language: Language) -> String {
        language == .zh ? "请先运行 `cvm analyze`" : "run `cvm analyze` first"
    }

    /// Advice written as a sentence of its own.
    static func sentence(_ advice: String, _ language: Language) -> String {
        advice.prefix(1).uppercased() + advice.dropFirst() + (language == .zh ? "。" : ".")
    }

    static func wrap(_ error: Error, in language: Language = .en) -> Error {
        switch error {
        case let error as AppError:
            let message = error.message(in: language)
            guard let advice = advice(for: error, in: language) else { return ValidationFailure(message) }
            // After a full sentence the advice is one of its own.
            let sentence = message.hasSuffix(".") || message.hasSuffix("。")
            return ValidationFailure(
                message + (sentence ? " " + advice.prefix(1).uppercased() + advice.dropFirst() + "." : "; " + advice))
        case let error as LocalizedMessage: return ValidationFailure(error.description)
        case let error as DecodingError: return ValidationFailure("cannot read the file: \(error)")
        default: return error
        }
    }
}

/// A failure printed as `Error: message` with exit code 1.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
