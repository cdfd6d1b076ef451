import CustomerValue
import Foundation

/// The data files that ship with cvm.
public enum SampleData {
    /// The CDNOW sample of Fader & Hardie's CLV papers: 6,919 purchases of 2,357 customers of an
    /// online CD store, January 1997 to June 1998.
    public static var cdnowTransactions: URL? { file("transactions") }

    /// The scale of the bundled survey.
    public static let surveyScale = SurveyScale(low: 1, high: 7)!

    /// Synthetic companions of the CDNOW sample for the same customers (made by
    /// Tests/Fixtures/scripts/make_samples.py): `customers`, `marketing`, `payments`,
    /// `interactions`, `complaints`; and `surveys`, a synthetic survey of every customer from
    /// `SurveyGenerator` (`cvm generate surveys` on the sample transactions, seed 42; its true
    /// model is `surveys.truth.json` beside it), on `surveyScale`.
    public static func file(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "samples")
    }
}
