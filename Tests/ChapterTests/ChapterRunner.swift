// ChapterRunner.swift — runs a chapter's built binary, the way
// swift-argument-parser's tests run its example programs.

import BookCore
import Foundation
import Testing

/// The outcome of running a chapter binary.
struct ChapterRun {
    /// The exit status.
    let status: Int32
    /// Everything printed on standard output.
    let output: String
    /// Everything printed on standard error.
    let errors: String
}

enum ChapterRunner {
    /// The folder of the built products (`.build/debug`): the test bundle sits there too.
    static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// Whether real MNIST is at hand (`MNIST_DIR`, or the cache). Chapters that
    /// need it are tested only then; CI sets `MNIST_DIR` to the offline copy.
    static var mnistAvailable: Bool { MNIST.isAvailable() }

    /// Whether gnuplot is on the `PATH` (tests of rendering need it).
    static var gnuplotAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/gnuplot")
        }
    }

    /// A fresh, empty folder for one test's output.
    static func temporaryDirectory(_ name: String = #function) throws -> String {
        let cleaned = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "chapter-test-\(cleaned)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `chapter` with `arguments` and waits for it.
    ///
    /// - Parameters:
    ///   - environment: Extra environment variables (added to the test's own).
    ///   - currentDirectory: The folder it runs in (`nil`: the test's own).
    static func run(
        _ chapter: String, _ arguments: [String],
        environment: [String: String] = [:], currentDirectory: String? = nil
    ) throws -> ChapterRun {
        let binary = productsDirectory.appendingPathComponent(chapter)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let outputPipe = Pipe(), errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        try process.run()
        // Read both pipes to the end before waiting, so a chatty chapter cannot block on a full pipe.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errorPipe.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = outputPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return ChapterRun(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData.value, as: UTF8.self))
    }

    /// The chapter's one `--quick --plot none` run, made once per test process and shared by
    /// every test that only reads what it printed and wrote: it runs with no `--output`, in a
    /// fresh folder, so its files are under `<folder>/experiments/<chapter>` (the returned
    /// `output`). Two tests asking for one chapter at once wait for the same run; different
    /// chapters run side by side. Tests must not change the files.
    static func quickRun(_ chapter: String) throws -> (run: ChapterRun, folder: String, output: String) {
        try QuickRuns.shared.run(chapter) {
            let folder = try temporaryDirectory("quick-\(chapter)")
            let run = try run(chapter, ["--quick", "--plot", "none"], currentDirectory: folder)
            return (run, folder, "\(folder)/experiments/\(chapter)")
        }
    }

    /// Runs `chapter` three times with `arguments`: twice with `--seed 7`,
    /// once with `--seed 8`, each into a fresh folder. Each of `files` must
    /// come out non-empty, byte-identical in the two runs of seed 7, and
    /// different with seed 8.
    static func expectReproducible(
        _ chapter: String, _ arguments: [String], files: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folders = try (0..<3).map { _ in try temporaryDirectory(chapter) }
        for (folder, seed) in zip(folders, ["7", "7", "8"]) {
            let run = try run(chapter, arguments + ["--seed", seed, "--plot", "none", "--output", folder])
            #expect(run.status == 0, "\(run.errors)", sourceLocation: sourceLocation)
        }
        for file in files {
            let first = contents("\(folders[0])/\(file)")
            #expect(!first.isEmpty, "\(file) is missing or empty", sourceLocation: sourceLocation)
            #expect(
                first == contents("\(folders[1])/\(file)"), "\(file) differs between runs with one seed",
                sourceLocation: sourceLocation)
            #expect(
                first != contents("\(folders[2])/\(file)"), "\(file) ignores the seed",
                sourceLocation: sourceLocation)
        }
    }

    /// The text of a file, or "" if it is missing.
    static func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// The numeric rows of a `.dat` file (comment lines and blank lines skipped).
    static func dataRows(_ path: String) -> [[Double]] {
        contents(path).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            line.split(separator: " ").compactMap { Double($0) }
        }.filter { !$0.isEmpty }
    }
}

/// Bytes handed from a reader thread to the test.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return data != nil
    }
    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data ?? Data()
    }
}

/// The shared `--quick` runs, one per chapter, each made under its own lock.
final class QuickRuns: @unchecked Sendable {
    typealias Outcome = (run: ChapterRun, folder: String, output: String)
    static let shared = QuickRuns()

    /// One chapter's run: its lock, held while it is made, and what came of it.
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var outcome: Result<Outcome, any Error>?
    }
    private let lock = NSLock()
    private var boxes: [String: Box] = [:]

    /// `chapter`'s outcome: made by `make` the first time, the same value after.
    func run(_ chapter: String, make: () throws -> Outcome) throws -> Outcome {
        lock.lock()
        let box = boxes[chapter] ?? Box()
        boxes[chapter] = box
        lock.unlock()
        box.lock.lock()
        defer { box.lock.unlock() }
        if box.outcome == nil { box.outcome = Result { try make() } }
        return try box.outcome!.get()
    }
}
