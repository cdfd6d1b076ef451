import CVMStore
import CustomerValue
import Foundation
import Testing
import _CVMTestSupport

@testable import CVMApp

/// Elasticity and credit on the CDNOW sample, with a few hand-written rows of spend and payments
/// for customers 1, 2 and 6.
@Suite struct CreditAndElasticityUseCaseTests {
    static let spend = """
        客户编号,期间,营销投入,活动编号,客户群
        1,1997-08,10,C1,A
        6,1997-10,100,C1,B
        6,1998-02,50,C2,B
        2,1997-09,20,C2,A

        """

    static let payments = """
        客户编号,发票号,应付日期,实付日期,应付金额,实付金额
        1,INV-1,1998-04-10,1998-04-10,100,
        1,INV-2,1998-05-10,1998-05-20,100,
        1,INV-5,1998-06-10,1998-06-10,100,
        6,INV-3,1998-03-01,,200,
        2,INV-4,1998-06-01,1998-06-05,300,150

        """

    /// Revenue in the window 1997-07-01 … 1998-06-30 (from the CDNOW sample):
    /// customer 1: 14.96 + 26.48 = 41.44; customer 2: 0; customer 6: 673.90 (ten purchases).
    /// Segment A = {1, 2}: spend 10 + 20 = 30, revenue 41.44 → 1.381333…
    /// Segment B = {6}: spend 100 (1997-10) + 50 (1998-02), revenue 673.90 → 4.492666…;
    /// log-log over its two months: ln(180.00 / 78.47) / ln(50 / 100) = −1.1977838012413686.
    /// Budget 180 (current), ±50 %: A would get 10.43 < 15, so A = 15 (its floor) and B = 165;
    /// expected revenue 165 × 4.492666… + 15 × 1.381333… = 762.01.
    @Test func elasticityByMarketingSegment() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await workspace.store.importMarketing(from: try write(Self.spend, "spend.csv", in: directory))
        let result = try await workspace.elasticity(
            ElasticityRequest(asOf: Day(iso: "1998-06-30"), groupBy: .marketing))
        let b = result.fields(0)
        let a = result.fields(1)
        #expect(Array(b[0...5]) == ["1", "B", "B", "1", "150", "673.9"])
        #expect(abs(Double(b[6])! - 4.492666666666667) < 1e-9)
        #expect(abs(Double(b[7])! - -1.1977838012413686) < 1e-9)
        #expect(b[8] == "2")
        #expect(abs(Double(b[9])! - 165) < 1e-9)
        #expect(Array(a[0...5]) == ["2", "A", "A", "2", "30", "41.44"])
        #expect(abs(Double(a[6])! - 1.3813333333333333) < 1e-9)
        #expect(a[7] == "")
        #expect(abs(Double(a[9])! - 15) < 1e-9)
        #expect(abs(result.elasticity.allocation.expectedRevenue - 762.01) < 1e-9)
        #expect(
            result.elasticity.caveats.map(\.message) == [
                "only 3 customers reached by spend between 1997-07-01 and 1998-06-30 (fewer than 30): the ratios "
                    + "rest on few people"
            ])
        var customers = ""
        result.customers.writeCSV { customers += $0 }
        #expect(
            customers
                == "rank,customer_id,group,spend,revenue,elasticity\n1,6,B,150,673.9,4.49266666666667\n2,1,A,10,41.44,4.144\n3,2,A,20,0,0\n"
        )
        // RFM groups take the segments' names in the language asked for.
        let zh = try await workspace.elasticity(ElasticityRequest(scheme: .importance, language: .zh))
        #expect(zh.elasticity.groups.first?.name == "重要价值客户")
    }

    @Test func elasticityTellsWhatIsMissing() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect {
            _ = try await workspace.elasticity(ElasticityRequest())
        } throws: { error in
            let error = error as? AppError
            return error?.code == .noData && error?.message == "no marketing spend between 1997-07-01 and 1998-06-30"
                && error?.facts == [.init("needs", "marketing")]
        }
        _ = try await workspace.store.importMarketing(from: try write(Self.spend, "spend.csv", in: directory))
        await #expect {
            _ = try await workspace.elasticity(ElasticityRequest(asOf: Day(iso: "1997-06-30"), windowMonths: 2))
        } throws: { error in
            (error as? AppError)?.message
                == "no marketing spend between 1997-05-01 and 1997-06-30: the stored spend runs from 1997-08-01 to "
                + "1998-02-01; choose an as-of date and window that cover it"
        }
        await #expect {
            _ = try await workspace.elasticity(ElasticityRequest(maxChange: -1))
        } throws: { error in
            (error as? AppError)?.code == .invalidRequest
        }
    }

    /// As of 1998-06-30:
    /// - 1: INV-5 100 due and paid 06-10 → June AAA; April AAA (INV-1 on time), May A (INV-2 paid
    ///   10 days late) → quarter mean (6 + 4 + 6) / 3 = 5.33 → AA.
    /// - 2: INV-4 300 due 06-01, 150 paid 06-05, 150 still open 29 days → overdue 50 %, paid 50 % → B.
    /// - 6: INV-3 200 due 03-01, never paid: 121 days → D, and the default rule.
    @Test func creditGrades() async throws {
        let (workspace, directory) = try await temporaryWorkspace(transactions: Fixtures.cdnowSample)
        defer { try? FileManager.default.removeItem(at: directory) }
        await #expect {
            _ = try await workspace.credit(CreditRequest())
        } throws: { error in
            let error = error as? AppError
            return error?.code == .noData && error?.message == "the database has no payments yet"
        }
        _ = try await workspace.store.importPayments(from: try write(Self.payments, "payments.csv", in: directory))
        let month = try await workspace.credit(CreditRequest(asOf: Day(iso: "1998-06-30")))
        var csv = ""
        month.writeCSV { csv += $0 }
        #expect(
            csv == """
                customer_id,period,grade,overdue_days,overdue_amount,payment_ratio,reason
                1,1998-06,AAA,0,0,1,meets every AAA threshold
                2,1998-06,B,29,150,0.5,overdue amount 50% of due (A allows 30%); paid 50% of due (A needs 70%)
                6,1998-06,D,121,200,0,"overdue 121 days (C allows 90); default: unpaid 121 days past due (> 90), at most D"

                """)
        #expect(month.distribution.map(\.customers) == [1, 0, 0, 1, 0, 1])
        #expect(month.lowestFirst.map(\.customerID) == ["6", "2", "1"])

        let quarter = try await workspace.credit(CreditRequest(asOf: Day(iso: "1998-06-30"), period: .quarter))
        #expect(
            quarter.fields(0)
                == [
                    "1", "1998-04..1998-06", "AA", "10", "0", "1",
                    "mean score of 3 monthly grades (1998-04 AAA, 1998-05 A, 1998-06 AAA) = 5.33, rounded down → AA",
                ])

        // Own rules: two grades, no adjustment; and the built-in rules read back from their TOML.
        let rules = try CreditRules.parse(
            toml:
                "adjustment = []\n\n[[grade]]\nname = \"good\"\nmax_overdue_days = 30\n\n[[grade]]\nname = \"poor\"\n",
            file: "rules.toml")
        let own = try await workspace.credit(CreditRequest(asOf: Day(iso: "1998-06-30"), rules: rules))
        #expect(own.grades.map(\.grade) == ["good", "good", "poor"])
        #expect(try CreditRules.parse(toml: CreditRules.standard.toml, file: "shown.toml") == CreditRules.standard)
        #expect {
            _ = try CreditRules.parse(toml: "[[grade]]\nname = \"x\"\nmax_overdue = 3\n", file: "bad.toml")
        } throws: { error in
            (error as? AppError)?.message
                == "bad.toml: [[grade]] 1: unknown key \"max_overdue\" (known: name, max_overdue_days, "
                + "max_overdue_share, min_payment_ratio)"
        }
        await #expect {
            _ = try await workspace.credit(CreditRequest(period: .quarter, allMonths: true))
        } throws: { error in
            (error as? AppError)?.code == .invalidRequest
        }
    }
}
