import CVMAPI
import CVMApp
import Foundation
import OpenAPIRuntime

/// Users and tokens over HTTP, as `cvm users` and `cvm tokens` (admin role).
extension API {
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let result = try await workspace.users()
        return .ok(.init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.UserList.self))))
    }

    func addUser(_ input: Operations.AddUser.Input) async throws -> Operations.AddUser.Output {
        guard case .json(let body) = input.body else { throw AppError(.invalidRequest, "no user given") }
        let role = body.role.flatMap { Role(rawValue: $0.rawValue) } ?? .viewer
        let user = try await workspace.addUser(body.name, role: role)
        return .created(.init(body: .json(try DocumentBody.typed(user.document, as: Components.Schemas.User.self))))
    }

    func revokeUser(_ input: Operations.RevokeUser.Input) async throws -> Operations.RevokeUser.Output {
        let user = try await workspace.revokeUser(input.path.user)
        return .ok(.init(body: .json(try DocumentBody.typed(user.document, as: Components.Schemas.User.self))))
    }

    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let tokens = try await workspace.tokens()
        return .ok(
            .init(body: .json(try DocumentBody.typed(TokenListDocument(tokens), as: Components.Schemas.TokenList.self)))
        )
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let body) = input.body else { throw AppError(.invalidRequest, "no token request given") }
        let created = try await workspace.createToken(user: body.user, label: body.label)
        return .created(
            .init(body: .json(try DocumentBody.typed(created.document, as: Components.Schemas.CreatedToken.self))))
    }

    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        let token = try await workspace.revokeToken(Int64(input.path.token))
        return .ok(.init(body: .json(try DocumentBody.typed(TokenDocument(token), as: Components.Schemas.Token.self))))
    }
}
