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
        // libedit's headers only (Debian's libedit-dev: /usr/include/histedit.h). No pkgConfig:
        // its flags would link libedit into every start-up; CLibEditLoader loads it on demand.
        .systemLibrary(name: "CLibEdit"),
        // libpq's headers only (Debian's libpq-dev: /usr/include/postgresql). No pkgConfig:
        // its flags would link libpq into every start-up; CLibPQLoader loads it on demand.
        .systemLibrary(name: "CLibPQ"),
        // A shared library opened on first use (dlopen), for the two loaders below.
        .target(name: "CLazyLibrary", linkerSettings: [.linkedLibrary("dl")]),
        // Defines the PQ* functions smk calls and loads libpq on the first one (dlopen):
        // linking libpq made every start-up load gnutls, krb5 and ldap.
        .target(name: "CLibPQLoader", dependencies: ["CLibPQ", "CLazyLibrary"]),
        // Defines the libedit functions smk calls and loads libedit on the first one (dlopen):
        // linking it made every start-up, `-c` and scripts included, load libedit, libtinfo,
        // libbsd and libmd.
        .target(name: "CLibEditLoader", dependencies: ["CLibEdit", "CLazyLibrary"]),
        // Respacing a compact file's leads on save, 64 bytes at a time (SSE2/SSSE3 where the
        // processor has them): issue 18, item 4.
        .target(name: "CJSONRespace"),
        .target(name: "SmarketingKit", dependencies: ["CJSONRespace"]),
        .target(name: "SmarketingShell", dependencies: ["SmarketingKit"]),
        .target(name: "SmarketingShared", dependencies: ["SmarketingKit", "SmarketingShell", "CLibPQ", "CLibPQLoader"]),
        .executableTarget(
            name: "smk",
            dependencies: [
                "SmarketingShell",
                "SmarketingShared",
                "CLibEdit",
                "CLibEditLoader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SmarketingKitTests", dependencies: ["SmarketingKit", "CJSONRespace"]),
        .testTarget(name: "SmarketingShellTests", dependencies: ["SmarketingShell", "SmarketingKit"]),
        .testTarget(name: "SmarketingSharedTests", dependencies: ["SmarketingShared", "SmarketingShell", "SmarketingKit"]),
    ],
    swiftLanguageModes: [.v6]
)
