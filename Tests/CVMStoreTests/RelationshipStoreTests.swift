import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The store reads over interactions and complaints, on hand-built histories whose expected
/// values are worked out by hand in the comments.
@Suite struct RelationshipStoreTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func customerSignalsOnAHandBuiltHistory() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importInteractions(
            from: try scratch.file(
                "i.csv",
                """
                customer_id,date,channel
                A,2024-01-01,call
                A,2024-01-15,call
                A,2024-02-01,email
                A,2024-03-01,visit
                A,2024-05-01,call
                A,2024-07-05,call
                B,2024-04-01,call

                """))
        _ = try scratch.store.importComplaints(
            from: try scratch.file(
                "c.csv",
                """
                customer_id,opened,resolved,satisfaction
                A,2024-05-01,2024-07-10,
                A,2024-06-01,,
                A,2024-07-01,,
                B,2024-02-20,2024-03-01,2
                B,2023-05-01,2023-06-01,1
                C,2023-06-01,2023-06-15,1
                C,2024-05-20,2024-06-01,4

                """))
        _ = try scratch.store.importComplaints(
            from: try scratch.file(
                "d.csv",
                """
                customer_id,opened,resolved,satisfaction
                D,2024-06-01,2024-06-30,3
                D,2024-06-20,2024-07-01,1

                """), options: ImportOptions(satisfactionScale: SatisfactionScale(0, 10)))
        let signals = try scratch.store.customerSignals(
            ids: ["D", "C", "B", "A", "unknown"], asOf: Self.day("2024-06-30"), recentDays: 90,
            poorSatisfactionShare: 0.4)
        // The oldest complaint open at 2024-06-30: A's of 2024-05-01 (resolved only on 07-10) and
        // D's of 06-20 (resolved 07-01); complaints opened after the as-of date do not count.
        #expect(
            signals.openComplaintSince == [Self.day("2024-06-20"), nil, nil, Self.day("2024-05-01"), nil])
        // D: 3 on 0–10 is 0.3 ≤ 0.4, resolved on the as-of date. C: 1 on 1–5 (0) was resolved on
        // 2023-06-15, before the 365 days from 2023-07-01; its 4 (0.75) is fine. B: 2 on 1–5 is 0.25.
        #expect(signals.poorlyResolvedComplaint == [true, false, true, false, false])
        // The recent window is 2024-04-02…2024-06-30 (90 days): A has 05-01 only (07-05 is later).
        #expect(signals.recentInteractions == [0, 0, 0, 1, 0])
        // A: 4 earlier contacts over 2024-01-01…04-01, 92 days = 92/90 windows: 4 × 90 / 92.
        // B: one contact the day before the window: at least one window, so 1.
        let usual = try #require(signals.usualInteractions)
        #expect(usual.count == 5 && usual[0] == 0 && usual[1] == 0 && usual[2] == 1 && usual[4] == 0)
        #expect(abs(usual[3] - 360.0 / 92) < 1e-12)
        #expect(throws: StoreError.self) {
            try scratch.store.customerSignals(
                ids: ["A"], asOf: Self.day("2024-06-30"), recentDays: .max, poorSatisfactionShare: 0.4)
        }
        #expect(throws: StoreError.self) {
            try scratch.store.customerSignals(
                ids: [], asOf: Self.day("2024-06-30"), recentDays: 0,
                poorSatisfactionShare: 0.4)
        }
    }

    @Test func ownerFactsOnAHandBuiltBook() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.store.importCustomers(
            from: try scratch.file("p.csv", "customer_id,owner\nA,Ann\nB,Ann\nC,\nD,Bo\n"))
        _ = try scratch.store.importInteractions(
            from: try scratch.file(
                "i.csv",
                """
                customer_id,date,channel,owner
                A,2024-02-01,call,Ann
                A,2024-03-01,call,Ann
                B,2024-02-01,call,Ann
                B,2024-05-01,visit,Cy
                C,2024-04-01,call,Bo
                C,2024-04-10,email,Bo
                D,2023-06-01,call,Bo
                D,2024-02-01,email,

                """))
        _ = try scratch.store.importComplaints(
            from: try scratch.file("c.csv", "customer_id,opened,resolved\nA,2024-06-01,\nB,2024-06-01,2024-06-02\n"))
        let facts = try scratch.store.ownerFacts(in: Self.day("2024-01-01")...Self.day("2024-06-30"))
        #expect(facts.ids == ["A", "B", "C", "D"])
        #expect(facts.owner == ["Ann", "Ann", nil, "Bo"])
        #expect(facts.windowOwners == [["Ann"], ["Ann", "Cy"], ["Bo"], []])
        #expect(facts.windowUnowned == [0, 0, 0, 1])
        #expect(facts.windowInteractions == [2, 2, 2, 1])
        #expect(
            facts.lastInteraction == [
                Self.day("2024-03-01"), Self.day("2024-05-01"), Self.day("2024-04-10"), Self.day("2024-02-01"),
            ])
        #expect(facts.lastInteractionOwner == ["Ann", "Cy", "Bo", nil])
        #expect(facts.openComplaints == [1, 0, 0, 0])
    }

    @Test func deletingRemovesInteractionsAndComplaints() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let interactions = try scratch.store.importInteractions(
            from: try scratch.file("i.csv", "customer_id,date,channel\nA,2024-02-01,call\nB,2024-02-01,call\n"))
        let complaints = try scratch.store.importComplaints(
            from: try scratch.file("c.csv", "customer_id,opened,resolved\nA,2024-06-01,\nC,2024-06-01,\n"))
        let customer = try scratch.store.deleteCustomer("A")
        #expect(customer.interactions == 1 && customer.complaints == 1 && customer.customers == 1)
        // The interactions import created B; deleting it removes B's contact and B, a bare customer.
        let first = try scratch.store.deleteImport(interactions.importID)
        #expect(first.interactions == 1 && first.customers == 1)
        let second = try scratch.store.deleteImport(complaints.importID)
        #expect(second.complaints == 1 && second.customers == 1)
        #expect(try scratch.count("SELECT count(*) FROM customers") == 0)
        #expect(
            try scratch.count("SELECT count(*) FROM interactions") + scratch.count("SELECT count(*) FROM complaints")
                == 0)
    }
}
