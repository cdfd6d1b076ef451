import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The lifecycle, warnings, care tasks and the rules file, in process.
@Suite struct LifecycleUseCaseTests {
    /// Customers with owners and hand-built purchases: W and V buy every 30 days through January
    /// 2024 (W on the 1st, V on the 10th) and W buys again on 2024-02-20; S buys every 30 days up
    /// to the end; O bought once, in 2023.
    func handBuilt() async throws -> (Workspace, URL) {
        let directory = try Fixtures.temporaryDirectory()
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        let customers = directory.appendingPathComponent("customers.csv")
        try "customer_id,name,owner\nW,W,张伟\nV,V,李娜\nS,S,张伟\nO,O,李娜\n".write(
            to: customers, atomically: true, encoding: .utf8)
        _ = try await workspace.store.importCustomers(from: customers, options: ImportOptions())
        var lines = ["customer_id,date,amount"]
        func every30(_ id: String, from start: String, through end: String) {
            var day = Day(iso: start)!
            while day <= Day(iso: end)! {
                lines.append("\(id),\(day),20")
                day = day + 30
            }
        }
        every30("W", from: "2023-01-01", through: "2024-01-01")
        lines.append("W,2024-02-20,20")
        every30("V", from: "2023-01-10", through: "2024-01-10")
        every30("S", from: "2023-01-05", through: "2024-03-01")
        lines.append("O,2023-03-03,50")
        let transactions = directory.appendingPathComponent("transactions.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: transactions, atomically: true, encoding: .utf8)
        _ = try await workspace.store.importTransactions(from: transactions)
        return (workspace, directory)
    }

    @Test func tasksAreNeverDuplicatedAndCloseAsWonBackOnTheNextPurchase() async throws {
        let (workspace, directory) = try await handBuilt()
        defer { try? FileManager.default.removeItem(at: directory) }
        let asOf = Day(iso: "2024-02-15")!
        // At 2024-02-15: W's last purchase was 45 days ago, V's 36, against their own rhythm of
        // 30 days (and within 2 × 30): both decline with a long gap. S bought 11 days ago.
        let first = try await workspace.analyze(AnalysisRequest(asOf: asOf))
        #expect(first.overview.tasks?.opened == 2)
        let open = try await workspace.tasks(TasksRequest(status: .open))
        #expect(Set(open.tasks.map(\.customerID)) == ["W", "V"])
        #expect(
            open.tasks.allSatisfy {
                $0.reason == .warning(.longGap) && $0.openedOn == asOf && $0.openedRun == first.run
            })
        #expect(Set(open.tasks.map { "\($0.customerID) \($0.owner ?? "")" }) == ["W 张伟", "V 李娜"])
        #expect(try await workspace.tasks(TasksRequest(owner: "张伟")).tasks.map(\.customerID) == ["W"])

        // The same run again: nothing new.
        let second = try await workspace.analyze(AnalysisRequest(asOf: asOf))
        #expect(
            second.overview.tasks
                == {
                    var s = CareTaskSync(); s.alreadyOpen = 2; s.scheduled = 0; s.scheduledAlready = 0; return s
                }())
        #expect(try await workspace.tasks(TasksRequest()).tasks.count == 2)

        // V is contacted, then lost for the price; W bought on 2024-02-20, so the run at 03-01
        // closes W's task as won back on that day.
        let v = open.tasks.first { $0.customerID == "V" }!
        let w = open.tasks.first { $0.customerID == "W" }!
        _ = try await workspace.updateTask(
            TaskUpdateRequest(id: v.id, status: .contacted, note: "called", by: "李娜", on: Day(iso: "2024-02-16")))
        await #expect(throws: AppError.self) {
            try await workspace.updateTask(TaskUpdateRequest(id: v.id, status: .lost, on: Day(iso: "2024-02-20")))
        }
        await #expect(throws: AppError.self) {
            try await workspace.updateTask(
                TaskUpdateRequest(id: v.id, status: .lost, on: Day(iso: "2024-02-20"), lossReason: "weather"))
        }
        let lost = try await workspace.updateTask(
            TaskUpdateRequest(id: v.id, status: .lost, by: "李娜", on: Day(iso: "2024-02-20"), lossReason: "price"))
        #expect(lost.status == .lost && lost.closedOn == Day(iso: "2024-02-20") && lost.note == "called")
        // A closed task stays closed.
        await #expect(throws: AppError.self) {
            try await workspace.updateTask(TaskUpdateRequest(id: v.id, status: .open, on: Day(iso: "2024-02-21")))
        }

        let third = try await workspace.analyze(AnalysisRequest(asOf: Day(iso: "2024-03-01")!))
        // V is still warned at 03-01 (51 days against a rhythm of 30); the lost task is closed, so a
        // new one opens.
        #expect(third.overview.tasks?.wonBack == 1 && third.overview.tasks?.opened == 1)
        let won = try await workspace.task(w.id)
        #expect(won.status == .wonBack && won.closedOn == Day(iso: "2024-02-20"))

        // One won back, one lost: a win-back rate of 1/2; the loss is counted under price.
        let summary = try await workspace.taskSummary()
        #expect(summary.wonBack == 1 && summary.lost == 1 && summary.winBackRate == 0.5)
        #expect(summary.losses.first { $0.reason.code == "price" }?.tasks == 1)
        // The loss by segment and tier is V's row of the latest run.
        let row = try #require(try await workspace.store.analysisResult(run: third.run, customer: "V"))
        #expect(summary.lostBySegment.map { "\($0.key) \($0.tasks)" } == ["\(row.segment) 1"])
        #expect(summary.lostByTier.map { "\($0.key) \($0.tasks)" } == ["\(row.tier ?? "unknown") 1"])

        // Deleting a customer deletes their tasks (the lost one and the new one).
        let deletion = try await workspace.deleteCustomer("V")
        #expect(deletion.deletion.careTasks == 2)
        #expect(try await workspace.tasks(TasksRequest(customerID: "V")).tasks.isEmpty)
    }

    @Test func theRunStoresStagesPatternsAndWarningsAndComparesByStage() async throws {
        let (workspace, directory) = try await handBuilt()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try await workspace.analyze(AnalysisRequest(asOf: Day(iso: "2024-02-15")!))
        let b = try await workspace.analyze(AnalysisRequest(asOf: Day(iso: "2024-03-01")!))
        let shown = try await workspace.showRun(a.run)
        let stage = Dictionary(uniqueKeysWithValues: zip(shown.results.ids, shown.results.stage!))
        #expect(stage["W"] == "decline" && stage["V"] == "decline" && stage["S"] == "stability")
        let reasons = Dictionary(uniqueKeysWithValues: zip(shown.results.ids, shown.results.warningReasons!))
        #expect(reasons["W"] == "longGap" && reasons["S"] == .some(nil))
        // From 2024-02-15 to 03-01 W bought again (back to stability) and V's gap grew to 51 days (still
        // within 2 × 30: decline).
        let compared = try await workspace.compareRuns(a.run, b.run, by: .stage)
        let cells = Dictionary(uniqueKeysWithValues: compared.matrix.map { ("\($0.from)>\($0.to)", $0.customers) })
        #expect(cells["decline>stability"] == 1 && cells["decline>decline"] == 1)
    }

    @Test func pAliveComesFromMBGNBDAndOneTimeBuyersAreNotAssumedAlive() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: Fixtures.cdnowSample)
        let result = try await workspace.lifecycle(LifecycleRequest(patterns: true))
        #expect(result.alive.model == "mbgnbd")
        #expect(result.stages.map(\.customers).reduce(0, +) == 2357)
        let once = result.assignments.filter { $0.facts.purchaseDays == 1 }
        #expect(!once.isEmpty && once.allSatisfy { ($0.facts.probabilityAlive ?? 1) < 1 })
        // Customer 1 bought last on 1997-12-12 (the sample's file): 200 days before 1998-06-30.
        let i = try #require(result.index(of: " 1"))
        #expect(result.assignments[i].facts.daysSinceLastPurchase == 200)
        #expect(result.patterns?.map(\.customers).reduce(0, +) == 2357)
        // Without a stored run the warnings compute CLV; with a run at the same date they take its CLV.
        let computed = try await workspace.warnings(WarningsRequest(top: 5))
        #expect(computed.lifecycle.clvSource.model == "mbgnbd" && computed.warnings.count == 5)
        let run = try await workspace.analyze(AnalysisRequest())
        let stored = try await workspace.warnings(WarningsRequest())
        #expect(stored.lifecycle.clvSource.run == run.run)
        #expect(stored.total == run.overview.warnings)
    }

    /// The stored complaints and interactions reach the stages and the warnings: S, still buying
    /// every 30 days to 2024-03-01, has a complaint open since 2024-01-02 (59 days at the as-of
    /// date, beyond the 30 allowed) → decline by the unresolved complaint; V's resolved complaint
    /// rated 1 of 5 and W's contacts (weekly in 2023, one in the last 90 days) are warning reasons.
    @Test func complaintsAndInteractionsDecideStagesAndWarnings() async throws {
        let (workspace, directory) = try await handBuilt()
        defer { try? FileManager.default.removeItem(at: directory) }
        let complaints = directory.appendingPathComponent("complaints.csv")
        try """
        customer_id,opened,resolved,satisfaction
        S,2024-01-02,,
        V,2024-01-05,2024-01-06,1
        """.write(to: complaints, atomically: true, encoding: .utf8)
        _ = try await workspace.importFile(.complaints, from: complaints)
        var contacts = ["customer_id,date,channel"]
        var day = Day(iso: "2023-03-01")!
        while day <= Day(iso: "2023-11-30")! {
            contacts.append("W,\(day),call")
            day = day + 7
        }
        contacts.append("W,2024-02-01,visit")
        let interactions = directory.appendingPathComponent("interactions.csv")
        try (contacts.joined(separator: "\n") + "\n").write(to: interactions, atomically: true, encoding: .utf8)
        _ = try await workspace.importFile(.interactions, from: interactions)

        let asOf = Day(iso: "2024-03-01")!
        let lifecycle = try await workspace.lifecycle(LifecycleRequest(asOf: asOf))
        let s = try #require(lifecycle.index(of: "S"))
        #expect(lifecycle.assignments[s].stage == .decline && lifecycle.assignments[s].rule == .unresolvedComplaint)
        #expect(lifecycle.assignments[s].facts.openComplaintDays == 59)
        let warnings = try await workspace.warnings(WarningsRequest(asOf: asOf))
        func reasons(_ id: String) -> [WarningReason] {
            warnings.warnings.first { warnings.lifecycle.ids[$0.index] == id }?.reasons ?? []
        }
        #expect(reasons("S").contains(.unresolvedComplaint))
        #expect(reasons("V").contains(.poorlyResolvedComplaint))
        #expect(reasons("W").contains(.fewerInteractions))
    }

    @Test func theRulesFileReadsEveryThresholdAndRefusesMistakes() throws {
        let file = try LifecycleRulesFile.parse(
            "\u{FEFF}[stages]\nexploration_days = 60\nrhythm_quantile = 0.8\nrecent_window_min_days = 30\n"
                + "[warnings]\nprobability_alive = 0.4\n[[loss_reason]]\ncode = \"late\"\nen = \"late delivery\"\n"
                + "zh = \"交货延迟\"\n", file: "rules.toml")
        #expect(file.stages.explorationDays == 60 && file.stages.rhythmQuantile == 0.8)
        #expect(file.stages.recentWindowDays == 30...365 && file.stages.stabilityDays == 365)
        #expect(file.warnings.probabilityAlive == 0.4 && file.lossReasons.map(\.code) == ["late"])
        // The defaults written out read back as the defaults.
        #expect(try LifecycleRulesFile.parse(LifecycleRulesFile.standard.toml, file: "x") == .standard)
        func message(_ text: String) -> String {
            do {
                _ = try LifecycleRulesFile.parse(text, file: "rules.toml")
                return ""
            } catch let error as AppError { return error.message } catch { return "\(error)" }
        }
        #expect(message("[stages]\nexplore_days = 3\n").hasPrefix("rules.toml: [stages]: unknown key \"explore_days\""))
        #expect(
            message("[stages]\nrhythm_quantile = 2\n")
                == "rules.toml: [stages]: rhythm_quantile must be 0.01…0.99, found 2.0")
        #expect(
            message("[stages]\nexploration_days = \"ninety\"\n").hasPrefix(
                "rules.toml: [stages]: exploration_days must be a whole number"))
        #expect(message("[stage]\n").hasPrefix("rules.toml: unknown key \"stage\""))
        #expect(message("[stages\n").hasPrefix("rules.toml, line 1"))
        #expect(message("[stages]\nrecent_window_min_days = 400\n").contains("is more than recent_window_max_days"))
        #expect(message("[stages]\ntermination_probability = 0.5\n").contains("termination is the lower bar"))
    }
}
