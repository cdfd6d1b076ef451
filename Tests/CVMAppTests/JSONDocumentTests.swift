import Foundation
import Testing

@testable import CVMApp

@Suite struct JSONDocumentTests {
    struct Sample: Encodable {
        var zeta = 1
        var alpha = 2.5
        var observationEnd = "1997-09-30"
        var T = 38.86
        var meanPAlive: Double? = nil
        var customerID = "C1"
        var weights = ["b": 1, "a": 2]
        var values = [Double.nan, 1e308 * 10, 3]
    }

    @Test func keysKeepDeclarationOrderInSnakeCase() throws {
        let text = try JSONDocument.text(Sample(), pretty: false)
        // Declaration order, snake_case (T as the literature writes it), a nil optional left out,
        // dictionary keys sorted, non-finite numbers as null.
        #expect(
            text
                == #"{"zeta":1,"alpha":2.5,"observation_end":"1997-09-30","T":38.86,"customer_id":"C1","weights":{"a":2,"b":1},"values":[null,null,3]}"#
        )
    }

    @Test func aPageCutsTheOneListAndSaysWhatItHolds() throws {
        struct Paged: Encodable {
            var asOf = "1998-06-30"
            var customerRows = [1, 2, 3, 4, 5]
            var note = "n"
        }
        let page = try JSONDocument.text(
            Paged(), page: .init(list: "customer_rows", offset: 1, limit: 2), pretty: false)
        #expect(
            page
                == #"{"as_of":"1998-06-30","customer_rows":[2,3],"note":"n","page":{"list":"customer_rows","offset":1,"limit":2,"total":5}}"#
        )
        // Past the end: an empty list, the total still said.
        let past = try JSONDocument.text(
            Paged(), page: .init(list: "customer_rows", offset: 9, limit: 2), pretty: false)
        #expect(past.contains(#""customer_rows":[],"#) && past.contains(#""total":5"#))
        // A document without that list is written whole.
        let other = try JSONDocument.text(Paged(), page: .init(list: "missing", offset: 0, limit: 2), pretty: false)
        #expect(other == (try JSONDocument.text(Paged(), pretty: false)))
    }

    @Test(arguments: [
        ("observationEnd", "observation_end"), ("meanPAlive", "mean_p_alive"), ("customerID", "customer_id"),
        ("T", "T"), ("frequency_holdout", "frequency_holdout"), ("clv12Months", "clv12_months"),
        ("HTMLReport", "html_report"), ("a1B", "a1_b"), ("stage_Rule", "stage_rule"), ("ÉtatCivil", "état_civil"),
    ])
    func snakeCase(_ key: String, _ expected: String) {
        #expect(JSONDocument.snakeCase(key) == expected)
    }

    @Test func stringsAreEscaped() throws {
        #expect(try JSONDocument.text(["k": "a\"b\\c\n\u{1}"], pretty: false) == #"{"k":"a\"b\\c\n\u0001"}"#)
    }

    @Test func prettyTextReadsBackAsTheSameObject() throws {
        let text = try JSONDocument.text(Sample())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["observation_end"] as? String == "1997-09-30")
        #expect(text.hasPrefix("{\n  \"zeta\": 1,\n  \"alpha\": 2.5,"))
    }
}
