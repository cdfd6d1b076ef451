import CVMStore
import Foundation

/// An analysis run started in the background: its state and the steps done so far.
public struct AnalysisJob: Sendable {
    public enum State: String, Codable, Sendable {
        case running, succeeded, failed
    }

    public var id: Int
    public var state: State
    public var name: String?
    public var startedAt: String
    public var finishedAt: String?
    /// Every step that has ended, in order.
    public var steps: [AnalysisProgress]
    /// The stored run, once it succeeded.
    public var run: Int64?
    /// Why it failed.
    public var error: AppError?

    /// `{job, state, name, started_at, finished_at, steps_total, steps: [{step, number, ran, seconds, detail}],
    /// run, error: {code, message}}`; what is not known yet is null.
    public var document: Document {
        Document(
            job: id, state: state.rawValue, name: name, startedAt: startedAt, finishedAt: finishedAt,
            stepsTotal: AnalysisStep.allCases.count,
            steps: steps.map {
                .init(step: $0.step.rawValue, number: $0.number, ran: $0.ran, seconds: $0.seconds, detail: $0.detail)
            }, run: run, error: error.map { .init(code: $0.code.rawValue, message: $0.message) })
    }

    public struct Document: Encodable, Sendable {
        public struct Step: Encodable, Sendable {
            public let step: String
            public let number: Int
            public let ran: Bool
            public let seconds: Double
            public let detail: String
        }
        public struct Failure: Encodable, Sendable {
            public let code, message: String
        }
        public let job: Int
        public let state: String
        public let name: String?
        public let startedAt: String
        public let finishedAt: String?
        public let stepsTotal: Int
        public let steps: [Step]
        public let run: Int64?
        public let error: Failure?

        enum CodingKeys: String, CodingKey {
            case job, state, name, startedAt, finishedAt, stepsTotal, steps, run, error
        }
        public func encode(to encoder: Encoder) throws {
            // Every key is always there, null while unknown: a poller reads one shape.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(job, forKey: .job)
            try c.encode(state, forKey: .state)
            try c.encode(name, forKey: .name)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(finishedAt, forKey: .finishedAt)
            try c.encode(stepsTotal, forKey: .stepsTotal)
            try c.encode(steps, forKey: .steps)
            try c.encode(run, forKey: .run)
            try c.encode(error, forKey: .error)
        }
    }
}

/// Analysis runs of one database started in the background, one at a time: a second start while
/// one runs is refused with `conflict`, so two runs never compete for the same database.
public actor AnalysisJobs {
    public let workspace: Workspace
    private var jobs: [AnalysisJob] = []
    private var running: Task<Void, Never>?
    private var buffers: [Int: StepBuffer] = [:]
    /// Finished jobs kept for polling.
    private let kept = 100

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Starts `request` in the background and returns the job as it starts.
    ///
    /// - Throws: `AppError(.conflict)` while another job runs; `.invalidRequest` for settings out
    ///   of range (checked before anything starts); `.readOnly` on a read-only database.
    public func start(_ request: AnalysisRequest) throws -> AnalysisJob {
        if let current = jobs.last, current.state == .running {
            throw AppError(
                .conflict, "analysis job \(current.id) is still running on this database; wait for it to finish",
                facts: [.init("job", String(current.id))])
        }
        _ = try workspace.analysisSettings(request)
        let id = (jobs.last?.id ?? 0) + 1
        let job = AnalysisJob(
            id: id, state: .running, name: request.name, startedAt: ISO8601DateFormatter().string(from: Date()),
            finishedAt: nil, steps: [], run: nil, error: nil)
        jobs.append(job)
        if jobs.count > kept {
            for old in jobs.prefix(jobs.count - kept) { buffers[old.id] = nil }
            jobs.removeFirst(jobs.count - kept)
        }
        let workspace = self.workspace
        let jobs = self
        // Steps are recorded as the analysis reports them, synchronously, so that a job read
        // after it finished has every step.
        let steps = StepBuffer()
        buffers[id] = steps
        running = Task.detached {
            do {
                let result = try await workspace.analyze(request) { step in steps.append(step) }
                await jobs.finish(id, run: result.run, error: nil)
            } catch {
                await jobs.finish(id, run: nil, error: AppError.from(error))
            }
        }
        return job
    }

    /// Job `id`; `notFound` for an unknown one.
    public func job(_ id: Int) throws -> AnalysisJob {
        guard let job = jobs.first(where: { $0.id == id }) else {
            throw AppError(.notFound, "no analysis job \(id)", facts: [.init("job", String(id))])
        }
        return withSteps(job)
    }

    /// Every kept job, oldest first.
    public func all() -> [AnalysisJob] { jobs.map(withSteps) }

    private func withSteps(_ job: AnalysisJob) -> AnalysisJob {
        var job = job
        job.steps = buffers[job.id]?.steps ?? job.steps
        return job
    }

    /// Waits until the running job (if any) has ended: for tests and an orderly shutdown.
    public func wait() async { await running?.value }

    private func finish(_ id: Int, run: Int64?, error: AppError?) {
        guard let i = jobs.firstIndex(where: { $0.id == id }) else { return }
        jobs[i].state = error == nil ? .succeeded : .failed
        jobs[i].run = run
        jobs[i].error = error
        jobs[i].finishedAt = ISO8601DateFormatter().string(from: Date())
    }
}

/// The steps of one job, appended from the analysis while it runs and read by pollers.
private final class StepBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [AnalysisProgress] = []

    func append(_ step: AnalysisProgress) { lock.withLock { list.append(step) } }
    var steps: [AnalysisProgress] { lock.withLock { list } }
}
