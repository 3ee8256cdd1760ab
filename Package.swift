// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "smk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smk", targets: ["smk"]),
        .library(name: "SmarketingKit", targets: ["SmarketingKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "SmarketingKit"),
        .target(name: "SmarketingShell", dependencies: ["SmarketingKit"]),
        .target(name: "SmarketingShared", dependencies: ["SmarketingKit", "SmarketingShell", "CLibPQ"]),
        .executableTarget(
            name: "smk",
            dependencies: [
                "SmarketingShell",
                "SmarketingShared",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SmarketingKitTests", dependencies: ["SmarketingKit"]),
        .testTarget(name: "SmarketingShellTests", dependencies: ["SmarketingShell", "SmarketingKit"]),
        .testTarget(name: "SmarketingSharedTests", dependencies: ["SmarketingShared", "SmarketingShell", "SmarketingKit"]),
    ],
    swiftLanguageModes: [.v6]
)
