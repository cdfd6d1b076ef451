import Foundation
import Testing
import _CVMTestSupport

/// `cvm import marketing|payments`, `cvm elasticity` and `cvm credit` end to end on the bundled
/// CDNOW sample, with a few hand-written rows of spend and payments for customers 1, 2 and 6.
@Suite(.serialized) struct CreditAndElasticityCommandTests {
    let directory: URL
    let database: String

    init() throws {
        directory = try Fixtures.temporaryDirectory()
        database = directory.appendingPathComponent("cvm.sqlite").path
        try CLI.run(["init", "--database", database])
        let imported = try CLI.run(["import", "transactions", Fixtures.cdnowSample.path, "--database", database])
        precondition(imported.status == 0, imported.stderr)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private func cvm(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try CLI.run(arguments + ["--database", database])
    }

    /// Revenue in the window 1997-07-01 … 1998-06-30 (from the CDNOW sample):
    /// customer 1: 14.96 + 26.48 = 41.44; customer 2: 0; customer 6: 673.90 (ten purchases).
    /// Segment A = {1, 2}: spend 10 + 20 = 30, revenue 41.44 → 1.381333…
    /// Segment B = {6}: spend 100 (1997-10) + 50 (1998-02), revenue 673.90 → 4.492666…;
    /// log-log over its two months: ln(180.00 / 78.47) / ln(50 / 100) = −1.1977838012413686
    /// (February 1998: 123.96 + 32.98 + 23.06 = 180.00; October 1997: 78.47).
    /// Budget 180 (current), ±50 %: weights 673.90 and 41.44; A would get 10.43 < 15, so A = 15
    /// (its floor) and B = 165; expected revenue 165 × 4.492666… + 15 × 1.381333… = 741.29 + 20.72 = 762.01.
    @Test func elasticityEndToEnd() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let spend = try write(
            "spend.csv",
            """
            客户编号,期间,营销投入,活动编号,客户群
            1,1997-08,10,C1,A
            6,1997-10,100,C1,B
            6,1998-02,50,C2,B
            2,1997-09,20,C2,A

            """)
        let imported = try cvm(["import", "marketing", spend])
        #expect(imported.status == 0)
        #expect(
            imported.stdout.contains(
                "Imported marketing spend from spend.csv: 4 rows read: 4 stored, 0 duplicates skipped, 0 rejected"))
        let again = try cvm(["import", "marketing", spend])
        #expect(again.stdout.contains("4 rows read: 0 stored, 4 duplicates skipped, 0 rejected"))

        let groups = try cvm(["elasticity", "--by", "marketing", "--as-of", "1998-06-30", "--format", "csv"])
        #expect(groups.status == 0, "\(groups.stderr)")
        let lines = groups.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "rank,group,name,customers,spend,revenue,elasticity,loglog_slope,loglog_months,suggested_spend,change,expected_revenue"
        )
        #expect(lines[1].hasPrefix("1,B,B,1,150,673.9,4.49266666666667,"))
        // Thin data: 3 customers, 4 months with spend, C1 holds 110 of 180 (61 %): one caveat.
        #expect(
            groups.stderr
                == "Caveat: only 3 customers reached by spend between 1997-07-01 and 1998-06-30 (fewer than 30): "
                + "the ratios rest on few people\n")

        let customers = try cvm([
            "elasticity", "--by", "marketing", "--as-of", "1998-06-30", "--format", "csv", "--view", "customers",
        ])
        #expect(
            customers.stdout == """
                rank,customer_id,group,spend,revenue,elasticity
                1,6,B,150,673.9,4.49266666666667
                2,1,A,10,41.44,4.144
                3,2,A,20,0,0

                """)

        let json = try cvm(["elasticity", "--by", "marketing", "--as-of", "1998-06-30", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let budget = object["budget"] as! [String: Any]
        #expect(abs((budget["expected_revenue"] as! Double) - 762.01) < 1e-9)

        let table = try cvm(["elasticity", "--as-of", "1998-06-30"])
        #expect(table.status == 0)
        #expect(
            table.stdout.contains("Value elasticity: revenue per unit of marketing spend, 1997-07-01 to 1998-06-30"))
        #expect(table.stdout.contains("Caveats:"))
        let zh = try cvm(["elasticity", "--as-of", "1998-06-30", "--lang", "zh"])
        #expect(zh.stdout.hasPrefix("价值弹性：每单位营销投入带来的收入，1997-07-01 至 1998-06-30（12 个月）"))
        let outside = try cvm(["elasticity", "--as-of", "1997-06-30", "--window-months", "2"])
        #expect(
            outside.stderr.contains(
                "Error: no marketing spend between 1997-05-01 and 1997-06-30: the stored spend runs from 1997-08-01 to "
                    + "1998-02-01; choose an as-of date and window that cover it (--as-of, --window-months)"))

        let margin = try cvm(["elasticity", "--margin"])
        #expect(margin.status != 0)
        #expect(margin.stderr.contains("has a cost, so there is no margin to measure"))
    }

    /// As of 1998-06-30:
    /// - 1: INV-5 100 due and paid 06-10 → June AAA; April AAA (INV-1 on time), May A (INV-2 paid
    ///   10 days late) → quarter mean (6 + 4 + 6) / 3 = 5.33 → AA.
    /// - 2: INV-4 300 due 06-01, 150 paid 06-05, 150 still open 29 days → overdue 50 %, paid 50 % → B.
    /// - 6: INV-3 200 due 03-01, never paid: 121 days → D, and the default rule.
    @Test func creditEndToEnd() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let payments = try write(
            "payments.csv",
            """
            客户编号,发票号,应付日期,实付日期,应付金额,实付金额
            1,INV-1,1998-04-10,1998-04-10,100,
            1,INV-2,1998-05-10,1998-05-20,100,
            1,INV-5,1998-06-10,1998-06-10,100,
            6,INV-3,1998-03-01,,200,
            2,INV-4,1998-06-01,1998-06-05,300,150

            """)
        let imported = try cvm(["import", "payments", payments])
        #expect(imported.status == 0)
        #expect(
            imported.stdout.contains(
                "Imported payments from payments.csv: 5 rows read: 5 stored, 0 duplicates skipped, 0 rejected"))

        let month = try cvm(["credit", "--as-of", "1998-06-30", "--format", "csv"])
        #expect(month.status == 0, "\(month.stderr)")
        #expect(
            month.stdout == """
                customer_id,period,grade,overdue_days,overdue_amount,payment_ratio,reason
                1,1998-06,AAA,0,0,1,meets every AAA threshold
                2,1998-06,B,29,150,0.5,overdue amount 50% of due (A allows 30%); paid 50% of due (A needs 70%)
                6,1998-06,D,121,200,0,"overdue 121 days (C allows 90); default: unpaid 121 days past due (> 90), at most D"

                """)

        let table = try cvm(["credit", "--as-of", "1998-06-30"])
        #expect(table.stdout.contains("AAA 1 · AA 0 · A 0 · B 1 · C 0 · D 1 (3 grades)"))
        let zh = try cvm(["credit", "--as-of", "1998-06-30", "--period", "quarter", "--lang", "zh"])
        #expect(zh.stdout.hasPrefix("信用等级（按季度（最近 3 个月）），截至 1998-06-30，规则：内置\n"))
        #expect(zh.stdout.contains("客户编号"))

        // Own rules: two grades, no adjustment.
        let rules = try write(
            "rules.toml",
            """
            adjustment = []  # before the first [[grade]]: a key after a table header belongs to that table

            [[grade]]
            name = "good"
            max_overdue_days = 30

            [[grade]]
            name = "poor"
            """)
        let own = try cvm(["credit", "--as-of", "1998-06-30", "--rules", rules, "--format", "csv"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(
            own.stdout.split(separator: "\n").map { $0.split(separator: ",")[2] } == ["grade", "good", "good", "poor"])

        let bad = try write("bad.toml", "[[grade]]\nname = \"x\"\nmax_overdue = 3\n")
        let failed = try cvm(["credit", "--rules", bad])
        #expect(failed.status != 0)
        #expect(
            failed.stderr.contains(
                "bad.toml: [[grade]] 1: unknown key \"max_overdue\" (known: name, max_overdue_days, max_overdue_share, "
                    + "min_payment_ratio)"))

        // --show-rules prints TOML that reads back as the same table.
        let shown = try cvm(["credit", "--show-rules"])
        let roundTrip = try cvm([
            "credit", "--as-of", "1998-06-30", "--format", "csv", "--rules", try write("shown.toml", shown.stdout),
        ])
        #expect(roundTrip.stdout == month.stdout)
    }

    @Test func paymentsImportErrorsNameTheRow() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try write("p.csv", "customer_id,due_date,paid_date,amount_due\n1,1998-01-01,,abc\n")
        let result = try cvm(["import", "payments", file])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "p.csv, line 2, column \"amount_due\": \"abc\" is not an amount (expected a number such as 1234.50, "
                    + "-12, "
                    + "1,234.50, (12.50) or ¥99)"))
        let none = try cvm(["credit"])
        #expect(none.stderr.contains("the database has no payments yet: run `cvm import payments FILE` first"))
    }
}
