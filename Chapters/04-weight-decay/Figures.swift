// Figures.swift — the weight-decay chapter's results as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct WeightDecayTables {
    /// Per epoch and λ: training and test accuracy, their gap, and ΣW².
    var runs: DataTable
    /// Per λ of the sweep, after the last update: training and test accuracy, gap, ΣW².
    var sweep: DataTable
    /// One SGD step with weight decay against (1 − η·λ)·W − η·∂L/∂W.
    var updateRule: DataTable

    /// Every table, in the order they are written.
    var all: [DataTable] { [runs, sweep, updateRule] }
}

/// Where λ = 0 is drawn on the sweep's logarithmic λ axis.
let zeroLambdaPosition = 0.003

/// `λ = 0`, `λ = 0.1`: headers, titles and legends.
func lambdaLabel(_ lambda: Double) -> String { String(format: "λ = %g", lambda) }
/// `lambda=0`, `lambda=0.1`: column names, kept ASCII for any tool that reads the file.
func lambdaColumn(_ lambda: Double) -> String { String(format: "lambda=%g", lambda) }

/// The results as the chapter's data files.
func makeTables(_ results: Results, settings: Settings) -> WeightDecayTables {
    let (lambdas, epochs, runs) = (settings.lambdas, settings.epochs, results.runs)
    var table = DataTable(
        "weight-decay.dat",
        "weight-decay: accuracy on the \(settings.trainingImages) training and \(settings.testImages) test images per epoch, and the sum of squared weights, per lambda",
        columns: ["epoch"]
            + lambdas.flatMap { ["train \(lambdaColumn($0))", "test \(lambdaColumn($0))"] }
            + lambdas.map { "gap \(lambdaColumn($0))" }
            + lambdas.map { "sumW2 \(lambdaColumn($0))" })
    for epoch in 0..<epochs {
        let accuracies = runs.flatMap { [$0.trainAccuracy[epoch], $0.testAccuracy[epoch]] }
        let gaps = runs.map { $0.trainAccuracy[epoch] - $0.testAccuracy[epoch] }
        table.append([Double(epoch)] + accuracies + gaps + runs.map { $0.weightSquares[epoch] })
    }
    var sweepTable = DataTable(
        "lambda-sweep.dat",
        "weight-decay: after \(settings.updates) updates (epoch \(epochs - 1)), per lambda: accuracy on the \(settings.trainingImages) training and \(settings.testImages) test images, their gap, the sum of squared weights",
        columns: ["lambda", "lambda plotted", "train", "test", "gap", "sumW2"])
    for (lambda, run) in zip(settings.sweepLambdas, results.sweep) {
        sweepTable.append([
            lambda, lambda == 0 ? zeroLambdaPosition : lambda, run.trainAccuracy[0], run.testAccuracy[0],
            run.trainAccuracy[0] - run.testAccuracy[0], run.weightSquares[0],
        ])
    }
    let step = results.step
    let ruleTable = DataTable(
        "update-rule.dat",
        "weight-decay: one SGD step with weight decay against (1 - eta*lambda)*W - eta*dL/dW of the same network without it, first batch",
        columns: ["lambda", "eta", "factor", "max deviation", "max weight"],
        rows: [[step.lambda, step.learningRate, 1 - step.learningRate * step.lambda, step.deviation, step.largestWeight]])
    return WeightDecayTables(runs: table, sweep: sweepTable, updateRule: ruleTable)
}

/// A count as a title spells it: `Six`, and digits past twelve.
func spelled(_ count: Int) -> String {
    let words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]
    return words.indices.contains(count) ? words[count] : "\(count)"
}

/// The chapter's figures, drawn from its tables.
func makeFigures(_ tables: WeightDecayTables, settings: Settings) -> [Figure] {
    let (lambdas, updates) = (settings.lambdas, settings.updates)
    let table = tables.runs
    // The book's plot: train with circles, test with squares, a marker every 10 epochs.
    let epochRange = 0...Double(max(settings.epochs - 1, 1))
    let markers = Series.Style.linesWithMarkers(every: 10)
    var panels = lambdas.map { lambda in
        var panel = Panel(
            title: (lambda == 0 ? "λ = 0: no weight decay" : "\(lambdaLabel(lambda)): weight decay")
                + (table["test \(lambdaColumn(lambda))"].firstIndex(where: \.isNaN).map { " (NaN: diverged, epoch \($0))" } ?? ""),
            xLabel: "epochs", yLabel: "accuracy", xRange: epochRange, yRange: 0...1,
            series: [
                Series(table, x: "epoch", y: "train \(lambdaColumn(lambda))", title: "train", style: markers, color: "#1f77b4"),
                Series(table, x: "epoch", y: "test \(lambdaColumn(lambda))", title: "test", style: markers, color: "#ff7f0e"),
            ])
        panel.legend = .at("bottom right")
        return panel
    }
    var gapPanel = Panel(
        title: "The gap: train minus test accuracy", xLabel: "epochs", yLabel: "train − test accuracy",
        xRange: epochRange,
        series: lambdas.map { lambda in
            Series(
                table, x: "epoch", y: "gap \(lambdaColumn(lambda))", title: lambdaLabel(lambda),
                style: markers, color: lambda == 0 ? "#d62728" : "#2ca02c")
        })
    gapPanel.legend = .at("top left")
    panels.append(gapPanel)
    let figure = Figure(
        name: "weight-decay",
        title: "784-[100×6]-10 ReLU net on 300 MNIST images: overfitting without and with weight decay",
        panels: panels, layout: (1, panels.count), size: (1500, 500))

    // ΣW² over the epochs, and what the shrinking factor alone would leave of it.
    let start = table["sumW2 \(lambdaColumn(lambdas[1]))"][0]
    let factor = pow(1 - settings.learningRate * lambdas[1], Double(2 * settings.iterationsPerEpoch))
    var normPanel = Panel(
        title: "The size of the weights, ΣW² over all weight matrices", xLabel: "epochs", yLabel: "ΣW²",
        xRange: epochRange, yRange: 0...1.1 * table["sumW2 \(lambdaColumn(0))"].max()!,
        series: lambdas.map { lambda in
            Series(
                table, x: "epoch", y: "sumW2 \(lambdaColumn(lambda))", title: lambdaLabel(lambda),
                style: markers, color: lambda == 0 ? "#d62728" : "#2ca02c")
        } + [
            Series(
                file: table.fileName, using: "1:(\(start)*\(factor)**$1)",
                title: "\(lambdaLabel(lambdas[1])): the shrinking (1 − ηλ) alone", dashed: true, color: "gray")
        ])
    normPanel.legend = .at("bottom left")

    // The sweep: accuracies and gap, and ΣW², against λ.
    let lambdaRange = zeroLambdaPosition / 1.5...1.5
    let divergedLambdas = tables.sweep.rows.filter { $0.contains(where: \.isNaN) }.map { String(format: "%g", $0[0]) }
    let lambdaAxis =
        "λ (λ = 0 drawn at \(zeroLambdaPosition))"
        + (divergedLambdas.isEmpty ? "" : "; NaN, diverged: λ = \(divergedLambdas.joined(separator: ", "))")
    var accuracyPanel = Panel(
        title: "After \(updates) updates: accuracy and gap", xLabel: lambdaAxis, yLabel: "accuracy",
        xRange: lambdaRange, yRange: 0...1,
        series: [
            Series(
                tables.sweep, x: "lambda plotted", y: "train", title: "train",
                style: .linesWithMarkers(every: 1), color: "#1f77b4"),
            Series(
                tables.sweep, x: "lambda plotted", y: "test", title: "test",
                style: .linesWithMarkers(every: 1), color: "#ff7f0e"),
            Series(
                tables.sweep, x: "lambda plotted", y: "gap", title: "gap (train − test)",
                style: .linesWithMarkers(every: 1), dashed: true, color: "#d62728"),
        ])
    accuracyPanel.logX = true
    accuracyPanel.legend = .at("center left")
    var sweepNormPanel = Panel(
        title: "After \(updates) updates: ΣW²", xLabel: lambdaAxis, yLabel: "ΣW² (log scale)",
        xRange: lambdaRange,
        series: [
            Series(
                tables.sweep, x: "lambda plotted", y: "sumW2", title: "ΣW²",
                style: .linesWithMarkers(every: 1), color: "#2ca02c")
        ])
    sweepNormPanel.logX = true
    sweepNormPanel.logY = true
    sweepNormPanel.legend = .hidden
    let sweepFigure = Figure(
        name: "lambda-sweep", title: "How much weight decay? \(spelled(tables.sweep.rows.count)) values of λ, same batches, same start",
        panels: [accuracyPanel, sweepNormPanel], layout: (1, 2), size: (1200, 500))
    return [figure, Figure(name: "weight-norm", panel: normPanel), sweepFigure]
}
