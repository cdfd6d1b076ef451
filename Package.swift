// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "cvm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cvm", targets: ["cvm"]),
        .library(name: "CustomerValue", targets: ["CustomerValue"]),
        .library(name: "CVMStore", targets: ["CVMStore"]),
        .library(name: "CVMReport", targets: ["CVMReport"]),
        .library(name: "CVMApp", targets: ["CVMApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The domain and all the mathematics: pure functions on column arrays, no I/O.
        .target(name: "CustomerValue"),
        // Schema, import and SQL aggregation.
        .target(
            name: "CVMStore",
            dependencies: [
                "CustomerValue",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The HTML report: page template and the SVG charts, in Chinese and English.
        .target(
            name: "CVMReport",
            dependencies: ["CustomerValue", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The application layer: every use case as a typed async call, one set of defaults, the
        // JSON and table shapes, error codes. The CLI and the web service are thin over it.
        .target(
            name: "CVMApp",
            dependencies: [
                "CustomerValue", "CVMStore", "CVMReport",
                // Configuration files (weights, rules, strategies) are TOML.
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Resources/samples")]
        ),
        // The command line: parse → call CVMApp → render. `CustomerValue` only for its value types
        // (dates, time units) in option parsing.
        .executableTarget(
            name: "cvm",
            dependencies: [
                "CVMApp", "CustomerValue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "_CVMTestSupport",
            dependencies: ["CustomerValue"],
            path: "Tests/_CVMTestSupport"
        ),
        .testTarget(name: "CustomerValueTests", dependencies: ["CustomerValue", "_CVMTestSupport"]),
        .testTarget(
            name: "CVMStoreTests",
            dependencies: [
                "CVMStore", "CustomerValue", "_CVMTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "CVMReportTests", dependencies: ["CVMReport", "CustomerValue"]),
        .testTarget(
            name: "CVMAppTests", dependencies: ["CVMApp", "CVMStore", "CVMReport", "CustomerValue", "_CVMTestSupport"]),
        .testTarget(name: "cvmTests", dependencies: ["cvm", "_CVMTestSupport"]),
    ]
)
