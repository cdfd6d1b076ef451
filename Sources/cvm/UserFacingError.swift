import ArgumentParser
import CVMStore
import CustomerValue

/// Turns library errors into messages a user can act on; never lets a raw library error through.
enum UserFacingError {
    static func wrap(_ error: Error) -> Error {
        switch error {
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
