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

/// A table of walks: one x and one y column per optimizer of `names`.
func pathTable(_ fileName: String, from start: Point, names: [String], _ paths: [[Point]]) -> DataTable {
    let steps = paths.first?.count ?? 0
    var table = DataTable(
        fileName,
        "optimizers: \(steps) positions (before each update) on f(x,y) = x^2/20 + y^2"
            + (fileName == "valley-paths.dat" ? "" : " from (\(start.x), \(start.y))"),
        columns: ["step"] + names.flatMap { ["\($0) x", "\($0) y"] })
    for step in 0..<steps {
        table.append([Double(step)] + paths.flatMap { [$0[step].x, $0[step].y] })
    }
    return table
}

/// The chapter's tables, from its settings and what its experiments measured.
func makeTables(_ settings: Settings, _ results: Results) -> OptimizerTables {
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
    let losses = results.comparison
    let smoothed = losses.map(smoothCurve)
    var loss = DataTable(
        "mnist-loss.dat", "optimizers: MNIST training loss per iteration (raw, and smoothed as the book does)",
        columns: ["iteration"] + results.comparisonNames.map { "\($0) raw" }
            + results.comparisonNames.map { "\($0) smoothed" })
    for i in 0..<settings.iterations {
        loss.append([Double(i)] + losses.map { $0[i] } + smoothed.map { $0[i] })
    }
    var raceTable = DataTable(
        "race.dat",
        "optimizers: mean MNIST loss of the last \(settings.raceTail) of \(settings.raceIterations) iterations, per learning rate (NaN: diverged)",
        columns: ["learning rate"] + results.raceNames)
    for (j, rate) in settings.raceRates.enumerated() where !results.race.isEmpty {
        raceTable.append([rate] + results.race.map { $0[j] })
    }
    let floorStart = Point(x: settings.valleyStart.x, y: 0.1)
    return OptimizerTables(
        valleyPaths: pathTable("valley-paths.dat", from: settings.valleyStart, names: results.valleyNames, results.valley),
        valleyFloor: pathTable("valley-floor.dat", from: floorStart, names: results.valleyNames, results.floor),
        surface: surface, loss: loss, race: raceTable)
}

/// The optimizers of a table of walks: the names before " x" in its columns.
func walkNames(_ table: DataTable) -> [String] {
    table.columns.filter { $0.hasSuffix(" x") }.map { String($0.dropLast(2)) }
}

/// Four panels of walks over the contour lines of the valley.
func walkFigure(_ name: String, _ title: String, _ table: DataTable, surface: DataTable) -> Figure {
    Figure(
        name: name, title: title,
        panels: walkNames(table).map { name in
            var panel = Panel(
                title: name, xLabel: "x", yLabel: "y", xRange: -10...10, yRange: -5...5,
                series: [
                    Series(
                        table, x: "\(name) x", y: "\(name) y",
                        title: name, style: .path, color: "#d62728"),
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

/// The chapter's figures, drawn from its tables.
func makeFigures(_ tables: OptimizerTables, _ settings: Settings) -> [Figure] {
    let start = String(format: "(%g, %g)", settings.valleyStart.x, settings.valleyStart.y)
        .replacingOccurrences(of: "-", with: "−")
    let valleyFigure = walkFigure(
        "valley-paths", "\(numberWord(settings.valleySteps).capitalized) steps on f(x, y) = x²/20 + y² from \(start)",
        tables.valleyPaths, surface: tables.surface)
    let floorFigure = walkFigure(
        "valley-floor", "Exercise 3: \(numberWord(settings.valleySteps)) steps from just above the valley floor",
        tables.valleyFloor, surface: tables.surface)

    let comparisonNames = tables.loss.columns.filter { $0.hasSuffix(" smoothed") }.map { String($0.dropLast(9)) }
    var lossPanel = Panel(
        xLabel: "iterations", yLabel: "loss", xRange: 0...Double(settings.iterations), yRange: 0...1,
        series: comparisonNames.map { name in
            Series(
                tables.loss, x: "iteration", y: "\(name) smoothed",
                title: name, style: .linesWithMarkers(every: settings.printEvery))
        })
    lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net: smoothed training loss"

    let rates = settings.raceRates
    var racePanel = Panel(
        xLabel: "learning rate η", yLabel: "mean loss, last \(settings.raceTail) iterations",
        xRange: rates[0] / 1.5...rates[rates.count - 1] * 1.5, yRange: 0...2.5,
        series: tables.race.columns.dropFirst().map { name in
            Series(
                tables.race, x: "learning rate", y: name, title: name,
                style: .linesWithMarkers(every: 1))
        })
    racePanel.title =
        "The race: each optimizer at \(numberWord(rates.count)) learning rates (\(settings.raceIterations) iterations; missing points diverged)"
    racePanel.logX = true
    racePanel.legend = .at("top left")
    let raceFigures = tables.race.rows.isEmpty ? [] : [Figure(name: "race", panel: racePanel)]  // --race-iterations 0: no race
    return [valleyFigure, floorFigure, Figure(name: "mnist-loss", panel: lossPanel)] + raceFigures
}

/// A count in words ("seven", "thirty"), below a hundred; else the digits. Counts in titles come from the data.
func numberWord(_ n: Int) -> String {
    let ones = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if n < 0 || n >= 100 { return String(n) }
    if n < 20 { return ones[n] }
    return tens[n / 10] + (n % 10 == 0 ? "" : "-" + ones[n % 10])
}
