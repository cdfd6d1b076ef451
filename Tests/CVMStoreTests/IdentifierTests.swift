import Foundation
import Testing

@testable import CVMStore

/// Customer ids (and the other ids rows are matched by) in one normal form.
@Suite struct IdentifierTests {
    @Test func unicodeSpacesAtTheEdgesAndNFCMakeOneCustomer() throws {
        let scratch = try Scratch()
        // C1 plain, padded with a no-break space, an ideographic space, a BOM and a zero-width
        // space; é as one character and as e + combining acute.
        let text =
            "customer_id,date,amount\nC1,2024-01-01,1\n\u{A0}C1,2024-01-02,1\nC1\u{3000},2024-01-03,1\n"
            + "\u{FEFF}C1,2024-01-04,1\nC1\u{200B},2024-01-05,1\nJos\u{E9},2024-01-01,1\nJose\u{301},2024-01-02,1\n"
        let report = try scratch.store.importTransactions(from: try scratch.file("t.csv", text))
        #expect(report.rowsStored == 7 && report.customersCreated == 2)
        #expect(try scratch.count("SELECT count(*) FROM customers WHERE id = 'C1'") == 1)
        #expect(try scratch.count("SELECT count(*) FROM customers WHERE id = 'Jos\u{E9}'") == 1)
    }

    @Test func controlCharactersAreRefused() throws {
        let scratch = try Scratch()
        let text =
            "customer_id,date,amount\n\"C\u{0}1\",2024-01-01,1\n\"C\t1\",2024-01-01,1\n"
            + "\"C\u{200B}1\",2024-01-01,1\n\u{A0}\u{3000},2024-01-01,1\n"
        let error = try scratch.failingImport(try scratch.file("t.csv", text))
        #expect(
            error?.rowErrors.map(\.description) == [
                "t.csv, line 2, column \"customer_id\": the customer id contains a control character (U+0000, "
                    + "character 2); ids must be visible text",
                "t.csv, line 3, column \"customer_id\": the customer id contains a control character (U+0009, "
                    + "character 2); ids must be visible text",
                "t.csv, line 4, column \"customer_id\": the customer id contains an invisible format character "
                    + "(U+200B, character 2); ids must be visible text",
                "t.csv, line 5, column \"customer_id\": the customer id is empty (it holds only white space or "
                    + "invisible characters)",
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func everyImporterNormalisesIds() throws {
        let scratch = try Scratch()
        try scratch.store.importCustomers(from: try scratch.file("c.csv", "customer_id,name\n\u{3000}C1\u{A0},Li\n"))
        try scratch.store.importMarketing(
            from: try scratch.file("m.csv", "customer_id,date,spend\nC1\u{A0},2024-01-01,5\n"))
        try scratch.store.importPayments(
            from: try scratch.file(
                "p.csv", "customer_id,invoice_id,due_date,paid_date,amount_due\n\u{FEFF}C1,F1\u{A0},2024-01-01,,5\n"))
        // The same invoice re-exported without the stray space is the same bill.
        let again = try scratch.store.importPayments(
            from: try scratch.file(
                "p2.csv", "customer_id,invoice_id,due_date,paid_date,amount_due\nC1,F1,2024-01-01,,5\n"))
        #expect(again.rowsDuplicate == 1)
        #expect(try scratch.count("SELECT count(*) FROM customers") == 1)
        #expect(try scratch.store.payments().map(\.invoiceID) == ["F1"])
        let nul = try scratch.file("m2.csv", "customer_id,date,spend\n\"C\u{7}1\",2024-01-01,5\n")
        #expect(throws: ImportError.self) { try scratch.store.importMarketing(from: nul) }
        let order = try scratch.file("t.csv", "customer_id,order_id,date,amount\nC1,\"O\u{0}1\",2024-01-01,5\n")
        #expect(
            try scratch.failingImport(order)?.rowErrors.map(\.description) == [
                "t.csv, line 2, column \"order_id\": the order id contains a control character (U+0000, "
                    + "character 2); ids must be visible text"
            ])
    }

    @Test func plainASCIIIsUnchanged() {
        #expect(IdentifierText.normalised("  C 1\t") == "C 1")
        #expect(IdentifierText.normalised("\u{3000}客户\u{A0}") == "客户")
    }
}

/// The same rules, lighter, for free text: trimmed and NFC, control characters refused.
@Suite struct FreeTextTests {
    @Test func regionsPaddedWithUnicodeSpacesAreOneRegion() throws {
        let scratch = try Scratch()
        try scratch.store.importCustomers(
            from: try scratch.file("c.csv", "customer_id,region,name\nC1,上海\u{3000},Li\nC2,\u{A0}上海,Wang\n"))
        #expect(try scratch.count("SELECT count(DISTINCT region) FROM customers") == 1)
    }

    @Test func controlCharactersInTextAreRefused() throws {
        let scratch = try Scratch()
        let customers = try scratch.file("c.csv", "customer_id,name\nC1,\"Li\u{0}Lei\"\n")
        do {
            _ = try scratch.store.importCustomers(from: customers)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(
                error.rowErrors.map(\.description) == [
                    "c.csv, line 2, column \"name\": the name contains a control character (U+0000, character 3); "
                        + "remove it from the file"
                ])
        }
        let products = try scratch.file("t.csv", "customer_id,date,amount,product\nC1,2024-01-01,1,\"a\u{1B}[31m\"\n")
        #expect(
            try scratch.failingImport(products)?.rowErrors.map(\.description) == [
                "t.csv, line 2, column \"product\": the product contains a control character (U+001B, character 2); "
                    + "remove it from the file"
            ])
        #expect(try scratch.snapshot() == [0, 0, 0])
    }

    @Test func summaryFilesRefuseDuplicatedColumnsAndHugeValues() throws {
        let scratch = try Scratch()
        let twice = try scratch.file("s.csv", "x,frequency,recency,T\n1,1,2,3\n")
        #expect(
            throws: ImportError(
                .duplicateColumn,
                "s.csv has 2 frequency columns, \"x\" (column 1) and \"frequency\" (column 2): remove all but one of them"
            )
        ) { try SummaryFile.read(twice) }
        let huge = try scratch.file("h.csv", "frequency,recency,T\n1e300,2,3\n")
        #expect(
            throws: ImportError(
                .invalidRows,
                "h.csv, line 2, column \"frequency\": \"1e300\" is beyond 1e12, the largest frequency accepted")
        ) { try SummaryFile.read(huge) }
    }
}
