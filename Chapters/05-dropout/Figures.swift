// Figures.swift — the dropout chapter's runs as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct DropoutTables {
    /// The book's two runs: accuracy per epoch, and the gap (dropout.dat).
    var accuracy: DataTable
    /// The inverted-dropout run, per epoch.
    var inverted: DataTable
    /// For each training accuracy level, the first epoch each run reaches it and its test accuracy then.
    var equalTraining: DataTable
    /// One row per run: final accuracies, the gap, and training accuracy with the masks on.
    var exercises: DataTable

    var all: [DataTable] { [accuracy, inverted, equalTraining, exercises] }
}

/// The runs as the chapter's data files.
func makeTables(_ results: DropoutResults, settings: DropoutSettings) -> DropoutTables {
    let runs = results.runs, setups = results.setups
    func runColumn(_ k: Int) -> String { setups[k].column }
    let measured = runs[0].trainAccuracy.count  // 301
    var accuracy = DataTable(
        "dropout.dat",
        "dropout: accuracy on the \(results.trainCount) training and \(results.testCount) test images per epoch (0 = the first measurement), with and without dropout",
        columns: ["epoch"] + (0..<2).flatMap { ["train \(runColumn($0))", "test \(runColumn($0))"] }
            + (0..<2).map { "gap \(runColumn($0))" })
    for epoch in 0..<measured {
        accuracy.append(
            [Double(epoch)] + runs[0..<2].flatMap { [$0.trainAccuracy[epoch], $0.testAccuracy[epoch]] }
                + runs[0..<2].map { $0.trainAccuracy[epoch] - $0.testAccuracy[epoch] })
    }
    let invertedRun = runs[2]
    let inverted = DataTable(
        "inverted-dropout.dat",
        "dropout: accuracy per epoch of the same network with inverted dropout (same weights, batches and masks as dropout.dat's dropout run; test accuracy on the first \(min(settings.invertedTestImages, results.testCount)) test images)",
        columns: [
            ("epoch", (0..<measured).map(Double.init)),
            ("train \(runColumn(2))", invertedRun.trainAccuracy),
            ("test \(runColumn(2))", invertedRun.testAccuracy),
            ("gap \(runColumn(2))", zip(invertedRun.trainAccuracy, invertedRun.testAccuracy).map { $0 - $1 }),
        ])
    var equal = DataTable(
        "equal-training-accuracy.dat",
        "dropout: the first epoch each run's training accuracy reaches a level, and its test accuracy then (NaN: never reached)",
        columns: ["training level"] + (0..<3).flatMap { ["epoch \(runColumn($0))", "test \(runColumn($0))"] })
    for level in settings.trainingLevels {
        equal.append(
            [level]
                + runs[0..<3].flatMap { run -> [Double] in
                    guard let epoch = run.trainAccuracy.firstIndex(where: { $0 >= level }) else { return [.nan, .nan] }
                    return [Double(epoch), run.testAccuracy[epoch]]
                })
    }
    var exercises = DataTable(
        "exercises.dat",
        "dropout: every run after its last update (test mode unless said): runs 0-1 the book's, 2 inverted dropout, 3-5 the exercises; ratio 0 = no dropout",
        columns: [
            "run", "dropout ratio", "weight decay", "inverted", "final train accuracy",
            "final test accuracy", "gap", "train accuracy masks on",
        ])
    for (k, run) in runs.enumerated() {
        exercises.append([
            Double(k), setups[k].ratio ?? 0, setups[k].weightDecay, setups[k].inverted ? 1 : 0,
            run.finalTrainAccuracy, run.finalTestAccuracy, run.finalTrainAccuracy - run.finalTestAccuracy,
            run.maskedTrainAccuracy,
        ])
    }
    return DropoutTables(accuracy: accuracy, inverted: inverted, equalTraining: equal, exercises: exercises)
}

/// The chapter's three figures, drawn from its tables.
func makeFigures(_ tables: DropoutTables, results: DropoutResults, settings: DropoutSettings) -> [Figure] {
    let setups = results.setups
    func runColumn(_ k: Int) -> String { setups[k].column }
    let invertedTestImages = min(settings.invertedTestImages, results.testCount)
    let lastEpoch = Double(max(tables.accuracy.rows.count - 1, 1))
    // The book's plot: train with circles, test with squares, a marker every 10
    // epochs; here with dropout solid and without dropout dashed, on one set of axes.
    let markers = Series.Style.linesWithMarkers(every: 10)
    var panel = Panel(
        title: "784-[100×6]-10 ReLU net on 300 MNIST images: with (solid) and without (dashed) dropout",
        xLabel: "epochs", yLabel: "accuracy", xRange: 0...lastEpoch, yRange: 0...1,
        series: (0..<2).flatMap { k in
            [
                Series(
                    tables.accuracy, x: "epoch", y: "train \(runColumn(k))", title: "train, \(setups[k].label)",
                    style: markers, dashed: k == 1, color: "#1f77b4"),
                Series(
                    tables.accuracy, x: "epoch", y: "test \(runColumn(k))", title: "test, \(setups[k].label)",
                    style: markers, dashed: k == 1, color: "#ff7f0e"),
            ]
        })
    panel.legend = .at("bottom right")

    // Going further: the book's dropout (solid) against inverted dropout (dashed).
    var invertedPanel = Panel(
        title:
            "The same network, weights, batches and masks: the book's dropout (solid) and inverted dropout (dashed), r = \(decimal(settings.ratio, 1))",
        xLabel: "epochs", yLabel: "accuracy", xRange: 0...lastEpoch, yRange: 0...1,
        series: [
            Series(tables.accuracy, x: "epoch", y: "train \(runColumn(0))", title: "train, book's dropout", color: "#1f77b4"),
            Series(tables.accuracy, x: "epoch", y: "test \(runColumn(0))", title: "test, book's dropout", color: "#ff7f0e"),
            Series(
                tables.inverted, x: "epoch", y: "train \(runColumn(2))", title: "train, inverted dropout",
                dashed: true, color: "#1f77b4"),
            Series(
                tables.inverted, x: "epoch", y: "test \(runColumn(2))",
                title: "test (first \(invertedTestImages)), inverted dropout",
                dashed: true, color: "#ff7f0e"),
            Series(tables.accuracy, x: "epoch", y: "test \(runColumn(1))", title: "test, no dropout", color: "#7f7f7f"),
        ])
    invertedPanel.legend = .at("bottom right")

    // Test accuracy against training accuracy: each run's path through training,
    // and a marker where it first reaches each level.
    let colors = ["#1f77b4", "#7f7f7f", "#2ca02c"]
    let titles = [
        "book's dropout", "no dropout", "inverted dropout (first \(min(settings.invertedTestImages, results.testCount)) test images)",
    ]
    var equalPanel = Panel(
        title: "At equal training accuracy: test accuracy when training accuracy first reaches each level (markers)",
        xLabel: "training accuracy (test mode)", yLabel: "test accuracy", xRange: 0...1.02, yRange: 0...1,
        series: (0..<3).flatMap { k -> [Series] in
            let path =
                k == 2
                ? Series(tables.inverted, x: "train \(runColumn(2))", y: "test \(runColumn(2))", title: titles[k], color: colors[k])
                : Series(tables.accuracy, x: "train \(runColumn(k))", y: "test \(runColumn(k))", title: titles[k], color: colors[k])
            return [
                path,
                Series(
                    tables.equalTraining, x: "training level", y: "test \(runColumn(k))",
                    title: "", style: .points, color: colors[k]),
            ]
        })
    equalPanel.legend = .at("top left")
    return [
        Figure(name: "dropout", panel: panel, size: (900, 600)),
        Figure(name: "inverted-dropout", panel: invertedPanel, size: (900, 600)),
        Figure(name: "equal-training-accuracy", panel: equalPanel, size: (900, 600)),
    ]
}
