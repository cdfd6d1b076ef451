import Foundation

extension Workspace {
    /// The page of a long list a request asks for: `limit` items (default
    /// `Defaults.resultsPageSize`, within `Defaults.Bounds.customersPageSize`) from `offset`
    /// (default 0); `invalidRequest` for a page outside those bounds.
    public func page(of list: String, offset: Int?, limit: Int?) throws -> JSONDocument.Page {
        let limit = limit ?? defaults.resultsPageSize
        let offset = offset ?? 0
        guard Defaults.Bounds.customersPageSize.contains(limit), offset >= 0 else {
            throw AppError(
                .invalidRequest,
                "a page starts at 0 or later and holds \(Defaults.Bounds.customersPageSize.lowerBound)…"
                    + "\(Defaults.Bounds.customersPageSize.upperBound) rows",
                facts: [.init("offset", String(offset)), .init("limit", String(limit))])
        }
        return JSONDocument.Page(list: list, offset: offset, limit: limit)
    }
}
