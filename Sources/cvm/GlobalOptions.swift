import ArgumentParser
import CVMApp
import CVMStore
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database file (default: $CVM_DATABASE, else cvm.sqlite in the working directory).",
            valueName: "path"))
    var database: String?

    /// The database path after the option, the environment and the default are considered.
    var databasePath: String {
        if let database { return database }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CVM_DATABASE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return "cvm.sqlite"
    }

    /// Opens the existing database.
    func openWorkspace() throws -> Workspace { try Workspace.open(database: databasePath) }

    /// TRANSITION: the store of commands not yet moved onto the workspace.
    func openStore() throws -> CVMStore.Store { try Store.open(at: databasePath) }

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
