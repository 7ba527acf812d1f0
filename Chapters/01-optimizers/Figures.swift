// Figures.swift — the optimizers chapter's results as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct OptimizerTables {
    /// The 30 positions of each optimizer in the valley, from the chosen start.
    var valleyPaths: DataTable
    /// The same walk from just above the valley floor (exercise 3).
    var valleyFloor: DataTable
    /// f(x, y) on a grid, for the contour lines.
    var surface: DataTable
    /// The MNIST training loss per iteration, raw and smoothed.
    var loss: DataTable
    /// The race: mean loss of the last 50 iterations per optimizer and learning rate.
    var race: DataTable

    /// Every table, in the order they are written.
    var all: [DataTable] { [valleyPaths, valleyFloor, surface, loss, race] }
}

/// A table of walks: one x and one y column per optimizer.
func pathTable(_ fileName: String, from start: (x: Double, y: Double), _ paths: [[(Double, Double)]]) -> DataTable {
    var table = DataTable(
        fileName,
        "optimizers: 30 positions (before each update) on f(x,y) = x^2/20 + y^2"
            + (fileName == "valley-paths.dat" ? "" : " from (\(start.x), \(start.y))"),
        columns: ["step"] + valleyOptimizers.flatMap { ["\($0.name) x", "\($0.name) y"] })
    for step in 0..<valleySteps {
        table.append([Double(step)] + paths.flatMap { [$0[step].0, $0[step].1] })
    }
    return table
}

func makeTables() -> OptimizerTables {
    // The surface for the contour lines: x in [−10, 10], y in [−5, 5]. The book
    // samples every 0.01 and blanks heights above 7; the course samples every 0.1
    // (plenty for smooth ellipses) and draws only the levels up to 7 instead.
    var surface = DataTable(
        "valley-surface.dat", "optimizers: f(x,y) = x^2/20 + y^2 on a grid (blocks of constant x)",
        columns: ["x", "y", "f"], blockLength: 101)
    for i in 0...200 {
        for j in 0...100 {
            let x = -10 + 0.1 * Double(i), y = -5 + 0.1 * Double(j)
            surface.append([x, y, valley(x, y)])
        }
    }
    let smoothed = losses.map(smoothCurve)
    var loss = DataTable(
        "mnist-loss.dat", "optimizers: MNIST training loss per iteration (raw, and smoothed as the book does)",
        columns: ["iteration"] + mnistOptimizers.map { "\($0.name) raw" }
            + mnistOptimizers.map { "\($0.name) smoothed" })
    for i in 0..<iterations {
        loss.append([Double(i)] + losses.map { $0[i] } + smoothed.map { $0[i] })
    }
    var raceTable = DataTable(
        "race.dat", "optimizers: mean MNIST loss of the last 50 of \(raceIterations) iterations, per learning rate (NaN: diverged)",
        columns: ["learning rate"] + raceOptimizers.map { $0.make().name })
    for (j, rate) in raceRates.enumerated() where !race.results.isEmpty {
        raceTable.append([rate] + raceOptimizers.indices.map { race.results[$0 * raceRates.count + j] })
    }
    return OptimizerTables(
        valleyPaths: pathTable("valley-paths.dat", from: valleyStart, paths),
        valleyFloor: pathTable("valley-floor.dat", from: (valleyStart.x, 0.1), floorPaths),
        surface: surface, loss: loss, race: raceTable)
}

/// Four panels of walks over the contour lines of the valley.
func walkFigure(_ name: String, _ title: String, _ table: DataTable, surface: DataTable) -> Figure {
    Figure(
        name: name, title: title,
        panels: valleyOptimizers.map { optimizer in
            var panel = Panel(
                title: optimizer.name, xLabel: "x", yLabel: "y", xRange: -10...10, yRange: -5...5,
                series: [
                    Series(
                        table, x: "\(optimizer.name) x", y: "\(optimizer.name) y",
                        title: optimizer.name, style: .path, color: "#d62728"),
                    Series(
                        file: table.fileName, using: "(0):(0)", title: "minimum",
                        style: .points, color: "black"),
                ])
            panel.kind = .contour(file: surface.fileName, levels: [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7])
            panel.legend = .hidden
            return panel
        },
        layout: (2, 2), size: (1000, 700))
}

func makeFigures(_ tables: OptimizerTables) -> [Figure] {
    let start = String(format: "(%g, %g)", valleyStart.x, valleyStart.y).replacingOccurrences(of: "-", with: "−")
    let valleyFigure = walkFigure(
        "valley-paths", "Thirty steps on f(x, y) = x²/20 + y² from \(start)",
        tables.valleyPaths, surface: tables.surface)
    let floorFigure = walkFigure(
        "valley-floor", "Exercise 3: thirty steps from just above the valley floor",
        tables.valleyFloor, surface: tables.surface)

    var lossPanel = Panel(
        xLabel: "iterations", yLabel: "loss", xRange: 0...Double(iterations), yRange: 0...1,
        series: mnistOptimizers.map { optimizer in
            Series(
                tables.loss, x: "iteration", y: "\(optimizer.name) smoothed",
                title: optimizer.name, style: .linesWithMarkers(every: printEvery))
        })
    lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net: smoothed training loss"

    var racePanel = Panel(
        xLabel: "learning rate η", yLabel: "mean loss, last 50 iterations",
        xRange: raceRates[0] / 1.5...raceRates[raceRates.count - 1] * 1.5, yRange: 0...2.5,
        series: raceOptimizers.map { name in
            let title = name.make().name
            return Series(
                tables.race, x: "learning rate", y: title, title: title,
                style: .linesWithMarkers(every: 1))
        })
    racePanel.title = "The race: each optimizer at seven learning rates (\(raceIterations) iterations; missing points diverged)"
    racePanel.logX = true
    racePanel.legend = .at("top left")
    let raceFigures = tables.race.rows.isEmpty ? [] : [Figure(name: "race", panel: racePanel)]  // --race-iterations 0: no race
    return [valleyFigure, floorFigure, Figure(name: "mnist-loss", panel: lossPanel)] + raceFigures
}
