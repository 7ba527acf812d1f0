// LiveWindowTests.swift — the explorer in a real window under Xvfb, driven
// with xdotool as a person would: a click sets the start, the paths are drawn
// again (the explorer prints their new ends, and a screenshot changes), q quits.

import ChapterKit
import Foundation
import Testing

@Suite(.serialized) struct LiveWindowTests {
    static let xvfb = LiveDemo.tool("Xvfb")
    static let xdotool = LiveDemo.tool("xdotool")
    /// gnuplot with a window terminal (x11, qt or wxt), if there is one.
    static let windowedGnuplot: String? = LiveDemo.tool("gnuplot").flatMap {
        LiveSurface.windowedTerminal(of: $0) != nil ? $0 : nil
    }

    @Test(
        .enabled(if: GnuplotPipe.isAvailable, "built without gnuplot-iostream"),
        .enabled(if: xvfb != nil, "Xvfb is not installed (apt-get install xvfb)"),
        .enabled(if: xdotool != nil, "xdotool is not installed (apt-get install xdotool)"),
        .enabled(if: windowedGnuplot != nil, "no gnuplot with a window terminal (apt-get install gnuplot-x11)"))
    func aClickMovesTheStartAndRedrawsThePaths() throws {
        let folder = try makeTemporaryDirectory()
        // Xvfb picks a free display and writes its number on the descriptor given. It is
        // spawned directly, not with Process (whose child reaper waited on it for ever here).
        var numberPipe: [Int32] = [0, 0]
        #expect(pipe(&numberPipe) == 0)
        let server = LiveDemo.spawn(
            [
                "/bin/bash", "-c", LiveDemo.closingDescriptors, "bash", Self.xvfb!, "-displayfd", "1", "-screen", "0", "1280x800x24",
                "-nolisten", "tcp",
            ],
            output: numberPipe[1])
        close(numberPipe[1])
        defer {
            // SIGKILL: a test runner may hand SIGTERM down blocked.
            kill(server, SIGKILL)
            var status: Int32 = 0
            waitpid(server, &status, 0)
            close(numberPipe[0])
        }
        var number = ""
        var byte: UInt8 = 0
        while !number.hasSuffix("\n"), read(numberPipe[0], &byte, 1) == 1 { number.append(Character(UnicodeScalar(byte))) }
        let display = ":" + number.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(display.count > 1, "Xvfb gave no display number")
        let x = ["DISPLAY": display]

        let explorer = Process()
        explorer.executableURL = URL(fileURLWithPath: LiveDemo.binary)
        explorer.arguments = ["explore"]
        explorer.environment = ProcessInfo.processInfo.environment.merging(x) { _, new in new }
        let output = Pipe()
        explorer.standardOutput = output
        explorer.standardError = FileHandle.nullDevice
        explorer.standardInput = FileHandle.nullDevice
        try explorer.run()
        defer { if explorer.isRunning { explorer.terminate() } }
        let printed = Locked("")
        let reader = Thread {
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { break }
                printed.set(printed.value + String(decoding: data, as: UTF8.self))
            }
        }
        reader.start()
        /// The SGD lines the explorer printed so far (one per drawing).
        func sgdLines() -> [String] { printed.value.split(separator: "\n").map(String.init).filter { $0.contains(" SGD ") } }

        var window = ""
        #expect(
            LiveDemo.wait(60) {
                window =
                    LiveDemo.shell(Self.xdotool!, ["search", "--name", "valley explorer"], environment: x).1
                    .split(separator: "\n").first.map(String.init) ?? ""
                return !window.isEmpty && !sgdLines().isEmpty
            }, "no explorer window appeared")
        let before = join(folder, "before.png")
        let screenshots = screenshot(to: before, environment: x)

        // Click right of the minimum, above it, until the explorer has taken it
        // (a click while gnuplot is still drawing is not seen).
        var clicked = false
        for _ in 0..<10 where !clicked {
            LiveDemo.shell(Self.xdotool!, ["mousemove", "--window", window, "620", "230", "click", "1"], environment: x)
            clicked = LiveDemo.wait(10) { sgdLines().count >= 2 }
        }
        #expect(clicked, "the click changed nothing:\n\(printed.value)")
        let lines = sgdLines()
        #expect(lines.count >= 2 && lines[0] != lines[lines.count - 1], "the paths' ends did not move:\n\(printed.value)")

        if screenshots {
            let after = join(folder, "after.png")
            // The window is drawn again once the new ends are printed; wait until the picture shows it.
            #expect(
                LiveDemo.wait(30) {
                    screenshot(to: after, environment: x)
                        && FileManager.default.contents(atPath: after) != FileManager.default.contents(atPath: before)
                }, "the screenshot did not change after the click (\(before), \(after))")
        }

        // q quits with status 0.
        var ended = false
        for _ in 0..<10 where !ended {
            LiveDemo.shell(Self.xdotool!, ["key", "--window", window, "q"], environment: x)
            ended = LiveDemo.wait(10) { !explorer.isRunning }
        }
        #expect(ended, "q did not end the explorer")
        if ended {
            explorer.waitUntilExit()
            #expect(explorer.terminationStatus == 0)
        }
    }

    /// A screenshot of the whole screen (ImageMagick's import, else xwd); false if neither is installed.
    private func screenshot(to path: String, environment: [String: String]) -> Bool {
        if let importTool = LiveDemo.tool("import") {
            return LiveDemo.shell(importTool, ["-window", "root", path], environment: environment).0 == 0
        }
        if let xwd = LiveDemo.tool("xwd") {
            let (status, _) = LiveDemo.shell("/bin/sh", ["-c", "\"$0\" -root -silent > \"$1\"", xwd, path], environment: environment)
            return status == 0
        }
        return false
    }
}
