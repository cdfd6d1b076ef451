import GRDB

/// The compact keys of customers by business id, creating a bare customer (id only) for an id
/// the database does not know yet; shared by the importers of transactions, marketing spend and
/// payments.
struct CustomerKeys {
    private var keys: [String: Int64] = [:]
    /// The key the next new customer gets; keys below it existed before the import.
    private(set) var nextKey: Int64
    private let insert: RawStatement
    private let importID: Int64
    /// The last id asked for: files sorted by customer ask for the same id many times in a row.
    private var lastID: [UInt8] = []
    private var lastKey: Int64 = -1

    init(_ db: Database, importID: Int64) throws {
        self.importID = importID
        insert = try RawStatement(db, "INSERT INTO customers (key, id, import_id) VALUES (?1, ?2, ?3)")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, key FROM customers")
        while let row = try rows.next() { keys[row[0]] = row[1] }
        nextKey = (try Int64.fetchOne(db, sql: "SELECT max(key) FROM customers") ?? 0) + 1
    }

    /// The key of the customer `id` (trimmed UTF-8), creating the customer when it is new.
    mutating func key(_ id: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        if id.elementsEqual(lastID) { return lastKey }
        lastID = Array(id)
        let text = String(decoding: id, as: UTF8.self)
        if let key = keys[text] {
            lastKey = key
            return key
        }
        let key = nextKey
        nextKey += 1
        insert.bind(1, key)
        insert.bind(2, id)
        insert.bind(3, importID)
        _ = try insert.step()
        keys[text] = key
        lastKey = key
        return key
    }
}
