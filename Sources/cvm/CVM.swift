import ArgumentParser
import CVMApp
import Foundation

@main
struct CVM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cvm",
        abstract: "Customer value management: what each customer is worth, and what to do about it.",
        discussion: """
            Start with `cvm demo` to see the whole pipeline on bundled sample data, or:
              cvm init
              cvm import transactions orders.csv
              cvm summary --unit week
              cvm segments
            Every command takes --database PATH (default: $CVM_DATABASE, else cvm.sqlite). No output \
            file replaces the database or an input; one that holds something else is replaced only \
            with --force.
            """,
        subcommands: [
            Demo.self,
            Init.self,
            Import.self,
            Summary.self,
            Segments.self,
            Fit.self,
            Validate.self,
            Predict.self,
            Scores.self,
            Weights.self,
            Matrix.self,
            Pareto.self,
            Tiers.self,
            Elasticity.self,
            Credit.self,
            Complaints.self,
            CustomerCommand.self,
            Owners.self,
            Lifecycle.self,
            Warnings.self,
            Tasks.self,
            Cohorts.self,
            Acquisition.self,
            Recovery.self,
            Analyze.self,
            Runs.self,
            Targets.self,
            ReportCommand.self,
            Imports.self,
            Delete.self,
            Export.self,
            MigrateStore.self,
            Generate.self,
            Satisfaction.self,
            IPA.self,
            Competitors.self,
            ValueMapCommand.self,
            WaveChangeCommand.self,
            SatisfactionRetentionCommand.self,
            AttitudesCommand.self,
            DeliveredValueCommand.self,
            Loyalty.self,
            Journey.self,
            Serve.self,
            Users.self,
            Tokens.self,
        ]
    )

    /// Lets global options stand before the subcommand (`cvm --database P import …`) as well as
    /// after it, by moving them behind the subcommand name before parsing.
    static func main() async {
        let arguments = GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            CommandLineContext.record(command, arguments: arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: UserFacingError.wrap(error))
        }
    }
}
