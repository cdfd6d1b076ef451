import Foundation
import GRDB
import Testing
import _CVMTestSupport

@testable import CVMStore

@Suite struct CustomerImportTests {
    @Test func chineseHeadersTypesAndUpsert() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.store.importTransactions(
            from: try scratch.file("t.csv", "customer_id,date,amount\nc1,2024-01-01,1\n"))
        let first = try scratch.file(
            "customers.csv",
            "客户编号,客户名称,客户类型,邮箱,地区,行业,获客日期,客户经理,标签\n"
                + "c1,张三,个人,z@example.com,上海,教育,2023/05/01,王经理,vip\n"
                + "c2,华为,2B,,深圳,通信,,李经理,\n")
        let report = try scratch.store.importCustomers(from: first)
        // c1 was a bare customer (from the transactions): filling it in is an update.
        #expect(report.counts == "2 rows read: 1 stored, 1 updated, 0 duplicates skipped, 0 rejected")
        #expect(report.customersCreated == 1)
        let rows = try scratch.store.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, type, email, region, acquired_day, owner, tags FROM customers ORDER BY id")
        }
        #expect(
            rows[0] == [
                "id": "c1", "name": "张三", "type": "individual", "email": "z@example.com", "region": "上海",
                "acquired_day": 19478, "owner": "王经理", "tags": "vip",
            ])
        #expect(rows[1]["type"] == "organisation" && rows[1]["email"] == nil)

        // Re-import: nothing changes. A new file updates non-empty fields only.
        #expect(try scratch.store.importCustomers(from: first).rowsDuplicate == 2)
        let update = try scratch.file("update.csv", "customer_id,name,email\nc1,,new@example.com\nc2,华为,\n")
        let updated = try scratch.store.importCustomers(from: update)
        #expect(updated.counts == "2 rows read: 0 stored, 1 updated, 1 duplicates skipped, 0 rejected")
        let c1 = try scratch.store.read { db in
            try Row.fetchOne(db, sql: "SELECT name, email FROM customers WHERE id = 'c1'")
        }
        #expect(c1 == ["name": "张三", "email": "new@example.com"])
    }

    @Test func invalidCustomerRows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file("c.csv", "customer_id,type,acquired\nc1,vip,2024-01-01\nc2,2C,2024-02-30\n,2B,\n")
        var caught: ImportError?
        do { _ = try scratch.store.importCustomers(from: url) } catch let error as ImportError { caught = error }
        #expect(
            caught?.rowErrors.map(\.description) == [
                "c.csv, line 2, column \"type\": \"vip\" is not a customer type "
                    + "(expected 2C, 2B, individual, organisation, 个人 or 企业)",
                "c.csv, line 3, column \"acquired\": \"2024-02-30\" is not a date "
                    + "(expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, an ISO-8601 date-time, or a date pattern)",
                "c.csv, line 4, column \"customer_id\": the customer id is empty",
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }
}
