import Foundation
import Testing
import _CVMTestSupport

/// End-to-end tests of the commands, through the built binary.
@Suite struct CommandTests {
    @Test func demoRunsTheWholeJobAndWritesResults() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CLI.run(["demo"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("6,919 rows read: 6,919 stored"))
        #expect(run.stdout.contains("Customers          2357"))
        #expect(run.stdout.contains("Revenue            244,091.94"))
        #expect(run.stdout.contains("Champions"))
        let folder = directory.appendingPathComponent("cvm-demo")
        let summary = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        let lines = summary.split(separator: "\n")
        #expect(lines.first == "customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date")
        #expect(lines.count == 2358)
        // Customer 1 of CDNOW: purchases on 1997-01-01, -01-18, -08-02, -12-12 (weeks to 1998-06-30).
        #expect(lines[1] == "1,3,49.2857142857143,77.8571428571429,23.7233333333333,100.5,4,1997-01-01,1997-12-12")
        let segments = try String(contentsOf: folder.appendingPathComponent("segment_summary.csv"), encoding: .utf8)
        #expect(segments.split(separator: "\n").count == 12)
        let predictions = try String(contentsOf: folder.appendingPathComponent("predictions.csv"), encoding: .utf8)
        #expect(predictions.hasPrefix("customer_id,p_alive,expected_purchases,expected_spend,clv\n"))
        #expect(predictions.split(separator: "\n").count == 2358)
        #expect(run.stdout.contains("bgnbd (rates per week): converged"))
        // Running it again starts from a fresh database: same result, nothing doubled.
        let again = try CLI.run(["demo"], in: directory)
        #expect(again.stdout.contains("6,919 rows read: 6,919 stored"))
    }

    @Test func databaseOptionBeforeOrAfterTheCommand() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try CLI.run(["--database", "a.sqlite", "init"], in: directory)
        let after = try CLI.run(["init", "--database", "b.sqlite"], in: directory)
        let equals = try CLI.run(
            ["--database=c.sqlite", "import", "transactions", Fixtures.cdnowSample.path], in: directory)
        #expect(before.status == 0 && after.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("b.sqlite").path))
        // import needs an existing database: the message says how to make one.
        #expect(equals.status != 0)
        #expect(equals.stderr.contains("no database at c.sqlite; run `cvm init` to create one"))
        let fromEnvironment = try CLI.run(["init"], in: directory, environment: ["CVM_DATABASE": "d.sqlite"])
        #expect(fromEnvironment.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("d.sqlite").path))
    }

    @Test func summaryAndSegmentsFormats() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let csv = try CLI.run(
            ["summary", "--unit", "week", "--calibration-end", "1997-09-30", "--format", "csv"], in: directory)
        let rows = csv.stdout.split(separator: "\n")
        #expect(
            rows.first
                == "customer_id,frequency,recency,T,monetary,revenue,orders,first_date,last_date,frequency_holdout,monetary_holdout,duration_holdout"
        )
        // The literature's customer 1 (x=2, tₓ=30.43, T=38.86 weeks); holdout: one purchase of 26.48.
        #expect(rows[1] == "1,2,30.4285714285714,38.8571428571429,22.345,74.02,3,1997-01-01,1997-08-02,1,26.48,39")
        let json = try CLI.run(["summary", "--format", "json", "--as-of", "1997-03-31"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["unit"] as? String == "day")
        #expect(object["observation_end"] as? String == "1997-03-31")
        #expect((object["customers"] as? [Any])?.count == 2357)
        let table = try CLI.run(["segments", "--lang", "zh"], in: directory)
        #expect(table.stdout.contains("冠军客户"))
        // Strategies are editable: a TOML file replaces the named segments' texts.
        let toml = directory.appendingPathComponent("strategies.toml")
        try "[at_risk]\nstrategy = \"Call within a week\"\nreason = \"Our best buyers last year\"\n".write(
            to: toml, atomically: true, encoding: .utf8)
        let groups = try CLI.run(
            ["segments", "--view", "segments", "--format", "csv", "--strategies", toml.path], in: directory)
        let atRisk = try #require(groups.stdout.split(separator: "\n").first { $0.hasPrefix("at_risk,") })
        #expect(atRisk.contains(",Call within a week,") && atRisk.contains(",Our best buyers last year,"))
        #expect(
            groups.stdout.hasPrefix(
                "segment,name,name_zh,customers,customer_share,revenue,revenue_share,strategy,strategy_zh,reason,reason_zh\n"
            ))
        try "[sleepy]\nstrategy = \"x\"\n".write(to: toml, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["segments", "--strategies", toml.path], in: directory)
        #expect(unknown.stderr.contains("unknown group [sleepy]; use about_to_sleep, at_risk, cant_lose"))
        let perCustomer = try CLI.run(["segments", "--format", "csv"], in: directory)
        #expect(perCustomer.stdout.hasPrefix("customer_id,recency_days,purchases,revenue,r,f,m,rfm,segment\n"))
        let bad = try CLI.run(["summary", "--as-of", "1997-02-30"], in: directory)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--as-of"))
    }

    @Test func generateWritesAReproducibleLog() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try CLI.run(["generate", "--customers", "500", "--seed", "9", "--out", "a.csv"], in: directory)
        try CLI.run(["generate", "--customers", "500", "--seed", "9", "--out", "b.csv"], in: directory)
        #expect(first.status == 0)
        #expect(first.stdout.contains("True parameters: BG/NBD r=0.25 alpha=4.0"))
        let a = try Data(contentsOf: directory.appendingPathComponent("a.csv"))
        #expect(a == (try Data(contentsOf: directory.appendingPathComponent("b.csv"))))
        #expect(String(decoding: a, as: UTF8.self).hasPrefix("customer_id,date,amount\n1,"))
        let bad = try CLI.run(["generate", "--customers", "0", "--out", "c.csv"], in: directory)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--customers must be at least 1"))
    }

    /// No output replaces the database (by any path to it), an input, or a file of another kind
    /// without --force; the database is intact afterwards.
    @Test func outputsNeverReplaceTheDatabase() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["--database", "g.sqlite", "init"], in: directory)
        try CLI.run(["--database", "g.sqlite", "import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let database = directory.appendingPathComponent("g.sqlite")
        for arguments in [
            ["--database", "g.sqlite", "summary", "--format", "csv", "--out", "g.sqlite"],
            ["summary", "--database", "g.sqlite", "--format", "csv", "--out", "./g.sqlite", "--force"],
            ["--database", "g.sqlite", "segments", "--out", "g.sqlite-wal"],
            ["--database=g.sqlite", "fit", "--format", "json", "--out", "g.sqlite"],
        ] {
            let run = try CLI.run(arguments, in: directory)
            #expect(run.status == 1, "\(arguments)")
            #expect(
                run.stderr.contains("is the database: an output never replaces it; choose another file"),
                "\(run.stderr)")
        }
        let zh = try CLI.run(["--database", "g.sqlite", "fit", "--out", "g.sqlite", "--lang", "zh"], in: directory)
        #expect(zh.stderr.contains("g.sqlite 是数据库文件：输出不会覆盖数据库，请另选文件"))
        // Still the database (SQLite may checkpoint it when a command closes it, so its bytes may move).
        let header = try FileHandle(forReadingFrom: database).read(upToCount: 16)
        #expect(header == Data("SQLite format 3\u{0}".utf8))
        let summary = try CLI.run(["--database", "g.sqlite", "summary"], in: directory)
        #expect(summary.status == 0 && summary.stdout.contains("2357 customers"))

        // Another database is a file of another kind: kept unless --force.
        try CLI.run(["--database", "other.sqlite", "init"], in: directory)
        let other = try CLI.run(
            ["--database", "g.sqlite", "summary", "--format", "csv", "--out", "other.sqlite"], in: directory)
        #expect(other.status == 1)
        #expect(
            other.stderr.contains(
                "Error: other.sqlite already exists and is an SQLite database, not csv output: it is kept; choose "
                    + "another file or replace it on purpose; add --force to replace it"))
        let forced = try CLI.run(
            ["--database", "g.sqlite", "summary", "--format", "csv", "--out", "other.sqlite", "--force"], in: directory)
        #expect(forced.status == 0)
        let written = try String(contentsOf: directory.appendingPathComponent("other.sqlite"), encoding: .utf8)
        #expect(written.hasPrefix("customer_id,frequency,"))
        // The same kind is replaced as before, and no temporary file is left behind.
        let again = try CLI.run(
            ["--database", "g.sqlite", "summary", "--format", "csv", "--out", "other.sqlite"], in: directory)
        #expect(again.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(names.isEmpty)
    }
}
