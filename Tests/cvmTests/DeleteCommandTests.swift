import Foundation
import Testing
import _CVMTestSupport

/// `cvm imports`, `cvm delete customer`, `cvm delete import` end to end (the store's deletion is
/// tested in CVMStoreTests).
@Suite struct DeleteCommandTests {
    @Test func deleteACustomerAndAnImport() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try CLI.run(["init"], in: directory)
        try CLI.run(["import", "transactions", Fixtures.cdnowSample.path], in: directory)
        let listed = try CLI.run(["imports", "--format", "csv"], in: directory)
        #expect(listed.stdout.hasPrefix("id,kind,file,imported_at,rows_read,stored,updated,duplicates,rejected,"))
        #expect(listed.stdout.contains(",6919,6919,0,0,0,1997-01-01,1998-06-30\n"))
        // Customer 1 of the CDNOW sample has four purchases.
        let one = try CLI.run(["delete", "customer", "1"], in: directory)
        #expect(one.stdout.hasPrefix("Deleted 1: 1 customers, 4 transactions, 0 marketing rows"), "\(one.stderr)")
        let again = try CLI.run(["delete", "customer", "1"], in: directory)
        #expect(again.status != 0)
        #expect(again.stderr.hasPrefix("Error: there is no customer \"1\" in cvm.sqlite; nothing was deleted"))
        let whole = try CLI.run(["delete", "import", "1", "--format", "json"], in: directory)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        #expect(object["transactions"] as? Int == 6915)
        let summary = try CLI.run(["summary"], in: directory)
        #expect(summary.status != 0)
    }
}
