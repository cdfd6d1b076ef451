import CustomerValue

extension Defaults {
    /// The value matrix's threshold rule on both axes: the domain's default (`ValueMatrix`),
    /// read here so that every interface names the same one. Not stored: `Threshold` is the
    /// domain's choice, not a setting of its own.
    public var valueThreshold: Threshold { .automatic }
}
