import Foundation

/// The system's temporary directory, as a path.
enum FileManagerTemporary {
    static var path: String { FileManager.default.temporaryDirectory.path }
}
