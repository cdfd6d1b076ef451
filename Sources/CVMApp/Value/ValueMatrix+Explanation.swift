import CustomerValue

/// The value matrix's axes, as a threshold explanation names them.
public enum ThresholdAxis: Sendable {
    case current, potential, both

    /// The axis's name in `language`.
    public func name(in language: Language) -> String {
        switch self {
        case .current: Text.valueAxisCurrent(language)
        case .potential: Text.valueAxisPotential(language)
        case .both: Text.valueAxisBoth(language)
        }
    }
}

extension ValueMatrix {
    /// Why an axis's threshold is what it is, in words: every output that shows a threshold says
    /// this beside it. The one place that turns the rule and value into the explanation, so that a
    /// richer account from the domain (which basis a rule chose) replaces it here alone.
    public func thresholdExplanation(_ axis: ThresholdAxis, in language: Language) -> String {
        switch axis {
        case .potential: potentialChoice.explanation(in: language)
        case .current, .both: currentChoice.explanation(in: language)
        }
    }
}
