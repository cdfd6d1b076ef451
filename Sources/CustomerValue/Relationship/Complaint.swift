/// The scale a satisfaction rating is given on (`1-5`, `1-7`, `1-10`, `0-10`).
public struct SatisfactionScale: Hashable, Codable, Sendable, CustomStringConvertible {
    public var lowest: Int
    public var highest: Int

    /// The scales an import accepts.
    public static let supported: [SatisfactionScale] = [
        SatisfactionScale(1, 5), SatisfactionScale(1, 7), SatisfactionScale(1, 10), SatisfactionScale(0, 10),
    ]
    /// 1 (very dissatisfied) to 5 (very satisfied).
    public static let standard = SatisfactionScale(1, 5)

    public init(_ lowest: Int, _ highest: Int) {
        self.lowest = lowest
        self.highest = highest
    }

    /// `1-5`, `1-7`, `1-10` or `0-10` (also with `–` or `..`); nil for any other text.
    public init?(parsing text: String) {
        let normal = text.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "..", with: "-")
            .replacingOccurrences(of: " ", with: "")
        guard let scale = Self.supported.first(where: { $0.description == normal }) else { return nil }
        self = scale
    }

    /// `1-5`.
    public var description: String { "\(lowest)-\(highest)" }

    public func contains(_ rating: Double) -> Bool { rating >= Double(lowest) && rating <= Double(highest) }

    /// Where `rating` lies on the scale, from 0 (its lowest) to 1 (its highest).
    public func share(_ rating: Double) -> Double {
        (rating - Double(lowest)) / Double(highest - lowest)
    }
}

/// Complaint severity on a 1–5 scale (5 the most severe). The three words map to the ends and
/// the middle of it: low/低 = 1, medium/中 = 3, high/高 = 5.
public enum ComplaintSeverity {
    public static let range = 1...5

    /// The severity a cell names: an integer 1–5, or low/medium/high (低/中/高, also 一般/较高);
    /// nil for anything else.
    public static func level(_ text: String) -> Int? {
        let key = InteractionChannel.key(text)
        if let number = Int(key) { return range.contains(number) ? number : nil }
        switch key {
        case "low", "l", "低": return 1
        case "medium", "med", "m", "中", "一般": return 3
        case "high", "h", "高", "较高": return 5
        default: return nil
        }
    }

    /// `low`, `3`, `high`, … as a person reads the stored level.
    public static func name(_ level: Int, in language: Language) -> String {
        switch (level, language) {
        case (1, .en): "1 (low)"
        case (1, .zh): "1（低）"
        case (3, .en): "3 (medium)"
        case (3, .zh): "3（中）"
        case (5, .en): "5 (high)"
        case (5, .zh): "5（高）"
        default: "\(level)"
        }
    }
}

/// One complaint (投诉): when it was opened and, if it was, resolved; how the customer rated
/// the resolution.
public struct Complaint: Equatable, Sendable {
    public var customerID: String
    /// The business's own complaint id, when the file had one.
    public var complaintID: String?
    public var opened: Day
    /// Minutes after midnight of the opening, when the file gave a time.
    public var openedMinute: Int?
    /// Nil while the complaint is open.
    public var resolved: Day?
    public var resolvedMinute: Int?
    public var category: String?
    /// 1 (low) to 5 (high).
    public var severity: Int?
    public var resolution: String?
    /// The rating after resolution, on `scale`.
    public var satisfaction: Double?
    public var scale: SatisfactionScale
    public var channel: String?

    public init(
        customerID: String, complaintID: String? = nil, opened: Day, openedMinute: Int? = nil, resolved: Day? = nil,
        resolvedMinute: Int? = nil, category: String? = nil, severity: Int? = nil, resolution: String? = nil,
        satisfaction: Double? = nil, scale: SatisfactionScale = .standard, channel: String? = nil
    ) {
        self.customerID = customerID
        self.complaintID = complaintID
        self.opened = opened
        self.openedMinute = openedMinute
        self.resolved = resolved
        self.resolvedMinute = resolvedMinute
        self.category = category
        self.severity = severity
        self.resolution = resolution
        self.satisfaction = satisfaction
        self.scale = scale
        self.channel = channel
    }

    /// Hours from opening to resolution; nil while open. When both have a time of day, the exact
    /// hours; otherwise whole days × 24 (a complaint opened and resolved on one day without times
    /// took 0 hours).
    public var resolutionHours: Double? {
        guard let resolved else { return nil }
        let days = Double(resolved - opened)
        if let openedMinute, let resolvedMinute {
            return days * 24 + Double(resolvedMinute - openedMinute) / 60
        }
        return days * 24
    }

    /// Whether the complaint had been opened and not yet resolved on `asOf` (one resolved after
    /// `asOf` was still open then).
    public func isOpen(at asOf: Day) -> Bool {
        opened <= asOf && (resolved.map { $0 > asOf } ?? true)
    }

    /// Whether it had been resolved by the end of `asOf`.
    public func isResolved(at asOf: Day) -> Bool { resolved.map { $0 <= asOf } ?? false }

    /// Hours the complaint had been open at the end of `asOf` (from its opening time, or from the
    /// start of its opening day).
    public func hoursOpen(at asOf: Day) -> Double {
        Double(asOf + 1 - opened) * 24 - Double(openedMinute ?? 0) / 60
    }

    /// The satisfaction rating as a share of its scale (0 = lowest, 1 = highest).
    public var satisfactionShare: Double? { satisfaction.map { scale.share($0) } }
}
