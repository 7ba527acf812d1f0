// Figures.swift — the dropout chapter's runs as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct DropoutTables {
    /// The book's two runs: accuracy per epoch, and the gap (dropout.dat).
    var accuracy: DataTable
    /// The inverted-dropout run and the step-size run, per epoch.
    var inverted: DataTable
    /// For each training accuracy level, the first epoch each run reaches it and its test accuracy then.
    var equalTraining: DataTable
    /// One row per run: final accuracies, the gap, training accuracy with the masks on, the signal's size.
    var exercises: DataTable
    /// The signal's size at the start, affine layer by affine layer, in both modes (scale.dat).
    var scale: DataTable

    var all: [DataTable] { [accuracy, inverted, equalTraining, exercises, scale] }
}

/// The runs whose scale, layer by layer, scale.dat holds: no dropout, the book's, inverted, r = 0.5.
let scaleRuns = [1, 0, 2, 3]

/// scale.dat's column of run `k` in `mode` ("training" or "test"), e.g. `training dropout=0.2 run-0`
/// (the run's number keeps the columns apart when two runs have the same ratio).
func scaleColumn(_ mode: String, _ k: Int, _ setups: [RunSetup]) -> String { "\(mode) \(setups[k].column) run-\(k)" }

/// The runs as the chapter's data files.
func makeTables(_ results: DropoutResults, settings: DropoutSettings) -> DropoutTables {
    let runs = results.runs, setups = results.setups
    func runColumn(_ k: Int) -> String { setups[k].column }
    let measured = settings.epochs
    // A diverged run's curves stop where it stopped: NaN after.
    func padded(_ values: [Double]) -> [Double] { (0..<measured).map { $0 < values.count ? values[$0] : .nan } }
    let trainCurves = runs.map { padded($0.trainAccuracy) }, testCurves = runs.map { padded($0.testAccuracy) }
    var accuracy = DataTable(
        "dropout.dat",
        "dropout: accuracy on the \(results.trainCount) training and \(results.testCount) test images per epoch (0 = the first measurement), with and without dropout (NaN: diverged)",
        columns: ["epoch"] + (0..<2).flatMap { ["train \(runColumn($0))", "test \(runColumn($0))"] }
            + (0..<2).map { "gap \(runColumn($0))" })
    for epoch in 0..<measured {
        accuracy.append(
            [Double(epoch)] + (0..<2).flatMap { [trainCurves[$0][epoch], testCurves[$0][epoch]] }
                + (0..<2).map { trainCurves[$0][epoch] - testCurves[$0][epoch] })
    }
    let inverted = DataTable(
        "inverted-dropout.dat",
        "dropout: accuracy per epoch with inverted dropout (same weights, batches and masks as dropout.dat's dropout run; test accuracy on the first \(min(settings.invertedTestImages, results.testCount)) test images), and training accuracy of the book's dropout with eta \(decimal(setups[6].learningRate, 4)) (NaN: diverged)",
        columns: [
            ("epoch", (0..<measured).map(Double.init)),
            ("train \(runColumn(2))", trainCurves[2]),
            ("test \(runColumn(2))", testCurves[2]),
            ("gap \(runColumn(2))", zip(trainCurves[2], testCurves[2]).map { $0 - $1 }),
            ("train \(runColumn(6)) eta=\(decimal(setups[6].learningRate, 4))", trainCurves[6]),
        ])
    var equal = DataTable(
        "equal-training-accuracy.dat",
        "dropout: the first epoch each run's training accuracy reaches a level, and its accuracy on all \(results.testCount) test images then (NaN: never reached); last, the book's dropout with eta \(decimal(setups[6].learningRate, 4))",
        columns: ["training level"] + (0..<3).flatMap { ["epoch \(runColumn($0))", "test \(runColumn($0))"] }
            + [
                "epoch \(runColumn(6)) eta=\(decimal(setups[6].learningRate, 4))",
                "test \(runColumn(6)) eta=\(decimal(setups[6].learningRate, 4))",
            ])
    for (i, level) in settings.trainingLevels.enumerated() {
        let first: [Int?] = trainCurves.map { curve in curve.firstIndex { $0 >= level } }
        var row = [level]
        for k in [0, 1, 2, 6] { row += [first[k].map(Double.init) ?? .nan, runs[k].testAtLevels[i]] }
        equal.append(row)
    }
    var exercises = DataTable(
        "exercises.dat",
        "dropout: every run after its last update (test mode unless said; NaN: diverged): runs 0-1 the book's, 2 inverted dropout, 3-5 the exercises, 6 the book's dropout with a larger eta; ratio 0 = no dropout; RMS on the training images, at the start (the untrained network) and at the end",
        columns: [
            "run", "dropout ratio", "weight decay", "inverted", "final train accuracy",
            "final test accuracy", "gap", "train accuracy masks on", "learning rate", "diverged at iteration",
            "scores rms start training", "scores rms start test", "gradient rms start",
            "scores rms end training", "scores rms end test", "gradient rms end",
        ])
    for (k, run) in runs.enumerated() {
        exercises.append([
            Double(k), setups[k].ratio ?? 0, setups[k].weightDecay, setups[k].inverted ? 1 : 0,
            run.finalTrainAccuracy, run.finalTestAccuracy, run.finalTrainAccuracy - run.finalTestAccuracy,
            run.maskedTrainAccuracy, setups[k].learningRate, run.divergence.map { Double($0.iteration) } ?? .nan,
            run.start.training.last!, run.start.test.last!, run.start.gradient,
            run.end.training.last!, run.end.test.last!, run.end.gradient,
        ])
    }
    let layers = runs[1].start.training.count  // 7: a₁ … a₆ and the scores
    var scale = DataTable(
        "scale.dat",
        "dropout: RMS of each affine layer's output (layer 7: the scores) on the \(results.trainCount) training images, with the starting weights, in training mode (masks on) and test mode",
        columns: ["layer"] + scaleRuns.flatMap { [scaleColumn("training", $0, setups), scaleColumn("test", $0, setups)] })
    for layer in 0..<layers {
        scale.append([Double(layer + 1)] + scaleRuns.flatMap { [runs[$0].start.training[layer], runs[$0].start.test[layer]] })
    }
    return DropoutTables(accuracy: accuracy, inverted: inverted, equalTraining: equal, exercises: exercises, scale: scale)
}

/// The chapter's four figures, drawn from its tables.
func makeFigures(_ tables: DropoutTables, results: DropoutResults, settings: DropoutSettings) -> [Figure] {
    let setups = results.setups
    func runColumn(_ k: Int) -> String { setups[k].column }
    // A run whose loss stopped being a number says so in its legend (its curve stops there).
    let invertedTestImages = min(settings.invertedTestImages, results.testCount)
    func label(_ k: Int) -> String {
        results.runs[k].divergence.map { "\(setups[k].label) (diverged at iteration \($0.iteration))" } ?? setups[k].label
    }
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
                    tables.accuracy, x: "epoch", y: "train \(runColumn(k))", title: "train, \(label(k))",
                    style: markers, dashed: k == 1, color: "#1f77b4"),
                Series(
                    tables.accuracy, x: "epoch", y: "test \(runColumn(k))", title: "test, \(label(k))",
                    style: markers, dashed: k == 1, color: "#ff7f0e"),
            ]
        })
    panel.legend = .at("bottom right")

    // Going further: the book's dropout (solid) against inverted dropout (dashed), and the book's
    // dropout with the larger step (dashed green).
    let stepColumn = tables.inverted.columns[4]
    var invertedPanel = Panel(
        title:
            "The same network, weights, batches and masks: the book's dropout (solid) and inverted dropout (dashed), r = \(decimal(settings.ratio, 1))",
        xLabel: "epochs", yLabel: "accuracy", xRange: 0...lastEpoch, yRange: 0...1,
        series: [
            Series(tables.accuracy, x: "epoch", y: "train \(runColumn(0))", title: "train, \(label(0))", color: "#1f77b4"),
            Series(tables.accuracy, x: "epoch", y: "test \(runColumn(0))", title: "test, \(label(0))", color: "#ff7f0e"),
            Series(
                tables.inverted, x: "epoch", y: "train \(runColumn(2))", title: "train, \(label(2))",
                dashed: true, color: "#1f77b4"),
            Series(
                tables.inverted, x: "epoch", y: "test \(runColumn(2))", title: "test (first \(invertedTestImages)), \(label(2))",
                dashed: true, color: "#ff7f0e"),
            Series(
                tables.inverted, x: "epoch", y: stepColumn,
                title: "train, \(label(6)), η = \(decimal(setups[6].learningRate, 4))", dashed: true, color: "#2ca02c"),
            Series(tables.accuracy, x: "epoch", y: "test \(runColumn(1))", title: "test, \(label(1))", color: "#7f7f7f"),
        ])
    invertedPanel.legend = .at("bottom right")

    // Test accuracy against training accuracy: each run's path through training,
    // and a marker where it first reaches each level.
    let colors = ["#1f77b4", "#7f7f7f", "#2ca02c"]
    let pathTitles = [label(0), label(1), "\(label(2)) (line: first \(invertedTestImages) test images)"]
    var equalPanel = Panel(
        title:
            "At equal training accuracy: test accuracy (markers: all \(results.testCount) test images) when training accuracy first reaches each level",
        xLabel: "training accuracy (test mode)", yLabel: "test accuracy", xRange: 0...1.02, yRange: 0...1,
        series: (0..<3).flatMap { k -> [Series] in
            let table = k == 2 ? tables.inverted : tables.accuracy
            return [
                Series(table, x: "train \(runColumn(k))", y: "test \(runColumn(k))", title: pathTitles[k], color: colors[k]),
                Series(
                    tables.equalTraining, x: "training level", y: "test \(runColumn(k))",
                    title: "", style: .points, color: colors[k]),
            ]
        })
    equalPanel.legend = .at("top left")

    // The signal's size at the start, layer by layer: measured (points) and derived (lines).
    return [
        Figure(name: "dropout", panel: panel, size: (900, 600)),
        Figure(name: "inverted-dropout", panel: invertedPanel, size: (900, 600)),
        Figure(name: "equal-training-accuracy", panel: equalPanel, size: (900, 600)),
        Figure(name: "scale", panel: scalePanel(tables.scale, results: results), size: (900, 600)),
    ]
}

/// RMS of each affine layer's output at the start, in training mode (solid) and test mode (dashed),
/// with the derived factors as thin grey lines: no dropout's RMS times (1 − r)^((k − 1)/2) in training
/// and (1 − r)^(k − 1) in test mode for the book's dropout, (1 − r)^(−(k − 1)/2) for inverted dropout.
func scalePanel(_ scale: DataTable, results: DropoutResults) -> Panel {
    let setups = results.setups
    let colors = ["#7f7f7f", "#1f77b4", "#2ca02c", "#d62728"]
    let plain = scale.column(scaleColumn("training", 1, setups))
    var series: [Series] = []
    for (i, k) in scaleRuns.enumerated() {
        let setup = setups[k]
        series.append(
            Series(
                scale, x: "layer", y: scaleColumn("training", k, setups), title: "training, \(setup.label)",
                style: .linesWithMarkers(every: 1),
                color: colors[i]))
        guard let r = setup.ratio else { continue }
        series.append(
            Series(
                scale, x: "layer", y: scaleColumn("test", k, setups), title: "test mode, \(setup.label)",
                style: .linesWithMarkers(every: 1),
                dashed: true, color: colors[i]))
        // The derivation, from no dropout's measured RMS.
        let trainingPower = setup.inverted ? "(-($1-1)/2.0)" : "(($1-1)/2.0)"
        series.append(
            Series(file: scale.fileName, using: "1:($\(plain)*\(1 - r)**\(trainingPower))", title: "", style: .lines, color: "#bbbbbb"))
        if !setup.inverted {
            series.append(
                Series(file: scale.fileName, using: "1:($\(plain)*\(1 - r)**($1-1))", title: "", style: .lines, color: "#bbbbbb"))
        }
    }
    var panel = Panel(
        title: "Untrained network: RMS of each affine layer's output (7 = the scores), measured, and derived (grey)",
        xLabel: "affine layer", yLabel: "RMS on the 300 training images", xRange: 0.8...7.2, yRange: nil, series: series)
    panel.logY = true
    panel.legend = .at("bottom left")
    return panel
}
