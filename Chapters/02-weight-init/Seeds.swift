// Seeds.swift — the weight-init chapter at five seeds (make seeds): its
// tables read back from each run, every finding at each seed, and the band
// the five seeds' MNIST losses make.

import ChapterKit
import Foundation

extension WeightInitTables {
    /// The seven configurations' histogram files, `activations-<key>.dat`, in
    /// the order the chapter writes them (its `configurations`).
    static let histogramKeys = [
        "sigmoid-std-1", "sigmoid-std-0.01", "sigmoid-xavier", "tanh-xavier",
        "relu-std-0.01", "relu-xavier", "relu-he",
    ]

    /// The tables a run of the chapter wrote into `folder` (the MNIST ones
    /// only where the run trained them, as without --histograms-only).
    init(reading folder: String) throws {
        let table = { (name: String) in try DataTable(reading: name, in: folder) }
        let trained = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("mnist-loss.dat"))
        self.init(
            histograms: try Self.histogramKeys.map { try table("activations-\($0).dat") },
            reluLog: try table("activations-relu-log.dat"), layers: try table("layers.dat"),
            width: try table("exercise-width.dat"), units: try table("units.dat"),
            loss: try trained ? table("mnist-loss.dat") : nil, adam: try trained ? table("exercise-adam.dat") : nil)
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` and `seeds.png` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "weight-init", load: WeightInitTables.init(reading:), findings: weightInitFindings,
        band: seedBand)
}

/// The smoothed MNIST loss per iteration from each starting scale (the
/// book's Figure 6-15) at every seed: the band from the lowest to the highest
/// seed, the median drawn. None when a run has no MNIST tables.
func seedBand(_ runs: [WeightInitTables], seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure]) {
    let losses = runs.compactMap(\.loss)
    guard losses.count == runs.count, let first = losses.first else { return ([], []) }
    let starts = first.columns.filter { $0.hasSuffix(" smoothed") }.map { String($0.dropLast(" smoothed".count)) }
    let table = seedBandTable(
        "seeds.dat",
        "weight-init: MNIST smoothed training loss per iteration from std=0.01, Xavier and He, at seeds \(seeds.map(String.init).joined(separator: " ")): min, median, max and each seed",
        x: ("iteration", first["iteration"]),
        curves: starts.map { start in (start, losses.map { $0["\(start) smoothed"] }) })
    // gnuplot's first three colours, as mnist-loss.png draws the three starts.
    let colors = ["std=0.01": "#9400d3", "Xavier": "#009e73", "He": "#56b4e9"]
    var panel = Panel(
        title:
            "MNIST, smoothed training loss by starting scale at \(seeds.count) seeds: band from the lowest to the highest, line the median",
        xLabel: "iterations", yLabel: "loss", xRange: 0...first["iteration"].last! + 1, yRange: 0...2.5,
        series: starts.flatMap { (start: String) -> [Series] in
            seedBandSeries(
                table, x: "iteration", curve: start, bandTitle: "\(start): \(seeds.count) seeds",
                medianTitle: "\(start): median", color: colors[start])
        })
    panel.legend = .at("right center")  // clear of the flat std=0.01 band at the top
    let figure = Figure(name: "seeds", panel: panel)
    return ([table], [figure])
}
