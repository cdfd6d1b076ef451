import ArgumentParser
import CVMApp
import CustomerValue
import Foundation

/// `cvm owners`: each account manager's book, one-person relationships, and a hand-over list.
struct Owners: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Owner risk: the value each account manager holds, one-person relationships, a hand-over list.",
        discussion: """
            Per owner (the customers file's owner; for a customer without one, the owner of their latest \
            interaction): customers, revenue in the 12 months to --as-of, total CLV of the latest analysis run, \
            key accounts. Customers with two or more interactions in those months, all with one person (their \
            owner, or anyone when they have no owner), are listed: their relationship leaves with that person. \
            --leaving NAME lists that owner's customers ranked by CLV (by revenue without a run), with the last \
            interaction and open complaints.

            CSV: owner,customers,revenue,clv,key_accounts,one_person_customers; with --leaving: \
            customer_id,revenue,clv,key_account,last_interaction,last_interaction_owner,open_complaints,interactions.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("End of the 12 months.", valueName: "date"))
    var asOf: Day?
    @Option(help: ArgumentHelp("The owner who leaves: list their customers for hand-over.", valueName: "name"))
    var leaving: String?
    @Option(help: "Language of the table: en or zh.") var lang: Language = .en
    @Option(help: "Rows shown in a table.") var limit = Defaults.standard.rowsShown

    func run() async throws {
        do {
            let workspace = try global.openWorkspaceForReading()
            let result = try await workspace.owners(OwnersRequest(asOf: asOf, leaving: leaving))
            let sink = try output.sink()
            defer { sink.close() }
            switch output.format {
            case .csv: result.writeCSV(sink.write)
            case .json: sink.line(try JSONDocument.text(result.document))
            case .table: sink.line(OwnersView.table(result, lang: lang, limit: limit))
            }
        } catch { throw UserFacingError.wrap(error, in: lang) }
    }
}

enum OwnersView {
    static func table(_ r: OwnersResult, lang: Language, limit: Int) -> String {
        typealias T = RelationshipTexts
        var lines = [T.ownersTitle(asOf: r.asOf.description, start: r.windowStart.description).text(in: lang), ""]
        func clv(_ value: Double?) -> String { value.map { Number.readable($0) } ?? "–" }
        if let handOver = r.handOver, let leaving = r.leaving {
            lines.append(T.handOverTitle(owner: leaving, count: handOver.count, byCLV: r.clvRun != nil).text(in: lang))
            var table = TerminalTable(
                headers: T.handOverHeaders.headers(in: lang),
                alignments: [.left, .right, .right, .left, .left, .left, .right])
            for c in handOver.prefix(max(0, limit)) {
                table.append([
                    c.id, Number.readable(c.revenue), clv(c.clv), c.keyAccount ? T.keyAccount.text(in: lang) : "",
                    c.lastInteraction?.description ?? "–", c.lastInteractionOwner ?? "", String(c.openComplaints),
                ])
            }
            lines.append(table.render())
            if handOver.count > limit { lines.append(T.moreRows(handOver.count - limit).text(in: lang)) }
            return lines.joined(separator: "\n")
        }
        var table = TerminalTable(
            headers: T.ownerHeaders.headers(in: lang), alignments: [.left, .right, .right, .right, .right, .right])
        for b in r.books {
            table.append([
                b.owner ?? T.noOwner.text(in: lang), String(b.customers), Number.readable(b.revenue),
                b.clvKnown ? Number.readable(b.clv) : "–", String(b.keyAccounts), String(b.onePersonCustomers),
            ])
        }
        lines.append(table.render())
        lines += ["", T.onePersonTitle(r.onePerson.count).text(in: lang)]
        if !r.onePerson.isEmpty {
            var people = TerminalTable(
                headers: T.onePersonHeaders.headers(in: lang), alignments: [.left, .left, .right, .right, .right])
            for c in r.onePerson.prefix(max(0, limit)) {
                people.append([
                    c.id, c.onePerson ?? "", Number.readable(c.revenue), clv(c.clv), String(c.interactions),
                ])
            }
            lines.append(people.render())
            if r.onePerson.count > limit { lines.append(T.moreRows(r.onePerson.count - limit).text(in: lang)) }
        }
        if r.ownersFromInteractions > 0 {
            lines += ["", T.ownerFromInteractions.text(in: lang)]
        }
        return lines.joined(separator: "\n")
    }
}
