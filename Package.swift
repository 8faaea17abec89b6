// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "family-partnership",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fpp", targets: ["fpp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "fpp",
            dependencies: ["FamilyPartnership"]
        ),
        .target(
            name: "FamilyPartnership",
            dependencies: [
                "PartnershipRules",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "PartnershipRules"),
        .testTarget(
            name: "PartnershipRulesTests",
            dependencies: ["PartnershipRules"]
        ),
        .testTarget(
            name: "FamilyPartnershipTests",
            dependencies: [
                "FamilyPartnership",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
