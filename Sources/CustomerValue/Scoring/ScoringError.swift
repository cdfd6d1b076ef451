/// A problem with indicators, weights or a pairwise comparison matrix, written as advice.
///
/// `cell` locates a bad matrix entry (0-based row and column) so that a caller reading the matrix
/// from a file can add the file's line and column to the message.
public struct ScoringError: Error, LocalizedMessage, Equatable, Sendable {
    public enum Code: String, Sendable {
        /// Fewer than two customers: no spread to measure.
        case tooFewCustomers
        /// Every indicator has the same value for every customer.
        case noVariation
        /// A value is NaN or infinite, or columns differ in length.
        case badValue
        /// Weights that are negative, all zero, or name an unknown indicator.
        case badWeights
        /// The pairwise comparison matrix is not square, positive or reciprocal.
        case badMatrix
        /// The judgements' consistency ratio is above the limit.
        case inconsistent
    }

    public var code: Code
    public var message: String
    /// The matrix entry at fault (row, column), 0-based, when there is one.
    public var cell: Cell?

    public struct Cell: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public init(_ code: Code, _ message: String, cell: Cell? = nil) {
        self.code = code
        self.message = message
        self.cell = cell
    }

    public var description: String { message }
}
