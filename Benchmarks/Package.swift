// swift-tools-version: 6.1
// In-process timings of single steps (the summary query, model fits) that whole-process timings
// cannot isolate. Built and run by Benchmarks/run.sh; not part of the product or its tests.
import PackageDescription

let package = Package(
    name: "cvm-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "cvm", path: "..")],
    targets: [
        .executableTarget(
            name: "cvm-bench",
            dependencies: [
                .product(name: "CVMStore", package: "cvm"),
                .product(name: "CustomerValue", package: "cvm"),
            ]
        )
    ]
)
