import ArgumentParser
import CVMApp
import CustomerValue

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty customer database (or upgrade an existing one).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Language of messages: en or zh.")
    var lang: Language = .en

    func run() async throws {
        do {
            let workspace = try Workspace.create(database: global.databasePath)
            print(try await workspace.counts().readyLine(in: lang))
            // The first admin of the web service, only when the database has no user yet.
            if let admin = try await workspace.firstAdmin() {
                print(Text.initAdminToken(lang, admin.secret))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}
