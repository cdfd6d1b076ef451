import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// The customer view's lifecycle part, care on dates and acquisition economics, in process, on
/// small hand-built files.
@Suite struct CareAndAcquisitionUseCaseTests {
    static func day(_ text: String) -> Day { Day(iso: text)! }

    static func workspace(_ directory: URL, files: [(ImportKind, String)]) async throws -> Workspace {
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        for (k, (kind, text)) in files.enumerated() {
            let url = directory.appendingPathComponent("\(k).csv")
            try text.write(to: url, atomically: true, encoding: .utf8)
            _ = try await workspace.importFile(kind, from: url)
        }
        return workspace
    }

    /// The lifecycle test's customers: W buys every 30 days from 2023-01-01 (last 2023-12-27) and
    /// again on 2024-02-20, S every 30 days from 2023-01-05.
    static func lifecycleFiles() -> [(ImportKind, String)] {
        var lines = ["customer_id,date,amount"]
        for (id, start, end) in [("W", "2023-01-01", "2024-01-01"), ("S", "2023-01-05", "2024-03-01")] {
            var d = day(start)
            while d <= day(end) {
                lines.append("\(id),\(d),20")
                d = d + 30
            }
        }
        lines += ["W,2024-02-20,20", "O,2023-03-03,50"]
        return [
            (.customers, "customer_id,name,owner\nW,W,张伟\nS,S,张伟\nO,O,李娜\n"),
            (.transactions, lines.joined(separator: "\n") + "\n"),
        ]
    }

    @Test func theCustomerViewShowsStageWarningAndTasksFromTheRunAsTheFullLifecycleDoes() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(directory, files: Self.lifecycleFiles())
        let asOf = Self.day("2024-02-15")
        let run = try await workspace.analyze(AnalysisRequest(asOf: asOf))
        let view = try await workspace.customer(CustomerRequest(id: "W", asOf: asOf))
        let l = try #require(view.lifecycle)
        #expect(l.run == run.run && l.runStage == nil)
        // 2023-12-27 to 2024-02-15 is 50 days against W's own rhythm of 30: a decline, warned for the gap.
        #expect(l.assignment.stage == .decline && l.assignment.rule == .gapBeyondRhythm)
        #expect(l.assignment.facts.daysSinceLastPurchase == 50 && l.assignment.facts.rhythmDays == 30)
        #expect(
            l.assignment.explanation(in: .en)
                == "Decline: no purchase for 50 days, longer than 30 days (the long end of this customer's own gaps).")
        #expect(l.warning?.reasons == [.longGap])
        // The same facts as the lifecycle of every customer computed now (which the view did not run).
        let full = try await workspace.lifecycle(LifecycleRequest(asOf: asOf))
        #expect(l.assignment == full.assignments[try #require(full.index(of: "W"))])
        #expect(l.pattern != nil)
        // Three customers: neither MBG/NBD nor Pareto/NBD converges, and the view names no model.
        #expect(l.pAliveModel == (full.alive.model == nil ? nil : full.alive.name))
        // The run opened one task for W's long gap; the view lists it, the plan counts it as active.
        #expect(view.tasks.map(\.reason) == [.warning(.longGap)] && view.activeTasks.count == 1)
        let facts = view.facts(in: .zh)
        #expect(facts.contains(["lifecycle", "2024-02-15", "stage", "decline"]))
        #expect(facts.contains(["task", "2024-02-15", "reason", "longGap"]))
        #expect(facts.contains { $0[2] == "explanation" && $0[3].hasPrefix("退化期：已 50 天未购买") })
        let json = try JSONDocument.text(view.document(in: .en))
        #expect(
            json.contains("\"rule\": \"gapBeyondRhythm\"")
                && json.contains("\"reason_text\": \"long gap for their rhythm\""))

        // Without a run at the date, the view computes the lifecycle over every customer.
        let earlier = try await workspace.customer(CustomerRequest(id: "W", asOf: Self.day("2024-02-10")))
        let computed = try #require(earlier.lifecycle)
        let fullEarlier = try await workspace.lifecycle(LifecycleRequest(asOf: Self.day("2024-02-10")))
        #expect(computed.run == nil && computed.assignment == fullEarlier.assignments[fullEarlier.index(of: "W")!])
    }

    @Test func careOnDatesOpensOneTaskPerOccasionAndDateWhateverBecameOfIt() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(
            directory,
            files: [
                (.customers, "customer_id,name,owner,生日\nB,B,Ann,1990-03-15\nN,N,Bo,\n"),
                (.transactions, "customer_id,date,amount\nB,2023-03-01,10\nN,2024-01-20,10\n"),
                (.complaints, "customer_id,opened,resolved\nN,2024-03-01,2024-03-05\n"),
            ])
        let profile = try #require(try await workspace.store.customerProfile("B"))
        #expect(profile.birthday == Self.day("1990-03-15"))
        // At 2024-03-10 (due 2024-02-09 … 03-17): B's birthday 03-15 and first-purchase anniversary
        // 03-01; N's follow-up 7 days after the complaint resolved on 03-05.
        let first = try await workspace.scheduleCare(CareRequest(asOf: Self.day("2024-03-10")))
        #expect(
            first.appointments.map { "\($0.customerID) \($0.occasion.rawValue) \($0.due)" } == [
                "B purchase_anniversary 2024-03-01", "N after_complaint 2024-03-12", "B birthday 2024-03-15",
            ])
        #expect(first.opened == 3 && first.alreadyOpen == 0)
        let tasks = try await workspace.tasks(TasksRequest(customerID: "B")).tasks
        #expect(Set(tasks.map(\.reason)) == [.occasion(.birthday), .occasion(.purchaseAnniversary)])
        #expect(tasks.allSatisfy { $0.owner == "Ann" && $0.openedOn == Self.day("2024-03-10") && $0.reasons.isEmpty })
        let birthday = try #require(tasks.first { $0.reason == .occasion(.birthday) })
        #expect(birthday.dueOn == Self.day("2024-03-15"))
        #expect(TaskDocument(birthday, in: .zh).reasonText == "生日关怀")

        // Dismissed, it is not opened again by a later run; nor does a purchase close it as won back.
        _ = try await workspace.updateTask(
            TaskUpdateRequest(id: birthday.id, status: .dismissed, on: Self.day("2024-03-11")))
        let again = try await workspace.scheduleCare(CareRequest(asOf: Self.day("2024-03-12")))
        #expect(again.opened == 0 && again.alreadyOpen == 3)
        let sync = try await workspace.store.syncCareTasks(asOf: Self.day("2024-12-31"), run: nil, drafts: [])
        #expect(sync.wonBack == 0)
        #expect(try await workspace.tasks(TasksRequest(status: .open)).tasks.count == 2)
    }

    @Test func theCareTableOfTheRulesFile() throws {
        let file = try LifecycleRulesFile.parse(
            "[care]\nbirthday = false\nafter_purchase_days = 30\nlead_days = 3\n", file: "rules.toml")
        #expect(!file.care.birthday && file.care.afterPurchaseDays == 30 && file.care.leadDays == 3)
        #expect(file.care.purchaseAnniversary && file.care.afterComplaintDays == 7 && file.care.graceDays == 30)
        func message(_ text: String) -> String {
            do {
                _ = try LifecycleRulesFile.parse(text, file: "rules.toml")
                return ""
            } catch let error as AppError { return error.message } catch { return "\(error)" }
        }
        #expect(
            message("[care]\nafter_purchase_days = -1\n")
                == "rules.toml: [care]: after_purchase_days must be 0…3660, found -1")
        #expect(message("[care]\nbirthday = 1\n").hasPrefix("rules.toml: [care]: birthday must be true or false"))
        #expect(message("[care]\nbirthdays = true\n").hasPrefix("rules.toml: [care]: unknown key \"birthdays\""))
    }

    /// The domain test's figures (ScheduledCareTests), read from files: tagged spend by channel
    /// (获客 is acquisition), the customers' channels, and CLV from a run.
    @Test func acquisitionFromTaggedSpendAndTheCustomersChannels() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(
            directory,
            files: [
                (.customers, "customer_id,channel\nA,web\nB,web\nC,fair\nD,web\n"),
                (
                    .transactions,
                    "customer_id,date,amount\nA,2024-01-05,100\nA,2024-02-10,200\nB,2024-01-20,50\n"
                        + "C,2024-01-03,400\nC,2024-03-01,600\nD,2024-02-02,80\nD,2024-03-05,160\n"
                ),
                (
                    .marketing,
                    "date,spend,channel,purpose\n2024-01,300,web,获客\n2024-01,500,fair,acquisition\n"
                        + "2024-02,100,web,acquisition\n2024-02,60,all,retention\n"
                ),
            ])
        let result = try await workspace.acquisition(AcquisitionRequest(asOf: Self.day("2024-03-31"), margin: 0.5))
        let e = result.economics
        #expect(e.costPerAcquired == 225 && e.costPerRetained == 60 && e.acquisitionToRetention == 3.75)
        #expect(result.clvRun == nil && e.cells.allSatisfy { $0.meanCLV == nil })
        #expect(e.cells.map(\.paybackMonths) == [2, nil, 1, 2, nil])
        var csv = ""
        result.writeCSV { csv += $0 }
        #expect(csv.contains("\n2024-01,fair,1,500,500,,,2\n"))

        // A purpose that is neither is refused with its line; nothing of the file is stored.
        let bad = directory.appendingPathComponent("bad.csv")
        try "date,spend,channel,purpose\n2024-01,10,web,promo\n".write(to: bad, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await workspace.store.importMarketing(from: bad)
        } throws: { error in
            "\(error)".contains("line 2") && "\(error)".contains("\"promo\" is not a purpose")
        }
        #expect(try await workspace.store.taggedSpend(through: Self.day("2024-12-31")).count == 4)
    }

    /// X's complaint took 6 hours and X bought again; Y's took 10 days and Y did not; Z's is still
    /// open and Z bought only on the day itself and after the 180 days. Of the never-complained,
    /// N1 and N2 were active at 2024-01-10 (N3's purchase is two years old) and N1 bought again.
    @Test func serviceRecoveryByResolutionTimeAgainstCustomersWhoNeverComplained() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let workspace = try await Self.workspace(
            directory,
            files: [
                (
                    .transactions,
                    "customer_id,date,amount\nX,2023-12-01,10\nX,2024-03-01,10\nY,2023-12-01,10\nZ,2024-01-10,10\n"
                        + "Z,2024-08-01,10\nN1,2023-12-01,10\nN1,2024-02-01,10\nN2,2023-11-01,10\nN3,2022-01-01,10\n"
                ),
                (
                    .complaints,
                    "customer_id,opened,resolved\nX,2024-01-10 09:00,2024-01-10 15:00\nY,2024-01-10,2024-01-20\n"
                        + "Z,2024-01-10,\nX,2024-06-01,\n"
                ),
            ])
        let result = try await workspace.recovery(RecoveryRequest(asOf: Self.day("2024-12-31")))
        let r = result.recovery
        #expect(r.neverComplained == 3 && r.windowDays == 180)
        #expect(r.bands.map(RecoveryResult.key) == ["h24", "h72", "h168", "later", "unresolved"])
        #expect(r.bands.map(\.customers) == [1, 0, 0, 1, 1] && r.bands.map(\.retained) == [1, 0, 0, 0, 0])
        #expect(
            r.bands[0].retention == 1 && r.bands[0].baselineRetention == 0.5 && r.bands[0].retentionDifference == 0.5)
        #expect(r.bands[1].retention == nil && r.bands[3].retention == 0 && r.bands[4].baselineRetention == 0.5)
        #expect(RecoveryResult.name(r.bands[0], in: .zh) == "24 小时内")
        await #expect {
            _ = try await workspace.recovery(RecoveryRequest(asOf: Self.day("2024-03-01")))
        } throws: { error in (error as? AppError)?.code == .noData }

        // The report of a run at 2024-08-01 shows the four complaints' resolution times: two
        // resolved (6 and 240 hours), two open, one of the four decided within 48 hours.
        let run = try await workspace.analyze(AnalysisRequest())
        let report = try await workspace.report(ReportRequest(run: run.run)).report
        let section = try #require(report.sections.first { $0.id == "complaints" })
        #expect(section.tables.first?.rows.last?.prefix(4) == ["overall", "4", "2", "2"])
        #expect(section.intro.hasPrefix("4 complaints opened by 2024-08-01, against a target of 48 hours"))
    }
}
