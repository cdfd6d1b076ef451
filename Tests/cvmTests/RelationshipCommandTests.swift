import Foundation
import Testing
import _CVMTestSupport

/// `cvm import interactions|complaints`, `cvm complaints`, `cvm customer` and `cvm owners` as a
/// user runs them, on the bundled samples.
@Suite(.serialized) struct RelationshipCommandTests {
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
    }

    func sample(_ name: String) -> String {
        Fixtures.root.appendingPathComponent("samples/\(name).csv").path
    }

    func importRelationships() throws {
        for kind in ["interactions", "complaints"] {
            let run = try CLI.run(["import", kind, sample(kind), "--database", database])
            #expect(run.status == 0, "\(run.stderr)")
        }
    }

    @Test func importInteractions() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CLI.run(["import", "interactions", sample("interactions"), "--database", database])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Imported interactions from interactions.csv: 6,200 rows read: 6,200 stored"))
        let again = try CLI.run([
            "import", "interactions", sample("interactions"), "--database", database, "--lang", "zh",
        ])
        #expect(again.stdout.contains("读取 6,200 行：存储 0 行，跳过重复 6,200 行，拒绝 0 行"), "\(again.stdout)")
        let bad = directory.appendingPathComponent("bad.csv")
        try Data("customer_id,date,channel\nc1,2024-01-01,fax\n".utf8).write(to: bad)
        let refused = try CLI.run(["import", "interactions", bad.path, "--database", database])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bad.csv, line 2, column \"channel\": \"fax\" is not a channel"))
        #expect(refused.stderr.contains("--skip-invalid"))
    }

    @Test func importComplaintsWithAScale() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("c.csv")
        try Data("客户编号,投诉时间,解决时间,满意度\n1,1998-01-02,1998-01-03,9\n".utf8).write(to: file)
        let refused = try CLI.run(["import", "complaints", file.path, "--database", database])
        #expect(refused.stderr.contains("\"9\" is outside the satisfaction scale 1–5"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--satisfaction-scale 1-5|1-7|1-10|0-10"))
        let scaled = try CLI.run(
            ["import", "complaints", file.path, "--satisfaction-scale", "0-10", "--database", database])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        let wrong = try CLI.run([
            "import", "complaints", file.path, "--satisfaction-scale", "1-4", "--database", database,
        ])
        #expect(wrong.status != 0 && wrong.stderr.contains("--satisfaction-scale 1-4 is not a scale"))
        let sample = try CLI.run(["import", "complaints", sample("complaints"), "--database", database])
        #expect(sample.stdout.contains("255 rows read: 255 stored"), "\(sample.stdout)\(sample.stderr)")
    }

    @Test func complaintsCommand() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let none = try CLI.run(["complaints", "--database", database])
        #expect(none.status != 0 && none.stderr.contains("run `cvm import complaints FILE` first"), "\(none.stderr)")
        try importRelationships()
        let table = try CLI.run(["complaints", "--database", database, "--lang", "zh"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("投诉处理时效") && table.stdout.contains("合计"))
        let csv = try CLI.run(["complaints", "--database", database, "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("level,category,complaints,resolved,open,median_hours,p90_hours") == true)
        #expect(lines.last?.hasPrefix("overall,,255,") == true, "\(lines.last ?? "")")
        let json = try CLI.run(["complaints", "--database", database, "--format", "json", "--by", "customer"])
        #expect(json.stdout.contains("\"by\": \"customer\"") && json.stdout.contains("\"target_hours\": 48"))
    }

    @Test func customerCommand() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try importRelationships()
        let table = try CLI.run(["customer", "1981", "--database", database])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Customer 1981"))
        #expect(table.stdout.contains("Visit plan (key account)"))
        #expect(table.stdout.contains("Interactions (10, latest first)"))
        let json = try CLI.run(["customer", "1981", "--database", database, "--format", "json"])
        #expect(json.stdout.contains("\"key_account\": true") && json.stdout.contains("\"visit_plan\": {"))
        let csv = try CLI.run(["customer", "1981", "--database", database, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("section,date,field,value\nprofile,,id,1981\n"))
        let unknown = try CLI.run(["customer", "nobody", "--database", database])
        #expect(unknown.status != 0 && unknown.stderr.contains("there is no customer \"nobody\""))
    }

    @Test func ownersCommand() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try importRelationships()
        let table = try CLI.run(["owners", "--database", database])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Customers whose whole relationship hangs on one person"))
        let csv = try CLI.run(["owners", "--database", database, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("owner,customers,revenue,clv,key_accounts,one_person_customers\n"))
        // The five owners of the sample hold its 2,357 customers.
        let counts = csv.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",")[1]) }
        #expect(counts.count == 5 && counts.reduce(0, +) == 2357)
        let handOver = try CLI.run(["owners", "--leaving", "李娜", "--database", database, "--format", "csv"])
        #expect(handOver.stdout.hasPrefix("customer_id,revenue,clv,key_account,last_interaction"))
        #expect(handOver.stdout.split(separator: "\n").count == 460)
    }
}
