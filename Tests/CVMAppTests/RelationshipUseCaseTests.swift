import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The customer 360, owners and complaint times on a small hand-built database.
@Suite struct RelationshipUseCaseTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// Four customers: A and B held by Ann, D by Bo, C by nobody on file (Bo in the interactions).
    static func workspace(_ directory: URL) async throws -> Workspace {
        let workspace = Workspace(store: try Store.inMemory())
        func file(_ name: String, _ text: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url
        }
        _ = try await workspace.importFile(
            .customers, from: try file("p.csv", "customer_id,name,owner\nA,Alpha Ltd,Ann\nB,,Ann\nC,,\nD,,Bo\n"))
        _ = try await workspace.importFile(
            .transactions,
            from: try file(
                "t.csv",
                """
                customer_id,date,amount
                A,2024-01-05,50
                A,2024-01-20,30
                A,2024-03-10,20
                B,2024-02-10,50
                C,2024-04-01,30
                D,2023-01-10,200

                """))
        _ = try await workspace.importFile(
            .interactions,
            from: try file(
                "i.csv",
                """
                customer_id,date,channel,owner,outcome
                A,2024-02-01,call,Ann,reached
                A,2024-03-01 10:00,visit,Ann,ordered
                B,2024-02-01,call,Ann,
                B,2024-05-01,visit,Cy,
                C,2024-04-01,call,Bo,
                C,2024-04-10,email,Bo,
                D,2023-06-01,call,Bo,
                D,2024-02-01,email,,

                """))
        _ = try await workspace.importFile(
            .complaints,
            from: try file(
                "c.csv",
                """
                customer_id,opened,resolved,satisfaction
                A,2024-02-01 09:00,2024-02-02 15:00,4
                A,2024-05-01,,

                """))
        return workspace
    }

    @Test func customer360() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(directory)
        let view = try await workspace.customer(CustomerRequest(id: " A ", asOf: Self.day("2024-06-30")))
        #expect(view.profile.name == "Alpha Ltd" && view.profile.owner == "Ann")
        #expect(
            view.months == [
                MonthlyValue(month: CalendarMonth(year: 2024, month: 1), revenue: 80, purchaseDays: 2),
                MonthlyValue(month: CalendarMonth(year: 2024, month: 3), revenue: 20, purchaseDays: 1),
            ])
        let summary = try #require(view.summary)
        #expect(summary.orders == 3 && summary.revenue == 100)
        #expect(summary.firstPurchase == Self.day("2024-01-05") && summary.lastPurchase == Self.day("2024-03-10"))
        // 2024-03-10 to 2024-06-30.
        #expect(summary.recencyDays == 112)
        #expect(view.predictions == nil)
        #expect(view.interactions.map(\.day) == [Self.day("2024-03-01"), Self.day("2024-02-01")])
        #expect(view.complaints.map(\.opened) == [Self.day("2024-05-01"), Self.day("2024-02-01")])
        #expect(view.complaints[1].resolutionHours == 30)
        // Four customers, fewer than the 20 key accounts: every one with a profit is one.
        #expect(view.keyAccount)
        let plan = try #require(view.visitPlan)
        // Contacts 02-01 and 03-01: a usual interval of 29 days, next 03-30, 92 days overdue.
        #expect(plan.lastContact == Self.day("2024-03-01") && plan.daysSinceLastContact == 121)
        #expect(plan.intervalDays == 29 && plan.nextContact == Self.day("2024-03-30") && plan.overdueDays == 92)
        #expect(view.overdueComplaints.map(\.opened) == [Self.day("2024-05-01")])
        let json = try JSONDocument.text(view.document)
        #expect(json.contains("\"overdue_days\": 92") && json.contains("\"next_contact\": \"2024-03-30\""))
        #expect(json.contains("\"resolution_hours\": 30"))
        #expect(view.facts.contains(["month", "2024-01", "revenue", "80"]))
        #expect(view.facts.contains(["interaction", "2024-03-01 10:00", "outcome", "ordered"]))

        // Seen from before the second contact and the open complaint: neither is shown.
        let earlier = try await workspace.customer(CustomerRequest(id: "A", asOf: Self.day("2024-02-15")))
        #expect(earlier.interactions.count == 1 && earlier.complaints.count == 1)
        #expect(earlier.months.map(\.revenue) == [80])

        await #expect {
            _ = try await workspace.customer(CustomerRequest(id: "Z"))
        } throws: { error in
            (error as? AppError)?.code == .notFound
                && (error as? AppError)?.message == "there is no customer \"Z\" in :memory:"
        }
    }

    @Test func ownersAndHandOver() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(directory)
        let result = try await workspace.owners(OwnersRequest(asOf: Self.day("2024-06-30")))
        #expect(result.books.map(\.owner) == ["Ann", "Bo"])
        #expect(result.books.map(\.customers) == [2, 2])
        // Revenue in the 12 months: A 100 + B 50; C 30 + D nothing since 2023-01.
        #expect(result.books.map(\.revenue) == [150, 30])
        #expect(result.books.map(\.onePersonCustomers) == [1, 1])
        #expect(result.books.allSatisfy { !$0.clvKnown })
        // A: both contacts with Ann. C: both with Bo, no owner on file. B saw Ann and Cy; D one contact.
        #expect(result.onePerson.map(\.id) == ["A", "C"])
        #expect(result.onePerson.map(\.onePerson) == ["Ann", "Bo"])
        #expect(result.ownersFromInteractions == 1)
        #expect(result.fields(0) == ["Ann", "2", "150", "", "2", "1"])

        let handOver = try await workspace.owners(OwnersRequest(asOf: Self.day("2024-06-30"), leaving: "Ann"))
        let list = try #require(handOver.handOver)
        #expect(list.map(\.id) == ["A", "B"])
        #expect(list.map(\.openComplaints) == [1, 0])
        #expect(list.map(\.lastInteractionOwner) == ["Ann", "Cy"])
        #expect(handOver.columns.first == "customer_id")
        await #expect {
            _ = try await workspace.owners(OwnersRequest(leaving: "Zed"))
        } throws: { error in
            (error as? AppError)?.message == "no customer is held by \"Zed\"; the owners are: Ann, Bo"
        }
    }

    @Test func complaintTimes() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(directory)
        let result = try await workspace.complaints(ComplaintsRequest())
        // The latest opening or resolution stored: 2024-05-01.
        #expect(result.times.asOf == Self.day("2024-05-01"))
        let all = result.times.overall
        #expect((all.count, all.resolved, all.open) == (2, 1, 1))
        #expect(all.medianHours == 30 && all.meanSatisfaction == 4)
        // The open one is one day old at the end of 2024-05-01, not yet beyond 48 hours, so it is not
        // counted; the resolved one took 30 hours.
        #expect(all.decided == 1 && all.withinTargetShare == 1)
        #expect(result.rowCount == 2)
        #expect(result.fields(1) == ["overall", "", "2", "1", "1", "30", "30", "0.5", "1", "4", "1-5", "0.75"])
        await #expect {
            _ = try await workspace.complaints(ComplaintsRequest(targetHours: -1))
        } throws: { error in (error as? AppError)?.code == .invalidRequest }
        let empty = Workspace(store: try Store.inMemory())
        await #expect {
            _ = try await empty.complaints(ComplaintsRequest())
        } throws: { error in (error as? AppError)?.code == .noData }
    }

    /// On the sample: the view picks the customer's row of the latest run, and names the run's horizon.
    @Test func customer360ReadsTheLatestRun() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = Workspace(store: try Store.inMemory())
        for kind in [ImportKind.customers, .transactions, .interactions, .complaints] {
            _ = try await workspace.importFile(kind, from: try #require(SampleData.file(kind.rawValue)))
        }
        let before = try await workspace.customer(CustomerRequest(id: "1981"))
        #expect(before.predictions == nil)
        _ = try await workspace.analyze(AnalysisRequest(asOf: Self.day("1998-03-31")))
        _ = try await workspace.analyze(AnalysisRequest())
        let view = try await workspace.customer(CustomerRequest(id: "1981"))
        let predictions = try #require(view.predictions)
        #expect(predictions.run == 2 && predictions.runAsOf == Self.day("1998-06-30"))
        #expect(predictions.horizonMonths == 12)
        let run = try await workspace.store.analysisResults(2).results
        let i = try #require(run.ids.firstIndex(of: "1981"))
        #expect(predictions.probabilityAlive == run.probabilityAlive?[i])
        #expect(predictions.clv == run.clv?[i])
        #expect(view.asOf == Self.day("1998-06-30"))
        #expect(view.months.map(\.purchaseDays).reduce(0, +) == view.summary?.purchaseDays)
        // The stage from run 2's row, its facts recomputed for this customer alone, are those of the
        // lifecycle of every customer.
        let l = try #require(view.lifecycle)
        #expect(l.run == 2 && l.pAliveModel == "MBG/NBD" && l.pattern != nil && l.runStage == nil)
        let full = try await workspace.lifecycle(LifecycleRequest())
        #expect(l.assignment == full.assignments[try #require(full.index(of: "1981"))])
        #expect(view.summary?.segment == run.segment[i] && view.keyAccount == (run.keyAccount?[i] ?? false))
    }
}
