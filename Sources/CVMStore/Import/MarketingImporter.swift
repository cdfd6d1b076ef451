import GRDB

/// Stores the rows of a marketing-spend file: spend on a customer, or on a segment as
/// a whole, on a day or in a month.
///
/// De-duplication: a row's key is an FNV-1a hash of what the spend went to (the customer id, or
/// the segment for a row without one), its day, campaign id and channel; `occurrence` counts
/// rows with the same key in the file. Rows are upserted on `(row_key, occurrence)`: importing
/// a file again changes nothing, and a re-exported file with a corrected amount updates the
/// amount rather than adding a second row. A row that changes nothing counts as a duplicate.
struct MarketingImporter: RowImporter {
    private let upsert: RawStatement
    private(set) var stored = 0
    private(set) var duplicates = 0
    private let importID: Int64
    private var dates: DateParser
    private(set) var customers: CustomerKeys
    private var occurrences: [Int64: Int64] = [:]
    /// First and last day of the rows stored.
    private(set) var dayRange: ClosedRange<Int>?

    private let customerField: Int?
    private let segmentField: Int?
    private let dateField: Int
    private let spendField: Int
    private let campaignField: Int?
    private let channelField: Int?
    private let purposeField: Int?

    private let amounts: AmountParser
    private let bounds: ImportBounds

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<MarketingColumn>, dates: DateParser,
        options: ImportOptions
    ) throws {
        self.importID = importID
        self.dates = dates
        self.amounts = AmountParser(options.decimalSeparator)
        self.bounds = ImportBounds(options)
        customers = try CustomerKeys(db, importID: importID)
        customerField = mapping[.customerID]
        segmentField = mapping[.segment]
        dateField = mapping[.date]!
        spendField = mapping[.spend]!
        campaignField = mapping[.campaignID]
        channelField = mapping[.channel]
        purposeField = mapping[.purpose]
        upsert = try RawStatement(
            db,
            """
            INSERT INTO marketing (row_key, occurrence, customer, segment, day, amount, campaign_id, channel, purpose,
                import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \(importID))
            ON CONFLICT (row_key, occurrence) DO UPDATE
            SET amount = excluded.amount, segment = excluded.segment, import_id = excluded.import_id
            WHERE amount IS NOT excluded.amount OR segment IS NOT excluded.segment
            """)
    }

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        // An id (or segment) that trims to nothing is no id; one with control characters is refused.
        for (field, what) in [
            (customerField, "the customer id"), (segmentField, "the segment"), (campaignField, "the campaign id"),
            (channelField, "the channel"),
        ] {
            if let field, let problem = reader.withField(field, { IdentifierText.optionalProblem($0, what) }) {
                return .invalid(column: field, reason: problem)
            }
        }
        let hasCustomer =
            customerField.map { field in reader.withField(field) { IdentifierText.normalisedText($0) != nil } } ?? false
        let hasSegment =
            segmentField.map { field in reader.withField(field) { IdentifierText.normalisedText($0) != nil } } ?? false
        // What the money was for: acquisition (获客/拉新) or retention (保留/维系), or not said.
        var purpose: String?
        if let field = purposeField {
            let text = reader.withField(field) {
                IdentifierText.normalisedText($0).map { String(decoding: $0, as: UTF8.self) }
            }
            if let text {
                guard let known = Self.purposes[text.lowercased()] else {
                    return .invalid(
                        column: field,
                        reason: "\"\(reader.string(field))\" is not a purpose (expected acquisition or retention, "
                            + "获客 or 保留)")
                }
                purpose = known
            }
        }
        let hasChannel =
            channelField.map { field in reader.withField(field) { IdentifierText.normalisedText($0) != nil } } ?? false
        guard hasCustomer || hasSegment || (purpose != nil && hasChannel) else {
            if purpose != nil {
                return .invalid(
                    column: channelField ?? customerField ?? segmentField,
                    reason: "the row names no customer, segment or channel that the spend went to")
            }
            let reason: String
            switch (customerField, segmentField) {
            case (.some, .some): reason = "the row has neither a customer id nor a segment"
            case (.some, nil): reason = "the customer id is empty"
            default: reason = "the segment is empty"
            }
            return .invalid(column: customerField ?? segmentField, reason: reason)
        }
        let day: Int
        if let date = reader.withField(dateField, { dates.parse($0) }) {
            day = date.day
        } else if dates.pattern == nil, let first = reader.withField(dateField, { MonthParser.firstDay($0) }) {
            day = first
        } else {
            let value = reader.string(dateField)
            let expected = dates.pattern == nil ? "\(dates.expectation), \(MonthParser.expectation)" : dates.expectation
            return .invalid(column: dateField, reason: "\"\(value)\" is not a date (\(expected))")
        }
        if let problem = bounds.day(day, reader.string(dateField)) {
            return .invalid(column: dateField, reason: problem)
        }
        let amount: Double
        switch reader.withField(spendField, { amounts.read($0) }) {
        case .value(let value): amount = value
        case let reading:
            return .invalid(column: spendField, reason: amounts.problem(reader.string(spendField), reading))
        }
        if let problem = bounds.amount(amount, reader.string(spendField)) {
            return .invalid(column: spendField, reason: problem)
        }
        guard amount >= 0 else {
            let value = reader.string(spendField)
            return .invalid(column: spendField, reason: "\"\(value)\" is negative: spend is an amount of 0 or more")
        }
        guard store else { return .accepted }

        dayRange = dayRange.map { min($0.lowerBound, day)...max($0.upperBound, day) } ?? day...day
        var hash = FNV1a()
        var customer: Int64?
        if hasCustomer, let customerField {
            hash.add(byte: 1)
            try reader.withField(customerField) { bytes in
                try IdentifierText.withNormalised(bytes) { id in
                    hash.add(id)
                    customer = try customers.key(id)
                }
            }
        } else if let segmentField {
            hash.add(byte: 2)
            reader.withField(segmentField) { bytes in IdentifierText.withNormalised(bytes) { hash.add($0) } }
        }
        hash.add(byte: 0x1F)
        hash.add(word: UInt64(bitPattern: Int64(day)))
        for field in [campaignField, channelField] {
            hash.add(byte: 0x1F)
            if let field {
                reader.withField(field) { bytes in IdentifierText.withNormalised(bytes) { hash.add($0) } }
            }
        }
        // Files without a purpose keep the keys they had before purposes were read.
        if let purpose {
            hash.add(byte: 0x1E)
            var text = purpose
            text.withUTF8 { hash.add($0) }
        }
        let rowKey = Int64(bitPattern: hash.value)
        let occurrence = (occurrences[rowKey] ?? 0) + 1
        occurrences[rowKey] = occurrence

        upsert.bind(1, rowKey)
        upsert.bind(2, occurrence)
        if let customer { upsert.bind(3, customer) } else { upsert.bindNull(3) }
        bindText(4, segmentField, reader)
        upsert.bind(5, Int64(day))
        upsert.bind(6, amount)
        bindText(7, campaignField, reader)
        bindText(8, channelField, reader)
        if let purpose { upsert.bind(9, purpose) } else { upsert.bindNull(9) }
        if try upsert.step() == 0 { duplicates += 1 } else { stored += 1 }
        return .accepted
    }

    func finish() throws {}

    /// Spellings of the two purposes (lower-cased).
    private static let purposes: [String: String] = [
        "acquisition": "acquisition", "acquire": "acquisition", "new": "acquisition", "获客": "acquisition",
        "拉新": "acquisition", "获取": "acquisition", "新客": "acquisition", "retention": "retention",
        "retain": "retention", "keep": "retention", "保留": "retention", "维系": "retention", "留存": "retention",
        "老客": "retention",
    ]

    private func bindText(_ index: Int32, _ field: Int?, _ reader: CSVReader) {
        guard let field else { return upsert.bindNull(index) }
        reader.withField(field) { bytes in IdentifierText.withNormalised(bytes) { upsert.bind(index, $0) } }
    }
}
