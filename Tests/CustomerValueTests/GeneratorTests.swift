import Foundation
import Testing

@testable import CustomerValue

@Suite struct GeneratorTests {
    func generate(customers: Int, seed: UInt64) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString).csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try TransactionGenerator(customers: customers, seed: seed).write(to: handle)
        try handle.close()
        defer { try? FileManager.default.removeItem(at: url) }
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func sameSeedSameFile() throws {
        #expect(try generate(customers: 25_000, seed: 7) == generate(customers: 25_000, seed: 7))
        #expect(try generate(customers: 2_000, seed: 7) != generate(customers: 2_000, seed: 8))
    }

    /// The log follows the process: every customer appears, dates stay in the window, and the
    /// mean amount is near p·v/(q−1) = 6·15/3 = 30 (Gamma-Gamma population mean).
    @Test func followsTheProcess() throws {
        let lines = try generate(customers: 20_000, seed: 3).split(separator: "\n").dropFirst()
        var ids = Set<Substring>()
        var total = 0.0
        for line in lines {
            let f = line.split(separator: ",")
            ids.insert(f[0])
            let day = try #require(Day(iso: String(f[1])))
            #expect(day >= Day(iso: "2023-01-01")! && day <= Day(iso: "2024-12-31")!)
            total += Double(f[2])!
        }
        #expect(ids.count == 20_000)
        let mean = total / Double(lines.count)
        #expect(abs(mean - 30) < 1.5)
        // Expected rows per customer is about 6.4 at these parameters (the peer generator's 1M log).
        #expect((5.5...7.5).contains(Double(lines.count) / 20_000))
    }

    /// Gamma draws have the right mean and variance (shape/rate and shape/rate²), also below shape 1.
    @Test(arguments: [0.25, 1.0, 6.0])
    func gammaMoments(shape: Double) {
        var random = RandomSource(seed: 11)
        let n = 200_000
        let draws = (0..<n).map { _ in random.gamma(shape: shape, rate: 2) }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean - shape / 2) < 0.01 * max(1, shape))
        #expect(abs(variance - shape / 4) < 0.03 * max(1, shape))
    }
}
