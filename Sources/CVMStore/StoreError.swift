import CustomerValue

/// An error a user can act on: a stable code for programs and a message for people.
public struct StoreError: Error, Equatable, LocalizedMessage, Sendable {
    public enum Code: String, Sendable {
        case missingDatabase
        case notADatabase
        case foreignDatabase
        case newerSchema
        case alreadyExists
        case noTransactions
        /// A margin was asked for but no transaction has a cost.
        case noCosts
        /// No marketing spend or payments to analyse.
        case noMarketing
        case noPayments
        case invalidOption
        case database
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
