import CustomerValue
import Foundation

/// How to read an import file. The defaults read most exports as they are, and refuse values
/// that are almost certainly typos (see `ImportBounds`): amounts beyond ±1e12, dates before
/// 1900-01-01 or after tomorrow. Each refusal can be lifted where a business needs it.
public struct ImportOptions {
    /// Which character separates the decimals in the file's amounts and numbers.
    public enum DecimalSeparator: String, Sendable, CaseIterable {
        /// `1,234.50`: a point for decimals, commas between thousands (English, Chinese, Japanese).
        case point
        /// `1.234,50`: a comma for decimals, points between thousands (most of continental Europe).
        case comma
    }

    /// What a transactions import does with an order line already stored with other values
    /// (same customer, order id and line of the order; another amount, date or detail).
    public enum ChangedOrders: String, Sendable, CaseIterable {
        /// The file wins: the stored line takes the file's values (counted as updated).
        case update
        /// The import fails with the line and what differs; nothing is stored.
        case refuse
    }

    /// The field delimiter; nil detects `,` `;` or tab from the header line.
    public var delimiter: UInt8?
    /// Column name (`amount`, `customer_id`, … or a synonym) → header in the file, overriding the
    /// automatic recognition: `["amount": "实付金额", "customer_id": "会员号"]`.
    public var mapping: [String: String]
    /// A date pattern such as `dd.MM.yyyy` (see `DatePattern`); nil reads the automatic forms.
    public var dateFormat: String?
    /// Import the valid rows and write the invalid ones to `rejectsURL` instead of failing.
    public var skipInvalid: Bool
    /// Where rejected rows go with `skipInvalid`; nil means `FILE.rejects.csv` beside the input.
    public var rejectsURL: URL?
    /// Called every `progressInterval` rows from the importing thread. Throwing from it cancels
    /// the import: nothing is stored and the error is rethrown.
    public var progress: ((ImportProgress) throws -> Void)?
    /// Rows between two `progress` calls.
    public var progressInterval: Int
    /// The file's decimal separator; nil reads a decimal point and refuses the amounts that
    /// would read differently with a decimal comma (`1.234`; see `AmountParser`).
    public var decimalSeparator: DecimalSeparator?
    /// Accept amounts and numbers beyond ±1e12 (up to ±1e30, past which sums could overflow).
    public var allowLargeAmounts: Bool
    /// Accept dates before 1900-01-01 (back to year 1).
    public var allowEarlyDates: Bool
    /// Accept dates after `latestDay` (payment due dates have a horizon of their own).
    public var allowFutureDates: Bool
    /// The last day accepted; nil means tomorrow (today in UTC plus one day, so that a sale made
    /// this evening in a time zone ahead of the computer's is not refused).
    public var latestDay: Day?
    /// What to do with a stored order line that the file changes.
    public var changedOrders: ChangedOrders
    /// The scale of a complaints file's satisfaction ratings (stored with each rating).
    public var satisfactionScale: SatisfactionScale
    /// How a survey file is read: its scale and its fixed attribute and competitor lists.
    public var survey = SurveyScheme()
    /// The name the import history records for the file; nil records its path. The web service
    /// gives the uploaded file's name here, not the temporary path it was saved to.
    public var recordedName: String?

    public init(
        delimiter: UInt8? = nil, mapping: [String: String] = [:], dateFormat: String? = nil,
        skipInvalid: Bool = false, rejectsURL: URL? = nil, progress: ((ImportProgress) throws -> Void)? = nil,
        progressInterval: Int = 65_536, decimalSeparator: DecimalSeparator? = nil, allowLargeAmounts: Bool = false,
        allowEarlyDates: Bool = false, allowFutureDates: Bool = false, latestDay: Day? = nil,
        changedOrders: ChangedOrders = .update, satisfactionScale: SatisfactionScale = .standard
    ) {
        self.delimiter = delimiter
        self.mapping = mapping
        self.dateFormat = dateFormat
        self.skipInvalid = skipInvalid
        self.rejectsURL = rejectsURL
        self.progress = progress
        self.progressInterval = max(1, progressInterval)
        self.decimalSeparator = decimalSeparator
        self.allowLargeAmounts = allowLargeAmounts
        self.allowEarlyDates = allowEarlyDates
        self.allowFutureDates = allowFutureDates
        self.latestDay = latestDay
        self.changedOrders = changedOrders
        self.satisfactionScale = satisfactionScale
    }

    /// Reads `amount=实付金额,customer_id=会员号` (the `--map` option).
    ///
    /// Throws `ImportError` (.invalidOption) for a pair without `=` or with an empty side.
    public static func mapping(parsing text: String) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for pair in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ImportError(
                    .invalidOption,
                    "\"\(pair)\" is not COLUMN=HEADER (e.g. amount=实付金额,customer_id=会员号)")
            }
            mapping[parts[0]] = parts[1]
        }
        return mapping
    }

    /// Reads a `--delimiter`: one ASCII character, or `tab`, `\t`, `comma`, `semicolon`.
    public static func delimiter(parsing text: String) throws -> UInt8 {
        switch text.lowercased() {
        case "tab", "\\t", "\t": return UInt8(ascii: "\t")
        case "comma": return UInt8(ascii: ",")
        case "semicolon": return UInt8(ascii: ";")
        case "pipe": return UInt8(ascii: "|")
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != UInt8(ascii: "\""), bytes[0] != 0x0A,
                bytes[0] != 0x0D
            else {
                throw ImportError(
                    .invalidOption, "the delimiter \"\(text)\" must be one character such as , ; | or the word tab")
            }
            return bytes[0]
        }
    }
}

/// How far an import has got.
public struct ImportProgress: Sendable {
    public var bytesRead: Int
    public var bytesTotal: Int
    public var rowsRead: Int
}
