import GRDB

/// Stores the rows of a customers file: an upsert by the business's customer id.
///
/// A new id adds a customer; a known one gets its non-empty fields updated (an empty cell never
/// erases what is stored). A row that changes nothing counts as a duplicate.
struct CustomerImporter: RowImporter {
    private let upsert: RawStatement
    private(set) var stored = 0
    private(set) var duplicates = 0
    private let importID: Int64
    private var dates: DateParser
    /// Field index of each column present, in the order of `CustomerColumn.allCases`.
    private let fields: [CustomerColumn: Int]

    /// The columns stored as text, with their SQL column names, in parameter order from ?2.
    private static let textColumns: [(CustomerColumn, String)] = [
        (.name, "name"), (.type, "type"), (.email, "email"), (.phone, "phone"), (.region, "region"),
        (.industry, "industry"), (.ageBand, "age_band"), (.gender, "gender"), (.incomeBand, "income_band"),
        (.channel, "channel"), (.owner, "owner"), (.tags, "tags"),
    ]

    private let bounds: ImportBounds

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<CustomerColumn>, dates: DateParser,
        options: ImportOptions
    ) throws {
        self.importID = importID
        self.dates = dates
        self.bounds = ImportBounds(options)
        var fields: [CustomerColumn: Int] = [:]
        for column in CustomerColumn.allCases { if let index = mapping[column] { fields[column] = index } }
        self.fields = fields
        let names = Self.textColumns.map(\.1) + ["acquired_day", "birthday"]
        let updates = names.map { "\($0) = coalesce(excluded.\($0), \($0))" }.joined(separator: ", ")
        let changed = names.map { "coalesce(excluded.\($0), \($0)) IS NOT \($0)" }.joined(separator: " OR ")
        let parameters = (2...(names.count + 2)).map { "?\($0)" }.joined(separator: ", ")
        upsert = try RawStatement(
            db,
            """
            INSERT INTO customers (id, \(names.joined(separator: ", ")), import_id) VALUES (?1, \(parameters))
            ON CONFLICT (id) DO UPDATE SET \(updates), import_id = excluded.import_id
            WHERE \(changed)
            """)
    }

    /// Spellings of the two customer types (compared lower-cased, without spaces).
    private static let types: [String: String] = [
        "2c": "individual", "toc": "individual", "b2c": "individual", "individual": "individual",
        "person": "individual", "consumer": "individual", "个人": "individual", "个人客户": "individual",
        "2b": "organisation", "tob": "organisation", "b2b": "organisation", "organisation": "organisation",
        "organization": "organisation", "company": "organisation", "business": "organisation",
        "企业": "organisation", "企业客户": "organisation", "公司": "organisation",
    ]

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        let idField = fields[.customerID]!
        if let problem = reader.withField(idField, { IdentifierText.problem($0, "the customer id") }) {
            return .invalid(column: idField, reason: problem)
        }
        for (column, _) in Self.textColumns {
            if let field = fields[column],
                let problem = reader.withField(field, { IdentifierText.textProblem($0, "the \(column.label)") })
            {
                return .invalid(column: field, reason: problem)
            }
        }
        var type: String?
        if let field = fields[.type] {
            let text = reader.withField(field) { bytes in
                IdentifierText.withNormalised(bytes) { String(decoding: $0, as: UTF8.self) }
            }
            if !text.isEmpty {
                guard let known = Self.types[ColumnMapping<CustomerColumn>.normalised(text)] else {
                    return .invalid(
                        column: field,
                        reason: "\"\(reader.string(field))\" is not a customer type "
                            + "(expected 2C, 2B, individual, organisation, 个人 or 企业)")
                }
                type = known
            }
        }
        var days: [CustomerColumn: Int] = [:]
        for column in [CustomerColumn.acquired, .birthday] {
            guard let field = fields[column] else { continue }
            let isEmpty = reader.withField(field) { trimmed($0).isEmpty }
            if !isEmpty {
                guard let date = reader.withField(field, { dates.parse(trimmed($0)) }) else {
                    let value = reader.string(field)
                    return .invalid(column: field, reason: "\"\(value)\" is not a date (\(dates.expectation))")
                }
                if let problem = bounds.day(date.day, reader.string(field)) {
                    return .invalid(column: field, reason: problem)
                }
                days[column] = date.day
            }
        }
        let acquired = days[.acquired]
        let birthday = days[.birthday]
        guard store else { return .accepted }

        reader.withField(idField) { bytes in IdentifierText.withNormalised(bytes) { upsert.bind(1, $0) } }
        for (offset, (column, _)) in Self.textColumns.enumerated() {
            let index = Int32(offset + 2)
            if column == .type {
                upsert.bind(index, type)
            } else if let field = fields[column] {
                reader.withField(field) { bytes in IdentifierText.withNormalised(bytes) { upsert.bind(index, $0) } }
            } else {
                upsert.bindNull(index)
            }
        }
        let acquiredIndex = Int32(Self.textColumns.count + 2)
        if let acquired { upsert.bind(acquiredIndex, Int64(acquired)) } else { upsert.bindNull(acquiredIndex) }
        if let birthday { upsert.bind(acquiredIndex + 1, Int64(birthday)) } else { upsert.bindNull(acquiredIndex + 1) }
        upsert.bind(acquiredIndex + 2, importID)
        if try upsert.step() == 0 { duplicates += 1 } else { stored += 1 }
        return .accepted
    }

    func finish() throws {}
}
