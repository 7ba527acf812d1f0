// WeightInitChapterTests.swift — the weight-init chapter, run with --quick
// (MNIST) and with --histograms-only (no data needed).

import Foundation
import Testing

@Suite("Chapter weight-init")
struct WeightInitChapterTests {
    /// The seven histogram figures, in the chapter's order.
    static let histogramNames = [
        "activations-sigmoid-std-1", "activations-sigmoid-std-0.01", "activations-sigmoid-xavier",
        "activations-tanh-xavier",
        "activations-relu-std-0.01", "activations-relu-xavier", "activations-relu-he",
    ]

    /// Checks the seven histogram data files and scripts in `folder`.
    static func checkHistograms(in folder: String) {
        for name in histogramNames {
            for file in [name + ".dat", name + ".gp"] {
                #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "missing \(file)")
            }
            // 30 bins: the bin centre, then one count per layer.
            let rows = ChapterRunner.dataRows("\(folder)/\(name).dat")
            #expect(rows.count == 30, "\(name): \(rows.count) rows")
            #expect(rows.allSatisfy { $0.count == 6 }, "\(name): a row without 6 columns")
            let layerTotals = (1 ... 5).map { column in rows.reduce(0) { $0 + $1[column] } }
            let script = ChapterRunner.contents("\(folder)/\(name).gp")
            #expect(script.contains("set multiplot layout 1,5"))
            for layer in 1 ... 5 { #expect(script.contains("'\(layer)-layer"), "\(name): no title \(layer)-layer") }
            if name.contains("relu") {
                // Only the positive outputs are counted, about half; the titles give the zeros' share.
                #expect(layerTotals.allSatisfy { (40_000 ... 60_000).contains($0) }, "\(name): \(layerTotals)")
                #expect(script.contains("zeros"))
            } else {
                // Sigmoid and tanh outputs all fall in their range: every one of the 1000 × 100 is counted.
                #expect(layerTotals == [100_000, 100_000, 100_000, 100_000, 100_000], "\(name): \(layerTotals)")
            }
        }
        // Sigmoid with σ = 1: the end bins hold most of the outputs; with σ = 0.01 the middle ones do.
        let saturated = ChapterRunner.dataRows("\(folder)/activations-sigmoid-std-1.dat")
        #expect(saturated[0][1] + saturated[29][1] > 50_000)
        let bunched = ChapterRunner.dataRows("\(folder)/activations-sigmoid-std-0.01.dat")
        #expect((13 ... 16).reduce(0) { $0 + bunched[$1][5] } > 99_000)   // layer 5, 0.43 … 0.57
    }

    @Test("--quick: eight figures, the book's printed blocks, and std=0.01 stuck at ln 10",
          .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run("weight-init", ["--quick", "--plot", "none", "--output", output])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("===========iteration:0==========="))
        #expect(run.output.contains("===========iteration:40==========="))
        for name in ["std=0.01", "Xavier", "He"] {
            #expect(run.output.contains("\n\(name):"), "no line \(name):<loss>")
        }
        // The network started with σ = 0.01 does not learn: its loss stays at ln 10 ≈ 2.303.
        let stuck = run.output.split(separator: "\n").filter { $0.hasPrefix("std=0.01:") }
            .compactMap { Double($0.dropFirst("std=0.01:".count)) }
        #expect(stuck.count == 3)
        #expect(stuck.allSatisfy { abs($0 - log(10)) < 0.01 }, "\(stuck)")

        Self.checkHistograms(in: output)
        for file in ["mnist-loss.dat", "mnist-loss.gp"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "missing \(file)")
        }
        // One row per iteration: iteration, 3 raw and 3 smoothed losses, all finite.
        let losses = ChapterRunner.dataRows("\(output)/mnist-loss.dat")
        #expect(losses.count == 60)
        #expect(losses.allSatisfy { $0.count == 7 && $0.allSatisfy(\.isFinite) })
        #expect(ChapterRunner.contents("\(output)/mnist-loss.gp").contains("set yrange [0:2.5]"))
    }

    @Test("--histograms-only needs no data and writes the seven histogram figures only")
    func histogramsOnly() throws {
        let output = try ChapterRunner.temporaryDirectory()
        // A data folder that does not exist: the run must not look at it.
        let run = try ChapterRunner.run("weight-init", ["--histograms-only", "--plot", "none", "--output", output,
                                                        "--data-dir", "/nonexistent/mnist"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("sigmoid, σ = 1"))
        #expect(!run.output.contains("iteration:"))
        Self.checkHistograms(in: output)
        #expect(!FileManager.default.fileExists(atPath: "\(output)/mnist-loss.dat"))
        #expect(!FileManager.default.fileExists(atPath: "\(output)/mnist-loss.gp"))
    }

    @Test("The same seed gives byte-identical histograms; another seed does not")
    func reproducible() throws {
        try ChapterRunner.expectReproducible("weight-init", ["--histograms-only"], files: Self.histogramNames.map { "\($0).dat" })
    }

    @Test("Bad input: a zero --iterations, or --iterations with --histograms-only, gives a message")
    func badInput() throws {
        let zero = try ChapterRunner.run("weight-init", ["--iterations", "0", "--plot", "none"])
        #expect(zero.status != 0)
        #expect(zero.errors.contains("--iterations must be at least 1"))

        let both = try ChapterRunner.run("weight-init", ["--histograms-only", "--iterations", "5", "--plot", "none"])
        #expect(both.status != 0)
        #expect(both.errors.contains("--histograms-only skips"))
        #expect(!both.errors.contains("Fatal error"))
    }
}
