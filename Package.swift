// swift-tools-version: 6.2
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
        .library(name: "CVMServer", targets: ["CVMServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // API tokens are stored as SHA-256 digests (the web service's authentication needs it anyway).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // The web service only: HTTP server, auth, OpenAPI, logs, metrics, graceful shutdown.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Reads the API document to serve it as JSON too (already in the graph: the generator uses it).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The team database: the same store on a PostgreSQL server.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The dashboard's upload form: a streaming multipart/form-data parser.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
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
        // The customer store on a PostgreSQL server (teams): the same protocol, migrations and
        // import parsing as CVMStore, with the aggregation in SQL and imports through COPY.
        .target(
            name: "CVMPostgres",
            dependencies: [
                "CustomerValue", "CVMStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
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
                "CustomerValue", "CVMStore", "CVMReport", "CVMPostgres",
                // Configuration files (weights, rules, strategies) are TOML.
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Dashboard passwords are stored as bcrypt hashes.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            resources: [.copy("Resources/samples"), .copy("Resources/spark")]
        ),
        // The HTTP API's types and server stubs, generated at build time from openapi.yaml (its own
        // target so that edits elsewhere never regenerate or recompile them).
        .target(
            name: "CVMAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("openapi.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The web service: Hummingbird over CVMApp; every handler calls one workspace operation.
        .target(
            name: "CVMServer",
            dependencies: [
                "CVMAPI", "CVMApp", "CustomerValue",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        // The command line: parse → call CVMApp → render. `CustomerValue` only for its value types
        // (dates, time units) in option parsing.
        .executableTarget(
            name: "cvm",
            dependencies: [
                "CVMApp", "CVMServer", "CustomerValue",
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
        .testTarget(
            name: "CVMPostgresTests",
            dependencies: [
                "CVMPostgres", "CVMStore", "CVMApp", "CustomerValue", "_CVMTestSupport", "cvm",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "CVMReportTests", dependencies: ["CVMReport", "CustomerValue"]),
        .testTarget(
            name: "CVMAppTests", dependencies: ["CVMApp", "CVMStore", "CVMReport", "CustomerValue", "_CVMTestSupport"]),
        .testTarget(
            name: "CVMServerTests",
            dependencies: [
                "CVMServer", "CVMAPI", "CVMApp", "CustomerValue", "_CVMTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(name: "cvmTests", dependencies: ["cvm", "CVMApp", "_CVMTestSupport"]),
    ]
)
