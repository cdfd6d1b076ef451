import ArgumentParser
import CVMApp
import CVMStore
import CustomerValue

/// Turns library errors into messages a user can act on; never lets a raw library error through.
enum UserFacingError {
    /// What to do at the command line, by error code: the application layer's messages name no
    /// command or option, the CLI adds them here.
    static let advice: [AppError.Code: String] = [
        .missingDatabase: "run `cvm init` to create one, or pass --database PATH",
        .foreignDatabase: "choose another --database",
        .newerSchema: "upgrade cvm to open it",
    ]

    static func wrap(_ error: Error) -> Error {
        switch error {
        case let error as AppError: return ValidationFailure(error.message + (advice[error.code].map { "; \($0)" } ?? ""))
        case let error as LocalizedMessage: return ValidationFailure(error.description)
        case let error as DecodingError: return ValidationFailure("cannot read the file: \(error)")
        default: return error
        }
    }
}

/// A failure printed as `Error: message` with exit code 1.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
