import CVMStore
import CustomerValue
import Foundation

/// `delivered-value`: Kotler's delivered value of the offers in a small CSV file.
///
/// The file has a header and one row per offer (and per competitor's offer): `offer`, optional
/// `provider` (empty = the firm), `product_value`, `service_value`, `personnel_value`,
/// `image_value`, `price`, `time_cost`, `energy_cost`, `physical_cost`, optional `firm_cost`.
/// Values are money amounts the customer would assign (from a conjoint or willingness-to-pay
/// study, or a workshop's estimates); empty cells are 0, except `firm_cost` (unknown).
public struct DeliveredValueRequest: Sendable, Equatable {
    public var file: URL

    public init(file: URL) { self.file = file }
}

public struct DeliveredValueResult: Sendable, Tabular {
    public let offers: [DeliveredValue]

    public var columns: [String] {
        [
            "offer", "provider", "total_value", "total_cost", "delivered_value", "ratio", "value_over_price",
            "firm_cost", "firm_margin",
        ]
    }

    public var rowCount: Int { offers.count }

    public func fields(_ i: Int) -> [String] {
        let o = offers[i]
        return [
            o.offer, o.provider, Number.exact(o.totalValue), Number.exact(o.totalCost), Number.exact(o.delivered),
            o.ratio.map(Number.exact) ?? "", Number.exact(o.valueOverPrice), o.firmCost.map(Number.exact) ?? "",
            o.firmMargin.map(Number.exact) ?? "",
        ]
    }

    public var document: Document {
        Document(
            note: "delivered value = (product + service + personnel + image value) − (price + time + energy + "
                + "physical cost); ratio = value ÷ cost; firm margin = price − the firm's cost to deliver",
            offers: offers.map {
                .init(
                    offer: $0.offer, provider: $0.provider, totalValue: $0.totalValue, totalCost: $0.totalCost,
                    deliveredValue: $0.delivered, ratio: $0.ratio, valueOverPrice: $0.valueOverPrice,
                    firmCost: $0.firmCost, firmMargin: $0.firmMargin)
            })
    }

    public struct Document: Encodable, Sendable {
        public struct Offer: Encodable, Sendable {
            public let offer, provider: String
            public let totalValue, totalCost, deliveredValue: Double
            public let ratio: Double?
            public let valueOverPrice: Double
            public let firmCost, firmMargin: Double?
        }

        public let note: String
        public let offers: [Offer]
    }
}

extension Workspace {
    /// Reads the offers file and computes every offer's delivered value.
    ///
    /// - Throws: `AppError` `.invalidFile` (unreadable, no header, a missing column) and
    ///   `.invalidFile` with a row problem naming the file, line and column of a value that is not a number of 0 or more.
    public func deliveredValue(_ request: DeliveredValueRequest) async throws -> DeliveredValueResult {
        try Self.deliveredValue(request)
    }

    /// The same without a database.
    public static func deliveredValue(_ request: DeliveredValueRequest) throws -> DeliveredValueResult {
        let file = request.file.lastPathComponent
        guard let data = try? Data(contentsOf: request.file), var text = String(data: data, encoding: .utf8) else {
            throw AppError(.invalidFile, "cannot read \(request.file.path): check the path (a UTF-8 CSV file)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let header = lines.first, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError(.invalidFile, "\(file) is empty: expected a header line such as offer,product_value,price")
        }
        let headers = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let numeric = [
            "product_value", "service_value", "personnel_value", "image_value", "price", "time_cost", "energy_cost",
            "physical_cost", "firm_cost",
        ]
        for required in ["offer", "product_value", "price"] where !headers.contains(required) {
            throw AppError(
                .invalidFile,
                "\(file) has no \(required) column; its columns are: \(headers.joined(separator: ", ")) (expected "
                    + "offer, provider, \(numeric.joined(separator: ", ")))")
        }
        var offers: [DeliveredValue] = []
        var problems: [AppError.RowProblem] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == headers.count else {
                problems.append(
                    .init(
                        file: file, line: index + 1, column: nil,
                        message: "expected \(headers.count) fields, found \(cells.count)"))
                continue
            }
            var values: [String: Double] = [:]
            var bad = false
            for (column, cell) in zip(headers, cells) where numeric.contains(column) && !cell.isEmpty {
                guard let value = Double(cell), value.isFinite, value >= 0, value < 1e15 else {
                    problems.append(
                        .init(
                            file: file, line: index + 1, column: column,
                            message: "\"\(cell)\" is not an amount of 0 or more"))
                    bad = true
                    continue
                }
                values[column] = value
            }
            let offer = cells[headers.firstIndex(of: "offer")!]
            if offer.isEmpty {
                problems.append(.init(file: file, line: index + 1, column: "offer", message: "the offer is empty"))
                continue
            }
            if bad { continue }
            offers.append(
                DeliveredValue(
                    offer: offer, provider: headers.firstIndex(of: "provider").map { cells[$0] } ?? "",
                    productValue: values["product_value"] ?? 0, serviceValue: values["service_value"] ?? 0,
                    personnelValue: values["personnel_value"] ?? 0, imageValue: values["image_value"] ?? 0,
                    price: values["price"] ?? 0, timeCost: values["time_cost"] ?? 0,
                    energyCost: values["energy_cost"] ?? 0, physicalCost: values["physical_cost"] ?? 0,
                    firmCost: values["firm_cost"]))
        }
        if !problems.isEmpty {
            let text = problems.map { p in
                "\(p.file), line \(p.line)" + (p.column.map { ", column \"\($0)\"" } ?? "") + ": \(p.message)"
            }
            throw AppError(.invalidFile, text.joined(separator: "\n"), rows: problems)
        }
        return DeliveredValueResult(offers: offers)
    }
}
