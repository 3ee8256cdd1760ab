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
        .target(name: "SmarketingKit"),
        .target(name: "SmarketingShell", dependencies: ["SmarketingKit"]),
        .executableTarget(
            name: "smk",
            dependencies: [
                "SmarketingShell",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SmarketingKitTests", dependencies: ["SmarketingKit"]),
        .testTarget(name: "SmarketingShellTests", dependencies: ["SmarketingShell", "SmarketingKit"]),
    ],
    swiftLanguageModes: [.v6]
)
