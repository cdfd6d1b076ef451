/// The languages cvm speaks. Every text a user sees exists in both; the domain's enums carry their
/// names in each through `name(in:)`.
public enum Language: String, CaseIterable, Codable, Sendable {
    case en, zh
}

/// A domain value with a name a person reads, in each language.
public protocol LocalizedName {
    func name(in language: Language) -> String
}

extension RFMSegment: LocalizedName {
    public func name(in language: Language) -> String { language == .zh ? chineseName : englishName }
}

extension ImportanceClass: LocalizedName {
    public func name(in language: Language) -> String { language == .zh ? chineseName : englishName }
}

extension ValueGroup: LocalizedName {
    public func name(in language: Language) -> String { language == .zh ? chineseName : englishName }
}

extension ValueTier: LocalizedName {
    public func name(in language: Language) -> String { language == .zh ? chineseName : englishName }
}

extension Segmentation.Group: LocalizedName {
    public func name(in language: Language) -> String { language == .zh ? chineseName : englishName }
}
