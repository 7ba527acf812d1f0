// Seeds.swift — the batch-norm chapter at five seeds (make seeds): its
// tables read back from each run, every finding at each seed, and the band
// the five seeds' final accuracies make across the weight scales.

import ChapterKit
import Foundation

extension BatchNormTables {
    /// The tables a run of the chapter wrote into `folder`.
    init(reading folder: String) throws {
        self.init(
            scales: try DataTable(reading: "batch-norm-scales.dat", in: folder),
            invariance: try DataTable(reading: "scale-invariance.dat", in: folder),
            batchSize: try DataTable(reading: "batch-size.dat", in: folder),
            learningRate: try DataTable(reading: "learning-rate.dat", in: folder),
            epsilon: try DataTable(reading: "epsilon.dat", in: folder))
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` and `seeds.png` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "batch-norm", load: BatchNormTables.init(reading:), findings: batchNormFindings,
        band: seedBand)
}

/// The chapter's headline at every seed: the final training accuracy per
/// weight scale σ, with and without batch normalization (the band from the
/// lowest to the highest seed, the median drawn; a diverged run, NaN, is left
/// out), and the σ ≈ 0.086 panel's accuracy per epoch.
func seedBand(_ runs: [BatchNormTables], seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure]) {
    let labels = runs[0].scales.columns.filter { $0.hasSuffix(" BN") }.map { String($0.dropLast(3)) }
    let sigmas = labels.map { Double($0.dropFirst(2))! }
    let kinds = [("BN", "batch norm", batchNormColor), ("normal", "plain", plainColor)]
    let seedList = seeds.map(String.init).joined(separator: " ")
    let finals = seedBandTable(
        "seeds.dat",
        "batch-norm: final training accuracy (1000 images) per weight scale sigma, without and with batch normalization, at seeds \(seedList): min, median, max (NaN, diverged, left out) and each seed",
        x: ("sigma", sigmas),
        curves: kinds.map { kind, _, _ in
            ("final \(kind)", runs.map { run in labels.map { run.scales["\($0) \(kind)"].last! } })
        })
    let single = labels.min { abs(Double($0.dropFirst(2))! - 0.086) < abs(Double($1.dropFirst(2))! - 0.086) }!
    let epochs = seedBandTable(
        "seeds-single.dat",
        "batch-norm: training accuracy per epoch at \(single), without and with batch normalization, at seeds \(seedList): min, median, max and each seed",
        x: ("epoch", runs[0].scales["epoch"]),
        curves: kinds.map { kind, _, _ in (kind, runs.map { $0.scales["\(single) \(kind)"] }) })
    // How many seeds diverged at each σ, for the left panel's title.
    let diverged = sigmas.indices.compactMap { i -> String? in
        let count = runs.filter { $0.scales["\(labels[i]) normal"].last!.isNaN }.count
        return count == 0 ? nil : String(format: "%.2g in %d", sigmas[i], count)
    }
    var scalePanel = Panel(
        title: "Final training accuracy per σ"
            + (diverged.isEmpty ? "" : " (plain diverged at σ = \(diverged.joined(separator: ", ")) of \(seeds.count) seeds)"),
        xLabel: "weight scale σ", yLabel: "training accuracy after 20 epochs",
        xRange: sigmas.min()! / 1.5...sigmas.max()! * 1.5, yRange: 0...1,
        series: kinds.flatMap { (kind: String, title: String, color: String) -> [Series] in
            seedBandSeries(
                finals, x: "sigma", curve: "final \(kind)", bandTitle: "\(title): range of \(seeds.count) seeds",
                medianTitle: "\(title): median", color: color, style: .linesWithMarkers(every: 1), dashed: kind == "normal")
        })
    scalePanel.logX = true
    // Below the normalized curves and above the plain ones, left of where the plain one climbs.
    scalePanel.legend = .at("at graph 0.70, 0.40 right top")
    var epochPanel = Panel(
        title: "σ = \(single.dropFirst(2)), per epoch", xLabel: "epochs", yLabel: "training accuracy",
        xRange: 0...runs[0].scales["epoch"].last!, yRange: 0...1,
        series: kinds.flatMap { (kind: String, title: String, color: String) -> [Series] in
            seedBandSeries(
                epochs, x: "epoch", curve: kind, bandTitle: "", medianTitle: "\(title): median", color: color,
                dashed: kind == "normal")
        })
    epochPanel.legend = .at("top left")
    let figure = Figure(
        name: "seeds",
        title: "Batch normalization at \(seeds.count) seeds: the same networks and budget, other weights and batches",
        panels: [scalePanel, epochPanel], layout: (1, 2), size: (1300, 520))
    return ([finals, epochs], [figure])
}
