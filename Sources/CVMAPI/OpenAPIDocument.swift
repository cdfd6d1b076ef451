import Foundation
import Yams

/// The API document the server stubs were generated from, as shipped in the bundle: the web
/// service serves exactly these bytes at `/api/v1/openapi.yaml`, and the same document as JSON at
/// `/api/v1/openapi.json`.
public enum OpenAPIDocument {
    /// The YAML text of `openapi.yaml`.
    public static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    /// The same document as JSON (keys sorted, so the text is the same on every start), read from
    /// `yaml` by a YAML parser: one document, two spellings. Empty when the YAML cannot be read
    /// (which a test rules out).
    public static let json: String = {
        guard let tree = try? Yams.load(yaml: yaml),
            let data = try? JSONSerialization.data(
                withJSONObject: jsonValue(tree), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }()

    /// A parsed YAML value as one JSONSerialization writes: a timestamp (a plain date in the
    /// YAML) as its ISO text; mappings with keys as text.
    static func jsonValue(_ value: Any?) -> Any {
        switch value {
        case nil: return NSNull()
        case let map as [AnyHashable: Any]:
            var out: [String: Any] = [:]
            for (key, element) in map { out["\(key.base)"] = jsonValue(element) }
            return out
        case let list as [Any]: return list.map(jsonValue)
        case let date as Date: return ISO8601DateFormatter().string(from: date)
        case let value?: return value
        }
    }
}
