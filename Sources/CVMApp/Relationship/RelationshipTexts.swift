import CustomerValue

/// The fixed texts of the complaints, customer 360 and owners outputs: typed keys whose words are
/// in the `Text` catalogue (its `rel…` keys).
public enum RelationshipTexts: Sendable {
    case complaintsTitle(asOf: String, target: String, count: Int)
    case complaintHeaders(by: ComplaintGrouping)
    case overall, noCategory, noOwner
    case withinTargetNote
    case customerTitle(id: String, name: String?, asOf: String)
    case profile, monthsTitle, monthHeaders, summaryTitle, summaryHeaders
    case predictionsTitle(run: Int64, asOf: String)
    case horizon(months: Int)
    case noPredictions
    case interactionsTitle(Int), interactionHeaders
    case complaintsOfCustomer(Int), customerComplaintHeaders
    case keyAccount
    case visitPlanTitle
    case lastContact(String, days: Int), noContact
    case nextContact(String, interval: String, usual: Bool)
    case overdue(days: Int), notOverdue
    case overdueComplaints(Int)
    case open
    case ownersTitle(asOf: String, start: String)
    case ownerHeaders
    case onePersonTitle(Int)
    case onePersonHeaders
    case handOverTitle(owner: String, count: Int, byCLV: Bool)
    case handOverHeaders
    case ownerFromInteractions
    case moreRows(Int)
    /// A profile field by its column name (`region`, `owner`, …).
    case profileField(String)

    public func text(in language: Language) -> String {
        let l = language
        switch self {
        case .complaintsTitle(let asOf, let target, let count): return Text.relComplaintsTitle(l, asOf, target, count)
        case .complaintHeaders(let by):
            return Text.relComplaintHeaders(l, (by == .category ? Text.relByCategory : Text.relByCustomer)(l))
        case .overall: return Text.relOverall(l)
        case .noCategory: return Text.relNoCategory(l)
        case .noOwner: return Text.relNoOwner(l)
        case .withinTargetNote: return Text.relWithinTargetNote(l)
        case .customerTitle(let id, let name, let asOf):
            return Text.relCustomerTitle(l, name.map { "\(id) \($0)" } ?? id, asOf)
        case .profile: return Text.relProfile(l)
        case .monthsTitle: return Text.relMonthsTitle(l)
        case .monthHeaders: return Text.relMonthHeaders(l)
        case .summaryTitle: return Text.relSummaryTitle(l)
        case .summaryHeaders: return Text.relSummaryHeaders(l)
        case .predictionsTitle(let run, let asOf): return Text.relPredictionsTitle(l, run, asOf)
        case .horizon(let months): return Text.relHorizon(l, months)
        case .noPredictions: return Text.relNoPredictions(l)
        case .interactionsTitle(let n): return Text.relInteractionsTitle(l, n)
        case .interactionHeaders: return Text.relInteractionHeaders(l)
        case .complaintsOfCustomer(let n): return Text.relComplaintsOfCustomer(l, n)
        case .customerComplaintHeaders: return Text.relCustomerComplaintHeaders(l)
        case .keyAccount: return Text.relKeyAccount(l)
        case .visitPlanTitle: return Text.relVisitPlanTitle(l)
        case .lastContact(let day, let days): return Text.relLastContact(l, day, days)
        case .noContact: return Text.relNoContact(l)
        case .nextContact(let day, let interval, let usual):
            return (usual ? Text.relNextContactUsual : Text.relNextContactDefault)(l, day, interval)
        case .overdue(let days): return Text.relOverdue(l, days)
        case .notOverdue: return Text.relNotOverdue(l)
        case .overdueComplaints(let n): return Text.relOverdueComplaints(l, n)
        case .open: return Text.relOpen(l)
        case .ownersTitle(let asOf, let start): return Text.relOwnersTitle(l, start, asOf)
        case .ownerHeaders: return Text.relOwnerHeaders(l)
        case .onePersonTitle(let n): return Text.relOnePersonTitle(l, n)
        case .onePersonHeaders: return Text.relOnePersonHeaders(l)
        case .handOverTitle(let owner, let count, let byCLV):
            return Text.relHandOverTitle(l, owner, count, (byCLV ? Text.relByCLV : Text.relByRevenue)(l))
        case .handOverHeaders: return Text.relHandOverHeaders(l)
        case .ownerFromInteractions: return Text.relOwnerFromInteractions(l)
        case .profileField(let field):
            let key: Text? =
                switch field {
                case "type": .relFieldType
                case "email": .relFieldEmail
                case "phone": .relFieldPhone
                case "region": .relFieldRegion
                case "industry": .relFieldIndustry
                case "age_band": .relFieldAgeBand
                case "gender": .relFieldGender
                case "income_band": .relFieldIncomeBand
                case "acquired": .relFieldAcquired
                case "channel": .relFieldChannel
                case "owner": .relFieldOwner
                case "tags": .relFieldTags
                case "birthday": .relFieldBirthday
                default: nil
                }
            return key.map { $0(l) } ?? field
        case .moreRows(let n): return Text.relMoreRows(l, n)
        }
    }

    /// A header text split into its columns.
    public func headers(in language: Language) -> [String] {
        text(in: language).split(separator: "|").map(String.init)
    }
}
