// Figures.swift — the weight-init chapter's results as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// The chapter's data files.
struct WeightInitTables {
    /// One histogram table per configuration: bin centres, then counts per layer.
    var histograms: [DataTable]
    /// ReLU's three scales: counts of log₁₀ of the positive outputs, per layer.
    var reluLog: DataTable
    /// Per layer and configuration: spread, flat, zero and dead shares, gradient sizes.
    var layers: DataTable
    /// Exercise 2: spreads per layer at width n and at the wider width (1000 unless --wide-width).
    var width: DataTable
    /// Per layer and configuration: the spread within each unit and between units, the mean,
    /// the share of units in one histogram bin, and the RMS slope.
    var units: DataTable
    /// The MNIST loss per iteration (none with --histograms-only).
    var loss: DataTable?
    /// Exercise 3: the σ = 0.01 net trained by Adam.
    var adam: DataTable?

    /// Every table, in the order they are written.
    var all: [DataTable] { histograms + [reluLog, layers, width, units] + [loss, adam].compactMap { $0 } }
}

/// The chapter's tables, from its settings and what its experiments measured.
func makeTables(_ settings: Settings, _ results: Results) -> WeightInitTables {
    let layerWidths = settings.layerWidths, inputWidth = settings.width
    let configurations = results.layers.map(\.configuration)
    let histograms: [DataTable] = results.layers.map { result in
        var description =
            "weight-init: \(result.label): counts of each layer's \(settings.sampleCount)×\(layerWidths[0]) outputs in \(settings.binCount) bins"
        if result.configuration.activation.range == nil {
            let zeros = result.zeroShares.map { String(format: "%.1f%%", 100 * $0) }.joined(separator: ", ")
            description += " (positive outputs only; zeros by layer: \(zeros))"
        }
        return DataTable(
            result.configuration.name + ".dat", description,
            columns: [("bin center", result.histograms[0].centers)] as [(String, [Double])]
                + result.histograms.enumerated().map { (k: Int, histogram: Histogram) -> (String, [Double]) in
                    ("\(k + 1)-layer", histogram.counts.map(Double.init))
                })
    }
    let reluResults = results.layers.filter { $0.configuration.activation.range == nil }
    let reluLog = DataTable(
        "activations-relu-log.dat",
        "weight-init: ReLU: counts of log10 of each layer's positive outputs in \(LayerResult.logBinCount) bins from \(LayerResult.logRange.lowerBound) to \(LayerResult.logRange.upperBound)",
        columns: [("log10 output", reluResults[0].logHistograms[0].centers)] as [(String, [Double])]
            + reluResults.flatMap { (result: LayerResult) -> [(String, [Double])] in
                result.logHistograms.enumerated().map { (k: Int, histogram: Histogram) -> (String, [Double]) in
                    ("\(result.configuration.key) \(k + 1)-layer", histogram.counts.map(Double.init))
                }
            })
    let layers = DataTable(
        "layers.dat",
        "weight-init: per layer of \(settings.sampleCount) random inputs through \(layerWidths.count) layers of \(inputWidth): spread (std) of the outputs, share of flat outputs (slope < 1/10 of its peak), of zeros, of dead units (0 for every input), RMS of dL/da and of dL/dW for L = sum(G*a5), G standard normal",
        columns: [("layer", layerWidths.indices.map { (k: Int) in Double(k + 1) })] as [(String, [Double])]
            + zip(results.layers, results.backward).flatMap { result, sizes -> [(String, [Double])] in
                let key = result.configuration.key
                return [
                    ("\(key) spread", result.spreads), ("\(key) flat", result.flatShares), ("\(key) zeros", result.zeroShares),
                    ("\(key) dead", result.deadShares), ("\(key) grad a", sizes.outputs), ("\(key) grad W", sizes.weights),
                ]
            })
    let width = DataTable(
        "exercise-width.dat",
        "weight-init: spread (std) of each layer's outputs at width \(inputWidth) and at width \(settings.wideWidth)",
        columns: [
            ("layer", layerWidths.indices.map { (k: Int) in Double(k + 1) }),
            ("n", layerWidths.map(Double.init)),
        ] as [(String, [Double])]
            + results.layers.indices.flatMap { (k: Int) -> [(String, [Double])] in
                [
                    ("\(configurations[k].key) width n", results.layers[k].spreads),
                    ("\(configurations[k].key) width \(settings.wideWidth)", results.wideSpreads[k]),
                ]
            })
    let units = DataTable(
        "units.dat",
        "weight-init: per layer of \(settings.sampleCount) random inputs through \(layerWidths.count) layers of \(inputWidth): the spread within each unit (RMS over units of each unit's std across the inputs), between units (std of the units' means), the mean output, the share of units whose outputs all fall in one histogram bin, and the RMS of the slope f'",
        columns: [("layer", layerWidths.indices.map { (k: Int) in Double(k + 1) })] as [(String, [Double])]
            + results.layers.flatMap { (result: LayerResult) -> [(String, [Double])] in
                let key = result.configuration.key
                return [
                    ("\(key) within", result.units.map(\.within)), ("\(key) between", result.units.map(\.between)),
                    ("\(key) mean", result.units.map(\.mean)), ("\(key) one bin", result.units.map(\.oneBinShare)),
                    ("\(key) slope rms", result.units.map(\.slopeRMS)),
                ]
            })
    guard let mnist = results.mnist else {
        return WeightInitTables(histograms: histograms, reluLog: reluLog, layers: layers, width: width, units: units)
    }
    let weightInits = mnist.weightInits, iterations = settings.iterations
    let smoothed = mnist.losses.map(smoothCurve)
    var loss = DataTable(
        "mnist-loss.dat", "weight-init: MNIST training loss per iteration (raw, and smoothed as the book does)",
        columns: ["iteration"] + weightInits.map { (start: WeightInit) in "\(start) raw" }
            + weightInits.map { (start: WeightInit) in "\(start) smoothed" })
    for i in 0..<iterations {
        let raw = mnist.losses.map { (curve: [Double]) in curve[i] }
        let smooth = smoothed.map { (curve: [Double]) in curve[i] }
        loss.append([Double(i)] + raw + smooth)
    }
    let adam = DataTable(
        "exercise-adam.dat", "weight-init: MNIST training loss per iteration of the std=0.01 net trained by Adam (lr 0.001)",
        columns: [
            ("iteration", (0..<iterations).map(Double.init)), ("std=0.01 Adam raw", mnist.adam),
            ("std=0.01 Adam smoothed", smoothCurve(mnist.adam)),
        ])
    return WeightInitTables(
        histograms: histograms, reluLog: reluLog, layers: layers, width: width, units: units, loss: loss, adam: adam)
}

/// A 1 × 5 grid of one configuration's histograms, on one shared y scale.
func histogramFigure(_ result: LayerResult, _ table: DataTable) -> Figure {
    let layerCount = result.histograms.count
    let isReLU = result.configuration.activation.range == nil
    let tallest = Double(result.histograms.map(\.largestCount).max() ?? 1)
    let panels = result.histograms.enumerated().map { k, histogram in
        var title = "\(k + 1)-layer"
        if isReLU { title += String(format: " (zeros %.0f%%)", 100 * result.zeroShares[k]) }
        var panel = Panel(
            title: title, xLabel: isReLU ? "output (> 0)" : "output", yLabel: k == 0 ? "count" : "",
            xRange: histogram.range, yRange: 0...(tallest * 1.05).rounded(.up),
            series: [Series(table, x: "bin center", y: "\(k + 1)-layer", style: .boxes, color: "#1f77b4")])
        panel.showYTicks = k == 0  // one shared y scale: label it once, as the book does
        panel.legend = .hidden
        return panel
    }
    return Figure(
        name: result.configuration.name, title: result.label + ": outputs of each layer",
        panels: panels, layout: (1, layerCount), size: (1500, 360))
}

/// The smallest power of ten at or below, and the largest at or above, the positive values.
func decades(_ values: [Double]) -> ClosedRange<Double> {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    let low = pow(10, floor(log10(positive.min() ?? 1))), high = pow(10, ceil(log10(positive.max() ?? 1)))
    return low...max(high, low * 10)
}

/// A panel of one quantity per layer, one line per configuration, on a log scale.
func perLayerPanel(
    _ table: DataTable, _ title: String, yLabel: String, configurations: [Configuration],
    column: (Configuration) -> String, yRange: ClosedRange<Double>
) -> Panel {
    var panel = Panel(
        title: title, xLabel: "layer", yLabel: yLabel, xRange: 0.5...Double(table.rows.count) + 0.5,
        yRange: yRange,
        series: configurations.map { configuration in
            Series(
                table, x: "layer", y: column(configuration), title: configuration.key,
                style: .linesWithMarkers(every: 1), dashed: configuration.activation.range == nil)
        })
    panel.logY = true
    panel.legend = .hidden
    return panel
}

/// The chapter's figures, drawn from its tables (and the histograms' own counts).
func makeFigures(_ tables: WeightInitTables, _ settings: Settings, _ results: Results) -> [Figure] {
    let layerWidths = settings.layerWidths, inputWidth = settings.width
    let configurations = results.layers.map(\.configuration)
    let logRange = LayerResult.logRange
    var figures = zip(results.layers, tables.histograms).map(histogramFigure)

    // ReLU's outputs on a log scale: the shrinking that the linear bins squeeze into one bar.
    let reluConfigurations = configurations.filter { $0.activation.range == nil }
    let logCounts = reluConfigurations.flatMap { c in (1...layerWidths.count).flatMap { tables.reluLog["\(c.key) \($0)-layer"] } }
    figures.append(
        Figure(
            name: "activations-relu-log", title: "ReLU: each layer's positive outputs on a log scale (quarter-decade bins)",
            panels: reluConfigurations.enumerated().map { i, configuration in
                var panel = Panel(
                    title: configuration.label(width: inputWidth), xLabel: "log₁₀ of output (> 0)", yLabel: i == 0 ? "count" : "",
                    xRange: logRange, yRange: 0...(logCounts.max()! * 1.05).rounded(.up),
                    series: (1...layerWidths.count).map { k in
                        Series(
                            tables.reluLog, x: "log10 output", y: "\(configuration.key) \(k)-layer",
                            title: "layer \(k)", style: .lines)
                    })
                panel.legend = i == 0 ? .at("top left") : .hidden
                return panel
            },
            layout: (1, 3), size: (1500, 420)))

    // Forward and backward: the sizes the explanation rests on, on log scales.
    let layers = tables.layers
    let spreads = configurations.flatMap { layers["\($0.key) spread"] }
    let gradients = configurations.flatMap { layers["\($0.key) grad a"] + layers["\($0.key) grad W"] }
    var reluShares = Panel(
        title: "ReLU: zero outputs and dead units (same for every σ)", xLabel: "layer",
        yLabel: "share of outputs / of units", xRange: 0.5...Double(layerWidths.count) + 0.5,
        yRange: 0...1,
        series: [
            Series(
                layers, x: "layer", y: "relu-he zeros", title: "outputs = 0",
                style: .linesWithMarkers(every: 1)),
            Series(
                layers, x: "layer", y: "relu-he dead", title: "units 0 for all inputs",
                style: .linesWithMarkers(every: 1)),
        ])
    reluShares.legend = .at("top right")
    figures.append(
        Figure(
            name: "forward-backward",
            title:
                "Before training: \(settings.sampleCount) random inputs forward, a fixed random gradient backward, \(layerWidths.count) layers of \(inputWidth) (dashed: ReLU)",
            panels: [
                withLegend(
                    perLayerPanel(
                        layers, "forward: spread of each layer's outputs", yLabel: "standard deviation of aₖ",
                        configurations: configurations, column: { "\($0.key) spread" }, yRange: decades(spreads)),
                    .at("bottom left")),
                perLayerPanel(
                    layers, "backward: gradient reaching each layer's outputs", yLabel: "RMS of ∂L/∂aₖ",
                    configurations: configurations, column: { "\($0.key) grad a" }, yRange: decades(gradients)),
                perLayerPanel(
                    layers, "backward: gradient of each layer's weights", yLabel: "RMS of ∂L/∂Wₖ",
                    configurations: configurations, column: { "\($0.key) grad W" }, yRange: decades(gradients)),
                reluShares,
            ],
            layout: (2, 2), size: (1200, 900)))

    // Within each unit and between units: sigmoid's offset against tanh's centre.
    let units = tables.units
    let unitKeys = ["sigmoid-xavier", "tanh-xavier"]
    let unitValues = unitKeys.flatMap { units["\($0) within"] + units["\($0) between"] }
    var unitPanel = Panel(
        title: "Xavier: spread within each unit (across inputs, solid) and between units (dashed)", xLabel: "layer",
        yLabel: "standard deviation", xRange: 0.5...Double(layerWidths.count) + 0.5, yRange: decades(unitValues),
        series: unitKeys.flatMap { key in
            [
                Series(
                    units, x: "layer", y: "\(key) within", title: "\(key) within", style: .linesWithMarkers(every: 1),
                    color: key.hasPrefix("sigmoid") ? "#1f77b4" : "#d62728"),
                Series(
                    units, x: "layer", y: "\(key) between", title: "\(key) between", style: .linesWithMarkers(every: 1),
                    dashed: true, color: key.hasPrefix("sigmoid") ? "#1f77b4" : "#d62728"),
            ]
        })
    unitPanel.logY = true
    unitPanel.legend = .at("bottom left")
    figures.append(Figure(name: "units", panel: unitPanel))

    // Exercise 2: the same spreads at the wider width (ten times wider by default).
    let width = tables.width
    let allSpreads = configurations.flatMap { width["\($0.key) width n"] + width["\($0.key) width \(settings.wideWidth)"] }
    figures.append(
        Figure(
            name: "exercise-width", title: "Exercise 2: spread of each layer's outputs at two widths (dashed: ReLU)",
            panels: [("n", inputWidth), ("\(settings.wideWidth)", settings.wideWidth)].map { column, n in
                withLegend(
                    perLayerPanel(
                        width, "\(n) units per layer", yLabel: "standard deviation of aₖ",
                        configurations: configurations, column: { "\($0.key) width \(column)" },
                        yRange: decades(allSpreads)),
                    column == "n" ? .at("bottom left") : .hidden)
            },
            layout: (1, 2), size: (1200, 500)))

    guard let loss = tables.loss, let adam = tables.adam, let mnist = results.mnist else { return figures }
    let iterations = settings.iterations, printEvery = settings.printEvery
    var lossPanel = Panel(
        xLabel: "iterations", yLabel: "loss", xRange: 0...Double(iterations), yRange: 0...2.5,
        series: mnist.weightInits.map { weightInit in
            Series(
                loss, x: "iteration", y: "\(weightInit) smoothed", title: "\(weightInit)",
                style: .linesWithMarkers(every: printEvery))
        })
    let optimizerName = settings.optimizer == .sgd ? "SGD η = 0.01" : mnist.optimizerName
    lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net, \(optimizerName): smoothed training loss by starting scale"
    lossPanel.legend = .at("right center")  // clear of the flat std=0.01 line at the top
    figures.append(Figure(name: "mnist-loss", panel: lossPanel))

    var adamPanel = Panel(
        xLabel: "iterations", yLabel: "smoothed loss", xRange: 0...Double(iterations), yRange: 0...2.5,
        series: [
            Series(loss, x: "iteration", y: "std=0.01 smoothed", title: "std=0.01, \(mnist.optimizerName)"),
            Series(adam, x: "iteration", y: "std=0.01 Adam smoothed", title: "std=0.01, Adam"),
            Series(loss, x: "iteration", y: "He smoothed", title: "He, \(mnist.optimizerName)", dashed: true),
        ])
    adamPanel.title = "Exercise 3: does Adam rescue the σ = 0.01 start?"
    adamPanel.legend = .at("right center")
    figures.append(Figure(name: "exercise-adam", panel: adamPanel))
    return figures
}

/// `panel` with its legend at `legend`.
func withLegend(_ panel: Panel, _ legend: Panel.Legend) -> Panel {
    var panel = panel
    panel.legend = legend
    return panel
}
