import Foundation

/// Whether more of an indicator is better or worse for the customer's value.
///
/// Written `+` (a benefit indicator, 效益型: revenue, purchase days) or `-` (a cost indicator,
/// 成本型: days since the last purchase).
public enum Direction: String, Sendable, Equatable, Codable, CaseIterable {
    /// More is better.
    case benefit = "+"
    /// Less is better.
    case cost = "-"

    /// `+`, `-`, or the typographic minus `−`; nil otherwise.
    public init?(symbol: String) {
        switch symbol.trimmingCharacters(in: .whitespaces) {
        case "+": self = .benefit
        case "-", "−": self = .cost
        default: return nil
        }
    }

    /// `+` or `-`.
    public var symbol: String { rawValue }
}

/// One indicator (a criterion of the composite score) measured for every customer.
///
/// `values` are in the customers' order, the same order in every indicator of one score.
public struct Indicator: Sendable, Equatable {
    public var name: String
    public var direction: Direction
    public var values: [Double]

    public init(_ name: String, _ direction: Direction = .benefit, values: [Double]) {
        self.name = name
        self.direction = direction
        self.values = values
    }
}
