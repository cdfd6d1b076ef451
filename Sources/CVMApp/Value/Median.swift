import CustomerValue

/// Summary statistics shown beside results, each defined once.
public enum Statistics {
    /// The median as cvm defines it everywhere (the value matrix's threshold, the targets' "above
    /// the median", the CLV summary): the type-7 0.5-quantile, i.e. the middle value, or the mean
    /// of the two middle values for an even count (Hyndman & Fan 1996). Non-finite values are left
    /// out; 0 for none.
    public static func median(_ values: [Double]) -> Double {
        Threshold.quantile(0.5, of: values.filter(\.isFinite).sorted())
    }
}
