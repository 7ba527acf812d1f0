// Seeds.swift — the optimizers chapter at five seeds (make seeds): its tables
// read back from each run, every finding at each seed, and the band the five
// seeds' MNIST losses make.

import ChapterKit

extension OptimizerTables {
    /// The tables a run of the chapter wrote into `folder`.
    init(reading folder: String) throws {
        let table = { (name: String) in try DataTable(reading: name, in: folder) }
        self.init(
            valleyPaths: try table("valley-paths.dat"), valleyFloor: try table("valley-floor.dat"),
            surface: try table("valley-surface.dat"), loss: try table("mnist-loss.dat"), race: try table("race.dat"),
            raceDiverged: try table("race-diverged.dat"), valleyRates: try table("valley-rates.dat"),
            valleyTheory: try table("valley-theory.dat"), valleyTuned: try table("valley-tuned.dat"))
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` and `seeds.png` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "optimizers", load: OptimizerTables.init(reading:), findings: optimizersFindings,
        band: seedBand)
}

/// The smoothed MNIST training loss of each optimizer per iteration (Figure
/// 6-9) at every seed: the band from the lowest to the highest seed, the median drawn.
func seedBand(_ runs: [OptimizerTables], seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure]) {
    let first = runs[0].loss
    let names = first.columns.filter { $0.hasSuffix(" smoothed") }.map { String($0.dropLast(9)) }
    let table = seedBandTable(
        "seeds.dat",
        "optimizers: smoothed MNIST training loss per iteration of \(names.joined(separator: ", ")), at seeds \(seeds.map(String.init).joined(separator: " ")): min, median, max and each seed",
        x: ("iteration", first["iteration"]), curves: names.map { name in (name, runs.map { $0.loss["\(name) smoothed"] }) })
    let colors = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
    var panel = Panel(
        title: "Smoothed MNIST training loss at \(seeds.count) seeds (each seed draws other batches and another start)",
        xLabel: "iterations", yLabel: "loss", xRange: 0...Double(first.rows.count), yRange: 0...1,
        series: zip(names, colors).flatMap { (name: String, color: String) -> [Series] in
            seedBandSeries(
                table, x: "iteration", curve: name, bandTitle: "",
                medianTitle: "\(name): median of \(seeds.count) seeds, band lowest to highest", color: color)
        })
    panel.legend = .at("top right")
    let figure = Figure(name: "seeds", panel: panel)
    return ([table], [figure])
}
