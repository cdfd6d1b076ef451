import CustomerValue
import Mustache

/// A self-contained HTML report: headline figures, then sections of charts, tables and notes.
///
/// The page is rendered from one Mustache template with inline CSS and inline SVG: no scripts,
/// no fonts or images from the network, so it opens anywhere and prints well.
public struct Report: Sendable {
    public var language: Language
    public var title: String
    public var subtitle: String
    public var figures: [Figure]
    public var sections: [Section]

    public struct Figure: Sendable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    public struct Table: Sendable {
        public var headers: [String]
        public var rows: [[String]]
        /// Columns to right-align (numbers).
        public var numeric: Set<Int>
        /// Where a cell leads (row, then column; nil or missing: plain text). The dashboard links
        /// customers and groups to their pages; a report file has no links.
        public var links: [[String?]]
        public init(headers: [String], rows: [[String]], numeric: Set<Int> = [], links: [[String?]] = []) {
            self.headers = headers
            self.rows = rows
            self.numeric = numeric
            self.links = links
        }

        /// The table with the cells of `column` leading where `link` says (nil: nowhere).
        public func linking(column: Int, _ link: (_ row: Int, _ text: String) -> String?) -> Table {
            var copy = self
            copy.links = rows.enumerated().map { i, row in
                var cells = i < links.count ? links[i] : []
                while cells.count < row.count { cells.append(nil) }
                if column < row.count, let target = link(i, row[column]) { cells[column] = target }
                return cells
            }
            return copy
        }

        func href(_ row: Int, _ column: Int) -> String? {
            row < links.count && column < links[row].count ? links[row][column] : nil
        }
    }

    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var intro: String
        /// Rendered `<svg>` elements with their captions.
        public var charts: [(svg: String, caption: String)]
        public var tables: [Table]
        public var notes: [String]

        public init(
            id: String, title: String, intro: String = "", charts: [(svg: String, caption: String)] = [],
            tables: [Table] = [], notes: [String] = []
        ) {
            self.id = id
            self.title = title
            self.intro = intro
            self.charts = charts
            self.tables = tables
            self.notes = notes
        }
    }

    public init(language: Language, title: String, subtitle: String, figures: [Figure], sections: [Section]) {
        self.language = language
        self.title = title
        self.subtitle = subtitle
        self.figures = figures
        self.sections = sections
    }

    /// The HTML page.
    public func html() -> String {
        let context: [String: Any] = [
            "lang": language == .zh ? "zh-CN" : "en",
            "title": title,
            "subtitle": subtitle,
            "contents": language.text(.contents),
            "style": Self.style,
            "figures": figures.map { ["label": $0.label, "value": $0.value] },
            "sections": sections.map { ["id": $0.id, "title": $0.title, "html": $0.html()] },
        ]
        // The template is a constant of this file: a parse error is a programming error.
        let template = try! MustacheTemplate(string: Self.template)
        return template.render(context)
    }

    static let template = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        {{{style}}}
        </style>
        </head>
        <body>
        <header><h1>{{title}}</h1><p>{{subtitle}}</p></header>
        <main>
        <div class="figures">{{#figures}}<div class="figure"><div class="value">{{value}}</div><div class="label">{{label}}</div></div>{{/figures}}</div>
        <nav>{{contents}}: {{#sections}}<a href="#{{id}}">{{title}}</a>{{/sections}}</nav>
        {{#sections}}{{{html}}}{{/sections}}
        </main>
        </body>
        </html>
        """

    /// The page's style sheet: the dashboard's pages use it too, so that a report and a page look
    /// alike.
    public static let style = """
        body { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
               color: #222; margin: 0; background: #f6f7f9; }
        header { background: #0b3d62; color: #fff; padding: 24px 40px; }
        header h1 { margin: 0 0 6px; font-size: 26px; }
        header p { margin: 0; opacity: 0.85; }
        main { max-width: 1040px; margin: 0 auto; padding: 20px 24px 60px; }
        nav { margin: 16px 0; font-size: 14px; }
        nav a { margin-right: 14px; color: #0b3d62; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin: 16px 0 8px; }
        .figure { background: #fff; border-radius: 6px; padding: 14px 16px; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
        .figure .value { font-size: 22px; font-weight: 600; color: #0b3d62; }
        .figure .label { font-size: 13px; color: #555; margin-top: 4px; }
        section { background: #fff; border-radius: 6px; padding: 18px 22px; margin: 18px 0; box-shadow: 0 1px 2px rgba(0,0,0,0.08); }
        section h2 { margin: 0 0 8px; font-size: 20px; color: #0b3d62; }
        figure { margin: 12px 0; }
        figcaption { font-size: 13px; color: #555; margin-top: 4px; }
        svg.chart { width: 100%; max-width: 760px; height: auto; display: block; }
        .table-scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 10px 0; font-size: 13px; width: 100%; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f3f7; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .note { font-size: 13px; color: #6a4b00; background: #fff8e1; padding: 6px 10px; border-radius: 4px; margin: 6px 0; }
        @media print { body { background: #fff; } section { box-shadow: none; break-inside: avoid; } }
        """
}

extension Report.Section {
    /// The section as an HTML `<section>` element: title, intro, charts, tables, notes.
    /// `downloads`: for table i, where its CSV is (the dashboard's; a report file has none), with the link's text.
    public func html(downloads: (_ table: Int) -> String? = { _ in nil }, downloadLabel: String = "") -> String {
        let context: [String: Any] = [
            "id": id,
            "title": title,
            "intro": intro,
            "hasIntro": !intro.isEmpty,
            "charts": charts.map { ["svg": $0.svg, "caption": $0.caption] },
            "tables": tables.enumerated().map { index, table -> [String: Any] in
                var context: [String: Any] = [
                    "headers": table.headers.enumerated().map {
                        ["text": $0.element, "numeric": table.numeric.contains($0.offset)]
                    },
                    "rows": table.rows.enumerated().map { r, row in
                        [
                            "cells": row.enumerated().map { c, text -> [String: Any] in
                                var cell: [String: Any] = ["text": text, "numeric": table.numeric.contains(c)]
                                if let href = table.href(r, c) { cell["href"] = href }
                                return cell
                            }
                        ]
                    },
                ]
                if let href = downloads(index) { context["download"] = ["href": href, "label": downloadLabel] }
                return context
            },
            "notes": notes.map { ["text": $0] },
        ]
        return Self.template.render(context)
    }

    // A constant of this file: a parse error is a programming error.
    private static let template = try! MustacheTemplate(
        string: """
            <section id="{{id}}">
            <h2>{{title}}</h2>
            {{#hasIntro}}<p>{{intro}}</p>{{/hasIntro}}
            {{#charts}}<figure>{{{svg}}}<figcaption>{{caption}}</figcaption></figure>{{/charts}}
            {{#tables}}<div class="table-scroll"><table><thead><tr>{{#headers}}<th{{#numeric}} class="num"{{/numeric}}>{{text}}</th>{{/headers}}</tr></thead>
            <tbody>{{#rows}}<tr>{{#cells}}<td{{#numeric}} class="num"{{/numeric}}>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>{{/rows}}</tbody></table></div>{{#download}}<p class="download"><a href="{{href}}" download>{{label}}</a></p>{{/download}}{{/tables}}
            {{#notes}}<p class="note">{{text}}</p>{{/notes}}
            </section>
            """)
}
