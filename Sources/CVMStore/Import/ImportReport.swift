import Foundation

/// What an import did.
public struct ImportReport: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case customers
        case transactions
        case marketing
        case payments
        case interactions
        case complaints
        case surveys
    }

    public var kind: Kind
    /// The file name as shown in messages.
    public var file: String
    public var bytes: Int
    /// Data rows in the file (the header and blank lines are not rows).
    public var rowsRead = 0
    /// Rows that added or changed something.
    public var rowsStored = 0
    /// Rows that changed what an earlier import stored: corrected order lines (a transaction
    /// with an order id), customers, marketing spend and bills already known. Not in `rowsStored`.
    public var rowsUpdated = 0
    /// Rows already in the database (re-imported transactions, unchanged customers).
    public var rowsDuplicate = 0
    /// Invalid rows written to `rejectsURL` (only with `skipInvalid`).
    public var rowsRejected = 0
    /// Customers added: bare ones (id only) for transactions of unknown customers.
    public var customersCreated = 0
    /// Headers that match no column and were ignored.
    public var ignoredColumns: [String] = []
    /// Where rejected rows were written, when there were any.
    public var rejectsURL: URL?
    /// The `imports` table row of this import.
    public var importID: Int64 = 0
    public var seconds: Double = 0

    /// `6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected`, with `12 updated, `
    /// after `stored` when the import changed stored rows.
    public var counts: String {
        "\(Self.grouped(rowsRead)) rows read: \(Self.grouped(rowsStored)) stored, "
            + (rowsUpdated > 0 ? "\(Self.grouped(rowsUpdated)) updated, " : "")
            + "\(Self.grouped(rowsDuplicate)) duplicates skipped, \(Self.grouped(rowsRejected)) rejected"
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }
}
