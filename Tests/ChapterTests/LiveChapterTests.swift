// LiveChapterTests.swift — a chapter with --plot live: its data files are the
// bytes it writes without the live view, whether gnuplot draws the live chart
// or dies midway (then one line on standard error says so and the run goes on).

import ChapterKit
import Foundation
import Testing

@Suite(
    "A chapter with --plot live", .serialized,
    .enabled(if: GnuplotPipe.isAvailable, "built without gnuplot-iostream: --plot live only says it is unavailable"),
    .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"),
    .enabled(if: ChapterRunner.gnuplotAvailable, "needs gnuplot (the live run renders its figures)"))
struct LiveChapterTests {
    /// The chapter run (weight-decay: the quickest with a live figure).
    static let chapter = "weight-decay"

    /// The files the chapter writes whatever the plot mode: data, scripts, findings.
    private func dataFiles(_ folder: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".dat") || $0.hasSuffix(".gp") || $0 == "findings.txt"
        }
        var files: [String: Data] = [:]
        for name in names { files[name] = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")) }
        return files
    }

    /// Runs the chapter with `--quick --plot live` (gnuplot from `path` first) against a `--plot none` run:
    /// both exit 0, write the same data files and print the same epoch lines.
    private func expectSameAsWithoutLiveView(path: String? = nil) throws -> ChapterRun {
        let (expected, _, plain) = try ChapterRunner.quickRun(Self.chapter)
        let live = try ChapterRunner.temporaryDirectory()
        #expect(expected.status == 0, "\(expected.errors)")
        var environment = ["DISPLAY": ""]  // the text chart, on standard error
        if let path { environment["PATH"] = path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }
        let run = try ChapterRunner.run(Self.chapter, ["--quick", "--plot", "live", "--output", live], environment: environment)
        #expect(run.status == 0, "\(run.errors)")
        let (expectedFiles, files) = (try dataFiles(plain), try dataFiles(live))
        #expect(expectedFiles.count >= 5, "only \(expectedFiles.keys.sorted()) written")
        #expect(files.keys.sorted() == expectedFiles.keys.sorted())
        for (name, data) in expectedFiles { #expect(files[name] == data, "\(name) differs with --plot live") }
        func epochLines(_ output: String) -> [Substring] { output.split(separator: "\n").filter { $0.hasPrefix("epoch:") } }
        #expect(epochLines(run.output) == epochLines(expected.output) && !epochLines(run.output).isEmpty)
        return run
    }

    @Test("gnuplot dies midway: one line says the live view stopped, and nothing else changes")
    func gnuplotThatDies() throws {
        // A gnuplot that renders the figures (given a script) but, as the live view (no
        // arguments), reads three lines and exits with status 3.
        let folder = try ChapterRunner.temporaryDirectory()
        let gnuplot = try #require(
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/gnuplot" }.first {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        let script = "#!/bin/sh\n[ $# -gt 0 ] && exec '\(gnuplot)' \"$@\"\nhead -n 3 > /dev/null\nexit 3\n"
        try script.write(toFile: "\(folder)/gnuplot", atomically: true, encoding: .utf8)
        chmod("\(folder)/gnuplot", 0o755)
        let run = try expectSameAsWithoutLiveView(path: folder)
        let lines = run.errors.split(separator: "\n").filter { $0.contains("live view") || $0.contains("live figure") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("live view stopped: gnuplot exited with status 3") == true, "\(run.errors)")
    }

    @Test("a real gnuplot draws the text chart and the cost line, and nothing else changes")
    func realGnuplot() throws {
        let run = try expectSameAsWithoutLiveView()
        #expect(run.errors.contains("weight-decay: accuracy per epoch (live)"), "no chart: \(run.errors.prefix(400))")
        #expect(!run.errors.contains("live view"), "\(run.errors)")
        #expect(run.errors.contains("live figure: ") && run.errors.contains(" % of the "), "no cost line: \(run.errors)")
    }
}

/// Where the bridge is the stub, `--plot live` on a chapter says so in one line and writes its files.
@Test(
    .enabled(if: !GnuplotPipe.isAvailable, "built with gnuplot-iostream: LiveChapterTests cover it"),
    .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
func stubChapterSaysTheLiveViewIsUnavailable() throws {
    let folder = try ChapterRunner.temporaryDirectory()
    let run = try ChapterRunner.run(LiveChapterTests.chapter, ["--quick", "--plot", "live", "--output", folder])
    #expect(run.status == 0, "\(run.errors)")
    let lines = run.errors.split(separator: "\n").filter { $0.contains("live view") }
    #expect(lines.count == 1 && lines[0].contains("no gnuplot-iostream"), "\(run.errors)")
    #expect(FileManager.default.fileExists(atPath: "\(folder)/weight-decay.dat"))
}

/// `optimizers --explore` with `q` typed: it exits 0 before any training, and its paths end where
/// the chapter's valley walks end (the explorer takes one update fewer than the walk's positions).
@Test(.enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR) for the chapter's own walk"))
func exploreEndsWhereTheChaptersWalksEnd() throws {
    let chapter = try ChapterRunner.quickRun("optimizers").run
    #expect(chapter.status == 0, "\(chapter.errors)")
    let process = Process()
    process.executableURL = ChapterRunner.productsDirectory.appendingPathComponent("optimizers")
    process.arguments = ["--explore"]
    process.environment = ProcessInfo.processInfo.environment.merging(["DISPLAY": ""]) { _, new in new }
    let input = Pipe(), output = Pipe()
    (process.standardInput, process.standardOutput, process.standardError) = (input, output, FileHandle.nullDevice)
    try process.run()
    input.fileHandleForWriting.write(Data("q\n".utf8))
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text.suffix(400))")
    #expect(!text.contains("MNIST:"), "it trained: \(text.suffix(400))")
    // "SGD last position ( -0.387,  -0.094)" against "1 SGD      η 0.95   end (-0.387, -0.094)".
    func ends(_ text: String, after marker: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: marker) else { return nil }
            return line[range.upperBound...].prefix { $0 != ")" }.split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        }
    }
    let walked = ends(chapter.output, after: "last position (")
    #expect(walked.count == 4, "\(chapter.output.prefix(400))")
    #expect(ends(text, after: "end (") == walked, "\(text.suffix(600))")
}
