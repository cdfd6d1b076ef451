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

    /// Advice that depends on the facts: a file of another kind may be replaced with --force.
    private static func advice(for error: AppError, in language: Language) -> String? {
        if error.code == .outputConflict, error.facts.contains(where: { $0.name == "existing" }) {
            return language == .zh ? "如确需覆盖，请加 --force" : "add --force to replace it"
        }
        return (language == .zh ? adviceZh : advice)[error.code]
    }

    static func wrap(_ error: Error, in language: Language = .en) -> Error {
        switch error {
        case let error as AppError:
            let message = error.message(in: language)
            return ValidationFailure(message + (advice(for: error, in: language).map { "; \($0)" } ?? ""))
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
