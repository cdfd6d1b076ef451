import CustomerValue
import GRDB

/// Stores the rows of an interactions file: one contact with a customer per row.
///
/// De-duplication: a contact is identified by its customer, day, time of day (as written, when
/// the date cell has one), channel and owner; `occurrence` counts rows with the same identity in
/// the file (two calls by one owner on one day without times are two contacts). Rows are upserted
/// on that identity, so importing a file again changes nothing, and a later export in which the
/// outcome, direction, stage or note of a contact was filled in or corrected updates it. A row
/// that changes nothing counts as a duplicate.
struct InteractionImporter: RowImporter {
    private let upsert: RawStatement
    private(set) var stored = 0
    private(set) var duplicates = 0
    private var dates: DateParser
    private(set) var customers: CustomerKeys
    private var occurrences: [Key: Int64] = [:]
    private(set) var dayRange: ClosedRange<Int>?

    private let customerField: Int
    private let dateField: Int
    private let channelField: Int
    private let ownerField: Int?
    private let outcomeField: Int?
    private let directionField: Int?
    private let stageField: Int?
    private let noteField: Int?
    private let bounds: ImportBounds

    init(
        _ db: Database, importID: Int64, mapping: ColumnMapping<InteractionColumn>, dates: DateParser,
        options: ImportOptions
    ) throws {
        self.dates = dates
        self.bounds = ImportBounds(options)
        customers = try CustomerKeys(db, importID: importID)
        customerField = mapping[.customerID]!
        dateField = mapping[.date]!
        channelField = mapping[.channel]!
        ownerField = mapping[.owner]
        outcomeField = mapping[.outcome]
        directionField = mapping[.direction]
        stageField = mapping[.stage]
        noteField = mapping[.note]
        let changed = ["outcome", "direction", "stage", "note"].map { "\($0) IS NOT excluded.\($0)" }
            .joined(separator: " OR ")
        upsert = try RawStatement(
            db,
            """
            INSERT INTO interactions (customer, day, row_key, occurrence, time, channel, owner, outcome, direction,
                                      stage, note, import_id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \(importID))
            ON CONFLICT (customer, day, row_key, occurrence) DO UPDATE
            SET outcome = excluded.outcome, direction = excluded.direction, stage = excluded.stage,
                note = excluded.note, import_id = excluded.import_id
            WHERE \(changed)
            """)
    }

    static let channelExpectation =
        "expected call, visit, email, message, meeting or other (电话, 拜访, 邮件, 短信, 微信, 会议, 其他)"
    static let directionExpectation = "expected inbound or outbound (呼入/来电/来访 or 呼出/去电/外呼), or an empty cell"
    static let stageExpectation =
        "expected need recognition, search, evaluation, purchase, use or after-sales "
        + "(需求识别, 信息搜集, 评估比较, 购买决策, 使用, 售后服务), or an empty cell"

    mutating func importRow(_ reader: CSVReader, store: Bool) throws -> RowOutcome {
        if let problem = reader.withField(customerField, { IdentifierText.problem($0, "the customer id") }) {
            return .invalid(column: customerField, reason: problem)
        }
        if let ownerField,
            let problem = reader.withField(ownerField, { IdentifierText.optionalProblem($0, "the owner") })
        {
            return .invalid(column: ownerField, reason: problem)
        }
        for (field, what) in [(outcomeField, "the outcome"), (noteField, "the note")] {
            if let field, let problem = reader.withField(field, { IdentifierText.textProblem($0, what) }) {
                return .invalid(column: field, reason: problem)
            }
        }
        if reader.withField(dateField, { trimmed($0).isEmpty }) {
            return .invalid(column: dateField, reason: "the date is empty")
        }
        guard let date = reader.withField(dateField, { dates.parse($0) }) else {
            return .invalid(
                column: dateField, reason: "\"\(reader.string(dateField))\" is not a date (\(dates.expectation))")
        }
        if let problem = bounds.day(date.day, reader.string(dateField)) {
            return .invalid(column: dateField, reason: problem)
        }
        let channelText = cleanText(channelField, reader) ?? ""
        if channelText.isEmpty { return .invalid(column: channelField, reason: "the channel is empty") }
        guard let channel = InteractionChannel(label: channelText) else {
            return .invalid(
                column: channelField, reason: "\"\(channelText)\" is not a channel (\(Self.channelExpectation))")
        }
        var direction: InteractionDirection?
        if let directionField, let text = cleanText(directionField, reader) {
            guard let value = InteractionDirection(label: text) else {
                return .invalid(
                    column: directionField, reason: "\"\(text)\" is not a direction (\(Self.directionExpectation))")
            }
            direction = value
        }
        var stage: JourneyStage?
        if let stageField, let text = cleanText(stageField, reader) {
            guard let value = JourneyStage(label: text) else {
                return .invalid(
                    column: stageField, reason: "\"\(text)\" is not a journey stage (\(Self.stageExpectation))")
            }
            stage = value
        }
        guard store else { return .accepted }

        dayRange = dayRange.map { min($0.lowerBound, date.day)...max($0.upperBound, date.day) } ?? date.day...date.day
        let customer = try reader.withField(customerField) { bytes in
            try IdentifierText.withNormalised(bytes) { try customers.key($0) }
        }
        let owner = ownerField.flatMap { field in reader.withField(field) { IdentifierText.normalisedText($0) } }
        var hash = FNV1a()
        if let time = date.time { hash.add(Array(time.utf8)) }
        hash.add(byte: 0x1F)
        hash.add(Array(channel.rawValue.utf8))
        hash.add(byte: 0x1F)
        if let owner { hash.add(owner) }
        let rowKey = Int64(bitPattern: hash.value)
        let key = Key(customer: customer, day: date.day, rowKey: rowKey)
        let occurrence = (occurrences[key] ?? 0) + 1
        occurrences[key] = occurrence

        upsert.bind(1, customer)
        upsert.bind(2, Int64(date.day))
        upsert.bind(3, rowKey)
        upsert.bind(4, occurrence)
        upsert.bind(5, date.time)
        upsert.bind(6, channel.rawValue)
        upsert.bind(7, owner)
        upsert.bind(8, outcomeField.flatMap { cleanText($0, reader) })
        upsert.bind(9, direction?.rawValue)
        upsert.bind(10, stage?.rawValue)
        upsert.bind(11, noteField.flatMap { cleanText($0, reader) })
        if try upsert.step() == 0 { duplicates += 1 } else { stored += 1 }
        return .accepted
    }

    func finish() throws {}

    private struct Key: Hashable {
        var customer: Int64
        var day: Int
        var rowKey: Int64
    }
}

/// The text of a free-text cell without white space and invisible characters at its ends; nil
/// when nothing is left.
func cleanText(_ field: Int, _ reader: CSVReader) -> String? {
    reader.withField(field) { bytes in
        IdentifierText.normalisedText(bytes).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension FNV1a {
    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add($0) } }
}
