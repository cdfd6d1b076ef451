import CustomerValue
import Foundation
import Testing

@testable import CVMStore

/// Values outside the plausible range are refused with their line, and nothing is stored.
@Suite struct ImportBoundsTests {
    static let today = Day(iso: "2026-12-01")!
    static var options: ImportOptions { ImportOptions(latestDay: today) }

    func failing(_ scratch: Scratch, _ text: String, _ options: ImportOptions = options) throws -> [String] {
        let error = try scratch.failingImport(try scratch.file("t.csv", text), options)
        #expect(try scratch.snapshot() == [0, 0, 0])
        return error?.rowErrors.map(\.description) ?? []
    }

    @Test func earlyAndFutureDatesAreRefused() throws {
        let scratch = try Scratch()
        let text = "customer_id,date,amount\nc,1750-01-01,1\nc,9999-12-31,1\nc,2030-01-01,1\nc,2026-12-01,1\n"
        #expect(
            try failing(scratch, text) == [
                "t.csv, line 2, column \"date\": \"1750-01-01\" is before 1900-01-01: is it a typo? If the file "
                    + "really has such early dates, allow early dates when importing",
                "t.csv, line 3, column \"date\": \"9999-12-31\" is after 2026-12-01, the latest date accepted: a "
                    + "date in the future is most likely a typo; if the file really has future dates, allow them "
                    + "when importing",
                "t.csv, line 4, column \"date\": \"2030-01-01\" is after 2026-12-01, the latest date accepted: a "
                    + "date in the future is most likely a typo; if the file really has future dates, allow them "
                    + "when importing",
            ])
    }

    @Test func theDefaultHorizonIsTomorrow() throws {
        let scratch = try Scratch()
        let today = Day(number: Int(Date().timeIntervalSince1970 / 86_400))
        let text = "customer_id,date,amount\nc,\(today + 1),1\nc,\(today + 2),1\n"
        #expect(
            try failing(scratch, text, ImportOptions()) == [
                "t.csv, line 3, column \"date\": \"\(today + 2)\" is after \(today + 1), tomorrow: a date in the "
                    + "future is most likely a typo; if the file really has future dates, allow them when importing"
            ])
    }

    @Test func allowedDatesAreStored() throws {
        let scratch = try Scratch()
        var options = Self.options
        options.allowEarlyDates = true
        options.allowFutureDates = true
        try scratch.store.importTransactions(
            from: try scratch.file("t.csv", "customer_id,date,amount\nc,1750-01-01,1\nc,9999-12-31,2\n"),
            options: options)
        #expect(try scratch.transactions() == ["c|1750-01-01|1.0", "c|9999-12-31|2.0"])
    }

    @Test func hugeAmountsAreRefused() throws {
        let scratch = try Scratch()
        let text =
            "customer_id,date,amount,cost\nc,2024-01-01,1e308,1\nc,2024-01-01,-2000000000000,1\n"
            + "c,2024-01-01,1000000000000,1\nc,2024-01-01,5,1e13\n"
        #expect(
            try failing(scratch, text) == [
                "t.csv, line 2, column \"amount\": \"1e308\" is beyond ±1e12 (1,000,000,000,000), the largest "
                    + "amount accepted: is it a typo? If the file really has such amounts, allow large amounts when "
                    + "importing",
                "t.csv, line 3, column \"amount\": \"-2000000000000\" is beyond ±1e12 (1,000,000,000,000), the "
                    + "largest amount accepted: is it a typo? If the file really has such amounts, allow large "
                    + "amounts when importing",
                "t.csv, line 5, column \"cost\": \"1e13\" is beyond ±1e12 (1,000,000,000,000), the largest amount "
                    + "accepted: is it a typo? If the file really has such amounts, allow large amounts when "
                    + "importing",
            ])
    }

    @Test func largeAmountsStopWhereSumsCouldOverflow() throws {
        let scratch = try Scratch()
        var options = Self.options
        options.allowLargeAmounts = true
        #expect(
            try failing(scratch, "customer_id,date,amount\nc,2024-01-01,1e308\n", options) == [
                "t.csv, line 2, column \"amount\": \"1e308\" is too large to be stored: beyond ±1e30, sums of "
                    + "amounts could overflow"
            ])
        try scratch.store.importTransactions(
            from: try scratch.file("t.csv", "customer_id,date,amount\nc,2024-01-01,1e20\n"), options: options)
        #expect(try scratch.transactions() == ["c|2024-01-01|1e+20"])
    }

    @Test func everyImporterIsBounded() throws {
        let scratch = try Scratch()
        let marketing = try scratch.file("m.csv", "customer_id,date,spend\nc,2024-01-01,1e13\nc,2030-01-01,1\n")
        #expect(throws: ImportError.self) { try scratch.store.importMarketing(from: marketing, options: Self.options) }
        do {
            _ = try scratch.store.importMarketing(from: marketing, options: Self.options)
        } catch let error as ImportError {
            #expect(error.rowErrors.map(\.line) == [2, 3])
            #expect(error.rowErrors.map(\.column) == ["spend", "date"])
        }
        // A bill may fall due in the future, up to ten years ahead; a payment cannot be made in it.
        let payments = try scratch.file(
            "p.csv",
            "customer_id,due_date,paid_date,amount_due\nc,2027-06-01,,10\nc,2040-01-01,,10\nc,2026-11-01,2027-01-01,10\n"
        )
        do {
            _ = try scratch.store.importPayments(from: payments, options: Self.options)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(
                error.rowErrors.map(\.description) == [
                    "p.csv, line 3, column \"due_date\": \"2040-01-01\" is more than ten years in the future: is it "
                        + "a typo? If the file really has such due dates, allow future dates when importing",
                    "p.csv, line 4, column \"paid_date\": \"2027-01-01\" is after 2026-12-01, the latest date "
                        + "accepted: a date in the future is most likely a typo; if the file really has future "
                        + "dates, allow them when importing",
                ])
        }
        let customers = try scratch.file("c.csv", "customer_id,acquired\nc,1800-01-01\n")
        do {
            _ = try scratch.store.importCustomers(from: customers, options: Self.options)
            Issue.record("expected an error")
        } catch let error as ImportError {
            #expect(error.rowErrors.map(\.column) == ["acquired"])
        }
        #expect(try scratch.snapshot() == [0, 0, 0])
        #expect(
            try scratch.count("SELECT count(*) FROM marketing") + scratch.count("SELECT count(*) FROM payments") == 0)
    }
}
