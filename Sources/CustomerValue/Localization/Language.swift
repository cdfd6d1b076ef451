/// The languages cvm speaks. Every text a user sees exists in both, in `Catalogue`: the domain's
/// enums give their names through `name(in:)`, fixed texts through `language.text(_:)`.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en, zh

    /// What separates the items of a list in a sentence: "; " in English, "；" in Chinese.
    public var listSeparator: String { self == .zh ? "；" : "; " }
}

/// A domain value with a name a person reads, in each language.
public protocol LocalizedName {
    func name(in language: Language) -> String
}
