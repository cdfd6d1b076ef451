import CVMStore
import CustomerValue

/// Which owners' books to show, at which date.
public struct OwnersRequest: Equatable, Sendable {
    /// Default: the last transaction day.
    public var asOf: Day?
    /// An owner who leaves: the result then holds the hand-over list of their customers.
    public var leaving: String?

    public init(asOf: Day? = nil, leaving: String? = nil) {
        self.asOf = asOf
        self.leaving = leaving
    }
}

extension Workspace {
    /// The value each account manager holds, the customers whose whole relationship hangs on one
    /// person, and (with `leaving`) the hand-over list of one owner's customers ranked by value.
    ///
    /// A customer's owner is the customers file's owner, or, when it names none, the owner of the
    /// customer's latest interaction. A relationship hangs on one person when the customer had two or
    /// more interactions in the window, all with one person (their owner, or anyone when they have none). Revenue is over the `Defaults.ownersWindowMonths` months to
    /// `asOf`; CLV is the latest stored analysis run's, when there is one.
    ///
    /// - Throws: `AppError` `.noData` without transactions, `.notFound` for a leaving owner who
    ///   holds no customer.
    public func owners(_ request: OwnersRequest) async throws -> OwnersResult {
        let windows = try await valueWindows(
            asOf: request.asOf, currentWindowMonths: Double(defaults.ownersWindowMonths))
        let asOf = windows.asOf
        let window = windows.windowStart + 1...asOf
        let facts = try await run { try await store.ownerFacts(in: window) }
        var revenueByID: [String: Double] = [:]
        for (i, id) in windows.ids.enumerated() { revenueByID[id] = windows.current.revenue[i] }
        let keys = try await keyAccountIDs(asOf: asOf)
        var clvByID: [String: Double]?
        var clvRun: Int64?
        if let latest = try await run({ try await store.analysisRuns() }).max(by: { $0.id < $1.id }) {
            let results = try await run { try await store.analysisResults(latest.id) }.results
            if let clv = results.clv {
                clvByID = Dictionary(zip(results.ids, clv), uniquingKeysWith: { a, _ in a })
                clvRun = latest.id
            }
        }
        var customers: [OwnersResult.Customer] = []
        for i in 0..<facts.count {
            let id = facts.ids[i]
            let owner = facts.owner[i] ?? facts.lastInteractionOwner[i]
            let people = facts.windowOwners[i]
            // Two or more contacts, all with one person: a single contact says nothing of a relationship.
            let onePerson =
                facts.windowInteractions[i] >= 2 && facts.windowUnowned[i] == 0 && people.count == 1
                && (facts.owner[i] == nil || facts.owner[i] == people[0])
            customers.append(
                OwnersResult.Customer(
                    id: id, owner: owner, ownerFromInteractions: facts.owner[i] == nil && owner != nil,
                    revenue: revenueByID[id] ?? 0, clv: clvByID?[id], keyAccount: keys.contains(id),
                    interactions: facts.windowInteractions[i], onePerson: onePerson ? people[0] : nil,
                    lastInteraction: facts.lastInteraction[i], lastInteractionOwner: facts.lastInteractionOwner[i],
                    openComplaints: facts.openComplaints[i]))
        }
        var books: [String?: OwnersResult.Book] = [:]
        for c in customers {
            var book = books[c.owner] ?? OwnersResult.Book(owner: c.owner, clvKnown: clvByID != nil)
            book.customers += 1
            book.revenue += c.revenue
            if let clv = c.clv { book.clv += clv }
            if c.keyAccount { book.keyAccounts += 1 }
            if c.onePerson != nil { book.onePersonCustomers += 1 }
            books[c.owner] = book
        }
        let ordered = books.values.sorted { a, b in
            if a.revenue != b.revenue { return a.revenue > b.revenue }
            return (a.owner ?? "\u{10FFFF}") < (b.owner ?? "\u{10FFFF}")
        }
        var handOver: [OwnersResult.Customer]?
        if let leaving = request.leaving?.trimmingCharacters(in: .whitespaces) {
            let held = customers.filter { $0.owner == leaving }
            guard !held.isEmpty else {
                let known = ordered.compactMap(\.owner).joined(separator: ", ")
                throw AppError(
                    .notFound, "no customer is held by \"\(leaving)\"; the owners are: \(known)",
                    facts: [AppError.Fact("owner", leaving)])
            }
            handOver = held.sorted { a, b in
                let (x, y) = clvByID == nil ? (a.revenue, b.revenue) : (a.clv ?? 0, b.clv ?? 0)
                if x != y { return x > y }
                if a.revenue != b.revenue { return a.revenue > b.revenue }
                return a.id < b.id
            }
        }
        return OwnersResult(
            asOf: asOf, windowStart: window.lowerBound, books: ordered,
            onePerson: customers.filter { $0.onePerson != nil }.sorted { a, b in
                let (x, y) = (a.clv ?? a.revenue, b.clv ?? b.revenue)
                return x != y ? x > y : a.id < b.id
            },
            leaving: request.leaving, handOver: handOver, clvRun: clvRun,
            ownersFromInteractions: customers.filter(\.ownerFromInteractions).count, database: store.path)
    }
}

/// Owners' books, customers held by one person, and a hand-over list; CSV rows are the books, or
/// the hand-over list when an owner leaves.
public struct OwnersResult: Sendable, Tabular {
    /// One owner's book.
    public struct Book: Equatable, Sendable {
        /// Nil for customers without any owner.
        public var owner: String?
        public var customers = 0
        /// Revenue in the window.
        public var revenue = 0.0
        /// Sum of the latest run's CLV (0 when `clvKnown` is false).
        public var clv = 0.0
        public var clvKnown: Bool
        public var keyAccounts = 0
        /// Customers whose every interaction in the window was with one person.
        public var onePersonCustomers = 0

        init(owner: String?, clvKnown: Bool) {
            self.owner = owner
            self.clvKnown = clvKnown
        }
    }

    /// One customer as an owner's book sees them.
    public struct Customer: Equatable, Sendable {
        public var id: String
        public var owner: String?
        /// The owner is the latest interaction's, as the customers file names none.
        public var ownerFromInteractions: Bool
        public var revenue: Double
        public var clv: Double?
        public var keyAccount: Bool
        /// Interactions in the window.
        public var interactions: Int
        /// The one person every interaction in the window was with, when there was only one.
        public var onePerson: String?
        public var lastInteraction: Day?
        public var lastInteractionOwner: String?
        public var openComplaints: Int
    }

    public let asOf: Day
    public let windowStart: Day
    /// By revenue in the window, highest first.
    public let books: [Book]
    /// Customers whose whole relationship hangs on one person, by value.
    public let onePerson: [Customer]
    public let leaving: String?
    /// The leaving owner's customers, by CLV (the latest run's) or, without a run, by revenue.
    public let handOver: [Customer]?
    /// The analysis run the CLV comes from.
    public let clvRun: Int64?
    /// Customers counted with the owner of their latest interaction, as the customers file names none.
    public let ownersFromInteractions: Int
    public let database: String

    public var columns: [String] {
        handOver == nil
            ? ["owner", "customers", "revenue", "clv", "key_accounts", "one_person_customers"]
            : [
                "customer_id", "revenue", "clv", "key_account", "last_interaction", "last_interaction_owner",
                "open_complaints", "interactions",
            ]
    }
    public var rowCount: Int { handOver?.count ?? books.count }

    public func fields(_ i: Int) -> [String] {
        if let handOver {
            let c = handOver[i]
            return [
                c.id, Number.exact(c.revenue), c.clv.map(Number.exact) ?? "", c.keyAccount ? "1" : "0",
                c.lastInteraction?.description ?? "", c.lastInteractionOwner ?? "", String(c.openComplaints),
                String(c.interactions),
            ]
        }
        let b = books[i]
        return [
            b.owner ?? "", String(b.customers), Number.exact(b.revenue), b.clvKnown ? Number.exact(b.clv) : "",
            String(b.keyAccounts), String(b.onePersonCustomers),
        ]
    }

    /// `{as_of, window_start, clv_run?, owners: […], one_person: […], leaving?, hand_over?: […]}`.
    public var document: Document { Document(self) }

    public struct Document: Encodable, Sendable {
        public struct Owner: Encodable, Sendable {
            public let owner: String?
            public let customers: Int
            public let revenue: Double
            public let clv: Double?
            public let keyAccounts, onePersonCustomers: Int
        }
        public struct Row: Encodable, Sendable {
            public let customerID: String
            public let owner: String?
            public let ownerFromInteractions: Bool
            public let revenue: Double
            public let clv: Double?
            public let keyAccount: Bool
            public let interactions: Int
            public let onePerson: String?
            public let lastInteraction: String?
            public let lastInteractionOwner: String?
            public let openComplaints: Int
            init(_ c: Customer) {
                customerID = c.id
                owner = c.owner
                ownerFromInteractions = c.ownerFromInteractions
                revenue = c.revenue
                clv = c.clv
                keyAccount = c.keyAccount
                interactions = c.interactions
                onePerson = c.onePerson
                lastInteraction = c.lastInteraction?.description
                lastInteractionOwner = c.lastInteractionOwner
                openComplaints = c.openComplaints
            }
        }
        public let asOf, windowStart: String
        public let clvRun: Int64?
        public let owners: [Owner]
        public let onePerson: [Row]
        public let leaving: String?
        public let handOver: [Row]?

        init(_ r: OwnersResult) {
            asOf = r.asOf.description
            windowStart = r.windowStart.description
            clvRun = r.clvRun
            owners = r.books.map {
                Owner(
                    owner: $0.owner, customers: $0.customers, revenue: $0.revenue, clv: $0.clvKnown ? $0.clv : nil,
                    keyAccounts: $0.keyAccounts, onePersonCustomers: $0.onePersonCustomers)
            }
            onePerson = r.onePerson.map(Row.init)
            leaving = r.leaving
            handOver = r.handOver?.map(Row.init)
        }
    }
}
