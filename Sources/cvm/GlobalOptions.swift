import ArgumentParser
import CVMApp
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file, or a team's PostgreSQL database as postgres://user@host:port/database "
                + "(default: $CVM_DATABASE, else cvm.sqlite in the working directory).",
            valueName: "path"))
    var database: String?

    /// The database path after the option, the environment and the default are considered.
    var databasePath: String { Self.databasePath(database) }

    static func databasePath(_ database: String?) -> String {
        if let database { return database }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CVM_DATABASE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "cvm.sqlite"
    }

    /// Opens the existing database.
    func openWorkspace() throws -> Workspace { try Workspace.open(database: databasePath) }

    /// Opens the existing database for a command that only reads: read-only, so it works on a
    /// file the user cannot write and never changes it; a database of an older schema is upgraded
    /// in place first (as any writing command would).
    func openWorkspaceForReading() throws -> Workspace {
        do {
            return try Workspace.open(database: databasePath, access: .readOnly)
        } catch let error as AppError where error.code == .olderSchema {
            return try Workspace.open(database: databasePath)
        }
    }

    /// Options that may stand before the subcommand name.
    private static let hoistable: Set<String> = ["--database"]

    /// Moves `--database P` (or `--database=P`) found before the first subcommand name to just
    /// after it, so that ArgumentParser sees it where the subcommand declares it.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard hoistable.contains(name) else { break }
            leading.append(argument)
            if !argument.contains("="), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        // The subcommand path: leading words that are not options (e.g. `import transactions`).
        var rest = Array(arguments[index...])
        var split = 0
        while split < rest.count, !rest[split].hasPrefix("-"), split < 2 { split += 1 }
        rest.insert(contentsOf: leading, at: split)
        return rest
    }
}

/// What an output check must know about the command line as a whole: the database the command
/// uses and the files it was given. Set once in `CVM.main` before the command runs.
enum CommandLineContext {
    nonisolated(unsafe) static var databasePath: String = GlobalOptions.databasePath(nil)
    nonisolated(unsafe) static var arguments: [String] = []

    /// Records the parsed command's database (from its `GlobalOptions`, if it has them).
    static func record(_ command: ParsableCommand, arguments: [String]) {
        self.arguments = arguments
        for child in Mirror(reflecting: command).children {
            if let group = child.value as? OptionGroup<GlobalOptions> {
                databasePath = group.wrappedValue.databasePath
            }
        }
    }

    /// Every argument that may name an input file, leaving out one occurrence of `output` (the
    /// value of the output option itself): an output given twice is also an input.
    static func inputs(besides output: String) -> [String] {
        var values: [String] = []
        for argument in arguments {
            values.append(argument)
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") {
                values.append(String(argument[argument.index(after: equals)...]))
            }
        }
        if let index = values.firstIndex(of: output) { values.remove(at: index) }
        return values.filter { !$0.hasPrefix("-") && FileManager.default.fileExists(atPath: $0) }
    }
}
