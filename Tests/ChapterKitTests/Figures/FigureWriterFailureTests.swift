// FigureWriterFailureTests.swift — the writer under faults: folders it cannot
// write, symlinks planted at figure names, gnuplot killed midway, a full disk.

import BookCore
import Foundation
import Testing

@testable import ChapterKit

/// A one-panel figure over `loss.dat`.
private func smallFigure() -> Figure {
    Figure(
        name: "loss",
        panel: Panel(
            title: "loss", xRange: 0...2, yRange: 0...3,
            series: [Series(file: "loss.dat", using: "1:2", title: "SGD")]),
        size: (320, 240))
}

/// A writer in a new folder holding `loss.dat`, `loss.gp` and an old `loss.png`.
private func preparedWriter(in root: String) throws -> FigureWriter {
    let writer = try FigureWriter(directory: join(root, "figures"))
    try writer.write(DataTable("loss.dat", "loss", columns: [("i", [0, 1, 2]), ("SGD", [2.3, 1.5, 0.9])]))
    try writer.write(smallFigure())
    try writeBytes(Array("old picture".utf8), to: writer.path("loss.png"))
    return writer
}

/// An executable shell script named `gnuplot` in a new folder: a stand-in that misbehaves.
private func fakeGnuplot(_ body: String, in root: String) throws -> String {
    let path = join(root, "gnuplot")
    try writeBytes(Array("#!/bin/sh\n\(body)\n".utf8), to: path)
    chmod(path, 0o755)
    return path
}

/// The names in a folder that look like temporary files.
private func leftovers(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
}

@Suite("FigureWriter under faults")
struct FigureWriterFailureTests {
    @Test("The writer checks its folder at once but creates nothing until the first write (class 6)")
    func lazyFolder() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try FigureWriter(directory: join(root, "a/b/figures"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
        try writer.writeText("x\n", as: "x.dat")
        #expect(FileManager.default.fileExists(atPath: join(root, "a/b/figures/x.dat")))
    }

    @Test("A folder under a file, or a file as the folder, is refused before any work (class 6)")
    func unwritableFolder() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeBytes([1], to: join(root, "file"))
        let under = #expect(throws: DataError.self) { try FigureWriter(directory: join(root, "file/figures")) }
        #expect(under?.problem == "cannot write the figures there: \(join(root, "file")) is a file, not a folder")
        let itself = #expect(throws: DataError.self) { try FigureWriter(directory: join(root, "file")) }
        #expect(itself?.problem == "cannot write the figures there: it is a file, not a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["file"])
    }

    @Test("A read-only folder is refused before any work (class 6)", .enabled(if: geteuid() != 0, "root may write anywhere"))
    func readOnlyFolder() throws {
        let root = try makeTemporaryDirectory()
        defer {
            chmod(root, 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }
        chmod(root, 0o555)
        #expect(throws: DataError.self) { try FigureWriter(directory: join(root, "figures")) }
    }

    @Test("A symlink planted at a data file's name is replaced, its target untouched (class 7)")
    func symlinkAtDataName() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try writeBytes(Array("precious".utf8), to: join(root, "precious"))
        let writer = try FigureWriter(directory: join(root, "figures"))
        try FileManager.default.createDirectory(atPath: writer.directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: writer.path("loss.dat"), withDestinationPath: join(root, "precious"))
        try writer.writeText("1 2\n", as: "loss.dat")
        #expect(try String(contentsOfFile: join(root, "precious"), encoding: .utf8) == "precious")
        #expect(try String(contentsOfFile: writer.path("loss.dat"), encoding: .utf8) == "1 2\n")
    }

    @Test("gnuplot killed midway: an error, the old PNG kept, no temporary file left (class 2)")
    func killedRender() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try preparedWriter(in: root)
        // Arguments: -c <script> files <png> <svg>; the names are relative to the script's folder.
        let gnuplot = try fakeGnuplot(#"cd "$(dirname "$2")" && printf '\211PNG\r\n\032\n' > "$4" && kill -9 $$"#, in: root)
        let error = #expect(throws: DataError.self) { try writer.render([smallFigure()], gnuplot: gnuplot) }
        #expect(error?.problem.contains("loss: gnuplot was killed by signal 9") == true)
        #expect(try String(contentsOfFile: writer.path("loss.png"), encoding: .utf8) == "old picture")
        #expect(leftovers(writer.directory).isEmpty)
        #expect(TemporaryFiles.listed.allSatisfy { !$0.hasPrefix(root) })
    }

    @Test("gnuplot exiting 0 with a cut-short PNG or SVG is caught by the check (class 2)")
    func truncatedPictures() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try preparedWriter(in: root)
        let gnuplot = try fakeGnuplot(#"cd "$(dirname "$2")" && printf '\211PNG\r\n\032\nhalf' > "$4" && printf '<svg>' > "$5""#, in: root)
        let error = #expect(throws: DataError.self) { try writer.render([smallFigure()], gnuplot: gnuplot) }
        #expect(error?.problem.contains("PNG is cut short") == true)
        #expect(try String(contentsOfFile: writer.path("loss.png"), encoding: .utf8) == "old picture")
        #expect(!FileManager.default.fileExists(atPath: writer.path("loss.svg")))
        #expect(leftovers(writer.directory).isEmpty)
    }

    @Test("The picture checks: a whole PNG and SVG pass; empty, foreign or cut-short files do not (class 2)")
    func pictureChecks() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 12)
            + [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        try writeBytes(png, to: join(root, "a.png"))
        try writeBytes(Array(png.dropLast()), to: join(root, "b.png"))
        try writeBytes([], to: join(root, "c.png"))
        #expect(FigureWriter.checkPNG(join(root, "a.png")) == nil)
        #expect(FigureWriter.checkPNG(join(root, "b.png")) != nil)
        #expect(FigureWriter.checkPNG(join(root, "c.png")) != nil)
        try writeBytes(Array("<?xml version=\"1.0\"?>\n<svg></svg>\n".utf8), to: join(root, "a.svg"))
        try writeBytes(Array("<?xml version=\"1.0\"?>\n<svg><g>".utf8), to: join(root, "b.svg"))
        try writeBytes(Array("hello</svg>".utf8), to: join(root, "c.svg"))
        #expect(FigureWriter.checkSVG(join(root, "a.svg")) == nil)
        #expect(FigureWriter.checkSVG(join(root, "b.svg")) != nil)
        #expect(FigureWriter.checkSVG(join(root, "c.svg")) != nil)
    }

    @Test("The script's text names no temporary file, so it is the same every run (class 2)")
    func scriptIsStable() {
        let script = smallFigure().gnuplotScript
        #expect(!script.contains(".tmp-"))
        #expect(script.contains("set output png_file") && script.contains("set output svg_file"))
    }

    @Test(
        "A full disk while gnuplot renders: an error, the old PNG kept, nothing half-written (class 2)",
        .enabled(if: geteuid() == 0 && FigureWriter.gnuplotPath != nil, "needs root (to mount a small tmpfs) and gnuplot"))
    func fullDisk() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let mountPoint = join(root, "disk")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "mount -t tmpfs failed (a container without CAP_SYS_ADMIN?)")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let writer = try preparedWriter(in: mountPoint)
        // Fill the rest of the disk, so that gnuplot's pictures cannot fit.
        let filler = open(join(mountPoint, "filler"), O_WRONLY | O_CREAT, 0o644)
        let block = [UInt8](repeating: 0, count: 4096)
        while write(filler, block, block.count) > 0 {}
        close(filler)
        let error = #expect(throws: DataError.self) { try writer.render([smallFigure()]) }
        #expect(error?.problem.contains("loss:") == true)
        #expect(try String(contentsOfFile: writer.path("loss.png"), encoding: .utf8) == "old picture")
        #expect(!FileManager.default.fileExists(atPath: writer.path("loss.svg")))
        #expect(leftovers(writer.directory).isEmpty)
        // And a data file that no longer fits keeps its previous contents.
        let write = #expect(throws: DataError.self) { try writer.writeText(String(repeating: "9", count: 100_000), as: "loss.dat") }
        #expect(write?.remedy.contains("The disk is full") == true)
        #expect(try String(contentsOfFile: writer.path("loss.dat"), encoding: .utf8).hasPrefix("# loss"))
    }
}

@Suite("Chapter flags under hostile values")
struct FlagBoundsTests {
    @Test("Counts have an upper bound as well as a lower one (class 5)")
    func countBounds() throws {
        try validatePositive(1, flag: "--epochs")
        try validatePositive(defaultCountLimit, flag: "--epochs")
        #expect(throws: Error.self) { try validatePositive(0, flag: "--epochs") }
        #expect(throws: Error.self) { try validatePositive(Int.max, flag: "--epochs") }
        #expect(throws: Error.self) { try validatePositive(11, flag: "--jobs", maximum: 10) }
    }

    @Test("`--flag -5` is read as `--flag=-5`; everything else is left as it was (class 8)")
    func negativeNumbersAttach() {
        #expect(attachingNegativeNumbers(["--iterations", "-5", "--quick"]) == ["--iterations=-5", "--quick"])
        #expect(attachingNegativeNumbers(["--weight-decay", "-1e-3"]) == ["--weight-decay=-1e-3"])
        #expect(attachingNegativeNumbers(["--lr-range", "-6,-2"]) == ["--lr-range", "-6,-2"])
        #expect(attachingNegativeNumbers(["--quick", "--plot", "none"]) == ["--quick", "--plot", "none"])
        #expect(attachingNegativeNumbers(["--", "--seed", "-1"]) == ["--", "--seed", "-1"])
        #expect(attachingNegativeNumbers(["--iterations"]) == ["--iterations"])
    }

    @Test("Standard error that is full or closed loses the message, not the run (class 1)")
    func standardErrorNeverTraps() async {
        await #expect(processExitsWith: .success) {
            let full = open("/dev/full", O_WRONLY)
            dup2(full, STDERR_FILENO)
            printError("lost")
            var progress = ProgressReporter("training", total: 3)
            progress.update(3, detail: "loss 0.1")
            close(STDERR_FILENO)
            printError("lost too")
            exit(0)
        }
    }
}
