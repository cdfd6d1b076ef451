import CVMReport
import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// Analysis runs, their comparison, targets and reports on the bundled CDNOW sample (2,357
/// customers, 1997-01-01…1998-06-30), in process.
@Suite struct AnalysisUseCaseTests {
    func cdnow() async throws -> (Workspace, URL) {
        let directory = try Fixtures.temporaryDirectory()
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: Fixtures.cdnowSample)
        return (workspace, directory)
    }

    final class Steps: @unchecked Sendable {
        var seen: [AnalysisStep] = []
        let lock = NSLock()
        func add(_ p: AnalysisProgress) { lock.withLock { seen.append(p.step) } }
    }

    @Test func analyzeStoresARunWithEveryStep() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let steps = Steps()
        let result = try await workspace.analyze(AnalysisRequest(name: "full")) { steps.add($0) }
        #expect(steps.seen == AnalysisStep.allCases)
        #expect(result.settings.asOf == "1998-06-30")
        #expect(result.overview.customers == 2357)
        // 1,139 of the 2,357 customers bought on more than one day.
        #expect(result.overview.repeatCustomers == 1139)
        #expect(result.overview.skipped == ["credit": "no payments imported"])
        #expect(result.overview.rowsWithCost == 0)
        #expect(result.assumesMargin)
        #expect(result.settings.models.map(\.model) == ["bgnbd", "gammagamma"])

        let shown = try await workspace.showRun(result.run)
        #expect(shown.rowCount == 2357)
        #expect(shown.columns.count == 28)
        let total = try #require(shown.results.clv).reduce(0, +)
        #expect(abs(total - (result.overview.totalCLV ?? 0)) < 1e-6)
        // The same model and settings outside the pipeline: BG/NBD + Gamma-Gamma, 12 months at 1 %.
        let summary = try await workspace.store.summary(SummaryOptions(unit: .week))
        let model = summary.histories.fit(BGNBD.self)
        let spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary)
        let clv = CustomerLifetimeValue.values(
            model: model, histories: summary.histories,
            spend: spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary),
            horizon: Horizon(periods: 12, unit: .month, modelUnit: .week), discountRate: 0.01, margin: 1)
        #expect(abs(clv.reduce(0, +) - total) < 1e-6 * total)

        let document = try JSONDocument.text(shown.document)
        #expect(document.contains("\"horizon_months\": 12"))
        let listed = try await workspace.runs()
        #expect(listed.runs.map(\.name) == ["full"])
    }

    @Test func settingsAreCheckedInTheLayer() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        for request in [
            AnalysisRequest(horizonMonths: 0), AnalysisRequest(margin: 1.5), AnalysisRequest(discountRate: -1),
            AnalysisRequest(discountRate: .nan), AnalysisRequest(currentWindowMonths: 0),
        ] {
            await #expect(throws: AppError.self) { _ = try await workspace.analyze(request) }
        }
        #expect(try await workspace.runs().runs.isEmpty)
    }

    @Test func compareTwoAsOfDates() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = try await workspace.analyze(AnalysisRequest(asOf: Day(iso: "1997-12-31")))
        let b = try await workspace.analyze(AnalysisRequest())
        for by in RunComparisonKey.allCases {
            let c = try await workspace.compareRuns(a.run, b.run, by: by)
            // Every CDNOW customer made a first purchase in the first quarter of 1997.
            #expect(c.inBoth == 2357 && c.onlyInA == 0 && c.onlyInB == 0)
            #expect(c.matrix.reduce(0) { $0 + $1.customers } == 2357)
            let revenue = try #require(c.figures.first { $0.figure == "revenue" })
            #expect((revenue.change ?? 0) > 0)
        }
        _ = try await workspace.deleteRun(a.run)
        await #expect {
            _ = try await workspace.showRun(a.run)
        } throws: { error in
            (error as? AppError)?.code == .notFound
                && (error as? AppError)?.message == "no analysis run \(a.run); existing runs: \(b.run)"
        }
    }

    /// Issue: BG/NBD gives P(alive) = 1 to every one-time buyer; the target lists must not rest on it.
    @Test func targetsDoNotTakeOneTimeBuyersAsAlive() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await workspace.analyze(AnalysisRequest())
        let result = try await workspace.targets(TargetsRequest(run: run.run))
        #expect(result.aliveSource.hasPrefix("MBG/NBD"))
        let x = result.results
        let bgAlive = try #require(x.probabilityAlive)
        // The run's BG/NBD says 1 for every one-time buyer; the targets' P(alive) does not.
        let oneTime = x.frequency.indices.filter { x.frequency[$0] == 0 }
        #expect(oneTime.allSatisfy { bgAlive[$0] == 1 })
        #expect(oneTime.allSatisfy { (result.alive[$0] ?? 1) < 1 })
        // An early one-time buyer (customer 3 bought once, on 1997-01-01) is far from alive 18 months on.
        let two = try #require(x.ids.firstIndex(of: "3"))
        #expect(x.frequency[two] == 0)
        #expect((result.alive[two] ?? 1) < 0.5)
        for campaign in Campaign.allCases {
            let list = result.all.filter { $0.campaign == campaign }
            #expect(!list.isEmpty, "no \(campaign) targets")
            #expect(list.map(\.valueAtStake) == list.map(\.valueAtStake).sorted(by: >))
        }
        #expect(result.all.filter { $0.campaign == .upsell }.allSatisfy { $0.valueAtStake > 0 })
        let limited = try await workspace.targets(TargetsRequest(run: run.run, limit: 10))
        #expect(limited.rowCount == 10)
    }

    /// The report of a run shows what the run stored: on CDNOW, a run with as-of 1998-03-31, a
    /// 24-month horizon and a 6-month window stores 296 customers as retain (593 under the old
    /// median threshold); the report used to refit with a 12-month window and show other counts.
    @Test func reportShowsTheRunsOwnFigures() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await workspace.analyze(
            AnalysisRequest(asOf: Day(iso: "1998-03-31"), horizonMonths: 24, currentWindowMonths: 6))
        // A later run, so the report must pick run 1 by its id and not the latest.
        _ = try await workspace.analyze(AnalysisRequest())
        let groups = try #require(run.overview.groups)
        #expect(groups["retain"] == 296)
        let result = try await workspace.report(ReportRequest(run: run.run))
        #expect(result.run.id == run.run)
        #expect(!result.madeRun)
        let report = result.report
        #expect(report.subtitle.contains("Run \(run.run) as of 1998-03-31"))
        #expect(report.subtitle.contains("horizon 24 months"))
        #expect(report.subtitle.contains("current window 6 months"))
        let matrix = try #require(report.sections.first { $0.id == "matrix" })
        let cells = try #require(matrix.tables.first)
        for group in ValueGroup.allCases {
            let row = try #require(cells.rows.first { $0[0] == group.name(in: .en) })
            #expect(row[1] == String(groups[group.rawValue] ?? 0), "\(group)")
        }
        let tiers = try #require(report.sections.first { $0.id == "tiers" }?.tables.first)
        let storedTiers = try #require(run.overview.tiers)
        for tier in ValueTier.allCases {
            let row = try #require(tiers.rows.first { $0[0] == tier.name(in: .en) })
            #expect(row[1] == String(storedTiers[tier.rawValue] ?? 0))
        }
        let clv = try #require(report.sections.first { $0.id == "clv" })
        #expect(clv.intro.contains("(24 months, discount 0.01 a month, margin 1)"))
        #expect(clv.tables[0].rows[0][0] == Number.readable(run.overview.totalCLV ?? 0))
        #expect(clv.notes.contains { $0.contains("No costs were imported") })
        let segments = try #require(report.sections.first { $0.id == "segments" }?.tables.first)
        for (key, count) in run.overview.segments {
            let name = try #require(RFMSegment(rawValue: key)).name(in: .en)
            #expect(segments.rows.first { $0[0] == name }?[1] == String(count))
        }
        // The fitted parameters in the papers' order, though the stored JSON object has none.
        let model = try #require(report.sections.first { $0.id == "model" })
        #expect(
            model.tables[0].rows.map { $0[0] } == [
                "bgnbd r", "bgnbd alpha", "bgnbd a", "bgnbd b", "gammagamma p", "gammagamma q", "gammagamma v",
            ])
        #expect(model.tables[0].rows[0][1] == String(format: "%.6g", run.settings.models[0].values[0]))
        // The holdout check is computed at the run's as-of date and says so.
        let holdout = try #require(report.sections.first { $0.id == "holdout" })
        #expect(holdout.intro.contains("→ 1998-03-31"))
        #expect(holdout.intro.contains("Computed from the stored transactions to 1998-03-31"))
    }

    @Test func reportDefaultsToTheLatestRunOrMakesOne() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let made = try await workspace.report(ReportRequest())
        #expect(made.madeRun)
        #expect(made.run.id == 1)
        let latest = try await workspace.report(ReportRequest())
        #expect(!latest.madeRun)
        #expect(latest.run.id == 1)
        let fresh = try await workspace.report(ReportRequest(analysis: AnalysisRequest(asOf: Day(iso: "1997-12-31"))))
        #expect(fresh.madeRun && fresh.run.id == 2 && fresh.run.asOf == Day(iso: "1997-12-31"))
    }

    /// Data too short to measure retention, where the purchase model cannot be fitted (nobody bought
    /// twice): the run and the report still come out, and each section that cannot be computed says why.
    @Test func shortDataStillGivesARunAndAReport() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var csv = "customer_id,date,amount\n"
        for i in 0..<60 { csv += "C\(i),1998-0\(1 + i % 3)-\(10 + i % 15),\(20 + i)\n" }
        let file = directory.appendingPathComponent("t.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: file)
        let run = try await workspace.analyze(AnalysisRequest())
        let skipped = run.overview.skipped
        #expect(skipped["model"] != nil)
        #expect(skipped["value"]?.contains("no retention rate can be measured") == true)
        for reason in skipped.values { #expect(!reason.contains("--"), "\(reason)") }
        let report = try await workspace.report(ReportRequest(run: run.run)).report
        let clv = try #require(report.sections.first { $0.id == "clv" })
        #expect(clv.notes.first?.hasPrefix("Not in run 1: its model step was skipped") == true)
        #expect(report.sections.first { $0.id == "matrix" }?.notes.first?.contains("value step was skipped") == true)
        #expect(report.sections.contains { $0.id == "segments" && !$0.tables.isEmpty })
        #expect(!report.html().contains("--"))
    }

    /// Credit is graded for the last month the payments cover completely: payments recorded to
    /// 1998-06-20 grade May 1998, not the half-observed June.
    @Test func creditGradesTheLastFullyObservedMonth() async throws {
        let (workspace, directory) = try await cdnow()
        defer { try? FileManager.default.removeItem(at: directory) }
        let payments = directory.appendingPathComponent("payments.csv")
        try """
        客户编号,发票号,应付日期,实付日期,应付金额,实付金额
        1,INV-1,1998-04-10,1998-04-10,100,
        1,INV-2,1998-05-10,1998-05-20,100,
        1,INV-5,1998-06-10,1998-06-10,100,
        6,INV-3,1998-03-01,,200,
        2,INV-4,1998-06-01,1998-06-05,300,150

        """.write(to: payments, atomically: true, encoding: .utf8)
        _ = try await workspace.store.importPayments(from: payments)
        let run = try await workspace.analyze(AnalysisRequest())
        #expect(run.settings.creditAsOf == "1998-05-31")
        // May 1998: customer 1 paid INV-2 in full 10 days late (over AA's 7 days, within A's 30) → A;
        // customer 6's INV-3 is 91 days unpaid past due on May 31 (a default) → D; customer 2 owed
        // nothing in May → no grade.
        #expect(run.overview.creditGrades == ["A": 1, "D": 1])
        let report = try await workspace.report(ReportRequest(run: run.run)).report
        let credit = try #require(report.sections.first { $0.id == "credit" })
        #expect(credit.intro.contains("1998-05"))
        #expect(credit.tables[0].rows.first { $0[0] == "A" }?[1] == "1")
    }
}
