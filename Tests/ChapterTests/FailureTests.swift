// FailureTests.swift — the built chapters under faults and hostile input: the
// streams, huge and negative flags, unwritable output, data files that never
// end, planted symlinks, gnuplot killed, and Ctrl-C. weight-init's
// --histograms-only needs no MNIST, so most of these run everywhere; at
// --wide-width 100 (not the exercise's 1000) a run takes 0.5 s of CPU, not 2.7 s.

import BookCore
import Foundation
import Testing

/// Every chapter with its count flags.
private let countFlags: [(chapter: String, flags: [String])] = [
    ("optimizers", ["--iterations"]),
    ("weight-init", ["--iterations"]),
    ("batch-norm", ["--epochs"]),
    ("weight-decay", ["--epochs"]),
    ("dropout", ["--epochs"]),
    ("hyperparameter-search", ["--trials", "--epochs", "--jobs"]),
]

/// weight-init's random layers alone, the wider ones at 100 units: figures to draw, no MNIST, little CPU.
private let histogramsOnly = ["--histograms-only", "--wide-width", "100"]

/// The temporary files in a folder.
private func leftovers(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
}

/// Runs a bash command line with `pipefail` (a pipeline fails if any part
/// does) and returns its exit status.
private func shell(_ command: String, environment: [String: String] = [:]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "set -o pipefail; " + command]
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// A folder holding a stand-in `gnuplot` shell script.
private func fakeGnuplotFolder(_ body: String) throws -> String {
    let folder = try ChapterRunner.temporaryDirectory("fakegnuplot")
    let path = folder + "/gnuplot"
    try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o755)
    return folder
}

@Suite("Chapters under faults")
struct FailureTests {
    private var weightInit: String { ChapterRunner.productsDirectory.appendingPathComponent("weight-init").path }

    /// How many figures `weight-init --histograms-only` draws: its scripts in an undisturbed run.
    private func histogramFigureCount() throws -> Int {
        let output = try ChapterRunner.temporaryDirectory("reference")
        let run = try ChapterRunner.run("weight-init", histogramsOnly + ["--output", output, "--plot", "none"])
        #expect(run.status == 0, "\(run.errors)")
        return try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasSuffix(".gp") }.count
    }

    @Test("Standard error full, both streams closed, or a pipe whose reader is gone: every file is still written, exit 0 (class 1)")
    func brokenStreams() throws {
        // The third starts the chapter after `true` has closed the pipe, so its
        // first write fails for certain; with pipefail the status is the chapter's
        // (141 had SIGPIPE killed it).
        let figures = try histogramFigureCount()
        #expect(figures > 0)
        for redirect in ["2>/dev/full >/dev/null", "2>&- >&-", "2>&1 | true"] {
            let output = try ChapterRunner.temporaryDirectory("streams")
            let chapter = "'\(weightInit)' \(histogramsOnly.joined(separator: " ")) --output '\(output)' --plot none"
            let status = try shell(redirect.contains("|") ? "{ sleep 0.5; exec \(chapter); } \(redirect)" : "\(chapter) \(redirect)")
            let files = try FileManager.default.contentsOfDirectory(atPath: output)
            #expect(status == 0, "\(redirect)")
            #expect(
                files.filter { $0.hasSuffix(".dat") }.count == figures && files.filter { $0.hasSuffix(".gp") }.count == figures
                    && files.contains("findings.txt"),
                "\(redirect): \(files)")
        }
    }

    @Test("Every count flag near Int.max is refused with a message naming its bound, in every chapter (class 5)")
    func hugeCounts() throws {
        for (chapter, flags) in countFlags {
            for flag in flags {
                let run = try ChapterRunner.run(chapter, [flag, "9223372036854775807", "--plot", "none"])
                #expect(run.status == 64, "\(chapter) \(flag)")
                #expect(run.errors.contains("\(flag) must be at most 100000"), "\(chapter) \(flag): \(run.errors)")
                #expect(!run.errors.contains("Fatal error"))
            }
        }
        let lambda = try ChapterRunner.run("weight-decay", ["--weight-decay", "1e300", "--plot", "none"])
        #expect(lambda.status == 64)
        #expect(lambda.errors.contains("--weight-decay must be a positive number up to 100"))
    }

    @Test("A negative count after a space gets the flag's own message, not 'Missing value' (class 8)")
    func negativeCount() throws {
        for (chapter, flags) in countFlags {
            let run = try ChapterRunner.run(chapter, [flags[0], "-5", "--plot", "none"])
            #expect(run.status == 64)
            #expect(run.errors.contains("\(flags[0]) must be at least 1, got -5"), "\(chapter): \(run.errors)")
            #expect(!run.errors.contains("Missing value"))
        }
    }

    @Test("An output folder that cannot be written is refused before any work, and a failed run creates nothing (class 6)")
    func outputCheckedFirst() throws {
        let root = try ChapterRunner.temporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        let blocked = try ChapterRunner.run(
            "weight-init", histogramsOnly + ["--output", root + "/file/figures"])
        #expect(blocked.status == 1)
        #expect(blocked.errors.contains("\(root)/file is a file, not a folder"))
        #expect(blocked.output.isEmpty)  // refused before the first experiment
        let failed = try ChapterRunner.run(
            "optimizers",
            [
                "--quick", "--output", root + "/never/made",
                "--data-dir", "/nonexistent/mnist",
            ])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: root + "/never"))
    }

    @Test("A named pipe or a link to /dev/zero in the data folder: a clear error at once, no hang (class 3)")
    func endlessDataFiles() throws {
        for kind in ["fifo", "zero"] {
            let data = try ChapterRunner.temporaryDirectory("data\(kind)")
            // The other three files only need to exist: the training images are read first.
            for file in MNIST.files.dropFirst() { _ = FileManager.default.createFile(atPath: "\(data)/\(file.name)", contents: Data()) }
            let images = "\(data)/\(MNIST.trainImages.name)"
            if kind == "fifo" {
                #expect(mkfifo(images, 0o600) == 0)
            } else {
                try FileManager.default.createSymbolicLink(atPath: images, withDestinationPath: "/dev/zero")
            }
            let output = try ChapterRunner.temporaryDirectory("out\(kind)")
            let run = try ChapterRunner.run("optimizers", ["--quick", "--plot", "none", "--output", output, "--data-dir", data])
            #expect(run.status == 1)
            #expect(run.errors.contains(kind == "fifo" ? "this is a named pipe, not a data file" : "this is a device, not a data file"))
        }
    }

    @Test(
        "A symlink planted at a figure's name is replaced; its target is untouched (class 7)",
        .enabled(if: ChapterRunner.gnuplotAvailable, "needs gnuplot"))
    func plantedSymlink() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let victim = try ChapterRunner.temporaryDirectory("victim") + "/victim"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        for name in ["activations-relu-he.png", "activations-relu-he.dat", "activations-relu-he.gp"] {
            try FileManager.default.createSymbolicLink(atPath: "\(output)/\(name)", withDestinationPath: victim)
        }
        let run = try ChapterRunner.run("weight-init", histogramsOnly + ["--output", output])
        #expect(run.status == 0, "\(run.errors)")
        #expect(ChapterRunner.contents(victim) == "precious")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "\(output)/activations-relu-he.png")) == nil)
        #expect(leftovers(output).isEmpty)
    }

    @Test("gnuplot killed midway: exit 1, no 'Figures:' line, the previous PNG kept, no temporary file (class 2)")
    func killedRender() throws {
        let figures = try histogramFigureCount()
        let output = try ChapterRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: URL(fileURLWithPath: "\(output)/activations-relu-he.png"))
        let fake = try fakeGnuplotFolder(#"cd "$(dirname "$2")" && printf '\211PNG' > "$4" && kill -9 $$"#)
        let run = try ChapterRunner.run(
            "weight-init", histogramsOnly + ["--output", output],
            environment: ["PATH": fake + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(run.status == 1)
        #expect(!run.output.contains("Figures:"))
        #expect(run.errors.contains("gnuplot failed to draw \(figures) figures"), "\(run.errors)")
        #expect(run.errors.contains("make render"))
        #expect(ChapterRunner.contents("\(output)/activations-relu-he.png") == "previous")
        #expect(leftovers(output).isEmpty)
    }

    @Test("Without gnuplot, the hint is `make render`, not a retraining `make figures` (class 8)")
    func missingGnuplotHint() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let empty = try ChapterRunner.temporaryDirectory("emptypath")
        let run = try ChapterRunner.run(
            "weight-init", histogramsOnly + ["--output", output], environment: ["PATH": empty])
        #expect(run.status == 0)
        #expect(run.errors.contains("make render"))
        #expect(!run.errors.contains("make figures"))
    }

    @Test("Ctrl-C (SIGINT) or SIGTERM while rendering removes this run's temporary files and exits non-zero (class 7)")
    func interrupted() throws {
        for signal in [SIGINT, SIGTERM] {
            let output = try ChapterRunner.temporaryDirectory("signal\(signal)")
            // Another run's temporary file must survive.
            try Data("theirs".utf8).write(to: URL(fileURLWithPath: "\(output)/.x.dat.tmp-1-1"))
            let fake = try fakeGnuplotFolder(#"cd "$(dirname "$2")" && printf 'half' > "$4" && exec sleep 30"#)
            let process = Process()
            process.executableURL = ChapterRunner.productsDirectory.appendingPathComponent("weight-init")
            process.arguments = histogramsOnly + ["--output", output]
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = fake + ":" + (environment["PATH"] ?? "")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until gnuplot has written into this run's first picture (up to 3 minutes:
            // the histograms come first, slow on a loaded machine), so that the clean-up
            // must remove what a running gnuplot wrote. (A signal while gnuplot is still
            // being started is ProcessSetupTests' case.)
            func gnuplotHasWritten() -> Bool {
                leftovers(output).contains { ChapterRunner.contents("\(output)/\($0)") == "half" }
            }
            var waited = 0
            while !gnuplotHasWritten() && waited < 3600 {
                usleep(50_000)
                waited += 1
            }
            #expect(gnuplotHasWritten(), "gnuplot never started")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
            #expect(leftovers(output) == [".x.dat.tmp-1-1"])
            #expect(!FileManager.default.fileExists(atPath: "\(output)/activations-relu-he.png"))
        }
    }

    @Test(
        "A full disk while rendering: exit 1, the pictures that did not fit keep their old versions (class 2)",
        .enabled(if: geteuid() == 0 && ChapterRunner.gnuplotAvailable, "needs root (to mount a small tmpfs) and gnuplot"))
    func fullDisk() throws {
        let mountPoint = try ChapterRunner.temporaryDirectory()
        guard try shell("mount -t tmpfs -o size=200k tmpfs '\(mountPoint)'") == 0 else {
            Issue.record("mount -t tmpfs failed although running as root")
            return
        }
        defer { _ = try? shell("umount '\(mountPoint)'") }
        let run = try ChapterRunner.run("weight-init", histogramsOnly + ["--output", mountPoint])
        #expect(run.status == 1)
        #expect(!run.output.contains("Figures:"))
        #expect(run.errors.contains("gnuplot failed to draw"))
        #expect(leftovers(mountPoint).isEmpty)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: mountPoint)) ?? [] where name.hasSuffix(".png") {
            let data = FileManager.default.contents(atPath: "\(mountPoint)/\(name)") ?? Data()
            #expect(data.suffix(8) == Data([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]), "\(name) is not whole")
        }
    }
}
