/// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
/// alternative to the Pareto/NBD model", Marketing Science 24(2)).
///
/// While active, a customer buys at Poisson rate λ ~ Gamma(r, α); after each repeat purchase the
/// customer drops out with probability p ~ Beta(a, b). Time is in the unit of the histories
/// (CDNOW: weeks; there r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.43).
///
/// ```swift
/// let model = summary.histories.fit(BGNBD.self)
/// let alive = model.probabilityAlive(summary.histories)
/// ```
public struct BGNBD: BetaGeometricFamily {
    public static let key = "bgnbd"
    public static let shift = 0.0

    public let fit: ModelFit
    public let core: BetaGeometricNBD

    public init(core: BetaGeometricNBD, fit: ModelFit) {
        self.core = core
        self.fit = fit
    }
}
