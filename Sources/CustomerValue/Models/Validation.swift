// Holdout validation of a purchase model: predicted against actual purchases after the
// calibration period, as in FHL 2005 Figure 4 and lifetimes'
// `plot_calibration_purchases_vs_holdout_purchases`. Pure arithmetic on columns; weights of the
// calibration histories count customers, so compressed histories work when their `actual` is the
// per-customer mean of the group.

import Foundation

/// Predicted against actual holdout purchases, per calibration frequency and overall.
///
/// ```swift
/// let check = HoldoutValidation(model: model, calibration: histories, actual: holdout.frequency,
///                               duration: holdout.duration)
/// for bucket in check.buckets { print(bucket.label, bucket.meanPredicted, bucket.meanActual) }
/// ```
public struct HoldoutValidation: Sendable, Equatable {
    /// The customers with one calibration frequency (the last bucket: that frequency or more).
    public struct Bucket: Sendable, Equatable {
        /// "0", "1", …, "7+".
        public var label: String
        /// The bucket's smallest calibration frequency.
        public var frequency: Int
        /// Number of customers (sum of weights).
        public var customers: Double
        public var meanPredicted: Double
        public var meanActual: Double
    }

    /// Buckets 0, 1, …, lastBucket − 1 and lastBucket+; empty buckets are left out.
    public var buckets: [Bucket]
    /// Mean over customers of |predicted − actual|.
    public var meanAbsoluteError: Double
    /// Pearson correlation of predicted and actual over customers; nil when either does not vary.
    public var correlation: Double?
    /// Total predicted and actual holdout purchases.
    public var totalPredicted: Double
    public var totalActual: Double

    /// Compares given predictions with the actual holdout purchases.
    ///
    /// - Parameters:
    ///   - calibration: the calibration histories (their frequency picks the bucket, their weight counts customers).
    ///   - predicted: predicted holdout purchases per row.
    ///   - actual: actual holdout purchases per row.
    ///   - lastBucket: the frequency from which customers share one bucket (7 gives 0…6, 7+).
    public init(calibration: Histories, predicted: [Double], actual: [Double], lastBucket: Int = 7) {
        precondition(
            predicted.count == calibration.count && actual.count == calibration.count, "columns differ in length")
        let last = max(lastBucket, 0)
        var customers = [Double](repeating: 0, count: last + 1)
        var sumPredicted = customers
        var sumActual = customers
        var absoluteError = 0.0
        var (sw, sp, sa, spp, saa, spa) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        for i in 0..<calibration.count {
            let w = calibration.weight[i]
            let p = predicted[i]
            let a = actual[i]
            guard w > 0, p.isFinite, a.isFinite else { continue }
            let x = calibration.frequency[i]
            let k = x.isFinite ? min(max(Int(x.rounded(.down)), 0), last) : last
            customers[k] += w
            sumPredicted[k] += w * p
            sumActual[k] += w * a
            absoluteError += w * abs(p - a)
            sw += w
            sp += w * p
            sa += w * a
        }
        let meanP = sw > 0 ? sp / sw : 0
        let meanA = sw > 0 ? sa / sw : 0
        for i in 0..<calibration.count {
            let w = calibration.weight[i]
            let p = predicted[i]
            let a = actual[i]
            guard w > 0, p.isFinite, a.isFinite else { continue }
            spp += w * (p - meanP) * (p - meanP)
            saa += w * (a - meanA) * (a - meanA)
            spa += w * (p - meanP) * (a - meanA)
        }
        buckets = (0...last).compactMap { k in
            guard customers[k] > 0 else { return nil }
            return Bucket(
                label: k == last ? "\(k)+" : "\(k)", frequency: k, customers: customers[k],
                meanPredicted: sumPredicted[k] / customers[k], meanActual: sumActual[k] / customers[k])
        }
        meanAbsoluteError = sw > 0 ? absoluteError / sw : 0
        correlation = spp > 0 && saa > 0 ? spa / (spp * saa).squareRoot() : nil
        totalPredicted = sp
        totalActual = sa
    }

    /// Predicts the holdout purchases with `model` (conditional expectation over `duration`, in the
    /// model's time unit) and compares them with `actual`.
    public init(
        model: some PurchaseModel, calibration: Histories, actual: [Double], duration: Double, lastBucket: Int = 7
    ) {
        self.init(
            calibration: calibration, predicted: model.expectedPurchases(in: duration, calibration), actual: actual,
            lastBucket: lastBucket)
    }
}
