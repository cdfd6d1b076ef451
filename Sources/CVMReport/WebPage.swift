import CustomerValue
import Mustache

/// One page of the dashboard: the report's look with a header of navigation, language switch
/// and the signed-in user, around a body the server assembled from escaped parts.
///
/// Inline CSS and inline SVG only, and no script: the page needs nothing from the network and
/// every form works in any browser.
public struct WebPage: Sendable {
    public struct Link: Sendable {
        public var label: String
        public var href: String
        public var current: Bool
        public init(_ label: String, _ href: String, current: Bool = false) {
            self.label = label
            self.href = href
            self.current = current
        }
    }

    /// The signed-in user and the form that signs them out.
    public struct User: Sendable {
        public var name: String
        public var role: String
        public var logoutLabel: String
        public var csrf: String
        public init(name: String, role: String, logoutLabel: String, csrf: String) {
            self.name = name
            self.role = role
            self.logoutLabel = logoutLabel
            self.csrf = csrf
        }
    }

    public var language: Language
    public var product: String
    public var title: String
    public var subtitle: String
    public var navigation: [Link]
    public var navigationLabel: String
    public var languages: [Link]
    public var user: User?
    /// HTML of the page's body: built with `HTML`, whose parts escape every value.
    public var body: HTML
    /// Seconds after which the page loads itself again (a job under way); nil: never.
    public var refreshSeconds: Int?

    public init(
        language: Language, product: String, title: String, subtitle: String = "", navigation: [Link] = [],
        navigationLabel: String = "", languages: [Link] = [], user: User? = nil, body: HTML, refreshSeconds: Int? = nil
    ) {
        self.language = language
        self.product = product
        self.title = title
        self.subtitle = subtitle
        self.navigation = navigation
        self.navigationLabel = navigationLabel
        self.languages = languages
        self.user = user
        self.body = body
        self.refreshSeconds = refreshSeconds
    }

    /// The HTML page.
    public func html() -> String {
        var context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en",
            "style": Report.style + Self.style,
            "product": product,
            "title": title,
            "subtitle": subtitle,
            "hasSubtitle": !subtitle.isEmpty,
            "navigationLabel": navigationLabel,
            "navigation": navigation.map { ["label": $0.label, "href": $0.href, "current": $0.current] },
            "languages": languages.map { ["label": $0.label, "href": $0.href, "current": $0.current] },
            "body": body.text,
        ]
        if let user {
            context["user"] = [
                "name": user.name, "role": user.role, "logout": user.logoutLabel, "csrf": user.csrf,
            ]
        }
        if let refreshSeconds { context["refresh"] = refreshSeconds }
        return Self.template.render(context)
    }

    /// What the dashboard adds to the report's style: the top bar, forms, and the phone layout.
    static let style = """

        .bar { background: #0b3d62; color: #fff; padding: 10px 24px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; }
        .bar .product { font-weight: 700; font-size: 18px; color: #fff; text-decoration: none; margin-right: 8px; }
        .bar nav { margin: 0; display: flex; flex-wrap: wrap; gap: 4px 2px; flex: 1 1 480px; }
        .bar nav a { color: #dce8f2; text-decoration: none; padding: 4px 8px; border-radius: 4px; margin: 0; }
        .bar nav a[aria-current="page"] { background: #fff; color: #0b3d62; font-weight: 600; }
        .bar nav a:focus, .bar nav a:hover { outline: 2px solid #9cc3e4; }
        .bar .who { font-size: 13px; display: flex; align-items: center; gap: 10px; }
        .bar .who a { color: #dce8f2; }
        .bar .who a[aria-current="true"] { font-weight: 700; color: #fff; text-decoration: none; }
        .bar form { display: inline; margin: 0; }
        .bar button { background: transparent; color: #fff; border: 1px solid #9cc3e4; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
        .title { padding: 18px 0 0; }
        .title h1 { margin: 0; font-size: 24px; color: #0b3d62; }
        .title p { margin: 4px 0 0; color: #555; font-size: 14px; }
        form.panel { background: #fff; border-radius: 6px; padding: 16px 20px; margin: 18px 0; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
        label { display: block; margin: 8px 0 4px; font-size: 14px; }
        label.inline { display: inline-flex; gap: 6px; align-items: center; }
        input[type=text], input[type=password], input[type=search], select, textarea {
            font: inherit; padding: 6px 8px; border: 1px solid #b8c4d0; border-radius: 4px; max-width: 100%; box-sizing: border-box; }
        input:focus, select:focus, textarea:focus, button:focus { outline: 2px solid #2a7ab8; }
        button.primary, input[type=submit] { background: #0b3d62; color: #fff; border: 0; border-radius: 4px; padding: 7px 16px; font: inherit; cursor: pointer; margin-top: 10px; }
        .message { padding: 10px 14px; border-radius: 6px; margin: 14px 0; }
        .message.error { background: #fdecea; color: #7a1a12; }
        .message.done { background: #e8f5e9; color: #1b4d20; }
        .pager { margin: 10px 0; }
        .inline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        .inline-form textarea { min-height: 2.2em; }
        .muted { color: #666; font-size: 13px; }
        ul.links { padding-left: 18px; }
        @media (max-width: 640px) {
            .bar { padding: 8px 12px; }
            main { padding: 8px 10px 40px; }
            section, form.panel { padding: 12px 12px; }
            .figures { grid-template-columns: repeat(2, 1fr); }
            table { font-size: 12px; }
        }
        """

    // A constant of this file: a parse error is a programming error.
    private static let template = try! MustacheTemplate(
        string: """
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
            <title>{{title}} · {{product}}</title>
            <link rel="icon" href="data:,">
            <style>
            {{{style}}}
            </style>
            </head>
            <body>
            <div class="bar">
            <a class="product" href="/">{{product}}</a>
            {{#user}}<nav aria-label="{{navigationLabel}}">{{#navigation}}<a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a>{{/navigation}}</nav>{{/user}}
            <div class="who">
            {{#languages}}<a class="lang-switch" href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{label}}</a>{{/languages}}
            {{#user}}<span>{{name}} ({{role}})</span>
            <form id="logout" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{logout}}</button></form>{{/user}}
            </div>
            </div>
            <main>
            <div class="title"><h1>{{title}}</h1>{{#hasSubtitle}}<p>{{subtitle}}</p>{{/hasSubtitle}}</div>
            {{{body}}}
            </main>
            </body>
            </html>
            """)
}

/// A piece of HTML whose every value was escaped where it was put in: pages are assembled from
/// these, so text from the database (a customer's name, a note) can never become markup.
public struct HTML: Sendable, ExpressibleByStringLiteral {
    public private(set) var text: String

    /// Markup written in the program itself (never data).
    public init(stringLiteral markup: String) { text = markup }
    /// Markup already made safe (a rendered chart or section of this module).
    public init(trusted markup: String) { text = markup }
    /// Text shown as text.
    public init(escaping value: String) { text = HTML.escape(value) }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }
    public static func += (a: inout HTML, b: HTML) { a.text += b.text }

    /// `parts` one after the other.
    public static func join(_ parts: [HTML]) -> HTML { HTML(trusted: parts.map(\.text).joined()) }

    /// `<tag attributes>content</tag>`, every attribute value escaped.
    public static func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: HTML = "") -> HTML {
        HTML(trusted: "<\(tag)\(attributeText(attributes))>\(content.text)</\(tag)>")
    }

    /// `<tag attributes>` for elements without content (`input`).
    public static func void(_ tag: String, _ attributes: [(String, String)]) -> HTML {
        HTML(trusted: "<\(tag)\(attributeText(attributes))>")
    }

    /// `<a href>text</a>`.
    public static func link(_ text: String, _ href: String, attributes: [(String, String)] = []) -> HTML {
        element("a", [("href", href)] + attributes, HTML(escaping: text))
    }

    /// A table: headers, rows of cells (each already HTML), numeric columns right-aligned.
    public static func table(
        headers: [String], rows: [[HTML]], numeric: Set<Int> = [], id: String? = nil, caption: String? = nil
    ) -> HTML {
        var html = "<div class=\"table-scroll\"><table\(id.map { " id=\"\(escape($0))\"" } ?? "")>"
        if let caption { html += "<caption class=\"muted\">\(escape(caption))</caption>" }
        html += "<thead><tr>"
        for (i, header) in headers.enumerated() {
            html += "<th\(numeric.contains(i) ? " class=\"num\"" : "") scope=\"col\">\(escape(header))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (i, cell) in row.enumerated() {
                html += "<td\(numeric.contains(i) ? " class=\"num\"" : "")>\(cell.text)</td>"
            }
            html += "</tr>"
        }
        return HTML(trusted: html + "</tbody></table></div>")
    }

    /// Escapes the five characters that could end a text or an attribute value.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for c in value {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { name, value in
            value.isEmpty && booleanAttributes.contains(name) ? " \(name)" : " \(name)=\"\(escape(value))\""
        }
        .joined()
    }

    /// Attributes written without a value when given an empty one.
    static let booleanAttributes: Set<String> = [
        "checked", "selected", "required", "disabled", "multiple", "autofocus",
    ]
}
