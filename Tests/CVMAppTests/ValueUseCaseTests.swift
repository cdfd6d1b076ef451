import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// A workspace on a fresh database in a temporary directory; the caller removes the directory.
func temporaryWorkspace(transactions: URL? = nil) async throws -> (Workspace, URL) {
    let directory = try Fixtures.temporaryDirectory()
    let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
    if let transactions { _ = try await workspace.store.importTransactions(from: transactions) }
    return (workspace, directory)
}

/// A file of `text` in `directory`.
func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
}

/// The value matrix, concentration and tiers on the bundled CDNOW sample (2,357 customers,
/// 1997-01-01…1998-06-30, no cost column) and on small hand-worked files.
@Suite struct ValueUseCaseTests {
    @Test func matrixOnCDNOW() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.valueMatrix(ValueMatrixRequest())
        #expect(result.rowCount == 2357)
        #expect(result.columns == ["customer_id", "current_value", "potential_value", "group"])
        // Customer 1 bought 26.48 on 1997-12-12 and 14.96 on 1997-08-02, inside the last 365 days.
        #expect(Array(result.fields(0).prefix(2)) == ["1", "41.44"])
        #expect(result.matrix.cells.map(\.customers).reduce(0, +) == 2357)
        // The defaults: 12 months at 1 % a month (one discount rate for every command).
        #expect(result.values.settings.discountRate == 0.01)
        #expect(result.values.settings.horizonMonths == 12)
        // No cost column and margin 1: the profit figures say what they assume.
        #expect(
            result.profit.assumption(in: .en)
                == "profit assumes margin 1: no cost or margin was imported, so profit is revenue")
        #expect(result.profit.assumption(in: .zh) == "利润按毛利率 1 计算：未导入成本或毛利率，利润即收入")
        // 1545 of 2357 customers bought nothing in the last 365 days: the median current value is 0,
        // so the automatic threshold is the median of the 812 others' window revenue, 62.455
        // (Python's statistics.median over the sample CSV), and the explanation says so.
        #expect(abs(result.matrix.currentThreshold - 62.455) < 1e-9)
        let json = try JSONDocument.text(result.document)
        #expect(
            json.contains(
                "\"explanation\": \"the median of all 2357 customers' values is their smallest value, 0 (1545 "
                    + "customers have it), so high would mean more than that; the median of the 812 values above it is "
                    + "used: "))
        #expect(json.contains("\"profit_assumption\": \"profit assumes margin 1"))

        let clustered = try await workspace.valueMatrix(ValueMatrixRequest(threshold: .mean, clusters: 3))
        #expect(clustered.matrix.currentRule == .mean)
        #expect(clustered.cube?.clusters.map(\.customers).reduce(0, +) == 2357)
        #expect(clustered.columns.last == "cluster")
        // The same seed gives the same clusters.
        let again = try await workspace.valueMatrix(ValueMatrixRequest(threshold: .mean, clusters: 3))
        #expect(again.cube?.assignments == clustered.cube?.assignments)

        // The present-value method measures retention on the data and says so.
        let pv = try await workspace.valueMatrix(ValueMatrixRequest(potential: .presentValue))
        #expect(pv.values.method == .presentValue)
        #expect(pv.values.retention?.activeBefore == 2357)
    }

    /// Nobody bought twice: BG/NBD cannot be fitted, so potential value falls back to the present
    /// value, with a warning. Retention: A bought in the window before (2022), not again: 0 of 1.
    /// Median current value 20: only C (30) is high; every potential is 0, so low.
    @Test func modelFallsBackToPresentValueAndSaysSo() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(
            "customer_id,date,amount\nA,2022-06-01,10\nB,2023-06-01,20\nC,2023-07-01,30\n", "thin.csv", in: directory)
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: file)
        let result = try await workspace.valueMatrix(ValueMatrixRequest())
        #expect(result.warnings.first?.hasPrefix("the model could not be used (BG/NBD fit did not converge") == true)
        var csv = ""
        result.writeCSV { csv += $0 }
        #expect(
            csv == "customer_id,current_value,potential_value,group\nA,0,0,nurture\nB,20,0,nurture\nC,30,0,maintain\n")
        #expect(result.matrix.currentThreshold == 20)
        // Every potential value is 0: no value lies above the smallest, so the median stays.
        #expect(result.matrix.thresholdExplanation(.potential, in: .en) == "median of the 3 customers' values: 0")
        #expect(result.matrix.thresholdExplanation(.current, in: .en) == "median of the 3 customers' values: 20")
    }

    /// One of three rows has a cost: profit is amount − cost there, amount × margin elsewhere, and
    /// the note names the two rows (66.7 %) that assume margin 1. With margin 0.4 nothing is assumed.
    @Test func theMarginAssumptionIsNamed() async throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write(
            "customer_id,date,amount,cost\nA,2023-01-01,100,60\nA,2023-03-01,50,\nB,2023-02-01,80,\n", "c.csv",
            in: directory)
        let workspace = try Workspace.create(database: directory.appendingPathComponent("cvm.sqlite").path)
        _ = try await workspace.store.importTransactions(from: file)
        let tiers = try await workspace.tiers(TiersRequest())
        #expect(
            tiers.profitability.basis.assumption(in: .en)
                == "profit assumes margin 1 on the 66.7% of rows without a cost (profit = revenue there)")
        // A: 100 − 60 + 50 × 1 = 90; B: 80 × 1.
        #expect(tiers.profitability.profit == [90, 80])
        let given = try await workspace.tiers(TiersRequest(margin: 0.4))
        #expect(given.profitability.basis.assumption(in: .en) == nil)
        // A: 40 + 50 × 0.4 = 60; B: 80 × 0.4 = 32.
        #expect(zip(given.profitability.profit, [60.0, 32.0]).allSatisfy { abs($0 - $1) < 1e-9 })
        let json = try JSONDocument.text(given.document)
        #expect(!json.contains("profit_assumption"))
    }

    /// Gini of revenue per customer, 0.6309171170162416, and 777 customers (32.97 %) making 80 % of
    /// it: computed from the CSV with Python (Σ(2i − n − 1)x₍ᵢ₎/(nΣx); the pairwise mean absolute
    /// difference Σ|xᵢ − xⱼ|/(2n²μ) gives 0.6309171170175445).
    @Test func paretoOnCDNOW() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.pareto(ParetoRequest())
        #expect(result.rowCount == 101)
        #expect(result.fields(0) == ["0", "0", "0"])
        #expect(result.fields(100) == ["1", "1", "1"])
        let revenue = result.profitability.revenueConcentration
        #expect(abs((revenue.gini ?? 0) - 0.6309171170162416) < 1e-12)
        #expect(revenue.customersMaking80 == 777)
        #expect(result.document.profitAssumption?.hasPrefix("profit assumes margin 1") == true)
    }

    /// 2357 customers: round(471.4) = 471 high, round(1178.5) − 471 = 708 medium, 1178 low; the
    /// key-account list has `Defaults.keyAccounts` (20) customers.
    @Test func tiersOnCDNOW() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await workspace.tiers(TiersRequest(margin: 0.3))
        let tiers = result.profitability.tiers
        #expect(tiers.filter { $0 == .high }.count == 471)
        #expect(tiers.filter { $0 == .medium }.count == 708)
        #expect(tiers.filter { $0 == .low }.count == 1178)
        #expect(result.profitability.keyAccounts.count == 20)
        var csv = ""
        result.writeCSV { csv += $0 }
        let rows = csv.split(separator: "\n")
        #expect(rows.first == "customer_id,revenue,cost_of_goods,discounts,profit,tier,key_account,large_unprofitable")
        #expect(rows.dropFirst().filter { $0.hasSuffix(",1,0") }.count == 20)
    }

    @Test func badRequestsAreExplainedWithoutNamingOptions() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect {
            _ = try await workspace.tiers(TiersRequest(shares: TierShares(high: 0.8, medium: 0.5)))
        } throws: { error in
            (error as? AppError)?.message
                == "tier shares 0.8,0.5 do not fit: give the high and medium shares of customers, each between 0 "
                + "and 1 and together at most 1 (e.g. 0.2,0.3)"
        }
        await #expect {
            _ = try await workspace.pareto(ParetoRequest(margin: 2))
        } throws: { error in
            let error = error as? AppError
            return error?.code == .invalidRequest
                && error?.message == "the margin must be between 0 and 1 (a share of revenue), not 2"
        }
        await #expect {
            _ = try await workspace.valueMatrix(ValueMatrixRequest(currentWindowMonths: 0))
        } throws: { error in
            (error as? AppError)?.message == "the current window must be a positive number of months up to 1200, not 0"
        }
        await #expect {
            _ = try await workspace.valueMatrix(ValueMatrixRequest(clusters: 51))
        } throws: { error in
            (error as? AppError)?.message == "the clusters per group must be between 0 and 50"
        }
    }

    @Test func strategiesFromAFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write("[develop]\nstrategy = \"Call them\"\nreason_zh = \"潜力大\"\n", "s.toml", in: directory)
        let strategies = try StrategyFile.valueGroups(file.path)
        #expect(strategies[.develop]?.strategy == "Call them")
        #expect(strategies[.develop]?.chineseReason == "潜力大")
        #expect(strategies[.develop]?.chineseStrategy.hasPrefix("重点发展") == true)
        #expect(strategies[.retain] == nil)
        let bad = try write("[vip]\nstrategy = \"x\"\n", "bad.toml", in: directory)
        #expect {
            _ = try StrategyFile.valueGroups(bad.path)
        } throws: { error in
            (error as? AppError)?.message == "\(bad.path): unknown group [vip]; use develop, maintain, nurture, retain"
        }
    }
}

@Suite struct StatisticsTests {
    /// The middle value; for an even count the mean of the two middle ones (1, 2, 4, 10 → 3).
    @Test func median() {
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([10, 1, 4, 2]) == 3)
        #expect(Statistics.median([]) == 0)
        #expect(Statistics.median([.nan, 2, .infinity, 4]) == 3)
    }
}
