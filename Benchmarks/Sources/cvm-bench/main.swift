// cvm-bench STEP ARGS… — times one step in-process and prints a JSON object.
//
//   cvm-bench summary DATABASE          the per-customer summary query (best of 3)
//   cvm-bench models DATABASE           BG/NBD fit, Gamma-Gamma fit, predictions, 12-month CLV on the
//                                       daily summary (the steps lifetimes and PyMC-Marketing are timed on)
//   cvm-bench pareto DATABASE           Pareto/NBD fit and predictions on the daily summary
//
// The end-to-end comparison with the peer tools (whole processes, time and peak memory) is
// Benchmarks/run.sh, which calls this for the steps it cannot time from outside.
import CVMStore
import CustomerValue
import Foundation

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func printJSON(_ object: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "summary":
    guard let path = arguments.dropFirst().first else { fatalError("usage: cvm-bench summary DATABASE") }
    let store = try Store.open(at: path)
    var best = Double.infinity
    var customers = 0
    for _ in 0..<3 {
        best = min(best, try seconds { customers = try store.summary().count })
    }
    printJSON(["step": "summary_query", "seconds": best, "customers": customers])
case "models":
    guard let path = arguments.dropFirst().first else { fatalError("usage: cvm-bench models DATABASE") }
    let summary = try Store.open(at: path).summary()
    let h = summary.histories
    var model: BGNBD!
    var spend: GammaGamma!
    var alive: [Double] = []
    var purchases: [Double] = []
    var clv: [Double] = []
    let fitBGNBD = seconds { model = h.fit(BGNBD.self) }
    let fitGG = seconds { spend = GammaGamma(fitting: summary.frequency, monetary: summary.monetary) }
    let predict = seconds {
        alive = model.probabilityAlive(h)
        purchases = model.expectedPurchases(in: 30, h)
    }
    let value = seconds {
        let expected = spend.expectedAverageSpend(frequency: summary.frequency, monetary: summary.monetary)
        clv = CustomerLifetimeValue.values(
            model: model, histories: h, spend: expected, horizon: Horizon(periods: 12, unit: .month, modelUnit: .day),
            discountRate: 0.01)
    }
    printJSON([
        "customers": summary.count, "bgnbd_fit_s": fitBGNBD, "gg_fit_s": fitGG, "predict_s": predict, "clv_s": value,
        "total_s": fitBGNBD + fitGG + predict + value, "bgnbd": model.fit.values, "gg": spend.fit.values,
        "mean_p_alive": alive.reduce(0, +) / Double(alive.count), "sum_expected_30d": purchases.reduce(0, +),
        "mean_clv": clv.reduce(0, +) / Double(clv.count),
    ])
case "pareto":
    guard let path = arguments.dropFirst().first else { fatalError("usage: cvm-bench pareto DATABASE") }
    let h = try Store.open(at: path).summary().histories
    var model: ParetoNBD!
    var alive: [Double] = []
    let fit = seconds { model = h.fit(ParetoNBD.self) }
    let predict = seconds {
        alive = model.probabilityAlive(h)
        _ = model.expectedPurchases(in: 30, h)
    }
    printJSON([
        "customers": h.count, "pareto_fit_s": fit, "predict_s": predict, "parameters": model.fit.values,
        "log_likelihood": model.fit.logLikelihood, "converged": model.fit.converged,
        "mean_p_alive": alive.reduce(0, +) / Double(alive.count),
    ])
default:
    FileHandle.standardError.write(Data("usage: cvm-bench summary|models|pareto DATABASE\n".utf8))
    exit(2)
}
