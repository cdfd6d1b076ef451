import ArgumentParser
import CVMApp
import Foundation

/// `cvm users add|list|password|revoke`: the people who may use the web service.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, list and revoke the users of the web service.",
        subcommands: [Add.self, List.self, Password.self, Revoke.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user with a role (viewer reads; analyst also imports and runs analyses; admin all).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's name.") var name: String
        @Option(help: "viewer, analyst or admin.") var role: Role = .viewer

        func run() async throws {
            do {
                let user = try await global.openWorkspace().addUser(name, role: role)
                print("Added user \(user.name) (\(user.role)). Create a token with `cvm tokens create \(user.name)`.")
            } catch { throw UserFacingError.wrap(error) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The users: name, role, created, revoked, tokens.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            do {
                let result = try await global.openWorkspaceForReading().users()
                let sink = try output.sink()
                defer { sink.close() }
                switch output.format {
                case .csv: result.writeCSV(sink.write)
                case .json: sink.line(try JSONDocument.text(result.document))
                case .table:
                    var table = TerminalTable(headers: result.columns)
                    for i in 0..<result.rowCount { table.append(result.fields(i)) }
                    sink.line(table.render())
                }
            } catch { throw UserFacingError.wrap(error) }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the password a user logs in to the dashboard with (stored only as a bcrypt hash).",
            discussion: """
                The password is read from standard input (its first line), so that it stays out of the \
                shell's history: at a terminal it is asked for without echo; otherwise pipe it in, e.g. \
                `printf '%s\\n' "$PASSWORD" | cvm users password ana`.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            do {
                let password: String
                if isatty(STDIN_FILENO) == 1, let typed = getpass("Password for \(name): ") {
                    password = String(cString: typed)
                } else {
                    password = readLine(strippingNewline: true) ?? ""
                }
                try await global.openWorkspace().setPassword(user: name, password: password)
                print("Set the password of \(name); they can now log in to the dashboard of `cvm serve`.")
            } catch { throw UserFacingError.wrap(error) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user and every token of theirs.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            do {
                let user = try await global.openWorkspace().revokeUser(name)
                print("Revoked user \(user.name) and their tokens.")
            } catch { throw UserFacingError.wrap(error) }
        }
    }
}

/// `cvm tokens create|revoke`: API tokens, shown once.
struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and revoke API tokens of the web service.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a user; it is shown this once and stored only as a hash.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user's name.") var user: String
        @Option(help: "A note on what the token is for.") var label: String?

        func run() async throws {
            do {
                let created = try await global.openWorkspace().createToken(user: user, label: label)
                print("Token \(created.token.id) for \(user) (\(created.role.rawValue)); it is shown only now:")
                print(created.secret)
            } catch { throw UserFacingError.wrap(error) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its number.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's number, as `cvm tokens create` printed it.") var id: Int64

        func run() async throws {
            do {
                let token = try await global.openWorkspace().revokeToken(id)
                print("Revoked token \(token.id) of \(token.user).")
            } catch { throw UserFacingError.wrap(error) }
        }
    }
}

extension Role: ExpressibleByArgument {}
