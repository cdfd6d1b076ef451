import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// `Store.importComplaints`: zh/en headers, severity words, the satisfaction scale, values that
/// cannot be, re-imports that resolve complaints, rejects.
@Suite struct ComplaintImportTests {
    func snapshot(_ scratch: Scratch) throws -> [Int] {
        [
            try scratch.count("SELECT count(*) FROM complaints"), try scratch.count("SELECT count(*) FROM customers"),
            try scratch.count("SELECT count(*) FROM imports"),
        ]
    }

    func failing(_ scratch: Scratch, _ url: URL, _ options: ImportOptions = ImportOptions()) -> ImportError? {
        do {
            _ = try scratch.store.importComplaints(from: url, options: options)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            return nil
        }
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func chineseHeadersSeverityWordsAndTimes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "投诉.csv",
            """
            客户编号,投诉编号,投诉时间,投诉类别,严重程度,解决时间,处理结果,满意度,投诉渠道
            甲,T1,2024-03-01 09:30,质量,高,2024-03-02 11:00,换货,4,电话
            甲,T2,2024-03-05,物流,低,,,,
            乙,,2024-03-06,服务态度,中,2024-03-08,道歉,2,微信
            乙,,2024-03-07,,3,2024-03-07,,,

            """)
        let report = try scratch.store.importComplaints(from: url)
        #expect(report.counts == "4 rows read: 4 stored, 0 duplicates skipped, 0 rejected")
        let a = try scratch.store.complaints(customer: "甲")
        #expect(
            a == [
                Complaint(
                    customerID: "甲", complaintID: "T1", opened: Self.day("2024-03-01"), openedMinute: 570,
                    resolved: Self.day("2024-03-02"), resolvedMinute: 660, category: "质量", severity: 5,
                    resolution: "换货", satisfaction: 4, channel: "电话"),
                Complaint(
                    customerID: "甲", complaintID: "T2", opened: Self.day("2024-03-05"), category: "物流", severity: 1),
            ])
        // 2024-03-01 09:30 to 2024-03-02 11:00: 25.5 hours.
        #expect(a[0].resolutionHours == 25.5)
        let b = try scratch.store.complaints(customer: "乙")
        #expect(b.map(\.severity) == [3, 3])
        // Dates without times: whole days × 24.
        #expect(b.map(\.resolutionHours) == [48, 0])
        #expect(try scratch.store.complaints().count == 4)
    }

    @Test func satisfactionScaleIsDeclaredAndStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("c.csv", "customer_id,opened,resolved,satisfaction\nc1,2024-01-01,2024-01-02,7\n")
        #expect(
            failing(scratch, url)?.rowErrors.map(\.description) == [
                "c.csv, line 2, column \"satisfaction\": \"7\" is outside the satisfaction scale 1–5: declare the "
                    + "scale the file uses when importing (1-5, 1-7, 1-10 or 0-10)"
            ])
        _ = try scratch.store.importComplaints(
            from: url, options: ImportOptions(satisfactionScale: SatisfactionScale(0, 10)))
        let stored = try #require(try scratch.store.complaints(customer: "c1").first)
        #expect(stored.scale == SatisfactionScale(0, 10))
        #expect(stored.satisfactionShare == 0.7)
    }

    @Test func valuesThatCannotBeAreLineExactErrors() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "c.csv",
            """
            customer_id,opened,resolved,severity,satisfaction
            c1,2024-01-05,2024-01-04,,
            c2,2024-01-05 10:00,2024-01-05 09:59,,
            c3,2024-01-05,2024-01-06,9,
            c4,2024-01-05,2024-01-06,urgent,
            c5,2024-01-05,2024-01-06,,0
            c6,2024-01-05,,,4
            c7,2024-01-05,2024-01-06,,good
            c8,,2024-01-06,,
            c9,2024-01-05,soon,,
            c10,2024-01-05,2024-01-06,,nan
            c11,2024-01-05 10:00,2024-01-05,,

            """)
        let dates = "expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 date-time, or a date pattern"
        let severity = "expected 1 to 5, or low, medium or high (低, 中, 高)"
        #expect(
            failing(scratch, url)?.rowErrors.map(\.description) == [
                "c.csv, line 2, column \"resolved\": \"2024-01-04\" is before the opening \"2024-01-05\": a complaint "
                    + "is resolved after it was opened",
                "c.csv, line 3, column \"resolved\": \"2024-01-05 09:59\" is before the opening \"2024-01-05 10:00\": "
                    + "a complaint is resolved after it was opened",
                "c.csv, line 4, column \"severity\": \"9\" is outside the severity scale 1–5 (\(severity))",
                "c.csv, line 5, column \"severity\": \"urgent\" is not a severity (\(severity))",
                "c.csv, line 6, column \"satisfaction\": \"0\" is outside the satisfaction scale 1–5: declare the "
                    + "scale the file uses when importing (1-5, 1-7, 1-10 or 0-10)",
                "c.csv, line 7, column \"satisfaction\": the complaint has a satisfaction rating (\"4\") but no "
                    + "resolved date: the rating is of the resolution, so give the date it was resolved, or leave the "
                    + "rating empty",
                "c.csv, line 8, column \"satisfaction\": \"good\" is not a satisfaction rating (expected a number "
                    + "from 1 to 5, the declared scale)",
                "c.csv, line 9, column \"opened\": the opening date is empty",
                "c.csv, line 10, column \"resolved\": \"soon\" is not a date (\(dates))",
                "c.csv, line 11, column \"satisfaction\": \"nan\" is not a satisfaction rating (expected a number "
                    + "from 1 to 5, the declared scale)",
            ])
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func missingResolvedColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = failing(scratch, try scratch.file("c.csv", "customer_id,opened\nc1,2024-01-01\n"))
        #expect(error?.code == .missingColumn)
        #expect(error?.message.hasPrefix("c.csv has no resolved column (looked for resolved, resolved_at") == true)
    }

    @Test func reimportAndResolvedLater() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let open = try scratch.file(
            "a.csv",
            """
            customer_id,complaint_id,opened,category,resolved,satisfaction
            c1,T1,2024-01-01,quality,,
            c1,,2024-01-02,delivery,,
            c2,,2024-01-02,delivery,2024-01-03,5

            """)
        #expect(
            try scratch.store.importComplaints(from: open).counts
                == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        #expect(
            try scratch.store.importComplaints(from: open).counts
                == "3 rows read: 0 stored, 3 duplicates skipped, 0 rejected")
        let later = try scratch.file(
            "b.csv",
            """
            customer_id,complaint_id,opened,category,resolved,satisfaction
            c1,T1,2024-01-01,quality,2024-01-04,2
            c1,,2024-01-02,delivery,2024-01-05,
            c2,,2024-01-02,delivery,2024-01-03,5

            """)
        let report = try scratch.store.importComplaints(from: later)
        #expect(report.counts == "3 rows read: 0 stored, 2 updated, 1 duplicates skipped, 0 rejected")
        let c1 = try scratch.store.complaints(customer: "c1")
        #expect(c1.map(\.resolved) == [Self.day("2024-01-04"), Self.day("2024-01-05")])
        #expect(c1.map(\.satisfaction) == [2, nil])
        // An import that updated earlier rows cannot be deleted exactly.
        #expect(throws: StoreError.self) { try scratch.store.deleteImport(report.importID) }
    }

    @Test func skipInvalidAndMap() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("c.csv", "who,when,done\nc1,2024-01-01,\nc2,2024-01-05,2024-01-01\n")
        let options = ImportOptions(
            mapping: ["customer_id": "who", "opened": "when", "resolved": "done"], skipInvalid: true)
        let report = try scratch.store.importComplaints(from: url, options: options)
        #expect(report.counts == "2 rows read: 1 stored, 0 duplicates skipped, 1 rejected")
        #expect(try scratch.store.complaints().map(\.customerID) == ["c1"])
    }
}
