import Foundation
import Testing
import _CVMTestSupport

@testable import CVMStore

/// The CSV forms a user's export can take (SPEC D8).
@Suite struct CSVFormatTests {
    @Test(arguments: [",", ";", "\t"])
    func delimiterIsDetectedFromTheHeader(_ delimiter: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text =
            ["customer_id", "date", "amount"].joined(separator: delimiter) + "\n"
            + ["c1", "2024-03-01", "12.50"].joined(separator: delimiter) + "\n"
        let report = try scratch.store.importTransactions(from: try scratch.file("t.csv", text))
        #expect(report.rowsStored == 1)
        #expect(try scratch.transactions() == ["c1|2024-03-01|12.5"])
    }

    @Test func delimiterOption() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("t.csv", "customer_id|date|amount\nc1|2024-03-01|1\n")
        let report = try scratch.store.importTransactions(
            from: url, options: ImportOptions(delimiter: UInt8(ascii: "|")))
        #expect(report.rowsStored == 1)
        #expect(try ImportOptions.delimiter(parsing: "tab") == UInt8(ascii: "\t"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file(
            "t.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("客户编号,日期,金额\r\nc1,2024-03-01,5\r\n".utf8))
        #expect(try scratch.store.importTransactions(from: url).rowsStored == 1)
        #expect(try scratch.transactions() == ["c1|2024-03-01|5.0"])
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = """
            customer_id,date,amount,product
            "c,1",2024-03-01,"1,234.50","say ""hi"", then
            go"
            c2,2024-03-02,3,plain

            """
        let report = try scratch.store.importTransactions(from: try scratch.file("t.csv", text))
        #expect(report.rowsRead == 2)
        #expect(try scratch.transactions() == ["c,1|2024-03-01|1234.5", "c2|2024-03-02|3.0"])
        let product = try scratch.store.read { db in
            try String.fetchOne(db, sql: "SELECT product FROM transactions WHERE amount = 1234.5")
        }
        #expect(product == "say \"hi\", then\ngo")
    }

    @Test func errorLineCountsTheLinesOfAMultiLineField() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text =
            "customer_id,date,amount,product\n" + "c1,2024-03-01,1,\"one\ntwo\nthree\"\n"
            + "c2,2024-03-02,oops,p\n"
        let error = try scratch.failingImport(try scratch.file("t.csv", text))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 5, column \"amount\": \"oops\" is not an amount "
                    + "(expected a number such as 1234.50, -12, 1,234.50, (12.50) or ¥99)"
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func crlfAndBlankLines() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = "customer_id,date,amount\r\n\r\nc1,2024-03-01,1\r\n\r\n\r\nc2,2024-03-02,2\r\nc3,2024-03-03,x\r\n"
        let error = try scratch.failingImport(try scratch.file("t.csv", text))
        #expect(error?.rowErrors.first?.line == 7)
        let good = try scratch.file("good.csv", "customer_id,date,amount\r\n\r\nc1,2024-03-01,1\r\n\r\nc2,2024-03-02,2")
        let report = try scratch.store.importTransactions(from: good)
        #expect(report.rowsRead == 2 && report.rowsStored == 2)
    }

    @Test func chineseHeaders() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = "客户ID, 交易日期 ,交易金额,订单编号,商品,数量,渠道,备注\nc1,2024/03/01,¥1,200.00,o-1,茶叶,2,门店,x\n"
            .replacingOccurrences(of: "¥1,200.00", with: "\"¥1,200.00\"")
        let report = try scratch.store.importTransactions(from: try scratch.file("t.csv", text))
        #expect(report.rowsStored == 1)
        #expect(report.ignoredColumns == ["备注"])
        let row = try scratch.store.read { db in
            try String.fetchOne(
                db, sql: "SELECT order_id || '|' || product || '|' || quantity || '|' || channel FROM transactions")
        }
        #expect(row == "o-1|茶叶|2.0|门店")
        #expect(try scratch.transactions() == ["c1|2024-03-01|1200.0"])
    }

    @Test func mapOverridesHeaders() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let text = "会员号,下单时间,实付金额,金额\nm7,2024-03-01 10:20,88,99\n"
        let mapping = try ImportOptions.mapping(parsing: "amount=实付金额, customer_id=会员号,date=下单时间")
        let report = try scratch.store.importTransactions(
            from: try scratch.file("t.csv", text), options: ImportOptions(mapping: mapping))
        #expect(report.ignoredColumns == ["金额"])
        #expect(try scratch.transactions() == ["m7|2024-03-01|88.0|10:20"])
    }

    @Test func mapNamingAMissingHeader() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("t.csv", "customer_id,date,amount\nc1,2024-03-01,1\n")
        let error = try scratch.failingImport(url, ImportOptions(mapping: ["amount": "实付金额"]))
        #expect(
            error?.message
                == "t.csv has no column \"实付金额\" (named by the mapping amount=实付金额); its columns are: customer_id, date, amount"
        )
        let unknown = try scratch.failingImport(url, ImportOptions(mapping: ["price": "amount"]))
        #expect(unknown?.code == .invalidOption)
    }
}
