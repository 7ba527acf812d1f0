// WeightInitChapterTests.swift — the weight-init chapter, run with --quick
// (MNIST) and with --histograms-only (no data needed).

import Foundation
import Testing

@Suite("Chapter weight-init")
struct WeightInitChapterTests {
    /// The seven configurations, in the chapter's order.
    static let keys = [
        "sigmoid-std-1", "sigmoid-std-0.01", "sigmoid-xavier", "tanh-xavier",
        "relu-std-0.01", "relu-xavier", "relu-he",
    ]
    /// The seven histogram figures.
    static let histogramNames = keys.map { "activations-\($0)" }

    /// Checks the data files of the random-layer experiments in `folder` (layers of `width`).
    static func checkRandomLayers(in folder: String, width: Int = 100) {
        for name in histogramNames {
            for file in [name + ".dat", name + ".gp"] {
                #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "missing \(file)")
            }
            // 30 bins: the bin centre, then one count per layer.
            let rows = ChapterRunner.dataRows("\(folder)/\(name).dat")
            #expect(rows.count == 30, "\(name): \(rows.count) rows")
            #expect(rows.allSatisfy { $0.count == 6 }, "\(name): a row without 6 columns")
            let layerTotals = (1...5).map { column in rows.reduce(0) { $0 + $1[column] } }
            let outputs = Double(1000 * width)
            if name.contains("relu") {
                // Only the positive outputs are counted, about half.
                #expect(layerTotals.allSatisfy { (0.4 * outputs...0.6 * outputs).contains($0) }, "\(name): \(layerTotals)")
            } else {
                // Sigmoid and tanh outputs all fall in their range: every one of the 1000 × n is counted.
                #expect(layerTotals.allSatisfy { $0 == outputs }, "\(name): \(layerTotals)")
            }
        }
        // Per layer: 1 layer column, then 6 quantities for each of the 7 configurations.
        let layers = ChapterRunner.dataRows("\(folder)/layers.dat")
        #expect(layers.count == 5 && layers.allSatisfy { $0.count == 1 + 6 * 7 })
        #expect(layers.map { $0[0] } == [1, 2, 3, 4, 5])
        #expect(layers.allSatisfy { $0.allSatisfy { $0.isFinite && $0 >= 0 } })
        // The backward pass starts from the same standard-normal ∂L/∂a₅ for all: RMS about 1.
        #expect((0..<7).allSatisfy { abs(layers[4][1 + 6 * $0 + 4] - 1) < 0.05 })
        // Within and between units: 1 layer column, then 5 quantities per configuration; the split is exact.
        let units = ChapterRunner.dataRows("\(folder)/units.dat")
        #expect(units.count == 5 && units.allSatisfy { $0.count == 1 + 5 * 7 && $0.allSatisfy(\.isFinite) })
        for (k, row) in zip(layers.indices, layers) {
            for c in 0..<7 {
                let spread = row[1 + 6 * c], within = units[k][1 + 5 * c], between = units[k][2 + 5 * c]
                #expect(abs(within * within + between * between - spread * spread) <= 1e-6 * spread * spread)
            }
        }
        // Exercise 2: the layer, n, then a spread at width n and at 1000 per configuration.
        let spreads = ChapterRunner.dataRows("\(folder)/exercise-width.dat")
        #expect(spreads.count == 5 && spreads.allSatisfy { $0.count == 2 + 2 * 7 && $0.allSatisfy { $0 > 0 } })
        #expect(spreads.allSatisfy { $0[1] == Double(width) })
        // ReLU on a log scale: 48 quarter-decade bins, 5 layers of each of the 3 scales, about half the outputs each.
        let logRows = ChapterRunner.dataRows("\(folder)/activations-relu-log.dat")
        #expect(logRows.count == 48 && logRows.allSatisfy { $0.count == 1 + 3 * 5 })
        let positives = (1...15).map { (column: Int) -> Double in logRows.reduce(0.0) { $0 + $1[column] } }
        let outputs = Double(1000 * width)
        #expect(positives.allSatisfy { $0 > 0.4 * outputs && $0 < 0.6 * outputs }, "\(positives)")
        for file in [
            "layers.dat", "exercise-width.dat", "units.dat", "findings.txt", "forward-backward.gp", "exercise-width.gp",
            "activations-relu-log.gp", "units.gp",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(file)"), "missing \(file)")
        }
    }

    @Test(
        "--quick: every data file, the book's printed blocks, and std=0.01 stuck at ln 10",
        .enabled(if: ChapterRunner.mnistAvailable, "needs MNIST (set MNIST_DIR)"))
    func quickRun() throws {
        let (run, _, output) = try ChapterRunner.quickRun("weight-init")
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

        Self.checkRandomLayers(in: output)
        // One row per iteration: iteration, 3 raw and 3 smoothed losses, all finite; Adam's: raw and smoothed.
        let losses = ChapterRunner.dataRows("\(output)/mnist-loss.dat")
        #expect(losses.count == 60)
        #expect(losses.allSatisfy { $0.count == 7 && $0.allSatisfy(\.isFinite) })
        let adam = ChapterRunner.dataRows("\(output)/exercise-adam.dat")
        #expect(adam.count == 60 && adam.allSatisfy { $0.count == 3 && $0.allSatisfy(\.isFinite) })
        #expect(run.output.contains("What we saw:") && run.output.contains("[weight-init.exercise-adam]"))
    }

    @Test("--histograms-only needs no data and writes the random-layer files only")
    func histogramsOnly() throws {
        let output = try ChapterRunner.temporaryDirectory()
        // A data folder that does not exist: the run must not look at it.
        let run = try ChapterRunner.run(
            "weight-init",
            [
                "--histograms-only", "--plot", "none", "--output", output,
                "--data-dir", "/nonexistent/mnist",
            ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("sigmoid, σ = 1"))
        #expect(!run.output.contains("iteration:"))
        Self.checkRandomLayers(in: output)
        for file in ["mnist-loss.dat", "exercise-adam.dat"] {
            #expect(!FileManager.default.fileExists(atPath: "\(output)/\(file)"), "\(file) written")
        }
    }

    @Test("--width sets the random layers' width and --wide-width the wider ones' (exercise 2)")
    func width() throws {
        let output = try ChapterRunner.temporaryDirectory()
        let run = try ChapterRunner.run(
            "weight-init", ["--histograms-only", "--width", "50", "--wide-width", "200", "--plot", "none", "--output", output])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("√(1/50)"))
        Self.checkRandomLayers(in: output, width: 50)
        #expect(ChapterRunner.contents("\(output)/exercise-width.dat").contains("relu-he_width_200"))
        #expect(run.output.contains("At 200 units") && run.output.contains("(√4 ≈ 2.0 times less per layer)"))
    }

    @Test("The same seed gives byte-identical data files; another seed does not")
    func reproducible() throws {
        try ChapterRunner.expectReproducible(
            "weight-init", ["--histograms-only", "--wide-width", "100"],
            files: Self.histogramNames.map { "\($0).dat" }
                + ["activations-relu-log.dat", "layers.dat", "exercise-width.dat"])
    }

    @Test("Bad input: a zero --iterations or --width, a --wide-width past 2000, --iterations with --histograms-only, an unknown optimizer")
    func badInput() throws {
        let zero = try ChapterRunner.run("weight-init", ["--iterations", "0", "--plot", "none"])
        #expect(zero.status != 0)
        #expect(zero.errors.contains("--iterations must be at least 1"))

        let narrow = try ChapterRunner.run("weight-init", ["--width", "0", "--plot", "none"])
        #expect(narrow.status != 0 && narrow.errors.contains("--width must be at least 1"))
        let wide = try ChapterRunner.run("weight-init", ["--wide-width", "2001", "--plot", "none"])
        #expect(wide.status != 0 && wide.errors.contains("--wide-width 2001 is more than 2000"))

        let both = try ChapterRunner.run("weight-init", ["--histograms-only", "--iterations", "5", "--plot", "none"])
        #expect(both.status != 0)
        #expect(both.errors.contains("--histograms-only skips"))
        #expect(!both.errors.contains("Fatal error"))

        let unknown = try ChapterRunner.run("weight-init", ["--optimizer", "lion", "--plot", "none"])
        #expect(unknown.status != 0 && !unknown.errors.contains("Fatal error"))
    }
}
