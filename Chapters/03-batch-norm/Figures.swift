// Figures.swift — the batch-norm chapter's results as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct BatchNormTables {
    /// Training accuracy per epoch, without and with batch normalization, per weight scale.
    var scales: DataTable
    /// Loss and gradient norm with W1 multiplied by c, without and with batch normalization.
    var invariance: DataTable
    /// Test accuracy after the same number of images, per batch size.
    var batchSize: DataTable
    /// Training accuracy per epoch at three learning rates from He's start, and ‖W1‖ with batch norm.
    var learningRate: DataTable
    /// Per weight scale, on the first 100 training images: each batch-norm layer's batch variance
    /// and x̂'s RMS at the start, x̂'s RMS after training, and the plain network's starting scores' RMS.
    var epsilon: DataTable

    /// Every table, in the order they are written.
    var all: [DataTable] { [scales, invariance, batchSize, learningRate, epsilon] }
}

/// `W:0.5412`: the book's panel title, to 4 significant digits.
func scaleLabel(_ i: Int) -> String { "W:" + String(format: "%.4g", Settings.scales[i]) }

/// `eta=0.1`: a column-name prefix, kept ASCII.
func rateColumn(_ rate: Double) -> String { String(format: "eta=%g", rate) }

/// The results as the chapter's data files.
func makeTables(_ results: Results, settings: Settings) -> BatchNormTables {
    var scaleTable = DataTable(
        "batch-norm-scales.dat",
        "batch-norm: training accuracy (1000 images) per epoch, without and with batch normalization, per weight scale",
        columns: ["epoch"] + settings.scaleIndices.flatMap { ["\(scaleLabel($0)) normal", "\(scaleLabel($0)) BN"] })
    for epoch in 0..<settings.epochs {
        scaleTable.append([Double(epoch)] + results.scales.flatMap { [$0.plain[epoch], $0.batchNorm[epoch]] })
    }
    var invarianceTable = DataTable(
        "scale-invariance.dat",
        "batch-norm: W1 of a fresh He-initialised network multiplied by c: loss and |dL/dW1| on one batch of 100, training mode",
        columns: ["c", "loss normal", "loss BN", "grad normal", "grad BN", "grad BN at c=1 over c"])
    let gradientAtOne = results.invariance.first { $0.c == 1 }!.batchNorm.gradient
    for row in results.invariance {
        invarianceTable.append([
            row.c, row.plain.loss, row.batchNorm.loss, row.plain.gradient, row.batchNorm.gradient, gradientAtOne / row.c,
        ])
    }
    var batchTable = DataTable(
        "batch-size.dat",
        "batch-norm: accuracy on 2000 test images after \(settings.sweepImages) training images seen (He start, SGD eta = 0.01), per batch size",
        columns: ["batch size", "updates", "test normal", "test BN", "test BN own batch statistics"])
    for (k, size) in settings.sweepBatchSizes.enumerated() {
        batchTable.append([Double(size), Double(settings.sweepImages / size)] + results.batchSizes[k])
    }
    var rateTable = DataTable(
        "learning-rate.dat",
        "batch-norm: training accuracy (1000 images) per epoch from He's start, and |W1| of the BN network, per learning rate",
        columns: ["epoch"]
            + settings.sweepRates.flatMap {
                ["\(rateColumn($0)) normal", "\(rateColumn($0)) BN", "\(rateColumn($0)) BN norm W1"]
            })
    for epoch in 0..<settings.epochs {
        rateTable.append(
            [Double(epoch)]
                + results.rates.flatMap {
                    [$0.plain[epoch], $0.batchNorm[epoch], $0.batchNormW1[epoch]]
                })
    }
    let layers = 1...settings.hiddenSizes.count
    var epsilonTable = DataTable(
        "epsilon.dat",
        "batch-norm: per weight scale, on the first 100 training images with the batch's statistics: batch variance v and RMS of x-hat per BN layer at the start, RMS of x-hat after training, RMS of the plain network's starting scores, |W1| of the BN network at the start and after training",
        columns: ["sigma"] + layers.map { "v\($0) start" } + layers.map { "rms\($0) start" } + layers.map { "rms\($0) end" }
            + ["plain scores rms start", "BN norm W1 start", "BN norm W1 end"])
    for (i, run) in zip(settings.scaleIndices, results.scales) {
        epsilonTable.append(
            [Settings.scales[i]] + run.start.variance + run.start.rms + run.end.rms
                + [run.plainStart.scoresRMS, run.batchNormW1Start, run.batchNormW1.last!])
    }
    return BatchNormTables(
        scales: scaleTable, invariance: invarianceTable, batchSize: batchTable, learningRate: rateTable,
        epsilon: epsilonTable)
}

// The book's colours: batch normalization solid blue, the plain network dashed orange.
let batchNormColor = "#1f77b4", plainColor = "#ff7f0e"

/// The normalized network's curve (solid) and the plain one's (dashed), with a marker on every point.
func markedPair(_ table: DataTable, x: String, batchNorm: String, plain: String) -> [Series] {
    [
        Series(
            table, x: x, y: batchNorm, title: "Batch Normalization",
            style: .linesWithMarkers(every: 1), color: batchNormColor),
        Series(
            table, x: x, y: plain, title: "Normal (without BatchNorm)",
            style: .linesWithMarkers(every: 1), dashed: true, color: plainColor),
    ]
}

/// Accuracy per epoch, with (solid) and without (dashed) batch normalization.
func curves(_ table: DataTable, _ prefix: String, titled: Bool) -> [Series] {
    [
        Series(
            table, x: "epoch", y: "\(prefix) BN", title: titled ? "Batch Normalization" : "",
            style: .lines, color: batchNormColor),
        Series(
            table, x: "epoch", y: "\(prefix) normal", title: titled ? "Normal (without BatchNorm)" : "",
            style: .lines, dashed: true, color: plainColor),
    ]
}

/// ` (normal: NaN from epoch 1)`: which curves of a scale or rate diverged, for its panel's title.
func divergenceNote(_ table: DataTable, _ prefix: String) -> String {
    let notes = [("normal", "normal"), ("BN", "BN")].compactMap { column, name in
        table["\(prefix) \(column)"].firstIndex(where: \.isNaN).map { "\(name): NaN from epoch \($0)" }
    }
    return notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"
}

/// Rows and columns for `count` panels, as near a square as the count allows (4 × 4 for 16).
func squareGrid(_ count: Int) -> (rows: Int, columns: Int) {
    let columns = Int(Double(count).squareRoot().rounded(.up))
    return ((count + columns - 1) / columns, columns)
}

/// The chapter's figures, drawn from its tables.
func makeFigures(_ tables: BatchNormTables, settings: Settings) -> [Figure] {
    let scaleIndices = settings.scaleIndices
    let (gridRows, gridColumns) = squareGrid(scaleIndices.count)
    let epochRange = 0...Double(max(settings.epochs - 1, 1))
    // One panel per scale, titled with its σ; all share the same ranges, so
    // only the outer panels carry ticks and labels.
    let gridPanels = scaleIndices.enumerated().map { k, i in
        let isBottom = k / gridColumns == gridRows - 1, isLeft = k % gridColumns == 0
        let isLast = k == scaleIndices.count - 1
        var panel = Panel(
            title: scaleLabel(i) + divergenceNote(tables.scales, scaleLabel(i)), xLabel: isBottom ? "epochs" : "",
            yLabel: isLeft ? "accuracy" : "",
            xRange: epochRange, yRange: 0...1, series: curves(tables.scales, scaleLabel(i), titled: isLast))
        panel.showXTicks = isBottom
        panel.showYTicks = isLeft
        // The book puts the legend at the lower right of the last panel; the top
        // right keeps it off the curves there.
        panel.legend = isLast ? .at("top right") : .hidden
        return panel
    }
    let grid = Figure(
        name: "batch-norm-scales",
        title: "Training accuracy with (solid) and without (dashed) batch normalization, per weight scale σ",
        panels: gridPanels, layout: (gridRows, gridColumns), size: (1200, 1000))

    // The single comparison: the chosen scale if it ran, else the first that did.
    let single = scaleIndices.contains(settings.singleScaleIndex) ? settings.singleScaleIndex : scaleIndices[0]
    var singlePanel = Panel(
        title: "Weight scale σ = \(String(format: "%.4g", Settings.scales[single])): with and without batch normalization",
        xLabel: "epochs", yLabel: "accuracy", xRange: epochRange, yRange: 0...1,
        series: curves(tables.scales, scaleLabel(single), titled: true))
    singlePanel.legend = .at("bottom right")

    // Why: the loss stays put while the gradient falls as 1/c.
    let factorRange = 0.07...14.0
    var lossPanel = Panel(
        title: "Loss on one batch, W1 multiplied by c", xLabel: "c (factor on W1)", yLabel: "loss",
        xRange: factorRange, yRange: 0...8,
        series: markedPair(tables.invariance, x: "c", batchNorm: "loss BN", plain: "loss normal"))
    lossPanel.logX = true
    lossPanel.legend = .at("top left")
    var gradientPanel = Panel(
        title: "|∂L/∂W1| on the same batch", xLabel: "c (factor on W1)", yLabel: "|∂L/∂W1|",
        xRange: factorRange,
        series: markedPair(tables.invariance, x: "c", batchNorm: "grad BN", plain: "grad normal") + [
            Series(
                tables.invariance, x: "c", y: "grad BN at c=1 over c", title: "1/c",
                style: .lines, dashed: true, color: "gray")
        ])
    gradientPanel.logX = true
    gradientPanel.logY = true
    gradientPanel.legend = .at("bottom left")
    let invarianceFigure = Figure(
        name: "scale-invariance",
        title: "Why batch normalization frees the weight scale: the loss ignores c, the gradient scales as 1/c",
        panels: [lossPanel, gradientPanel], layout: (1, 2), size: (1200, 500))

    // Where it stops helping: small batches.
    let sizes = settings.sweepBatchSizes.map(Double.init)
    let divergedSizes = tables.batchSize.rows.filter { $0.contains(where: \.isNaN) }.map { String(format: "%g", $0[0]) }
    var batchPanel = Panel(
        title: "Test accuracy after \(settings.sweepImages) images, SGD η = 0.01 from He's start"
            + (divergedSizes.isEmpty ? "" : " (NaN, diverged, at B = \(divergedSizes.joined(separator: ", ")))"),
        xLabel: "batch size B", yLabel: "test accuracy (2000 images)",
        xRange: sizes.min()! / 1.5...sizes.max()! * 1.5, yRange: 0...1,
        series: markedPair(tables.batchSize, x: "batch size", batchNorm: "test BN", plain: "test normal") + [
            Series(
                tables.batchSize, x: "batch size", y: "test BN own batch statistics",
                title: "Batch Normalization, each test batch of B by its own statistics",
                style: .linesWithMarkers(every: 1), dashed: true, color: "gray")
        ])
    batchPanel.logX = true
    batchPanel.legend = .at("bottom right")

    // And a larger learning rate: one panel per η, then ‖W1‖ of the normalized networks.
    var ratePanels = settings.sweepRates.map { rate in
        var panel = Panel(
            title: String(format: "η = %g, He's start", rate) + divergenceNote(tables.learningRate, rateColumn(rate)),
            xLabel: "epochs", yLabel: "training accuracy",
            xRange: epochRange, yRange: 0...1,
            series: curves(tables.learningRate, rateColumn(rate), titled: true))
        panel.legend = .at("bottom right")
        return panel
    }
    var normPanel = Panel(
        title: "|W1| of the batch-normalized networks", xLabel: "epochs", yLabel: "|W1|",
        xRange: epochRange,
        series: settings.sweepRates.map { rate in
            Series(
                tables.learningRate, x: "epoch", y: "\(rateColumn(rate)) BN norm W1",
                title: String(format: "η = %g", rate), style: .linesWithMarkers(every: 2))
        })
    normPanel.legend = .at("center right")
    ratePanels.append(normPanel)
    let rateFigure = Figure(
        name: "learning-rate",
        title: "Larger steps: training accuracy with (solid) and without (dashed) batch normalization",
        panels: ratePanels, layout: squareGrid(ratePanels.count), size: (1100, 850))

    // Where ε takes over: x̂'s RMS per layer against σ, at the start and after training.
    let sigmas = tables.epsilon["sigma"]
    let epsilonPanels = ["start", "end"].map { when in
        var panel = Panel(
            title: when == "start" ? "x̂'s RMS per layer at the start" : "x̂'s RMS per layer after training",
            xLabel: "weight scale σ", yLabel: "RMS of x̂ (first 100 training images)",
            xRange: sigmas.min()! / 1.5...sigmas.max()! * 1.5, yRange: 0...1.05,
            series: (1...settings.hiddenSizes.count).map { layer in
                Series(
                    tables.epsilon, x: "sigma", y: "rms\(layer) \(when)", title: "layer \(layer)",
                    style: .linesWithMarkers(every: 1))
            })
        panel.logX = true
        panel.legend = .at("bottom right")
        return panel
    }
    let epsilonFigure = Figure(
        name: "epsilon", title: "Where ε = 1e-6 outweighs the batch variance, x̂ shrinks layer after layer",
        panels: epsilonPanels, layout: (1, 2), size: (1200, 500))

    return [
        grid, Figure(name: "batch-norm-single", panel: singlePanel), invarianceFigure,
        Figure(name: "batch-size", panel: batchPanel), rateFigure, epsilonFigure,
    ]
}
