// swift-tools-version: 6.1
//
// The package of the course: the subject (`BookCore`: matrices, layers,
// networks, optimizers, the trainer, MNIST), what running a chapter needs
// (`ChapterKit`: flags, figures, progress, concurrency), one executable per
// chapter in reading order, and the tests.
import Foundation
import PackageDescription

/// Whether gnuplot-iostream (Debian: libgnuplot-iostream-dev) is installed:
/// then `CGnuplotBridge` is built over it and links Boost.Iostreams; without
/// it (macOS, say) the bridge is a stub and the live views say they are off.
let hasGnuplotIostream = FileManager.default.fileExists(atPath: "/usr/include/gnuplot-iostream.h")

/// The chapters, in reading order: (executable name, folder under Chapters/).
let chapters: [(name: String, folder: String)] = [
    ("optimizers", "01-optimizers"),
    ("weight-init", "02-weight-init"),
    ("batch-norm", "03-batch-norm"),
    ("weight-decay", "04-weight-decay"),
    ("dropout", "05-dropout"),
    ("hyperparameter-search", "06-hyperparameter-search"),
]

/// The debug build (`swift build`, `swift test`, CI) optimizes the subject all
/// the same: the tests run every chapter with `--quick`, and unoptimized matrix
/// loops made them the longest part of `make test`. Of the chapters only
/// weight-init runs much slower unoptimized (measured: its quick run 5.9 s
/// against 2.6 s; the other five within 0.3 s either way), so only it is
/// optimized too: -O on all six cost 14 s of a clean debug build.
/// `-assert-config Debug` keeps every `assert` and `precondition` as a debug
/// build has them, so a programmer error still traps naming its shapes.
let optimizedInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug))
]
/// The chapters the debug build optimizes (see `optimizedInDebug`).
let chaptersOptimizedInDebug: Set<String> = ["weight-init"]

let package = Package(
    name: "DeepLearningFromScratchSwift",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BookCore", targets: ["BookCore"]),
        .library(name: "ChapterKit", targets: ["ChapterKit"]),
    ] + chapters.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Matrix products: OpenBLAS on Linux, Accelerate on macOS.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // gzip, to read the compressed MNIST files.
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SHA-256 of the MNIST files: OpenSSL's libcrypto on Linux, CommonCrypto on macOS.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "BookCore",
            dependencies: [
                .target(name: "CBLAS", condition: .when(platforms: [.linux])),
                "CZlib",
                .target(name: "CCrypto", condition: .when(platforms: [.linux])),
            ],
            swiftSettings: [
                // On Linux `squareRoot()` goes through C's `sqrt`, which must set
                // `errno` on a negative input; that branch keeps the compiler from
                // vectorising the square-root loops of AdaGrad, RMSprop, Adam and
                // batch normalization. Nothing in the course reads `errno`, and
                // the results are the same bits either way.
                .unsafeFlags(["-Xcc", "-fno-math-errno"])
            ] + optimizedInDebug
        ),
        // Live figures: one gnuplot process kept open through gnuplot-iostream,
        // behind a C interface (Swift cannot import its C++ class).
        .target(
            name: "CGnuplotBridge",
            cxxSettings: hasGnuplotIostream ? [.define("GNUPLOT_BRIDGE_ENABLED")] : [],
            linkerSettings: hasGnuplotIostream ? [.linkedLibrary("boost_iostreams")] : []
        ),
        // What running a chapter needs and the subject does not: flags,
        // figures and gnuplot, progress, running networks side by side, the
        // speed line.
        .target(
            name: "ChapterKit",
            dependencies: [
                "BookCore",
                "CGnuplotBridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BookCoreTests",
            dependencies: ["BookCore"]
        ),
        .testTarget(
            name: "ChapterKitTests",
            dependencies: ["ChapterKit", "live-demo"]
        ),
        // The live figure and the valley explorer without a chapter, for the live tests.
        .executableTarget(
            name: "live-demo",
            dependencies: ["BookCore", "ChapterKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/Support/live-demo"
        ),
        // Computes every chapter's findings from the data committed under
        // figures/ and checks each claim the chapters make.
        .testTarget(
            name: "FindingsTests",
            dependencies: ["BookCore", "ChapterKit"] + chapters.map { .target(name: $0.name) }
        ),
        // Runs each chapter binary with --quick and checks the files it writes.
        .testTarget(
            name: "ChapterTests",
            dependencies: ["BookCore", "ChapterKit"] + chapters.map { .target(name: $0.name) }
        ),
    ]
        + chapters.map {
            .executableTarget(
                name: $0.name,
                dependencies: ["BookCore", "ChapterKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Chapters/\($0.folder)",
                exclude: ["README.md"],
                swiftSettings: chaptersOptimizedInDebug.contains($0.name) ? optimizedInDebug : []
            )
        },
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

// The course site (`make docs`, scripts/docs.sh, which sets it): swift-docc-plugin
// only with BOOK_DOCS=1 in the environment, so that a plain build does not
// fetch it and its SymbolKit.
if Context.environment["BOOK_DOCS"] == "1" {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}

// Benchmarks (`make bench`, scripts/bench.sh): only with BOOK_BENCHMARKS=1 in
// the environment, so that a plain `swift build` or `swift test` neither
// fetches nor builds the benchmark package. CI builds them with
//   BOOK_BENCHMARKS=1 swift build --target BookBenchmarks
// so that they cannot rot. `dgemm-peak` measures the machine's large-DGEMM
// speed, the limit the chapters are compared against; `fma-peak` (C, no
// BLAS) the cores' fused-multiply-add peak, a limit no BLAS can bend;
// `step-floor` the time chapter 1's products alone take on this BLAS.
if Context.environment["BOOK_BENCHMARKS"] == "1" {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets += [
        .executableTarget(
            name: "BookBenchmarks",
            dependencies: ["BookCore", "ChapterKit", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/BookBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "dgemm-peak",
            dependencies: ["BookCore", "ChapterKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/Tools/dgemm-peak"
        ),
        .executableTarget(
            name: "step-floor",
            dependencies: ["BookCore", "ChapterKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/Tools/step-floor"
        ),
        .executableTarget(
            name: "fma-peak",
            path: "Benchmarks/Tools/fma-peak",
            cSettings: [.unsafeFlags(["-O2"])]
        ),
    ]
}
