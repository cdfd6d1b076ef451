import ArgumentParser
import CVMApp
import CVMStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty customer database (or upgrade an existing one).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try Store.create(at: global.databasePath)
        let (customers, transactions) = try store.counts()
        print("Database ready: \(store.path) (\(customers) customers, \(transactions) transactions)")
    }
}
