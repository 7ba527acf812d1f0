// Seeds.swift — the dropout chapter at five seeds (make seeds): its tables
// read back from each run, every finding at each seed, and the band the five
// seeds' accuracies make.

import ChapterKit

extension DropoutTables {
    /// The tables a run of the chapter wrote into `folder`.
    init(reading folder: String) throws {
        self.init(
            accuracy: try DataTable(reading: "dropout.dat", in: folder),
            inverted: try DataTable(reading: "inverted-dropout.dat", in: folder),
            equalTraining: try DataTable(reading: "equal-training-accuracy.dat", in: folder),
            exercises: try DataTable(reading: "exercises.dat", in: folder),
            scale: try DataTable(reading: "scale.dat", in: folder))
    }
}

/// `make seeds`' last step: reads the runs at the five seeds under `folder`,
/// writes `seeds.txt` and `seeds.png` into the figures, and exits.
func collectSeeds(_ options: ChapterOptions, from folder: String) -> Never {
    options.collectSeeds(
        from: folder, chapter: "dropout", load: DropoutTables.init(reading:), findings: dropoutFindings, band: seedBand)
}

/// Training and test accuracy per epoch without and with dropout (the book's
/// Figure 6-23), at every seed: the band from the lowest to the highest seed,
/// the median drawn.
func seedBand(_ runs: [DropoutTables], seeds: [UInt64]) -> (tables: [DataTable], figures: [Figure]) {
    let first = runs[0].accuracy
    // dropout.dat: epoch, then train and test of the dropout run, then of the plain run.
    let dropout = first.columns[1].replacingOccurrences(of: "train ", with: "")  // dropout=0.2
    let plain = first.columns[3].replacingOccurrences(of: "train ", with: "")  // no-dropout
    let columns = [plain, dropout].flatMap { ["train \($0)", "test \($0)"] }
    let table = seedBandTable(
        "seeds.dat",
        "dropout: accuracy on the 300 training and the test images per epoch, without and with dropout, at seeds \(seeds.map(String.init).joined(separator: " ")): min, median, max and each seed",
        x: ("epoch", first["epoch"]), curves: columns.map { column in (column, runs.map { $0.accuracy[column] }) })
    let panels = [plain, dropout].map { (run: String) -> Panel in
        let ratio = run.replacingOccurrences(of: "dropout=", with: "r = ")  // the column's "dropout=0.2" as a title says it
        let title = run == plain ? "No dropout" : "Dropout, \(ratio) (the book's)"
        return accuracyBandPanel(table, run: run, title: title, epochs: first["epoch"].last!, seedCount: seeds.count)
    }
    let figure = Figure(
        name: "seeds", title: "Dropout at \(seeds.count) seeds: the same network, images and budget; other weights, batches and masks",
        panels: panels, layout: (1, 2), size: (1200, 500))
    return ([table], [figure])
}
