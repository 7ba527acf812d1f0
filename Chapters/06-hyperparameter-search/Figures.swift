// Figures.swift — the hyperparameter search's trials as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct SearchTables {
    /// Every trial's two curves (trial-curves.dat).
    var curves: DataTable
    /// One row per trial (trials.dat).
    var trials: DataTable
    /// One row per grid point.
    var grid: DataTable
    /// The best of the grid and of each random group of as many trials.
    var gridVsRandom: DataTable
    /// The best settings, with their validation accuracy under each seed.
    var reruns: DataTable
    /// The winner, trained on train + validation, scored on the test set.
    var finalTest: DataTable
    /// The winning trial again with λ = 0: its curves beside the search's.
    var withoutWeightDecay: DataTable

    var all: [DataTable] { [curves, trials, grid, gridVsRandom, reruns, finalTest, withoutWeightDecay] }
}

/// The trial's place in `ranked`: 1 for the best.
func rank(of trial: Trial, in ranked: [Trial]) -> Int {
    ranked.firstIndex { $0.number == trial.number }! + 1
}

/// The trials as the chapter's data files.
func makeTables(_ results: SearchResults, settings: SearchSettings) -> SearchTables {
    let trials = results.trials, ranked = results.ranked, extra = results.extra
    // Every trial's two curves, one pair of columns per trial; epochs numbered from 0, as the book's plot does.
    var curves = DataTable(
        "trial-curves.dat", "hyperparameter-search: validation and training accuracy per epoch of every trial (NaN after a divergence)",
        columns: ["epoch"] + trials.flatMap { ["validation trial-\($0.number)", "training trial-\($0.number)"] })
    for epoch in 0..<settings.trial.epochs {
        curves.append(
            [Double(epoch)]
                + trials.flatMap { trial in
                    [trial.validationAccuracy, trial.trainingAccuracy].map { epoch < $0.count ? $0[epoch] : .nan }
                })
    }
    var table = DataTable(
        "trials.dat", "hyperparameter-search: one row per trial (accuracies at the last epoch; 0 if diverged)",
        columns: [
            "trial", "learning rate", "weight decay", "validation accuracy",
            "training accuracy", "diverged", "rank",
        ])
    for trial in trials {
        table.append([
            Double(trial.number), trial.learningRate, trial.weightDecay, trial.finalValidationAccuracy,
            trial.finalTrainingAccuracy, trial.diverged ? 1 : 0, Double(rank(of: trial, in: ranked)),
        ])
    }
    let further = results.further
    var grid = DataTable(
        "grid.dat",
        "hyperparameter-search: the \(settings.gridSide) x \(settings.gridSide) grid over the same log box (accuracies 0 if diverged)",
        columns: ["learning rate", "weight decay", "validation accuracy", "training accuracy", "diverged"])
    for trial in further.prefix(extra.grid) {
        grid.append([
            trial.learningRate, trial.weightDecay, trial.finalValidationAccuracy, trial.finalTrainingAccuracy,
            trial.diverged ? 1 : 0,
        ])
    }
    // Search 0 is the grid; search g ≥ 1 is trials 16(g−1)+1 … 16g of the random search.
    var versus = DataTable(
        "grid-vs-random.dat",
        "hyperparameter-search: best validation accuracy of the grid (search 0) and of each random group of as many trials (search g: trials \(extra.grid)(g-1)+1 to \(extra.grid)g)",
        columns: ["search", "best validation accuracy", "distinct learning rates", "learning rate of best", "weight decay of best"])
    let searches =
        [Array(further.prefix(extra.grid))]
        + stride(from: 0, to: trials.count - extra.grid + 1, by: extra.grid).map { Array(trials[$0..<$0 + extra.grid]) }
    for (g, group) in searches.enumerated() {
        let best = group.max { $0.finalValidationAccuracy < $1.finalValidationAccuracy }!
        versus.append([
            Double(g), best.finalValidationAccuracy, Double(Set(group.map(\.learningRate)).count),
            best.learningRate, best.weightDecay,
        ])
    }
    var reruns = DataTable(
        "reruns.dat",
        "hyperparameter-search: the \(extra.rerunCount) best settings, final validation accuracy with the search's seed and \(extra.rerunSeeds) other starting weights and batches (NaN: diverged)",
        columns: ["rank", "trial", "learning rate", "weight decay", "validation search"]
            + (1...extra.rerunSeeds).map { "validation seed \($0)" })
    for r in 0..<extra.rerunCount {
        reruns.append(
            [
                Double(r + 1), Double(ranked[r].number), ranked[r].learningRate, ranked[r].weightDecay,
                ranked[r].finalValidationAccuracy,
            ]
                + (0..<extra.rerunSeeds).map { seed in
                    let rerun = further[extra.grid + seed * extra.rerunCount + r]
                    return rerun.diverged ? .nan : rerun.finalValidationAccuracy
                })
    }
    let winner = further[extra.onAllImages]
    let finalTest = DataTable(
        "final-test.dat",
        "hyperparameter-search: the winning setting trained on all \(results.fullSetCount) images, "
            + "scored once on the \(results.testCount) test images (NaN: diverged)",
        columns: [
            ("learning rate", [winner.learningRate]), ("weight decay", [winner.weightDecay]),
            ("validation accuracy in the search", [ranked[0].finalValidationAccuracy]),
            ("test accuracy", [winner.diverged ? .nan : winner.finalAccuracy]),
        ])
    let withDecay = ranked[0], withoutDecay = further[extra.withoutWeightDecay]
    // The Trainer measures after updates 0, k, 2k, … of k = N / B updates an epoch (whole here: 400 / 100).
    let updatesPerEpoch = max(results.trainCount / settings.trial.batchSize, 1)
    func curve(_ values: [Double]) -> [Double] {
        (0..<settings.trial.epochs).map { $0 < values.count ? values[$0] : .nan }
    }
    let withoutWeightDecay = DataTable(
        "without-weight-decay.dat",
        "hyperparameter-search: the winning trial \(withDecay.number) (eta \(withDecay.learningRate), lambda \(withDecay.weightDecay), "
            + "\(withDecay.iterations) updates) and the same weights and batches with lambda 0: accuracy per epoch (NaN: diverged)",
        columns: [
            ("epoch", (0..<settings.trial.epochs).map(Double.init)),
            ("updates", (0..<settings.trial.epochs).map { Double($0 * updatesPerEpoch + 1) }),
            ("validation with weight decay", curve(withDecay.validationAccuracy)),
            ("validation without", curve(withoutDecay.validationAccuracy)),
            ("training with weight decay", curve(withDecay.trainingAccuracy)),
            ("training without", curve(withoutDecay.trainingAccuracy)),
        ])
    return SearchTables(
        curves: curves, trials: table, grid: grid, gridVsRandom: versus, reruns: reruns, finalTest: finalTest,
        withoutWeightDecay: withoutWeightDecay)
}

/// The CSV for a spreadsheet, with the seed and stream that reproduce each trial.
func trialsCSV(_ results: SearchResults, seed: UInt64) -> String {
    var csv = ["trial,seed,stream,learning_rate,weight_decay,final_validation_accuracy,final_training_accuracy,diverged,rank"]
    for trial in results.trials {
        csv.append(
            [
                String(trial.number), String(seed), String(trial.number), "\(trial.learningRate)", "\(trial.weightDecay)",
                "\(trial.finalValidationAccuracy)", "\(trial.finalTrainingAccuracy)", String(trial.diverged),
                String(rank(of: trial, in: results.ranked)),
            ].joined(separator: ","))
    }
    return csv.joined(separator: "\n") + "\n"
}

/// The searched values `10^low ... 10^high` (`nil`, to let gnuplot choose, for a single value).
func searchedValues(_ exponents: ClosedRange<Double>) -> ClosedRange<Double>? {
    exponents.lowerBound < exponents.upperBound ? pow(10, exponents.lowerBound)...pow(10, exponents.upperBound) : nil
}

/// The chapter's four figures, drawn from its tables.
func makeFigures(_ tables: SearchTables, results: SearchResults, settings: SearchSettings) -> [Figure] {
    let shownTrials = settings.shownTrials, gridColumns = settings.gridColumns, epochs = settings.trial.epochs
    let extra = results.extra, divergedCount = results.divergedCount
    // The book's figure: the best trials, 5 to a row; validation solid, training
    // dashed, y from 0 to 1. Each panel names its trial's η and λ; the bottom
    // row has epoch ticks, the first column accuracy ticks.
    let gridRows = (shownTrials + gridColumns - 1) / gridColumns
    let bestPanels = results.ranked.prefix(shownTrials).enumerated().map { position, trial in
        var panel = Panel(
            title: String(format: "Best-%d: η %.2g, λ %.1e", position + 1, trial.learningRate, trial.weightDecay)
                + (trial.diverged ? " (diverged)" : ""),
            xLabel: position / gridColumns == gridRows - 1 ? "epoch" : "",
            yLabel: position % gridColumns == 0 ? "accuracy" : "",
            xRange: 0...Double(max(epochs - 1, 1)), yRange: 0...1,
            series: [
                Series(tables.curves, x: "epoch", y: "validation trial-\(trial.number)", title: "validation", color: "#1f77b4"),
                Series(
                    tables.curves, x: "epoch", y: "training trial-\(trial.number)", title: "training",
                    dashed: true, color: "#ff7f0e"),
            ])
        panel.showXTicks = position / gridColumns == gridRows - 1
        panel.showYTicks = position % gridColumns == 0
        panel.legend = .hidden
        return panel
    }
    let bestFigure = Figure(
        name: "best-trials",
        title:
            "The best \(shownTrials) of \(results.trials.count) trials: validation accuracy (solid) and training accuracy (dashed) over \(epochs) epochs",
        panels: bestPanels, layout: (gridRows, gridColumns), size: (1200, 220 + 190 * gridRows))

    // Every trial at its (η, λ), coloured by its final validation accuracy; the colour scale spans the data.
    var scatterSeries = [Series(tables.trials, x: "learning rate", y: "weight decay", title: "trial", style: .coloredPoints)]
    let accuracyColumn = tables.trials.column("validation accuracy")
    scatterSeries[0].using += ":\(accuracyColumn)"
    if divergedCount > 0 {
        scatterSeries.append(
            Series(
                file: tables.trials.fileName, using: "2:($6 > 0 ? $3 : 1/0)", title: "diverged",
                style: .points, color: "black"))
    }
    var scatter = Panel(
        title: "\(results.trials.count) trials: learning rate and weight decay, coloured by final validation accuracy",
        xLabel: "learning rate", yLabel: "weight decay",
        xRange: searchedValues(settings.learningRateExponents), yRange: searchedValues(settings.weightDecayExponents),
        series: scatterSeries)
    scatter.logX = true
    scatter.logY = true
    scatter.colorLabel = "final validation accuracy"
    let accuracies = tables.trials["validation accuracy"]
    scatter.colorRange = (accuracies.min() ?? 0)...max(accuracies.max() ?? 1, (accuracies.min() ?? 0) + 0.01)
    scatter.legend = divergedCount > 0 ? .at("top left") : .hidden

    // Grid against random: validation accuracy against η for the grid and for every random trial.
    var byRate = Panel(
        title: "Validation accuracy against learning rate: the grid tries \(settings.gridSide) values of η, random trials one each",
        xLabel: "learning rate", yLabel: "final validation accuracy",
        xRange: searchedValues(settings.learningRateExponents), yRange: 0...1,
        series: [
            finiteSeries(tables.trials, title: "random trials", color: "#1f77b4"),
            finiteSeries(tables.grid, title: "\(settings.gridSide) × \(settings.gridSide) grid", color: "#d62728"),
        ])
    // A diverged trial, counted as 0 in the ranking, is drawn as a black cross at 0, not as an accuracy.
    let divergedGrid = results.further.prefix(extra.grid).filter(\.diverged).count
    for (table, count) in [(tables.trials, divergedCount), (tables.grid, divergedGrid)] where count > 0 {
        byRate.series.append(divergedSeries(table))
    }
    byRate.logX = true
    byRate.legend = .at("bottom right")
    var bests = Panel(
        title: "Best of \(extra.grid) trials: the grid (search 0) and \(tables.gridVsRandom.rows.count - 1) random searches",
        xLabel: "search (0 = grid, then random groups)", yLabel: "best validation accuracy",
        xRange: -0.5...Double(tables.gridVsRandom.rows.count) - 0.5, yRange: 0...1,
        series: [
            Series(
                tables.gridVsRandom, x: "search", y: "best validation accuracy", title: "",
                style: .boxes, color: "#1f77b4")
        ])
    bests.legend = .hidden
    let versusFigure = Figure(name: "grid-vs-random", panels: [byRate, bests], layout: (1, 2), size: (1300, 520))

    // The reruns: each of the best settings under three seeds; the winner's test accuracy beside them.
    let seedColumns = ["validation search"] + (1...extra.rerunSeeds).map { "validation seed \($0)" }
    var rerunPanel = Panel(
        title: "The \(extra.rerunCount) best settings, trained with 3 seeds; the winner trained on 500 images and tested once",
        xLabel: "rank in the search", yLabel: "accuracy",
        xRange: 0.5...Double(extra.rerunCount) + 0.5, yRange: 0...1,
        series: seedColumns.map { column in
            Series(
                tables.reruns, x: "rank", y: column, title: column.replacingOccurrences(of: "validation ", with: "validation, "),
                style: .linesWithMarkers(every: 1))
        } + [
            Series(
                file: tables.finalTest.fileName, using: "(1):\(tables.finalTest.column("test accuracy"))",
                title: "winner: test accuracy", style: .points, color: "black")
        ])
    rerunPanel.legend = .at("bottom left")
    return [
        bestFigure, Figure(name: "trials-scatter", panel: scatter, size: (900, 640)), versusFigure,
        Figure(name: "reruns", panel: rerunPanel, size: (900, 560)),
    ]
}

/// A table's non-diverged rows: validation accuracy against learning rate.
func finiteSeries(_ table: DataTable, title: String, color: String) -> Series {
    let (rate, accuracy, diverged) = (table.column("learning rate"), table.column("validation accuracy"), table.column("diverged"))
    return Series(
        file: table.fileName, using: "\(rate):($\(diverged) > 0 ? 1/0 : $\(accuracy))", title: title, style: .points, color: color)
}

/// A table's diverged rows, at 0.
func divergedSeries(_ table: DataTable) -> Series {
    let (rate, diverged) = (table.column("learning rate"), table.column("diverged"))
    return Series(
        file: table.fileName, using: "\(rate):($\(diverged) > 0 ? 0 : 1/0)", title: "diverged (counted as 0)", style: .points,
        color: "black")
}
