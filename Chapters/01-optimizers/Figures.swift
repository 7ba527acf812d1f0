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
    /// The race's cells whose loss is not finite (NaN or ∞): the diverged networks.
    var raceDiverged: DataTable
    /// The valley's book rates and f after the drawn updates, one row per optimizer.
    var valleyRates: DataTable
    /// The valley's theory per learning rate: SGD's factors, Momentum's root sizes,
    /// predicted and walked f and sign changes, and how far each prediction is from its walk.
    var valleyTheory: DataTable
    /// f along the walks of SGD at its best worst-case rate and of Momentum tuned for κ.
    var valleyTuned: DataTable

    /// Every table, in the order they are written.
    var all: [DataTable] { [valleyPaths, valleyFloor, surface, loss, race, raceDiverged, valleyRates, valleyTheory, valleyTuned] }
}

/// f(x, y) = x²/20 + y² at a point.
func height(_ point: Point) -> Double { point.x * point.x / 20 + point.y * point.y }

/// How often a sequence changes sign (0 counts as positive): for y, one crossing of the valley floor each.
func signChanges(_ values: [Double]) -> Int {
    zip(values, values.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
}

/// The race as a console table: one row per rate, "diverged" where a loss is not finite (empty: no race).
func raceSummary(_ settings: Settings, names: [String], _ losses: [[Double]]) -> String {
    guard !losses.isEmpty else { return "" }
    var lines = [
        "\nThe race: mean loss of the last \(settings.raceTailLength) of \(settings.raceIterations) iterations (\"diverged\": not finite)",
        "η        " + names.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined(),
    ]
    for (j, rate) in settings.raceRates.enumerated() {
        let cells = losses.map { $0[j].isFinite ? String(format: "%-10.3f", $0[j]) : "diverged  " }
        lines.append(String(format: "%-9.4g", rate) + cells.joined())
    }
    return lines.joined(separator: "\n")
}

/// Each valley walk's last position and f there, one line per optimizer.
func valleySummary(names: [String], _ paths: [[Point]]) -> String {
    zip(names, paths).map { name, path in
        let last = path[path.count - 1]
        return String(format: "%-9@ last position (%7.3f, %7.3f)   f = %.4f", name, last.x, last.y, height(last))
    }.joined(separator: "\n")
}

/// The valley's theory against its walks, one row per learning rate of the sweep.
func theoryTable(_ theory: ValleyTheory) -> DataTable {
    let updates = (theory.walks.first?.first?.count ?? 1) - 1
    var table = DataTable(
        "valley-theory.dat",
        "optimizers: the valley's linear analysis per learning rate, against walks of \(updates) updates from the chosen start: SGD's factors 1 - eta/10 and 1 - 2 eta; the size of Momentum's larger root (alpha \(theory.momentum)) in x and y; f after the updates and sign changes of y, predicted by the closed forms and walked; the largest relative gap between predicted and walked path",
        columns: theoryColumns(theory))
    for (i, rate) in theory.rates.enumerated() {
        let walks = theory.walks[i]
        let radius = { (curvature: Double) in
            MomentumRecurrence(rate: rate, momentum: theory.momentum, curvature: curvature).spectralRadius
        }
        func checked(_ predicted: [Point], _ walked: [Point]) -> [Double] {
            [
                height(predicted.last!), height(walked.last!), Double(signChanges(predicted.map(\.y))),
                Double(signChanges(walked.map(\.y))), pathError(predicted, walked),
            ]
        }
        let factors: [Double] = [
            rate, sgdFactor(rate: rate, curvature: ValleyCurvature.x), sgdFactor(rate: rate, curvature: ValleyCurvature.y),
            radius(ValleyCurvature.x), radius(ValleyCurvature.y),
        ]
        let others = walks.dropFirst(2).flatMap { (walk: [Point]) -> [Double] in
            [height(walk.last!), Double(signChanges(walk.map(\.y)))]
        }
        table.append(factors + checked(theory.predictedSGD[i], walks[0]) + checked(theory.predictedMomentum[i], walks[1]) + others)
    }
    return table
}

/// valley-theory.dat's columns: the rate, SGD's factors, Momentum's roots,
/// then predicted against walked for those two, and walked for the others.
func theoryColumns(_ theory: ValleyTheory) -> [String] {
    let sgd = theory.names[0], momentum = theory.names[1]
    let checks = ["f predicted", "f walked", "crossings predicted", "crossings walked", "path error"]
    let head: [String] = ["learning rate", "\(sgd) x factor", "\(sgd) y factor", "\(momentum) x root", "\(momentum) y root"]
    let checked = [sgd, momentum].flatMap { (name: String) -> [String] in checks.map { (check: String) in "\(name) \(check)" } }
    let walked = theory.names.dropFirst(2).flatMap { (name: String) -> [String] in ["\(name) f walked", "\(name) crossings walked"] }
    return head + checked + walked
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
        "optimizers: mean MNIST loss of the last \(settings.raceTailLength) of \(settings.raceIterations) iterations, per learning rate (NaN: diverged)",
        columns: ["learning rate"] + results.raceNames)
    for (j, rate) in settings.raceRates.enumerated() where !results.race.isEmpty {
        raceTable.append([rate] + results.race.map { $0[j] })
    }
    var diverged = DataTable(
        "race-diverged.dat", "optimizers: the race's networks whose mean loss is not finite (NaN or inf), one row each",
        columns: ["learning rate", "optimizer"])
    for (k, losses) in results.race.enumerated() {
        for (j, loss) in losses.enumerated() where !loss.isFinite { diverged.append([settings.raceRates[j], Double(k)]) }
    }
    var rates = DataTable(
        "valley-rates.dat",
        "optimizers: the book's learning rate of each valley optimizer (in the order of valley-paths.dat) and f after its walk",
        columns: ["learning rate", "f after the walk"])
    for (rate, path) in zip(results.valleyRates, results.valley) { rates.append([rate, height(path.last!)]) }
    var tuned = DataTable(
        "valley-tuned.dat", "optimizers: f before each update of " + results.theory.tunedNames.joined(separator: " and "),
        columns: ["step"] + results.theory.tunedNames)
    for step in 0..<(results.theory.tunedWalks.first?.count ?? 0) {
        tuned.append([Double(step)] + results.theory.tunedWalks.map { height($0[step]) })
    }
    let floorStart = Point(x: settings.valleyStart.x, y: 0.1)
    return OptimizerTables(
        valleyPaths: pathTable("valley-paths.dat", from: settings.valleyStart, names: results.valleyNames, results.valley),
        valleyFloor: pathTable("valley-floor.dat", from: floorStart, names: results.valleyNames, results.floor),
        surface: surface, loss: loss, race: raceTable, raceDiverged: diverged, valleyRates: rates,
        valleyTheory: theoryTable(results.theory), valleyTuned: tuned)
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
        xLabel: "learning rate η", yLabel: "mean loss, last \(settings.raceTailLength) iterations",
        xRange: rates[0] / 1.5...rates[rates.count - 1] * 1.5, yRange: 0...2.5,
        series: tables.race.columns.dropFirst().map { name in
            Series(
                tables.race, x: "learning rate", y: name, title: name,
                style: .linesWithMarkers(every: 1))
        })
    racePanel.title =
        "The race: each optimizer at \(numberWord(rates.count)) learning rates (\(settings.raceIterations) iterations; diverged: marked at the top)"
    racePanel.logX = true
    racePanel.legend = .at("top left")
    if !tables.raceDiverged.rows.isEmpty {  // a mark at the top for each network whose loss is not finite
        racePanel.series.append(
            Series(
                file: tables.raceDiverged.fileName, using: "1:(2.4 - 0.06 * $2)",
                title: "diverged (loss not finite): \(tables.raceDiverged.rows.count)", style: .points, color: "black"))
    }
    let raceFigures = tables.race.rows.isEmpty ? [] : [Figure(name: "race", panel: racePanel)]  // --race-iterations 0: no race
    return [valleyFigure, floorFigure, theoryFigure(tables), Figure(name: "mnist-loss", panel: lossPanel)] + raceFigures
}

/// The valley's theory: the per-step factors, f after the walk against η, and the tuned walks.
func theoryFigure(_ tables: OptimizerTables) -> Figure {
    let theory = tables.valleyTheory
    let names = walkNames(tables.valleyPaths)
    let rates = theory["learning rate"]
    let xRange = 0...rates[rates.count - 1]
    var factors = Panel(
        title: "Per-step factor of each coordinate (size)", xLabel: "learning rate η", yLabel: "|factor| per step",
        xRange: xRange, yRange: 0...1.5,
        series: [
            Series(file: theory.fileName, using: "1:(abs($\(theory.column("\(names[0]) x factor"))))", title: "SGD x: |1 − η/10|"),
            Series(file: theory.fileName, using: "1:(abs($\(theory.column("\(names[0]) y factor"))))", title: "SGD y: |1 − 2η|"),
            Series(theory, x: "learning rate", y: "\(names[1]) x root", title: "Momentum x: larger root", dashed: true),
            Series(theory, x: "learning rate", y: "\(names[1]) y root", title: "Momentum y: larger root", dashed: true),
        ])
    factors.legend = .at("top right")
    var heights = Panel(
        title: "f after the walk, against η (points: the book's rates)", xLabel: "learning rate η",
        yLabel: "f after the updates", xRange: xRange, yRange: 1e-12...1e4,
        series: [
            Series(theory, x: "learning rate", y: "\(names[0]) f walked", title: names[0]),
            Series(theory, x: "learning rate", y: "\(names[1]) f walked", title: names[1]),
        ]
            + names.dropFirst(2).map { Series(theory, x: "learning rate", y: "\($0) f walked", title: $0) }
            + [Series(tables.valleyRates, x: "learning rate", y: "f after the walk", title: "book's rates", style: .points, color: "black")]
    )
    heights.logY = true
    heights.legend = .at("bottom right")
    let tuned = tables.valleyTuned
    var tunedPanel = Panel(
        title: "Tuned for κ = 20: f before each update", xLabel: "step", yLabel: "f",
        xRange: 0...Double(tuned.rows.count - 1), yRange: 1e-10...1e2,
        series: tuned.columns.dropFirst().map { Series(tuned, x: "step", y: $0, title: $0, style: .linesWithMarkers(every: 1)) })
    tunedPanel.logY = true
    tunedPanel.legend = .at("bottom left")
    return Figure(
        name: "valley-theory", title: "The valley f = x²/20 + y², worked out", panels: [factors, heights, tunedPanel],
        layout: (1, 3), size: (1500, 480))
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
