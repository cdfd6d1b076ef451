import CustomerValue
import Foundation
import TOMLKit

/// A survey's scheme from a TOML file: its scale and, optionally, the fixed lists of attributes
/// and competitors with their English and Chinese names (a file may name them by id or either).
///
/// ```toml
/// scale = "1-7"             # 1-5, 1-7, 1-10 or 0-10: every rating but likelihood to recommend (0-10)
///
/// [[attribute]]             # with attributes listed, any other attribute in a file is an error
/// id = "delivery"
/// en = "Delivery speed"
/// zh = "配送速度"
///
/// [[competitor]]            # likewise for competitors
/// id = "rival_a"
/// en = "Rival A"
/// zh = "对手甲"
/// ```
///
/// Every problem is an `AppError(.invalidFile)` naming the file and, where TOML says, the line.
extension SurveyScheme {
    /// The scheme in the TOML file at `path`.
    public static func load(toml path: String) throws -> SurveyScheme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AppError(.invalidFile, "cannot read the survey file \(path): check the path (a UTF-8 TOML file)")
        }
        return try parse(toml: text, file: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// The scheme in TOML `text`; `file` names it in messages.
    public static func parse(toml text: String, file: String) throws -> SurveyScheme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw AppError(
                .invalidFile,
                "\(file), line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        }
        for key in table.keys where !["scale", "attribute", "competitor"].contains(key) {
            throw AppError(
                .invalidFile, "\(file): unknown key \"\(key)\" (a survey file has scale, [[attribute]], [[competitor]])"
            )
        }
        var scheme = SurveyScheme()
        if let value = table["scale"] {
            guard let text = value.string, let scale = SurveyScale(parsing: text) else {
                throw AppError(
                    .invalidFile, "\(file): scale must be written \"1-5\", \"1-7\", \"1-10\" or \"0-10\" (in quotes)")
            }
            scheme.scale = scale
        }
        scheme.attributes = try names(table, "attribute", file)
        scheme.competitors = try names(table, "competitor", file)
        return scheme
    }

    private static func names(_ table: TOMLTable, _ key: String, _ file: String) throws -> [SurveyName]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            throw AppError(.invalidFile, "\(file): \(key) must be a list of tables written [[\(key)]]")
        }
        var seen: Set<String> = []
        return try array.enumerated().map { index, element in
            let where_ = "\(file): [[\(key)]] \(index + 1)"
            guard let entry = element.table else { throw AppError(.invalidFile, "\(where_) is not a table") }
            for name in entry.keys where !["id", "en", "zh"].contains(name) {
                throw AppError(.invalidFile, "\(where_): unknown key \"\(name)\" (known: id, en, zh)")
            }
            func text(_ name: String) throws -> String? {
                guard let value = entry[name] else { return nil }
                guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw AppError(.invalidFile, "\(where_): \(name) must be a non-empty string in quotes")
                }
                return text.trimmingCharacters(in: .whitespaces)
            }
            guard let id = try text("id") else { throw AppError(.invalidFile, "\(where_): id is missing") }
            for name in Set([id, try text("en"), try text("zh")].compactMap({ $0?.lowercased() })) {
                guard seen.insert(name).inserted else {
                    throw AppError(.invalidFile, "\(where_): \"\(name)\" names two \(key)s")
                }
            }
            return SurveyName(id: id, en: try text("en"), zh: try text("zh"))
        }
    }
}
