// Pareto/NBD fit on a synthetic base of N customers (default 1,000,000), ages and recencies in
// whole days, simulated from known parameters (the CDNOW weekly estimates converted to days).
// Prints the times of compression and fit, the size of the tables, and the recovered parameters.
// Run with `bash Benchmarks/pareto_fit.sh [N]` (release build of the CustomerValue sources).

import Dispatch
import Foundation

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func uniform(_ g: inout SplitMix64) -> Double { (Double(g.next() >> 11) + 0.5) / 9_007_199_254_740_992 }

func normal(_ g: inout SplitMix64) -> Double {
    (-2 * log(uniform(&g))).squareRoot() * cos(2 * .pi * uniform(&g))
}

/// Gamma(shape, rate) by Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1.
func gamma(_ shape: Double, rate: Double, _ g: inout SplitMix64) -> Double {
    if shape < 1 { return gamma(shape + 1, rate: rate, &g) * pow(uniform(&g), 1 / shape) }
    let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
    while true {
        var x = 0.0, v = 0.0
        repeat {
            x = normal(&g)
            v = 1 + c * x
        } while v <= 0
        v = v * v * v
        let u = uniform(&g)
        if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v / rate }
    }
}

let n = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 1_000_000
// CONTINUOUS=1 keeps exact purchase times (every row distinct): a check that the estimator recovers
// the truth, free of the day rounding.
let continuous = ProcessInfo.processInfo.environment["CONTINUOUS"] == "1"
let truth = (r: 0.553, alpha: 10.578 * 7, s: 0.606, beta: 11.669 * 7)  // CDNOW weekly → days
var g = SplitMix64(state: 42)
var frequency = [Double](repeating: 0, count: n), recency = frequency, age = frequency
for i in 0..<n {
    let T = Double(365 + Int(uniform(&g) * 366))  // first purchases over a year, observed a year after
    let lambda = gamma(truth.r, rate: truth.alpha, &g)
    let mu = gamma(truth.s, rate: truth.beta, &g)
    let end = min(-log(uniform(&g)) / mu, T)
    // As a summary of daily data counts them: purchases on the day of the first one merge with it,
    // x is the number of later distinct days, tₓ the last of them.
    var t = 0.0, x = 0, last = 0.0, lastDay = 0.0
    while true {
        t += -log(uniform(&g)) / lambda
        if t >= end { break }
        last = t
        let day = t.rounded(.down)
        if continuous || day > lastDay {
            x += 1
            lastDay = day
        }
    }
    frequency[i] = Double(x)
    recency[i] = continuous ? last : lastDay
    age[i] = T
}
let histories = Histories(frequency: frequency, recency: recency, T: age)
print("customers \(n), repeat buyers \(frequency.filter { $0 > 0 }.count), max x \(Int(frequency.max()!))")

func seconds(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
let t0 = DispatchTime.now()
let compressed = histories.compressed()
let compressTime = seconds(t0)
let t1 = DispatchTime.now()
let ll = ParetoNBD(r: truth.r, alpha: truth.alpha, s: truth.s, beta: truth.beta).logLikelihood(compressed)
let evalTime = seconds(t1)
let t2 = DispatchTime.now()
let model = compressed.fit(ParetoNBD.self)
let fitTime = seconds(t2)
let f = model.fit
print("distinct rows \(compressed.count); compress \(String(format: "%.3f", compressTime)) s")
print("one LL evaluation \(String(format: "%.4f", evalTime)) s (LL at truth \(ll))")
print("fit \(String(format: "%.3f", fitTime)) s, \(f.iterations) iterations, converged \(f.converged): \(f.message)")
print("truth  r \(truth.r) alpha \(truth.alpha) s \(truth.s) beta \(truth.beta)")
print("fitted r \(model.r) alpha \(model.alpha) s \(model.s) beta \(model.beta), LL \(f.logLikelihood)")
print("SE \(f.standardErrors ?? [])")
print("total compress + fit \(String(format: "%.3f", compressTime + fitTime)) s")
