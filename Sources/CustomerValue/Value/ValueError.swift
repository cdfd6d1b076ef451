/// A problem with the settings of a value analysis, written for the person who chose them.
public struct ValueError: Error, LocalizedMessage, Equatable {
    public enum Code: String, Sendable {
        /// A threshold method that is not median, mean, quantile:Q or a number.
        case badThreshold
        /// Tier shares, a window or a horizon outside their range.
        case badOption
        /// The present-value method needs a retention rate and the data cannot give one.
        case noRetention
        /// No customers to analyse.
        case noCustomers
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
