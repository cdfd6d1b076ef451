import Foundation
import Testing
import _CVMTestSupport

/// `cvm value-map` and `cvm wave-change` as a user runs them, on the bundled synthetic survey.
@Suite(.serialized) struct CustomerViewCommandTests {
    let directory: URL
    let database: String

    init() throws {
        directory = try Fixtures.temporaryDirectory()
        database = directory.appendingPathComponent("cvm.sqlite").path
        try CLI.run(["init", "--database", database])
        let samples = Fixtures.root.appendingPathComponent("samples")
        for kind in ["customers", "transactions"] {
            try CLI.run(["import", kind, samples.appendingPathComponent("\(kind).csv").path, "--database", database])
        }
        let survey = try CLI.run([
            "import", "surveys", samples.appendingPathComponent("surveys.csv").path, "--scale", "1-7", "--database",
            database,
        ])
        #expect(survey.status == 0, "\(survey.stderr)")
    }

    @Test func valueMapInEveryFormat() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let table = try CLI.run(["value-map", "--database", database])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Customer value map") && table.stdout.contains("the firm"))
        #expect(table.stdout.contains("rival") && table.stdout.contains("relative quality"))
        let zh = try CLI.run(["value-map", "--database", database, "--lang", "zh"])
        #expect(zh.stdout.contains("顾客价值图") && zh.stdout.contains("本企业") && zh.stdout.contains("相对价格"))
        let csv = try CLI.run(["value-map", "--database", database, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "group,provider,is_firm,relative_quality,relative_price,fair_price,value,position")
        #expect(lines.count == 3 && lines[1].hasPrefix("all,,true,") && lines[2].hasPrefix("all,rival,false,"))
        // Per value-matrix group of the latest run: every group's rows after the whole's.
        let run = try CLI.run(["analyze", "--database", database])
        #expect(run.status == 0, "\(run.stderr)")
        let groups = try CLI.run(["value-map", "--database", database, "--format", "csv", "--segment", "value"])
        let rows = groups.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count > 2 && rows.filter { $0.hasPrefix("retain,") }.count == 2, "\(groups.stdout)")
        let zhGroups = try CLI.run(["value-map", "--database", database, "--segment", "value", "--lang", "zh"])
        #expect(zhGroups.stdout.contains("客户群 retain："), "\(zhGroups.stdout)")
        let json = try CLI.run(["value-map", "--database", database, "--format", "json", "--fair-slope", "1"])
        #expect(json.stdout.contains("\"fair_slope\": 1") && json.stdout.contains("\"fair_slope_source\": \"given\""))
        let unknown = try CLI.run(["value-map", "--database", database, "--price-attribute", "cost"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no price attribute (cost)"), "\(unknown.stderr)")
    }

    @Test func waveChangeNeedsTwoWaves() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let one = try CLI.run(["wave-change", "--database", database, "--lang", "zh"])
        #expect(one.status != 0 && one.stderr.contains("调查只有 1 个批次（synthetic）"), "\(one.stderr)")
    }
}
