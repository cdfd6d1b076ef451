import CVMAPI
import CVMApp
import CustomerValue
import Foundation
import OpenAPIRuntime

/// The customer 360, complaints and owners.
extension API {
    func getCustomer(_ input: Operations.GetCustomer.Input) async throws -> Operations.GetCustomer.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let view = try await workspace.customer(
                CustomerRequest(id: input.path.customer, asOf: try day(input.query.asOf, "as_of")))
            return .ok(
                .init(body: .json(try DocumentBody.typed(view.document, as: Components.Schemas.CustomerView.self))))
        }
    }

    func getComplaints(_ input: Operations.GetComplaints.Input) async throws -> Operations.GetComplaints.Output {
        let q = input.query
        return try await speaking(language(q.lang?.rawValue)) {
            let page = try workspace.page(of: "groups", offset: q.offset, limit: q.limit)
            let result = try await workspace.complaints(
                ComplaintsRequest(
                    asOf: try day(q.asOf, "as_of"), targetHours: q.targetHours,
                    by: q.by.flatMap { ComplaintGrouping(rawValue: $0.rawValue) }))
            return .ok(
                .init(
                    body: .json(
                        try DocumentBody.typed(result.document, page: page, as: Components.Schemas.Complaints.self))))
        }
    }

    func getOwners(_ input: Operations.GetOwners.Input) async throws -> Operations.GetOwners.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let result = try await workspace.owners(
                OwnersRequest(asOf: try day(input.query.asOf, "as_of"), leaving: input.query.leaving))
            return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Owners.self))))
        }
    }
}
