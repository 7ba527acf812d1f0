// Seeds.swift — the weight-decay chapter at five seeds (make seeds): its
// tables read back from each run, every finding at each seed, and the band
// the five seeds' accuracies make.

import ChapterKit

extension WeightDecayTables {
    /// The tables a run of the chapter wrote into `folder`.
    init(reading folder: String) throws {
        self.init(
            runs: try DataTable(reading: "weight-decay.dat", in: folder),
            sweep: try DataTable(reading: "lambda-sweep.dat", in: folder),
            updateRule: try DataTable(reading: "update-rule.dat", in: folder))
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` and `seeds.png` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "weight-decay", load: WeightDecayTables.init(reading:), findings: weightDecayFindings,
        band: seedBand)
}

/// Training and test accuracy per epoch without and with weight decay, at
/// every seed: the band from the lowest to the highest seed, the median drawn.
func seedBand(_ runs: [WeightDecayTables], seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure]) {
    let first = runs[0].runs
    let decayed = first.columns.last!.replacingOccurrences(of: "sumW2 ", with: "")  // lambda=0.1
    let columns = ["train lambda=0", "test lambda=0", "train \(decayed)", "test \(decayed)"]
    let table = seedBandTable(
        "seeds.dat",
        "weight-decay: accuracy on the training and test images per epoch, lambda = 0 and \(decayed), at seeds \(seeds.map(String.init).joined(separator: " ")): min, median, max and each seed",
        x: ("epoch", first["epoch"]), curves: columns.map { column in (column, runs.map { $0.runs[column] }) })
    let panels = ["lambda=0", decayed].map { (lambda: String) -> Panel in
        let title =
            lambda == "lambda=0"
            ? "λ = 0: no weight decay" : "\(lambda.replacingOccurrences(of: "lambda=", with: "λ = ")): weight decay"
        return accuracyBandPanel(table, run: lambda, title: title, epochs: first["epoch"].last!, seedCount: seeds.count)
    }
    let figure = Figure(
        name: "seeds", title: "Weight decay at \(seeds.count) seeds: the same network and budget, other weights and batches",
        panels: panels, layout: (1, 2), size: (1200, 500))
    return ([table], [figure])
}
