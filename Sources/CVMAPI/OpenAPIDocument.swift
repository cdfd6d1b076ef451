import Foundation

/// The API document the server stubs were generated from, as shipped in the bundle: the web
/// service serves exactly these bytes at `/api/v1/openapi.yaml`.
public enum OpenAPIDocument {
    /// The YAML text of `openapi.yaml`.
    public static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()
}
