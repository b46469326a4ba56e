// swift-tools-version:6.1
import PackageDescription

// Data flow, one module per concern:
//   CondenseONNX (import/export) -> CondenseCore (the network as a weighted DAG, forward pass)
//   -> CondenseLabels / CondenseCollapse -> CondenseEval / CondenseRender / CondenseReport
//   -> the thin `condense` CLI on top.
let package = Package(
    name: "Condense",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "condense", targets: ["condense"]),
        .library(name: "CondenseCore", targets: ["CondenseCore"]),
        .library(name: "CondenseGraph", targets: ["CondenseGraph"]),
        .library(name: "CondenseONNX", targets: ["CondenseONNX"]),
        .library(name: "CondenseData", targets: ["CondenseData"]),
        .library(name: "CondenseEval", targets: ["CondenseEval"]),
        .library(name: "CondenseLabels", targets: ["CondenseLabels"]),
        .library(name: "CondenseCollapse", targets: ["CondenseCollapse"]),
        .library(name: "CondenseRender", targets: ["CondenseRender"]),
        .library(name: "CondenseApproximate", targets: ["CondenseApproximate"]),
        .library(name: "CondenseTrain", targets: ["CondenseTrain"]),
        .library(name: "CondenseWorkflow", targets: ["CondenseWorkflow"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CGraphviz", pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // The pipeline.
        .target(name: "CondenseCore", dependencies: ["COpenBLAS"]),
        .target(name: "CondenseGraph", dependencies: ["CondenseCore", "COpenBLAS"]),
        .target(
            name: "CondenseONNX",
            dependencies: ["CondenseCore", "CondenseGraph", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Proto/onnx.proto3"]),
        .target(name: "CondenseData", dependencies: ["CondenseCore", "CZlib"]),
        .target(name: "CondenseEval", dependencies: ["CondenseCore", "CondenseData", "CondenseGraph", "CondenseONNX"]),
        .target(name: "CondenseLabels", dependencies: ["CondenseCore"]),
        .target(name: "CondenseCollapse", dependencies: ["CondenseCore", "CondenseGraph", "CondenseLabels", "COpenBLAS"]),
        .target(name: "CondenseRender", dependencies: ["CondenseCore", "CGraphviz"]),
        .target(
            name: "CondenseApproximate",
            dependencies: ["CondenseCore", "CondenseGraph", "CondenseCollapse", "CondenseEval", "CondenseTrain", "COpenBLAS"]),
        .target(name: "CondenseTrain", dependencies: ["CondenseCore", "CondenseGraph", "CondenseData"]),
        .target(
            name: "CondenseWorkflow",
            dependencies: ["CondenseCore", "CondenseGraph", "CondenseONNX", "CondenseData", "CondenseEval", "CondenseCollapse",
                           "CondenseApproximate", "CondenseTrain"]),
        .executableTarget(
            name: "condense",
            dependencies: [
                "CondenseWorkflow", "CondenseGraph",
                "CondenseCore", "CondenseONNX", "CondenseData", "CondenseEval",
                "CondenseLabels", "CondenseCollapse", "CondenseApproximate", "CondenseRender", "CondenseTrain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Fuzz targets (Scripts/fuzz.sh builds them with libFuzzer; plain builds replay a corpus).
        .target(name: "FuzzSupport", path: "Tests/Fuzz/Support"),
        .executableTarget(name: "FuzzONNX", dependencies: ["FuzzSupport", "CondenseONNX", "CondenseGraph", "CondenseCore"],
                          path: "Tests/Fuzz/FuzzONNX"),
        .executableTarget(name: "FuzzIDX", dependencies: ["FuzzSupport", "CondenseData"], path: "Tests/Fuzz/FuzzIDX"),
        .executableTarget(name: "FuzzNPY", dependencies: ["FuzzSupport", "CondenseData"], path: "Tests/Fuzz/FuzzNPY"),
        .executableTarget(name: "FuzzNPZ", dependencies: ["FuzzSupport", "CondenseData"], path: "Tests/Fuzz/FuzzNPZ"),

        // Tests.
        .target(
            name: "CondenseTestSupport",
            dependencies: ["CondenseCore", "CondenseONNX"],
            path: "Tests/CondenseTestSupport"),
        .testTarget(
            name: "CondenseCoreTests",
            dependencies: ["CondenseCore", "CondenseTestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "CondenseONNXTests",
            dependencies: ["CondenseONNX", "CondenseEval", "CondenseTestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CondenseGraphTests",
            dependencies: ["CondenseGraph", "CondenseONNX", "CondenseCore"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CondenseEvalTests",
            dependencies: ["CondenseEval", "CondenseONNX", "CondenseData"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "CondenseDataTests",
            dependencies: ["CondenseData"]),
        .testTarget(
            name: "CondenseLabelsTests",
            dependencies: ["CondenseLabels", "CondenseTestSupport"]),
        .testTarget(
            name: "CondenseCollapseTests",
            dependencies: ["CondenseCollapse", "CondenseTestSupport", "CondenseONNX", "CondenseData",
                           .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "CondenseApproximateTests",
            dependencies: ["CondenseApproximate", "CondenseLabels", "CondenseTestSupport"]),
        .testTarget(
            name: "CondenseWorkflowTests",
            dependencies: ["CondenseWorkflow", "CondenseONNX", "CondenseData", "CondenseEval", "CondenseCollapse", "CondenseApproximate", "CondenseGraph",
                           "CondenseCore"]),
        .testTarget(
            name: "CondenseTrainTests",
            dependencies: ["CondenseTrain", "CondenseGraph", "CondenseCore", "CondenseData", "CondenseONNX", "CondenseWorkflow", "CondenseEval"]),
        .testTarget(
            name: "CondenseRenderTests",
            dependencies: ["CondenseRender", "CondenseTestSupport"]),
        .testTarget(
            name: "CondenseCLITests",
            dependencies: ["condense", "CondenseTestSupport"],
            exclude: ["Fixtures"]),  // read by path from the repository, not as resources
    ]
)
