import Foundation

/// Locates the test data shipped in `Tests/Fixtures` and the bundled sample.
public enum Fixtures {
    /// The repository root, found from this source file's location.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// The bundled CDNOW sample as `customer_id,date,quantity,amount`.
    public static var cdnowSample: URL {
        root.appendingPathComponent("Sources/CVMApp/Resources/samples/transactions.csv")
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cvm-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Fixtures {
    /// A small CSV of numbers (header line, comma-separated, no quoting) as columns by header name.
    public static func numericColumns(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var columns = [[Double]](repeating: [], count: header.count)
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            precondition(fields.count == header.count, "\(name), line \(number + 2): \(fields.count) fields")
            for (k, field) in fields.enumerated() {
                guard let value = Double(field.trimmingCharacters(in: .whitespaces)) else {
                    preconditionFailure("\(name), line \(number + 2): \"\(field)\" is not a number")
                }
                columns[k].append(value)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(header, columns))
    }
}

extension Fixtures {
    /// A transactions file of `customers` customers (ids `prefix` + 0, 1, …) with 8 purchases each
    /// in February 2024 (`customer_id,date,amount`): at 150,000 customers 1.2M rows, about 25 MB,
    /// which takes a debug build several seconds to import (long enough to interrupt it).
    public static func manyTransactions(customers: Int, prefix: String = "") -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(customers * 130)
        bytes += Array("customer_id,date,amount\n".utf8)
        let days = (1...28).map { Array("2024-02-\($0 < 10 ? "0" : "")\($0)".utf8) }
        for customer in 0..<customers {
            let id = Array((prefix + String(customer)).utf8)
            for visit in 0..<8 {
                bytes += id
                bytes.append(UInt8(ascii: ","))
                bytes += days[(customer + visit * 3) % 28]
                bytes += Array(",1\(visit).5\n".utf8)
            }
        }
        return Data(bytes)
    }
}
