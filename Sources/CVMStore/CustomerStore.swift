import CustomerValue
import Foundation
import GRDB

/// What the layers above need from a customer database, in domain types: imports, the
/// per-customer summaries and windows, stored predictions and analysis runs, and deletion.
///
/// `Store` implements it on SQLite; an implementation on PostgreSQL is to share its
/// migrations and its (portable) SQL. The bulk import of a file is its own operation per
/// kind of file, so that each implementation can use its fastest path (prepared multi-row
/// inserts in SQLite, `COPY` in PostgreSQL) behind the same guarantees: all rows or none,
/// line-exact errors, re-imports that store nothing new.
///
/// Errors are `StoreError` (and `ImportError` for the imports) with codes a program can match.
public protocol CustomerStore: Sendable {
    /// Where the data lives, for messages (a path, or a description of a server).
    var path: String { get }

    // Imports: all rows of the file or none.
    func importTransactions(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importCustomers(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importMarketing(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importPayments(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importInteractions(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importComplaints(from url: URL, options: ImportOptions) async throws -> ImportReport
    func importSurveys(from url: URL, options: ImportOptions) async throws -> ImportReport
    /// Every import, oldest first.
    func imports() async throws -> [ImportRecord]

    // What is stored.
    func counts() async throws -> (customers: Int, transactions: Int)
    func transactionDayRange() async throws -> ClosedRange<Day>?
    func summary(_ options: SummaryOptions) async throws -> SummaryTable
    func repeatPurchasesPerDay(through end: Day, cohortEnd: Day) async throws -> [(day: Day, purchases: Int)]
    func valueWindows(asOf: Day?, currentWindowDays: Int) async throws -> ValueWindows
    func customerIndicators(asOf: Day?, windowMonths: Int) async throws -> CustomerIndicators
    func marketingSpend(from start: Day, through end: Day) async throws -> [SpendRecord]
    func marketingDayRange() async throws -> ClosedRange<Day>?
    /// Marketing spend tagged acquisition or retention, by day, channel and purpose.
    func taggedSpend(through asOf: Day) async throws -> [TaggedSpend]
    /// Every customer's acquisition channel and date from the customers file.
    func acquisitionFacts() async throws -> [(id: String, channel: String?, acquired: Day?)]
    func monthlyRevenue(from start: Day, through end: Day, margin: Bool) async throws -> [RevenueRecord]
    func payments() async throws -> [Payment]
    func paymentDayRange() async throws -> ClosedRange<Day>?
    /// Every stored survey answer (see `SurveyAnswer`).
    func surveyAnswers() async throws -> [SurveyAnswer]
    /// One customer's survey answers, in the same order (by the index on the customer's key).
    func surveyAnswers(customer id: String) async throws -> [SurveyAnswer]

    // Results.
    func savePredictions(_ set: PredictionSet) async throws -> (run: Int64, stored: Int)
    func latestPredictionRun() async throws -> (model: String, settings: String, customers: Int)?
    func latestCLV() async throws -> (values: [String: Double], model: String, settings: String)?
    func saveAnalysisRun(
        name: String?, asOf: Day, settings: String, overview: String, results: AnalysisResults
    ) async throws -> Int64
    func analysisRuns() async throws -> [AnalysisRun]
    func analysisRun(_ id: Int64) async throws -> AnalysisRun?
    func analysisResults(_ run: Int64) async throws -> (results: AnalysisResults, owners: [String?])
    func deleteAnalysisRun(_ id: Int64) async throws -> Bool
    /// One customer's row of a stored run, or nil (see `Store.analysisResult(run:customer:)`).
    func analysisResult(run: Int64, customer id: String) async throws -> StoredCustomerResult?

    /// Every customer's purchase days and values up to `asOf`, for the lifecycle.
    func purchaseHistory(through asOf: Day) async throws -> PurchaseHistory
    /// One customer's purchase days and values up to `asOf`, ascending.
    func purchaseDays(customer id: String, through asOf: Day) async throws -> [(day: Day, value: Double)]
    /// The summary (no calibration period), value windows and purchase history at one as-of date,
    /// as an analysis run reads them; the default is the three reads above.
    func transactionScan(unit: TimeUnit, asOf: Day?, currentWindowDays: Int) async throws -> TransactionScan

    // Interactions and complaints.
    /// Complaint and interaction signals of the customers `ids` at `asOf`, in `ids` order (see
    /// `Store.customerSignals(ids:asOf:recentDays:poorSatisfactionShare:)`).
    func customerSignals(ids: [String], asOf: Day, recentDays: Int, poorSatisfactionShare: Double) async throws
        -> CustomerSignals
    /// One customer's interactions, oldest first (none for an unknown id).
    func interactions(customer id: String) async throws -> [Interaction]
    /// One customer's complaints, by opening, oldest first (none for an unknown id).
    func complaints(customer id: String) async throws -> [Complaint]
    /// Every complaint, by customer and opening.
    func complaints() async throws -> [Complaint]
    /// What the customers file says about one customer; nil for an unknown id.
    func customerProfile(_ id: String) async throws -> CustomerProfile?
    /// One customer's revenue and purchase days per calendar month through `asOf`.
    func monthlyValue(customer id: String, through asOf: Day) async throws -> [MonthlyValue]
    /// Every customer's owner, and who was in touch with them in `window`.
    func ownerFacts(in window: ClosedRange<Day>) async throws -> OwnerFacts

    // Care tasks.
    func syncCareTasks(asOf: Day, run: Int64?, drafts: [CareTaskDraft]) async throws -> CareTaskSync
    func careTasks(_ filter: CareTaskFilter) async throws -> [CareTask]
    /// How many tasks pass `filter` (its limit aside), and every owner a task has, in order.
    func careTaskTally(_ filter: CareTaskFilter) async throws -> (count: Int, owners: [String])
    func careTask(_ id: Int64) async throws -> CareTask?
    /// Opens a task per appointment, never twice for one customer, occasion and date.
    func scheduleCareTasks(asOf: Day, run: Int64?, appointments: [CareAppointment]) async throws
        -> (opened: Int, alreadyOpen: Int)
    /// Every customer's birthday on file.
    func birthdays() async throws -> [(id: String, birthday: Day)]
    func updateCareTask(_ id: Int64, _ update: CareTaskUpdate) async throws -> CareTask

    // Corrections and erasure.
    func deleteCustomer(_ id: String) async throws -> Deletion
    func deleteImport(_ id: Int64) async throws -> Deletion

    // Browsing.
    /// One page of the customer list, filtered by a run's results and sorted by a fixed field.
    func customerPage(_ query: CustomerPageQuery) async throws -> CustomerPage

    // People and API tokens of the web service (tokens only as hashes).
    func addUser(name: String, role: String) async throws -> UserRecord
    func users() async throws -> [UserRecord]
    func revokeUser(name: String) async throws -> UserRecord
    func addToken(user name: String, hash: String, label: String?) async throws -> TokenRecord
    func tokens() async throws -> [TokenRecord]
    func revokeToken(_ id: Int64) async throws -> TokenRecord
    func tokenUser(hash: String) async throws -> UserRecord?
    /// Sets (nil: removes) the bcrypt hash of an active user's password; `notFound` otherwise.
    func setPasswordHash(user name: String, hash: String?) async throws
    /// An active user with the bcrypt hash of their password (nil: they have none); nil for an
    /// unknown or revoked user.
    func passwordUser(name: String) async throws -> (user: UserRecord, hash: String?)?

    // A copy of the whole database (`StoredTables`), for an export or a move to another store.
    /// The number of rows of every table of `StoredTables.all`.
    func storedRowCounts() async throws -> [String: Int]
    /// Calls `body` with the rows of every table as they stand when the call begins (one snapshot,
    /// whatever is written meanwhile).
    func withStoredRows<T: Sendable>(_ body: (any StoredRowSource) async throws -> T) async throws -> T
}

/// One import as recorded: what kind of file, which, when, and what it did.
public struct ImportRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: ImportReport.Kind
    /// The file's path as it was given.
    public var file: String
    public var bytes: Int
    public var importedAt: String
    public var rowsRead: Int
    public var rowsStored: Int
    public var rowsUpdated: Int
    public var rowsDuplicate: Int
    public var rowsRejected: Int
    /// The days of the rows, for transactions, marketing, interactions and complaints (opening days) imports.
    public var days: ClosedRange<Day>?

    public init(
        id: Int64, kind: ImportReport.Kind, file: String, bytes: Int, importedAt: String, rowsRead: Int,
        rowsStored: Int, rowsUpdated: Int, rowsDuplicate: Int, rowsRejected: Int, days: ClosedRange<Day>?
    ) {
        self.id = id
        self.kind = kind
        self.file = file
        self.bytes = bytes
        self.importedAt = importedAt
        self.rowsRead = rowsRead
        self.rowsStored = rowsStored
        self.rowsUpdated = rowsUpdated
        self.rowsDuplicate = rowsDuplicate
        self.rowsRejected = rowsRejected
        self.days = days
    }
}

extension Store: CustomerStore {
    /// Every import, oldest first.
    public func imports() throws -> [ImportRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, kind, file, bytes, imported_at, rows_read, rows_stored, rows_updated, rows_duplicate,
                        rows_rejected, first_day, last_day
                    FROM imports ORDER BY id
                    """
            ).compactMap { row in
                guard let kind = ImportReport.Kind(rawValue: row[1]) else { return nil }
                let first: Int? = row[10]
                let last: Int? = row[11]
                return ImportRecord(
                    id: row[0], kind: kind, file: row[2], bytes: row[3], importedAt: row[4], rowsRead: row[5],
                    rowsStored: row[6], rowsUpdated: row[7], rowsDuplicate: row[8], rowsRejected: row[9],
                    days: first.flatMap { f in last.map { Day(number: f)...Day(number: max(f, $0)) } })
            }
        }
    }
}

extension CustomerStore {
    /// Imports with the default options.
    public func importTransactions(from url: URL) async throws -> ImportReport {
        try await importTransactions(from: url, options: ImportOptions())
    }

    public func importCustomers(from url: URL) async throws -> ImportReport {
        try await importCustomers(from: url, options: ImportOptions())
    }

    public func importMarketing(from url: URL) async throws -> ImportReport {
        try await importMarketing(from: url, options: ImportOptions())
    }

    public func importPayments(from url: URL) async throws -> ImportReport {
        try await importPayments(from: url, options: ImportOptions())
    }

    public func importInteractions(from url: URL) async throws -> ImportReport {
        try await importInteractions(from: url, options: ImportOptions())
    }

    public func importComplaints(from url: URL) async throws -> ImportReport {
        try await importComplaints(from: url, options: ImportOptions())
    }

    public func importSurveys(from url: URL) async throws -> ImportReport {
        try await importSurveys(from: url, options: ImportOptions())
    }
}
