import CVMAPI
import CVMApp
import CustomerValue
import Foundation
import OpenAPIRuntime

/// The lifecycle, churn warnings, cohorts and care tasks: each one `Workspace` call answering the
/// document of `cvm … --format json`, long lists a page at a time.
extension API {
    func getLifecycle(_ input: Operations.GetLifecycle.Input) async throws -> Operations.GetLifecycle.Output {
        let q = input.query
        let lang = language(q.lang?.rawValue)
        return try await speaking(lang) {
            let page = try workspace.page(of: "customers", offset: q.offset, limit: q.limit)
            let result = try await workspace.lifecycle(
                LifecycleRequest(asOf: try day(q.asOf, "as_of"), patterns: q.patterns ?? false))
            return .ok(
                .init(
                    body: .json(
                        try DocumentBody.typed(
                            result.document(in: lang), page: page, as: Components.Schemas.Lifecycle.self))))
        }
    }

    func getWarnings(_ input: Operations.GetWarnings.Input) async throws -> Operations.GetWarnings.Output {
        let q = input.query
        let lang = language(q.lang?.rawValue)
        return try await speaking(lang) {
            let page = try workspace.page(of: "warnings", offset: q.offset, limit: q.limit)
            let result = try await workspace.warnings(WarningsRequest(asOf: try day(q.asOf, "as_of"), top: q.top))
            return .ok(
                .init(
                    body: .json(
                        try DocumentBody.typed(
                            result.document(in: lang), page: page, as: Components.Schemas.Warnings.self))))
        }
    }

    func getCohorts(_ input: Operations.GetCohorts.Input) async throws -> Operations.GetCohorts.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let result = try await workspace.cohorts(CohortsRequest(asOf: try day(input.query.asOf, "as_of")))
            return .ok(
                .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.Cohorts.self))))
        }
    }

    func listTasks(_ input: Operations.ListTasks.Input) async throws -> Operations.ListTasks.Output {
        let q = input.query
        return try await speaking(language(q.lang?.rawValue)) {
            let page = try workspace.page(of: "tasks", offset: q.offset, limit: q.limit)
            let result = try await workspace.tasks(
                TasksRequest(
                    owner: q.owner, status: q.status.flatMap { CareTaskStatus(rawValue: $0.rawValue) },
                    customerID: q.customer))
            return .ok(
                .init(
                    body: .json(
                        try DocumentBody.typed(result.document, page: page, as: Components.Schemas.TaskList.self))))
        }
    }

    func getTask(_ input: Operations.GetTask.Input) async throws -> Operations.GetTask.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let task = try await workspace.task(Int64(input.path.task))
            return .ok(.init(body: .json(try DocumentBody.typed(TaskDocument(task), as: Components.Schemas.Task.self))))
        }
    }

    func updateTask(_ input: Operations.UpdateTask.Input) async throws -> Operations.UpdateTask.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            guard case .json(let body) = input.body else { throw AppError(.invalidRequest, "no task update given") }
            // Who made the change is the token's user, never a name the client writes.
            let task = try await workspace.updateTask(
                TaskUpdateRequest(
                    id: Int64(input.path.task), status: body.status.flatMap { CareTaskStatus(rawValue: $0.rawValue) },
                    note: body.note, by: RequestIdentity.current?.user, on: try day(body.date, "date"),
                    lossReason: body.lossReason, wonBy: body.wonBy))
            return .ok(.init(body: .json(try DocumentBody.typed(TaskDocument(task), as: Components.Schemas.Task.self))))
        }
    }

    func getTaskSummary(_ input: Operations.GetTaskSummary.Input) async throws -> Operations.GetTaskSummary.Output {
        try await speaking(language(input.query.lang?.rawValue)) {
            let result = try await workspace.taskSummary()
            return .ok(
                .init(body: .json(try DocumentBody.typed(result.document, as: Components.Schemas.TaskSummary.self))))
        }
    }
}
