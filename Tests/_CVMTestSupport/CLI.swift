import Foundation

/// Runs the built `cvm` binary, for tests of the command line.
public enum CLI {
    /// The `cvm` executable beside the test bundle in the build products directory (SwiftPM
    /// builds it first because the test target depends on it), else `.build/debug/cvm`.
    public static var executable: URL {
        let products = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent("cvm"),
            products.deletingLastPathComponent().appendingPathComponent("cvm"),
            Fixtures.root.appendingPathComponent(".build/debug/cvm"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    /// Runs `cvm` with `arguments` and waits for it: the exit status and everything it printed.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = start(arguments, in: directory, environment: environment)
        try process.process.run()
        // Read both pipes to the end before waiting, so a full pipe never blocks the child.
        let errorData = DataBox()
        let errorReader = Thread { errorData.data = process.stderr.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let output = process.stdout.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        while !errorData.done { usleep(1000) }
        return (
            process.process.terminationStatus, String(decoding: output, as: UTF8.self),
            String(decoding: errorData.data, as: UTF8.self)
        )
    }

    /// A configured, not yet started `cvm` process with its output pipes (for tests that signal it).
    public static func start(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        return (process, stdout, stderr)
    }

    private final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value = Data()
        private var finished = false
        var data: Data {
            get { lock.withLock { value } }
            set {
                lock.withLock {
                    value = newValue
                    finished = true
                }
            }
        }
        var done: Bool { lock.withLock { finished } }
    }
}
