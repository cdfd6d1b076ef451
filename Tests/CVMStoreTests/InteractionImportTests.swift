import CustomerValue
import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

/// `Store.importInteractions`: zh/en headers and values, `--map`, every line-exact error, nothing
/// stored on error, rejects, re-imports, CRLF/BOM/invisible spaces.
@Suite struct InteractionImportTests {
    func snapshot(_ scratch: Scratch) throws -> [Int] {
        [
            try scratch.count("SELECT count(*) FROM interactions"), try scratch.count("SELECT count(*) FROM customers"),
            try scratch.count("SELECT count(*) FROM imports"),
        ]
    }

    func failing(_ scratch: Scratch, _ url: URL, _ options: ImportOptions = ImportOptions()) -> ImportError? {
        do {
            _ = try scratch.store.importInteractions(from: url, options: options)
            return nil
        } catch let error as ImportError {
            return error
        } catch {
            return nil
        }
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func englishHeadersAndValues() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "i.csv",
            """
            customer_id,date,channel,owner,outcome,direction,stage,note
            c1,2024-03-01 09:30,Phone Call,Ann,reached,in,need recognition,asked for a quote
            c1,2024-03-04,e-mail,Ann,,outbound,,
            c2,2024-03-05,WeChat,,no answer,,after-sales,

            """)
        let report = try scratch.store.importInteractions(from: url)
        #expect(report.counts == "3 rows read: 3 stored, 0 duplicates skipped, 0 rejected")
        #expect(report.customersCreated == 2)
        #expect(
            try scratch.store.interactions(customer: "c1") == [
                Interaction(
                    customerID: "c1", day: Self.day("2024-03-01"), time: "09:30", channel: .call, owner: "Ann",
                    outcome: "reached", direction: .inbound, stage: .needRecognition, note: "asked for a quote"),
                Interaction(
                    customerID: "c1", day: Self.day("2024-03-04"), channel: .email, owner: "Ann",
                    direction: .outbound),
            ])
        #expect(
            try scratch.store.interactions(customer: " c2 ") == [
                Interaction(
                    customerID: "c2", day: Self.day("2024-03-05"), channel: .message, outcome: "no answer",
                    stage: .afterSales)
            ])
        #expect(try scratch.store.interactions(customer: "nobody") == [])
        let record = try #require(try scratch.store.imports().last)
        #expect(record.kind == .interactions)
        #expect(record.days == Self.day("2024-03-01")...Self.day("2024-03-05"))
    }

    @Test func chineseHeadersAndValues() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "接触.csv",
            """
            客户编号,接触时间,接触方式,负责人,结果,方向,阶段,备注
            甲,2024-03-01,电话,王芳,已联系,呼入,信息搜集,
            甲,2024-03-02,拜访,王芳,,外呼,评估比较,带样品
            乙,2024-03-03,短信,李娜,,来访,购买决策,
            乙,2024-03-04,微信,李娜,,去电,使用,
            乙,2024-03-05,会议,李娜,,,售后服务,
            乙,2024-03-06,其他,李娜,,,需求识别,
            乙,2024-03-07,邮件,李娜,,,,

            """)
        let report = try scratch.store.importInteractions(from: url)
        #expect(report.rowsStored == 7)
        let a = try scratch.store.interactions(customer: "甲")
        #expect(a.map(\.channel) == [.call, .visit])
        #expect(a.map(\.direction) == [.inbound, .outbound])
        #expect(a.map(\.stage) == [.search, .evaluation])
        #expect(a[1].note == "带样品")
        let b = try scratch.store.interactions(customer: "乙")
        #expect(b.map(\.channel) == [.message, .message, .meeting, .other, .email])
        #expect(b.map(\.direction) == [.inbound, .outbound, nil, nil, nil])
        #expect(b.map(\.stage) == [.purchase, .use, .afterSales, .needRecognition, nil])
    }

    @Test func mappedHeaders() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "i.csv",
            """
            会员号,联系日子,手段,销售代表
            m1,2024-01-02,call,Bo

            """)
        let options = ImportOptions(
            mapping: ["customer_id": "会员号", "date": "联系日子", "channel": "手段", "owner": "销售代表"])
        _ = try scratch.store.importInteractions(from: url, options: options)
        #expect(
            try scratch.store.interactions(customer: "m1") == [
                Interaction(customerID: "m1", day: Self.day("2024-01-02"), channel: .call, owner: "Bo")
            ])
    }

    @Test func missingChannelColumn() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("i.csv", "customer_id,date\nc1,2024-01-01\n")
        let error = failing(scratch, url)
        #expect(error?.code == .missingColumn)
        #expect(
            error?.message
                == "i.csv has no channel column (looked for channel, contact_channel, type, 渠道, 方式, 接触方式, "
                + "联系方式, 跟进方式); its columns are: customer_id, date. Map channel to one of its columns.")
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func badRowsAreListedAndNothingIsStored() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "i.csv",
            """
            customer_id,date,channel,owner,direction,stage
            c1,2024-01-01,call,Ann,,
            ,2024-01-01,call,Ann,,
            c2,,call,Ann,,
            c3,2024-02-30,call,Ann,,
            c4,1850-01-01,call,Ann,,
            c5,2024-01-01,fax,Ann,,
            c6,2024-01-01,,Ann,,
            c7,2024-01-01,call,Ann,sideways,
            c8,2024-01-01,call,Ann,,shopping
            c9,2024-01-01,call,A\u{7}n,,

            """)
        let error = failing(scratch, url)
        #expect(error?.code == .invalidRows)
        let dates = "expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 date-time, or a date pattern"
        #expect(
            error?.rowErrors.map(\.description) == [
                "i.csv, line 3, column \"customer_id\": the customer id is empty",
                "i.csv, line 4, column \"date\": the date is empty",
                "i.csv, line 5, column \"date\": \"2024-02-30\" is not a date (\(dates))",
                "i.csv, line 6, column \"date\": \"1850-01-01\" is before 1900-01-01: is it a typo? If the file "
                    + "really has such early dates, allow early dates when importing",
                "i.csv, line 7, column \"channel\": \"fax\" is not a channel (expected call, visit, email, message, "
                    + "meeting or other (电话, 拜访, 邮件, 短信, 微信, 会议, 其他))",
                "i.csv, line 8, column \"channel\": the channel is empty",
                "i.csv, line 9, column \"direction\": \"sideways\" is not a direction (expected inbound or outbound "
                    + "(呼入/来电/来访 or 呼出/去电/外呼), or an empty cell)",
                "i.csv, line 10, column \"stage\": \"shopping\" is not a journey stage (expected need recognition, "
                    + "search, evaluation, purchase, use or after-sales (需求识别, 信息搜集, 评估比较, 购买决策, 使用, "
                    + "售后服务), or an empty cell)",
                "i.csv, line 11, column \"owner\": the owner contains a control character (U+0007, character 2); "
                    + "ids must be visible text",
            ])
        #expect(try snapshot(scratch) == [0, 0, 0])
    }

    @Test func futureDatesAreRefusedUnlessAllowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("i.csv", "customer_id,date,channel\nc1,2024-06-02,call\n")
        let latest = Self.day("2024-06-01")
        let error = failing(scratch, url, ImportOptions(latestDay: latest))
        #expect(
            error?.rowErrors.map(\.description) == [
                "i.csv, line 2, column \"date\": \"2024-06-02\" is after 2024-06-01, the latest date accepted: a date "
                    + "in the future is most likely a typo; if the file really has future dates, allow them when "
                    + "importing"
            ])
        let report = try scratch.store.importInteractions(
            from: url, options: ImportOptions(allowFutureDates: true, latestDay: latest))
        #expect(report.rowsStored == 1)
    }

    @Test func skipInvalidWritesRejects() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("i.csv", "customer_id,date,channel\nc1,2024-01-01,call\nc2,2024-01-01,fax\n")
        let rejects = scratch.directory.appendingPathComponent("r.csv")
        let report = try scratch.store.importInteractions(
            from: url, options: ImportOptions(skipInvalid: true, rejectsURL: rejects))
        #expect(report.counts == "2 rows read: 1 stored, 0 duplicates skipped, 1 rejected")
        let text = try String(contentsOf: rejects, encoding: .utf8)
        #expect(text.contains("c2,2024-01-01,fax,3,"))
        #expect(text.contains("is not a channel"))
    }

    @Test func reimportStoresNothingNewAndUpdatesOutcomes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Two calls by one owner on one day without times are two contacts.
        let first = try scratch.file(
            "a.csv",
            """
            customer_id,date,channel,owner,outcome
            c1,2024-01-01,call,Ann,
            c1,2024-01-01,call,Ann,
            c1,2024-01-01 10:00,call,Ann,
            c1,2024-01-01,call,Bo,

            """)
        #expect(
            try scratch.store.importInteractions(from: first).counts
                == "4 rows read: 4 stored, 0 duplicates skipped, 0 rejected")
        #expect(
            try scratch.store.importInteractions(from: first).counts
                == "4 rows read: 0 stored, 4 duplicates skipped, 0 rejected")
        let later = try scratch.file(
            "b.csv",
            """
            customer_id,date,channel,owner,outcome
            c1,2024-01-01,call,Ann,reached
            c1,2024-01-01,call,Ann,
            c1,2024-01-01 10:00,call,Ann,
            c1,2024-01-01,call,Bo,
            c1,2024-01-02,visit,Bo,

            """)
        let report = try scratch.store.importInteractions(from: later)
        #expect(report.counts == "5 rows read: 1 stored, 1 updated, 3 duplicates skipped, 0 rejected")
        #expect(try scratch.count("SELECT count(*) FROM interactions") == 5)
        #expect(try scratch.store.interactions(customer: "c1").compactMap(\.outcome) == ["reached"])
    }

    @Test func crlfByteOrderMarkAndInvisibleSpaces() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = "\u{FEFF}customer_id,date,channel,owner\r\n\u{3000}c1\u{A0},2024-01-01, Call ,\u{200B}Ann \r\n"
        let url = try scratch.file("i.csv", text)
        _ = try scratch.store.importInteractions(from: url)
        #expect(
            try scratch.store.interactions(customer: "c1") == [
                Interaction(customerID: "c1", day: Self.day("2024-01-01"), channel: .call, owner: "Ann")
            ])
        #expect(try scratch.count("SELECT count(*) FROM customers WHERE id = 'c1'") == 1)
    }

    @Test func emptyFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let error = failing(scratch, try scratch.file("i.csv", ""))
        #expect(error?.message == "i.csv is empty: expected a header line such as customer_id,date,channel")
        let headerOnly = try scratch.store.importInteractions(
            from: try scratch.file("h.csv", "customer_id,date,channel\n"))
        #expect(headerOnly.counts == "0 rows read: 0 stored, 0 duplicates skipped, 0 rejected")
    }
}
