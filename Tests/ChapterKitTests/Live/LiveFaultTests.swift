// LiveFaultTests.swift — the live view under faults: gnuplot missing, a
// gnuplot that dies midway, one that never reads (its pipe fills), a standard
// error nobody reads. Each time the run must go on to the end, write the same
// file and print the same results as without the live view, exit 0, say in
// one line that the live view stopped, and never die of SIGPIPE (the demo is
// run with SIGPIPE's default action, so only the bridge's guard stands
// between a write to a dead gnuplot and the process's death).

import ArgumentParser
import Foundation
import Testing

@testable import ChapterKit

@Suite(.serialized, .enabled(if: GnuplotPipe.isAvailable, "built without gnuplot-iostream: see stubBuildSaysTheLiveViewIsUnavailable"))
struct LiveFaultTests {
    /// The demo's training without a live view: what every faulty run must match.
    private func baseline() throws -> (output: String, data: Data) {
        let folder = try makeTemporaryDirectory()
        let run = try LiveDemo.run(["train", "--steps", "60", "--plot", "files", "--output", folder])
        #expect(run.status == 0, "\(run.errors)")
        return (run.output, try Data(contentsOf: URL(fileURLWithPath: join(folder, "curves.dat"))))
    }

    /// Runs the demo's training with `--plot live` and checks what every run must show.
    private func expectUnharmed(
        _ extra: [String], environment: [String: String?], closeErrorsEarly: Bool = false, defaultSigpipe: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> DemoRun {
        let expected = try baseline()
        let folder = try makeTemporaryDirectory()
        var environment = environment
        environment["DISPLAY"] = .some(nil)
        let run = try LiveDemo.run(
            ["train", "--steps", "60", "--plot", "live", "--output", folder] + (defaultSigpipe ? ["--default-sigpipe"] : []) + extra,
            environment: environment, closeErrorsEarly: closeErrorsEarly)
        #expect(!run.killedBySignal, "live-demo died of signal \(run.status)", sourceLocation: sourceLocation)
        #expect(run.status == 0, "\(run.errors)", sourceLocation: sourceLocation)
        #expect(run.output == expected.output, sourceLocation: sourceLocation)
        let data = try? Data(contentsOf: URL(fileURLWithPath: join(folder, "curves.dat")))
        #expect(data == expected.data, "curves.dat differs from the run without a live view", sourceLocation: sourceLocation)
        return run
    }

    @Test func gnuplotMissingIsOneLineAndTheRunGoesOn() throws {
        let run = try expectUnharmed([], environment: ["PATH": "/nonexistent-folder-for-the-live-tests"])
        #expect(run.liveViewLines.count == 1, "\(run.errors)")
        #expect(run.liveViewLines.first?.contains("live view unavailable: gnuplot is not installed") == true, "\(run.errors)")
    }

    @Test func gnuplotThatDiesMidwayStopsTheViewNotTheRun() throws {
        let fake = try LiveDemo.fakeGnuplot("head -n 3 > /dev/null\nexit 3")
        let run = try expectUnharmed(["--until-stopped"], environment: ["PATH": "\(fake):/usr/bin:/bin"])
        #expect(run.liveViewLines.count == 1, "\(run.errors)")
        #expect(run.liveViewLines.first?.contains("live view stopped: gnuplot exited with status 3") == true, "\(run.errors)")
    }

    @Test func gnuplotThatNeverReadsStopsTheViewInsteadOfBlocking() throws {
        // It holds its input open and reads nothing: the pipe would fill and block a writer.
        let fake = try LiveDemo.fakeGnuplot("exec sleep 300")
        let run = try expectUnharmed(
            ["--until-stopped", "--stall-seconds", "1"], environment: ["PATH": "\(fake):/usr/bin:/bin"])
        #expect(run.liveViewLines.count == 1, "\(run.errors)")
        #expect(run.liveViewLines.first?.contains("live view stopped: gnuplot stopped reading its input") == true, "\(run.errors)")
    }

    @Test(.enabled(if: LiveDemo.tool("gnuplot") != nil, "gnuplot is not installed"))
    func closedStandardErrorLosesTheChartNotTheRun() throws {
        // gnuplot draws its text chart on the demo's standard error, whose reader has gone.
        // (SIGPIPE stays ignored, as in every chapter: the demo's own messages go there too.)
        _ = try expectUnharmed(["--stall-seconds", "120"], environment: [:], closeErrorsEarly: true, defaultSigpipe: false)
    }

    @Test(.enabled(if: LiveDemo.tool("gnuplot") != nil, "gnuplot is not installed"))
    func realGnuplotDrawsTheTextChartAndChangesNothing() throws {
        // A real gnuplot under load may be slow, never two minutes behind.
        let run = try expectUnharmed(["--step-milliseconds", "10", "--stall-seconds", "120"], environment: [:])
        #expect(run.liveViewLines.isEmpty, "\(run.errors)")
        #expect(run.errors.contains("made-up losses (live)"), "no chart on standard error: \(run.errors.prefix(400))")
    }

    @Test func startingANonexistentGnuplotIsAStatus() {
        let result = GnuplotPipe.open("/nonexistent-folder-for-the-live-tests/gnuplot", outputDescriptor: nil)
        guard case .failure(let failure) = result else {
            Issue.record("a nonexistent gnuplot started")
            return
        }
        #expect(failure.status == (GnuplotPipe.isAvailable ? .startFailed : .unavailable))
        if GnuplotPipe.isAvailable { #expect(failure.errorNumber == ENOENT) }
    }

    @Test func plotLiveParses() throws {
        let options = try ChapterOptions.parse(["--plot", "live"])
        #expect(options.plot == .live)
        #expect(LiveFigure.start(.files, LiveFigure.Layout(title: "t", curves: ["a"])) == nil)
    }
}

/// Where the bridge is the stub (no gnuplot-iostream when it was built), `--plot live` says so in one line and goes on.
@Test(.enabled(if: !GnuplotPipe.isAvailable, "built with gnuplot-iostream: LiveFaultTests cover it"))
func stubBuildSaysTheLiveViewIsUnavailable() throws {
    let folder = try makeTemporaryDirectory()
    let run = try LiveDemo.run(["train", "--steps", "20", "--plot", "live", "--output", folder])
    #expect(run.status == 0)
    #expect(run.liveViewLines.count == 1 && run.liveViewLines[0].contains("no gnuplot-iostream"), "\(run.errors)")
    #expect(FileManager.default.fileExists(atPath: join(folder, "curves.dat")))
}
