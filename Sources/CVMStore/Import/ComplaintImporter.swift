import CustomerValue
import GRDB

/// Stores the rows of a complaints file: one complaint per row.
///
/// De-duplication: a complaint is identified by its customer and its complaint id when the file
/// has one, else by its opening date (and time), category and channel; `occurrence` counts rows
/// with the same identity in the file. Rows are upserted on that identity, so importing a file
/// again changes nothing, and a later export in which a complaint got resolved or rated updates
/// it instead of adding a second one. A row that changes nothing counts as a duplicate.
///
/// Values that cannot be are refused with their line: a resolution before the opening, a
/// severity outside 1–5, a satisfaction outside the declared scale, and a satisfaction rating
/// of a complaint that is not resolved (the rating is of the resolution).
struct ComplaintImporter: RowImporter {
    private let upsert: RawStatement
    private(set) var stored = 0
    private(set) var duplicates = 0
    private var dates: DateParser
    private(set) var customers: CustomerKeys
    private var occurrences: [Key: Int64] = [:]
    private(set) var dayRange: ClosedRange<Int>?

    private let customerField: Int
    private let idField: Int?
    private let openedField: Int
    private let categoryField: Int?
    private let severityField: Int?
    private let resolvedField: Int
    private let resolutionField: Int?
    private let satisfactionField: Int?
    private let channelField: Int?
    private let bounds: ImportBounds
    private let scale: SatisfactionScale

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<ComplaintColumn>, dates: DateParser,
        options: ImportOptions
    ) throws {
        self.dates = dates
        self.bounds = ImportBounds(options)
        self.scale = options.satisfactionScale
        customers = try CustomerKeys(db, importID: importID)
        customerField = mapping[.customerID]!
        idField = mapping[.complaintID]
        openedField = mapping[.opened]!
        categoryField = mapping[.category]
        severityField = mapping[.severity]
        resolvedField = mapping[.resolved]!
        resolutionField = mapping[.resolution]
        satisfactionField = mapping[.satisfaction]
        channelField = mapping[.channel]
        let columns = [
            "complaint_id", "opened_day", "opened_minute", "resolved_day", "resolved_minute", "category", "severity",
            "resolution", "satisfaction", "scale_low", "scale_high", "channel",
        ]
        let updates = columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let changed = columns.map { "\($0) IS NOT excluded.\($0)" }.joined(separator: " OR ")
        upsert = try RawStatement(
            db,
            """
            INSERT INTO complaints (customer, row_key, occurrence, \(columns.joined(separator: ", ")), import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \(importID))
            ON CONFLICT (customer, row_key, occurrence) DO UPDATE
            SET \(updates), import_id = excluded.import_id
            WHERE \(changed)
            """)
    }

    static let severityExpectation = "expected 1 to 5, or low, medium or high (低, 中, 高)"

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        if let problem = reader.withField(customerField, { IdentifierText.problem($0, "the customer id") }) {
            return .invalid(column: customerField, reason: problem)
        }
        for (field, what) in [
            (idField, "the complaint id"), (categoryField, "the category"), (channelField, "the channel"),
        ] {
            if let field, let problem = reader.withField(field, { IdentifierText.optionalProblem($0, what) }) {
                return .invalid(column: field, reason: problem)
            }
        }
        if let resolutionField,
            let problem = reader.withField(resolutionField, { IdentifierText.textProblem($0, "the resolution") })
        {
            return .invalid(column: resolutionField, reason: problem)
        }
        if reader.withField(openedField, { trimmed($0).isEmpty }) {
            return .invalid(column: openedField, reason: "the opening date is empty")
        }
        guard let opened = reader.withField(openedField, { dates.parse($0) }) else {
            return .invalid(
                column: openedField, reason: "\"\(reader.string(openedField))\" is not a date (\(dates.expectation))")
        }
        if let problem = bounds.day(opened.day, reader.string(openedField)) {
            return .invalid(column: openedField, reason: problem)
        }
        var resolved: ParsedDate?
        if !reader.withField(resolvedField, { trimmed($0).isEmpty }) {
            guard let date = reader.withField(resolvedField, { dates.parse($0) }) else {
                let value = reader.string(resolvedField)
                return .invalid(column: resolvedField, reason: "\"\(value)\" is not a date (\(dates.expectation))")
            }
            if let problem = bounds.day(date.day, reader.string(resolvedField)) {
                return .invalid(column: resolvedField, reason: problem)
            }
            let openedMinute = Self.minute(opened.time)
            let resolvedMinute = Self.minute(date.time)
            let before =
                date.day < opened.day
                || (date.day == opened.day && openedMinute != nil && resolvedMinute != nil
                    && resolvedMinute! < openedMinute!)
            if before {
                return .invalid(
                    column: resolvedField,
                    reason:
                        "\"\(reader.string(resolvedField))\" is before the opening \"\(reader.string(openedField))\": "
                        + "a complaint is resolved after it was opened")
            }
            resolved = date
        }
        var severity: Int?
        if let severityField, let text = cleanText(severityField, reader) {
            guard let level = ComplaintSeverity.level(text) else {
                let reason =
                    Int(text) != nil
                    ? "\"\(text)\" is outside the severity scale 1–5 (\(Self.severityExpectation))"
                    : "\"\(text)\" is not a severity (\(Self.severityExpectation))"
                return .invalid(column: severityField, reason: reason)
            }
            severity = level
        }
        var satisfaction: Double?
        if let satisfactionField, let text = cleanText(satisfactionField, reader) {
            guard let value = Double(text), value.isFinite else {
                return .invalid(
                    column: satisfactionField,
                    reason: "\"\(text)\" is not a satisfaction rating (expected a number from \(scale.lowest) to "
                        + "\(scale.highest), the declared scale)")
            }
            guard scale.contains(value) else {
                return .invalid(
                    column: satisfactionField,
                    reason: "\"\(text)\" is outside the satisfaction scale \(scale.lowest)–\(scale.highest): "
                        + "declare the scale the file uses when importing (1-5, 1-7, 1-10 or 0-10)")
            }
            guard resolved != nil else {
                return .invalid(
                    column: satisfactionField,
                    reason: "the complaint has a satisfaction rating (\"\(text)\") but no resolved date: "
                        + "the rating is of the resolution, so give the date it was resolved, or leave the rating empty"
                )
            }
            satisfaction = value
        }
        guard store else { return .accepted }

        dayRange =
            dayRange.map { min($0.lowerBound, opened.day)...max($0.upperBound, opened.day) } ?? opened.day...opened.day
        let customer = try reader.withField(customerField) { bytes in
            try IdentifierText.withNormalised(bytes) { try customers.key($0) }
        }
        let complaintID = idField.flatMap { field in reader.withField(field) { IdentifierText.normalisedText($0) } }
        let category = categoryField.flatMap { field in reader.withField(field) { IdentifierText.normalisedText($0) } }
        let channel = channelField.flatMap { field in reader.withField(field) { IdentifierText.normalisedText($0) } }
        var hash = FNV1a()
        if let complaintID {
            hash.add(byte: 1)
            hash.add(complaintID)
        } else {
            hash.add(byte: 2)
            hash.add(word: UInt64(bitPattern: Int64(opened.day)))
            if let time = opened.time { hash.add(Array(time.utf8)) }
            hash.add(byte: 0x1F)
            if let category { hash.add(category) }
            hash.add(byte: 0x1F)
            if let channel { hash.add(channel) }
        }
        let rowKey = Int64(bitPattern: hash.value)
        let key = Key(customer: customer, rowKey: rowKey)
        let occurrence = (occurrences[key] ?? 0) + 1
        occurrences[key] = occurrence

        upsert.bind(1, customer)
        upsert.bind(2, rowKey)
        upsert.bind(3, occurrence)
        upsert.bind(4, complaintID)
        upsert.bind(5, Int64(opened.day))
        bind(6, Self.minute(opened.time))
        bind(7, resolved.map(\.day))
        bind(8, Self.minute(resolved?.time))
        upsert.bind(9, category)
        bind(10, severity)
        upsert.bind(11, resolutionField.flatMap { cleanText($0, reader) })
        upsert.bind(12, satisfaction)
        upsert.bind(13, Int64(scale.lowest))
        upsert.bind(14, Int64(scale.highest))
        upsert.bind(15, channel)
        if try upsert.step() == 0 { duplicates += 1 } else { stored += 1 }
        return .accepted
    }

    func finish() throws {}

    private func bind(_ index: Int32, _ value: Int?) {
        if let value { upsert.bind(index, Int64(value)) } else { upsert.bindNull(index) }
    }

    /// Minutes after midnight of a time text as the date parser keeps it (`9:05`, `09:05:30+08:00`);
    /// the zone is not applied, as the day is the day as written.
    static func minute(_ time: String?) -> Int? {
        guard let time else { return nil }
        let parts = time.split(separator: ":", maxSplits: 2)
        guard parts.count >= 2, let hour = Int(parts[0]), let minute = Int(parts[1].prefix(2)) else { return nil }
        return hour * 60 + minute
    }

    private struct Key: Hashable {
        var customer: Int64
        var rowKey: Int64
    }
}
