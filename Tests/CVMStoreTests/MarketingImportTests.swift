import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// `Store.importMarketing`: columns, months, bad inputs with their exact messages, re-import.
@Suite struct MarketingImportTests {
    /// Marketing rows, customers, imports: to check that a failed import left nothing.
    func snapshot(_ scratch: Scratch) throws -> [Int] {
        [
            try scratch.count("SELECT count(*) FROM marketing"), try scratch.count("SELECT count(*) FROM customers"),
            try scratch.count("SELECT count(*) FROM imports"),
        ]
    }

    func failing(_ scratch: Scratch, _ url: URL) -> ImportError? {
        do {
            _ = try scratch.store.importMarketing(from: url)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            return nil
        }
    }

    @Test func chineseHeadersMonthsAndSegments() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "m.csv",
            """
            客户编号,客户群,期间,营销投入,活动编号,渠道
            c1,gold,2024-03,¥1,000.50,A1,email
            c2,,202404,20,A1,
            ,gold,2024年5月,300,A2,tv
            c1,,2024/06/15,0,,

            """.replacingOccurrences(of: "¥1,000.50", with: "\"¥1,000.50\""))
        let report = try scratch.store.importMarketing(from: url)
        #expect(report.counts == "4 rows read: 4 stored, 0 duplicates skipped, 0 rejected")
        #expect(report.customersCreated == 2)
        let spend = try scratch.store.marketingSpend(from: Day(iso: "2024-01-01")!, through: Day(iso: "2024-12-31")!)
        #expect(
            spend == [
                SpendRecord(
                    customerID: "c1", segment: "gold", day: Day(iso: "2024-03-01")!, amount: 1000.5, campaign: "A1"),
                SpendRecord(customerID: "c2", segment: nil, day: Day(iso: "2024-04-01")!, amount: 20, campaign: "A1"),
                SpendRecord(
                    customerID: nil, segment: "gold", day: Day(iso: "2024-05-01")!, amount: 300, campaign: "A2"),
                SpendRecord(customerID: "c1", segment: nil, day: Day(iso: "2024-06-15")!, amount: 0, campaign: nil),
            ])
        #expect(try scratch.store.marketingDayRange() == Day(iso: "2024-03-01")!...Day(iso: "2024-06-15")!)
    }

    @Test func missingSpendColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = failing(scratch, try scratch.file("m.csv", "customer_id,date,campaign_id\nc1,2024-01-01,A\n"))
        #expect(error?.code == .missingColumn)
        #expect(
            error?.message
                == "m.csv has no spend column (looked for spend, amount, marketing_spend, investment, cost, 营销投入, 投入金额, "
                + "投入, 金额, 费用); its columns are: customer_id, date, campaign_id. Map spend to one of its columns.")
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func missingCustomerAndSegmentColumns() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = failing(scratch, try scratch.file("m.csv", "date,spend\n2024-01-01,5\n"))
        #expect(error?.code == .missingColumn)
        #expect(
            error?.message
                == "m.csv has no customer id or segment column (looked for customer_id, customer, 客户编号, 客户ID, 客户代码, "
                + "segment, customer_segment, group, 客户群, 客户分群, 分群, 细分市场); its columns are: date, spend. "
                + "Map customer_id or segment to one of its columns.")
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func badDateNegativeSpendAndEmptyTarget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "m.csv", "客户编号,客户群,日期,营销投入\nc1,,2024-13,5\nc2,,2024-01-01,-5\n,,2024-01-01,5\nc3,,2024-01-01,5\n")
        let error = failing(scratch, url)
        #expect(error?.code == .invalidRows)
        #expect(
            error?.message == """
                m.csv, line 2, column "日期": "2024-13" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 \
                date-time, or a date pattern, or a month such as 2024-03, 202403 or 2024年3月)
                m.csv, line 3, column "营销投入": "-5" is negative: spend is an amount of 0 or more
                m.csv, line 4, column "客户编号": the row has neither a customer id nor a segment
                Nothing was imported from m.csv. Fix these rows, or import only the valid rows and have the \
                invalid ones written to a rejects file.
                """)
        // Nothing stored: not even the valid row of c3, nor its customer.
        #expect(try snapshot(scratch) == [0, 0, 0])

        // --skip-invalid stores the good row and writes the others with their reasons.
        var options = ImportOptions()
        options.skipInvalid = true
        let report = try scratch.store.importMarketing(from: url, options: options)
        #expect(report.counts == "4 rows read: 1 stored, 0 duplicates skipped, 3 rejected")
        let rejects = try String(contentsOf: try #require(report.rejectsURL), encoding: .utf8)
        #expect(rejects.contains("c2,,2024-01-01,-5,3,"))
    }

    @Test func reimportStoresNothingAndACorrectionUpdates() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = "customer_id,date,spend,campaign_id\nc1,2024-01-01,10,A\nc1,2024-01-01,10,A\nc2,2024-01-01,7,A\n"
        let first = try scratch.store.importMarketing(from: try scratch.file("m.csv", text))
        #expect(first.counts == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        let again = try scratch.store.importMarketing(from: try scratch.file("m.csv", text))
        #expect(again.counts == "3 rows read: 0 stored, 3 duplicates skipped, 0 rejected")
        #expect(try scratch.count("SELECT count(*) FROM marketing") == 3)
        // A re-export with c2's amount corrected: updated in place, not added.
        let corrected = text.replacingOccurrences(of: "c2,2024-01-01,7", with: "c2,2024-01-01,8")
        let third = try scratch.store.importMarketing(from: try scratch.file("m2.csv", corrected))
        #expect(third.counts == "3 rows read: 0 stored, 1 updated, 2 duplicates skipped, 0 rejected")
        #expect(try scratch.count("SELECT count(*) FROM marketing") == 3)
        #expect(try scratch.count("SELECT sum(amount) FROM marketing") == 28)
    }
}
