// cvm-bench STEP ARGS… — times one step in-process and prints a JSON object.
//
//   cvm-bench summary DATABASE          the per-customer summary query (best of 3)
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
default:
    FileHandle.standardError.write(Data("usage: cvm-bench summary DATABASE\n".utf8))
    exit(2)
}
