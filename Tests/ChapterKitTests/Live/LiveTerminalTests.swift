// LiveTerminalTests.swift — the explorer in a terminal, driven through tmux
// as a person would: type at the prompt, read the screen.

import ChapterKit
import Foundation
import Testing

@Suite(.serialized) struct LiveTerminalTests {
    static let tmux = LiveDemo.tool("tmux")
    static let gnuplot = LiveDemo.tool("gnuplot")

    /// The text on the pane, without colours.
    private func capture(_ session: String) -> String {
        LiveDemo.shell(Self.tmux!, ["capture-pane", "-p", "-t", session]).1
    }

    @Test(
        .enabled(if: GnuplotPipe.isAvailable, "built without gnuplot-iostream"),
        .enabled(if: tmux != nil, "tmux is not installed (apt-get install tmux)"),
        .enabled(if: gnuplot != nil, "gnuplot is not installed"))
    func typingAnEtaRedrawsTheChart() throws {
        let tmux = Self.tmux!
        let session = "live-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let folder = try makeTemporaryDirectory()
        let status = join(folder, "status")
        // The explorer in a 120 × 45 terminal without a display; its exit status lands in a file.
        let command = "env -u DISPLAY \(LiveDemo.binary) explore; echo $? > \(status); sleep 600"
        // The tmux server outlives this call: it must not keep other tests' pipes open.
        let started = LiveDemo.shell(
            tmux, ["new-session", "-d", "-s", session, "-x", "120", "-y", "45", command], closingOtherDescriptors: true)
        #expect(started.0 == 0, "tmux could not start a session")
        defer { LiveDemo.shell(tmux, ["kill-session", "-t", session]) }

        // The first chart and its prompt: the start of the book's walk.
        #expect(LiveDemo.wait(60) { capture(session).contains("start (-7, 2)") && capture(session).contains("· q:") })
        let before = capture(session)
        #expect(before.contains("Momentum"), "no legend on the chart:\n\(before)")

        LiveDemo.shell(tmux, ["send-keys", "-t", session, "sgd 0.25", "Enter"])
        #expect(LiveDemo.wait(60) { capture(session).contains("SGD      η 0.25 ") }, "\(capture(session))")
        let after = capture(session)
        // The chart above the prompt is drawn again with SGD's new path, and its factors change.
        let chartBefore = before.split(separator: "\n").prefix { !$0.contains("30 steps") }
        let chartAfter = after.split(separator: "\n").prefix { !$0.contains("30 steps") }
        #expect(chartBefore.count > 10 && chartAfter.count > 10)
        #expect(chartBefore != chartAfter, "the chart did not change")
        #expect(after.contains("×0.975"), "SGD's x factor 1 − 0.25/10 is not shown:\n\(after)")

        LiveDemo.shell(tmux, ["send-keys", "-t", session, "q", "Enter"])
        #expect(
            LiveDemo.wait(60) {
                FileManager.default.fileExists(atPath: status)
                    && ((try? String(contentsOfFile: status, encoding: .utf8)) ?? "").hasSuffix("\n")
            })
        #expect((try? String(contentsOfFile: status, encoding: .utf8)) == "0\n")
    }
}
