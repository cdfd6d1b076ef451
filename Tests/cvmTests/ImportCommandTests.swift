import Foundation
import Testing
import _CVMTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `cvm import …` run as a user runs it: the built binary in a subprocess.
@Suite(.serialized) struct ImportCommandTests {
    let directory: URL
    let database: String

    init() throws {
        directory = try Fixtures.temporaryDirectory()
        database = directory.appendingPathComponent("cvm.sqlite").path
        try CLI.run(["init", "--database", database])
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func importsAndReimports() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let sample = Fixtures.cdnowSample.path
        let first = try CLI.run(["import", "transactions", sample, "--database", database])
        #expect(first.status == 0)
        #expect(first.stdout.contains("2357 new customers created"))
        #expect(
            first.stdout.contains(
                "Imported transactions from transactions.csv: 6,919 rows read: 6,919 stored, 0 duplicates skipped, 0 rejected"
            ))
        // Global options may stand before the subcommand.
        let second = try CLI.run(["--database", database, "import", "transactions", sample])
        #expect(second.status == 0)
        #expect(second.stdout.contains("Nothing new: every valid row of transactions.csv is already in the database."))
        #expect(second.stdout.contains("6,919 rows read: 0 stored, 6,919 duplicates skipped, 0 rejected"))
    }

    @Test func invalidRowsFailWithTheirLocation() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write("orders.csv", "会员号,日期,实付金额,备注\nm1,2023-13-01,5,x\nm2,2023-01-02,6,y\n")
        let result = try CLI.run([
            "import", "transactions", file, "--database", database, "--map", "customer_id=会员号,amount=实付金额",
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Error: orders.csv, line 2, column \"日期\": \"2023-13-01\" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, "
                    + "YYYYMMDD, an ISO-8601 date-time, or a date pattern)\nNothing was imported from orders.csv."))
        #expect(result.stderr.contains("Options: --skip-invalid, --date-format PATTERN."))

        let skipped = try CLI.run([
            "import", "transactions", file, "--database", database, "--map", "customer_id=会员号",
            "--map", "amount=实付金额", "--skip-invalid",
        ])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.contains("Ignored columns not used for transactions: \"备注\""))
        #expect(skipped.stdout.contains("Rejected rows written to \(file).rejects.csv"))
        #expect(skipped.stdout.contains("2 rows read: 1 stored, 0 duplicates skipped, 1 rejected"))
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.hasPrefix("会员号,日期,实付金额,备注,line,error\nm1,2023-13-01,5,x,2,"))
    }

    /// `--rejects` naming the input (or the database) is refused: the input keeps its good rows.
    @Test func rejectsNeverReplaceTheInput() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "customer_id,date,amount\nc1,2024-01-01,5\nc2,2024-13-01,5\n"
        let file = try write("orders.csv", text)
        for rejects in [file, database] {
            let run = try CLI.run([
                "import", "transactions", file, "--database", database, "--skip-invalid", "--rejects", rejects,
                "--force",
            ])
            #expect(run.status == 1)
            #expect(run.stderr.contains("Error: \(rejects) is "), "\(run.stderr)")
            #expect(run.stderr.contains(": an output never replaces it; choose another file"))
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
        let zh = try CLI.run([
            "import", "transactions", file, "--database", database, "--skip-invalid", "--rejects", file, "--lang", "zh",
        ])
        #expect(zh.stderr.contains("是本命令读取的输入文件：输出不会覆盖它，请另选文件"))
        let ok = try CLI.run(["import", "transactions", file, "--database", database, "--skip-invalid", "--lang", "zh"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("读取 2 行：存储 1 行，跳过重复 0 行，拒绝 1 行"))
    }

    @Test func optionMistakesAreAdvice() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write("t.csv", "customer_id,date,amount\nc,2024-01-01,1\n")
        let rejects = try CLI.run(["import", "transactions", file, "--database", database, "--rejects", "r.csv"])
        #expect(rejects.status != 0)
        #expect(rejects.stderr.contains("--rejects only applies with --skip-invalid"))
        let map = try CLI.run(["import", "transactions", file, "--database", database, "--map", "amount"])
        #expect(map.stderr.contains("Error: --map \"amount\" is not COLUMN=HEADER"))
        let missing = try CLI.run([
            "import", "customers", directory.appendingPathComponent("none.csv").path, "--database", database,
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.csv: No such file or directory"))
    }

    /// A crash mid-import (SIGKILL, as a power cut or the OOM killer would) leaves the database
    /// exactly as it was before the import.
    @Test func killedImportLeavesTheDatabaseAsItWas() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = try write("small.csv", "customer_id,date,amount\nold,2024-01-01,1\nold,2024-01-02,2\n")
        try CLI.run(["import", "transactions", small, "--database", database])

        let big = directory.appendingPathComponent("big.csv")
        try Fixtures.manyTransactions(customers: 150_000).write(to: big)

        let (process, _, stderr) = CLI.start(["import", "transactions", big.path, "--database", database])
        // The progress line shows once rows are being stored (after a second): kill then.
        let progress = ProgressSeen()
        stderr.fileHandleForReading.readabilityHandler = { handle in
            if String(decoding: handle.availableData, as: UTF8.self).contains("rows") { progress.seen = true }
        }
        try process.run()
        let started = Date()
        while process.isRunning, !progress.seen, Date().timeIntervalSince(started) < 20 { usleep(10_000) }
        let wasRunning = process.isRunning && progress.seen
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        stderr.fileHandleForReading.readabilityHandler = nil
        #expect(wasRunning, "the import finished before it could be killed; make the file larger")
        #expect(process.terminationReason == .uncaughtSignal)

        // Opening the database recovers it (the WAL's uncommitted frames are ignored).
        let counts = try CLI.run(["init", "--database", database])
        #expect(counts.stdout == "Database ready: \(database) (1 customers, 2 transactions)\n")
        let reimport = try CLI.run(["import", "transactions", small, "--database", database])
        #expect(reimport.stdout.contains("2 rows read: 0 stored, 2 duplicates skipped, 0 rejected"))
    }
}

private final class ProgressSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var seen: Bool {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
