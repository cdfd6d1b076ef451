import CVMApp

/// Command-line advice for the value, score, elasticity and credit commands: the application
/// layer says what is missing (as facts), the CLI says which command supplies it.
enum ValueAdvice {
    /// Runs `body`, adding what to run when the database lacks the data an operation needs.
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AppError where error.code == .noData {
            if let needs = error.facts.first(where: { $0.name == "needs" })?.value {
                throw ValidationFailure("\(error.message): run `cvm import \(needs) FILE` first")
            }
            if error.facts.contains(where: { $0.name == "spend_from" }) {
                throw ValidationFailure("\(error.message) (--as-of, --window-months)")
            }
            throw error
        }
    }
}
