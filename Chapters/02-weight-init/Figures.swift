// Figures.swift — the weight-init chapter's results as tables and figures.

import BookCore
import ChapterKit
import Foundation

/// A function squashing each pre-activation, with what the experiments need to know about it.
struct HistogramActivation: Sendable {
    /// Its name in titles and file names.
    let name: String
    /// y = f(z).
    let function: @Sendable (Double) -> Double
    /// The slope f′(z), computed from the output y.
    let slope: @Sendable (Double) -> Double
    /// The largest slope f′ takes (¼ for sigmoid, 1 for tanh and ReLU).
    let peakSlope: Double
    /// The histogram's range; `nil` for 0 … the largest output (ReLU, which has no top).
    let range: ClosedRange<Double>?
}

// The chapter's three activations, with their slopes written with the output y (see main.swift, section 2).
let sigmoid = HistogramActivation(
    name: "sigmoid", function: Sigmoid.sigmoid, slope: { y in y * (1 - y) },
    peakSlope: 0.25, range: 0...1)
let hyperbolicTangent = HistogramActivation(
    name: "tanh", function: { tanh($0) }, slope: { y in 1 - y * y },
    peakSlope: 1, range: -1...1)
let relu = HistogramActivation(
    name: "ReLU", function: { max(0, $0) }, slope: { y in y > 0 ? 1 : 0 },
    peakSlope: 1, range: nil)  // no top: histograms run to the largest output

/// One run of the random-layer experiment: an activation and a weight scale.
struct Configuration: Sendable {
    let activation: HistogramActivation
    let weightInit: WeightInit

    init(_ activation: HistogramActivation, _ weightInit: WeightInit) {
        self.activation = activation
        self.weightInit = weightInit
    }

    /// Short name for columns and files, e.g. `sigmoid-std-0.01`, `relu-he`.
    var key: String {
        let scale =
            switch weightInit {
            case .standardDeviation(let sigma): "std-" + String(format: "%g", sigma)
            case .xavier: "xavier"
            case .he: "he"
            }
        return "\(activation.name.lowercased())-\(scale)"
    }

    /// The figure's (and data file's) name, e.g. `activations-sigmoid-std-0.01`.
    var name: String { "activations-" + key }

    /// A label such as `sigmoid, σ = 0.01` or `ReLU, He σ = √(2/100) = 0.141`.
    var label: String {
        let sigma = weightInit.standardDeviation(inputs: inputWidth)
        let scale =
            switch weightInit {
            case .standardDeviation: "σ = " + String(format: "%g", sigma)
            case .xavier: "Xavier σ = √(1/\(inputWidth)) = " + String(format: "%.3g", sigma)
            case .he: "He σ = √(2/\(inputWidth)) = " + String(format: "%.3g", sigma)
            }
        return "\(activation.name), \(scale)"
    }
}

/// The standard deviation of some values (dividing by their count, as NumPy's `std`).
func standardDeviation(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count)).squareRoot()
}

/// The standard deviation of a matrix's elements.
func standardDeviation(_ m: Matrix) -> Double { standardDeviation(m.elements) }

/// The root mean square of a matrix's elements, √(Σx²/count).
func rootMeanSquare(_ m: Matrix) -> Double { (m.sumOfSquares() / Double(m.count)).squareRoot() }

/// One configuration's numbers per layer.
struct LayerResult {
    let configuration: Configuration
    /// One histogram per layer; for ReLU, of the positive outputs only.
    let histograms: [Histogram]
    /// Standard deviation of each layer's outputs.
    let spreads: [Double]
    /// Share of outputs whose slope is below a tenth of its peak (ReLU: the zeros).
    let flatShares: [Double]
    /// Share of outputs exactly 0.
    let zeroShares: [Double]
    /// Share of units whose output is 0 for every one of the N inputs.
    let deadShares: [Double]
    /// ReLU only: one histogram per layer of log₁₀ of the positive outputs, over `logRange`.
    let logHistograms: [Histogram]

    init(_ configuration: Configuration, _ layers: [Matrix], bins: Int) {
        self.configuration = configuration
        let activation = configuration.activation
        let largest = layers.map { $0.elements.max() ?? 0 }.max() ?? 0
        let range = activation.range ?? 0...(largest > 0 ? largest : 1)
        histograms = layers.map { layer in
            Histogram(activation.range == nil ? layer.elements.filter { $0 > 0 } : layer.elements, bins: bins, range: range)
        }
        spreads = layers.map(standardDeviation)
        flatShares = layers.map { layer in
            Double(layer.elements.filter { activation.slope($0) / activation.peakSlope < 0.1 }.count) / Double(layer.count)
        }
        zeroShares = layers.map { layer in Double(layer.elements.filter { $0 == 0 }.count) / Double(layer.count) }
        logHistograms =
            activation.range != nil
            ? []
            : layers.map { layer in
                Histogram(layer.elements.filter { $0 > 0 }.map(log10), bins: logBinCount, range: logRange)
            }
        deadShares = layers.map { layer in
            let dead = (0..<layer.columns).filter { j in (0..<layer.rows).allSatisfy { layer[$0, j] == 0 } }
            return Double(dead.count) / Double(layer.columns)
        }
    }

    /// One line for the console.
    var summary: String {
        func row(_ values: [Double], _ format: String) -> String { values.map { String(format: format, $0) }.joined(separator: " ") }
        return configuration.label.padding(toLength: 36, withPad: " ", startingAt: 0)
            + " spread " + row(spreads, "%8.2g") + "   flat " + row(flatShares.map { 100 * $0 }, "%3.0f%%")
    }
}

/// The range of log₁₀ of ReLU's positive outputs in `activations-relu-log.dat`:
/// 10⁻¹⁰ to 10², wide enough for σ = 0.01's fifth layer, in quarter decades.
let logRange = -10.0...2.0
let logBinCount = 48

/// The chapter's data files.
struct WeightInitTables {
    /// One histogram table per configuration: bin centres, then counts per layer.
    var histograms: [DataTable]
    /// ReLU's three scales: counts of log₁₀ of the positive outputs, per layer.
    var reluLog: DataTable
    /// Per layer and configuration: spread, flat, zero and dead shares, gradient sizes.
    var layers: DataTable
    /// Exercise 2: spreads per layer at width n and at width 1000.
    var width: DataTable
    /// The MNIST loss per iteration (none with --histograms-only).
    var loss: DataTable?
    /// Exercise 3: the σ = 0.01 net trained by Adam.
    var adam: DataTable?

    /// Every table, in the order they are written.
    var all: [DataTable] { histograms + [reluLog, layers, width] + [loss, adam].compactMap { $0 } }
}

@MainActor func makeTables() -> WeightInitTables {
    let histograms: [DataTable] = results.map { result in
        var description =
            "weight-init: \(result.configuration.label): counts of each layer's \(sampleCount)×\(layerWidths[0]) outputs in \(binCount) bins"
        if result.configuration.activation.range == nil {
            let zeros = result.zeroShares.map { String(format: "%.1f%%", 100 * $0) }.joined(separator: ", ")
            description += " (positive outputs only; zeros by layer: \(zeros))"
        }
        return DataTable(
            result.configuration.name + ".dat", description,
            columns: [("bin center", result.histograms[0].centers)]
                + result.histograms.enumerated().map { ("\($0.offset + 1)-layer", $0.element.counts.map(Double.init)) })
    }
    let reluResults = results.filter { $0.configuration.activation.range == nil }
    let reluLog = DataTable(
        "activations-relu-log.dat",
        "weight-init: ReLU: counts of log10 of each layer's positive outputs in \(logBinCount) bins from \(logRange.lowerBound) to \(logRange.upperBound)",
        columns: [("log10 output", reluResults[0].logHistograms[0].centers)]
            + reluResults.flatMap { result in
                result.logHistograms.enumerated().map {
                    ("\(result.configuration.key) \($0.offset + 1)-layer", $0.element.counts.map(Double.init))
                }
            })
    let layers = DataTable(
        "layers.dat",
        "weight-init: per layer of \(sampleCount) random inputs through \(layerWidths.count) layers of \(inputWidth): spread (std) of the outputs, share of flat outputs (slope < 1/10 of its peak), of zeros, of dead units (0 for every input), RMS of dL/da and of dL/dW for L = sum(G*a5), G standard normal",
        columns: [("layer", layerWidths.indices.map { Double($0 + 1) })]
            + zip(results, backward).flatMap { result, sizes in
                let key = result.configuration.key
                return [
                    ("\(key) spread", result.spreads), ("\(key) flat", result.flatShares), ("\(key) zeros", result.zeroShares),
                    ("\(key) dead", result.deadShares), ("\(key) grad a", sizes.outputs), ("\(key) grad W", sizes.weights),
                ]
            })
    let width = DataTable(
        "exercise-width.dat", "weight-init: spread (std) of each layer's outputs at width \(inputWidth) and at width \(wideWidth)",
        columns: [
            ("layer", layerWidths.indices.map { Double($0 + 1) }),
            ("n", layerWidths.map(Double.init)),
        ]
            + results.indices.flatMap { k in
                [("\(configurations[k].key) width n", results[k].spreads), ("\(configurations[k].key) width 1000", wideSpreads[k])]
            })
    guard let mnist else { return WeightInitTables(histograms: histograms, reluLog: reluLog, layers: layers, width: width) }
    let smoothed = mnist.losses.map(smoothCurve)
    var loss = DataTable(
        "mnist-loss.dat", "weight-init: MNIST training loss per iteration (raw, and smoothed as the book does)",
        columns: ["iteration"] + weightInits.map { "\($0) raw" } + weightInits.map { "\($0) smoothed" })
    for i in 0..<iterations {
        loss.append([Double(i)] + mnist.losses.map { $0[i] } + smoothed.map { $0[i] })
    }
    let adam = DataTable(
        "exercise-adam.dat", "weight-init: MNIST training loss per iteration of the std=0.01 net trained by Adam (lr 0.001)",
        columns: [
            ("iteration", (0..<iterations).map(Double.init)), ("std=0.01 Adam raw", mnist.adam),
            ("std=0.01 Adam smoothed", smoothCurve(mnist.adam)),
        ])
    return WeightInitTables(histograms: histograms, reluLog: reluLog, layers: layers, width: width, loss: loss, adam: adam)
}

/// A 1 × 5 grid of one configuration's histograms, on one shared y scale.
func histogramFigure(_ result: LayerResult, _ table: DataTable) -> Figure {
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
        name: result.configuration.name, title: result.configuration.label + ": outputs of each layer",
        panels: panels, layout: (1, layerWidths.count), size: (1500, 360))
}

/// The smallest power of ten at or below, and the largest at or above, the positive values.
func decades(_ values: [Double]) -> ClosedRange<Double> {
    let positive = values.filter { $0 > 0 && $0.isFinite }
    let low = pow(10, floor(log10(positive.min() ?? 1))), high = pow(10, ceil(log10(positive.max() ?? 1)))
    return low...max(high, low * 10)
}

/// A panel of one quantity per layer, one line per configuration, on a log scale.
func perLayerPanel(
    _ table: DataTable, _ title: String, yLabel: String, column: (Configuration) -> String,
    yRange: ClosedRange<Double>, legend: Panel.Legend = .hidden
) -> Panel {
    var panel = Panel(
        title: title, xLabel: "layer", yLabel: yLabel, xRange: 0.5...Double(layerWidths.count) + 0.5,
        yRange: yRange,
        series: configurations.map { configuration in
            Series(
                table, x: "layer", y: column(configuration), title: configuration.key,
                style: .linesWithMarkers(every: 1), dashed: configuration.activation.range == nil)
        })
    panel.logY = true
    panel.legend = legend
    return panel
}

@MainActor func makeFigures(_ tables: WeightInitTables) -> [Figure] {
    var figures = zip(results, tables.histograms).map(histogramFigure)

    // ReLU's outputs on a log scale: the shrinking that the linear bins squeeze into one bar.
    let reluConfigurations = configurations.filter { $0.activation.range == nil }
    let logCounts = reluConfigurations.flatMap { c in (1...layerWidths.count).flatMap { tables.reluLog["\(c.key) \($0)-layer"] } }
    figures.append(
        Figure(
            name: "activations-relu-log", title: "ReLU: each layer's positive outputs on a log scale (quarter-decade bins)",
            panels: reluConfigurations.enumerated().map { i, configuration in
                var panel = Panel(
                    title: configuration.label, xLabel: "log₁₀ of output (> 0)", yLabel: i == 0 ? "count" : "",
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
                "Before training: \(sampleCount) random inputs forward, a fixed random gradient backward, 5 layers of \(inputWidth) (dashed: ReLU)",
            panels: [
                perLayerPanel(
                    layers, "forward: spread of each layer's outputs", yLabel: "standard deviation of aₖ",
                    column: { "\($0.key) spread" }, yRange: decades(spreads), legend: .at("bottom left")),
                perLayerPanel(
                    layers, "backward: gradient reaching each layer's outputs", yLabel: "RMS of ∂L/∂aₖ",
                    column: { "\($0.key) grad a" }, yRange: decades(gradients)),
                perLayerPanel(
                    layers, "backward: gradient of each layer's weights", yLabel: "RMS of ∂L/∂Wₖ",
                    column: { "\($0.key) grad W" }, yRange: decades(gradients)),
                reluShares,
            ],
            layout: (2, 2), size: (1200, 900)))

    // Exercise 2: the same spreads, ten times wider.
    let width = tables.width
    let allSpreads = configurations.flatMap { width["\($0.key) width n"] + width["\($0.key) width 1000"] }
    figures.append(
        Figure(
            name: "exercise-width", title: "Exercise 2: spread of each layer's outputs at two widths (dashed: ReLU)",
            panels: [("n", inputWidth), ("1000", wideWidth)].map { column, n in
                perLayerPanel(
                    width, "\(n) units per layer", yLabel: "standard deviation of aₖ",
                    column: { "\($0.key) width \(column)" }, yRange: decades(allSpreads),
                    legend: column == "n" ? .at("bottom left") : .hidden)
            },
            layout: (1, 2), size: (1200, 500)))

    guard let loss = tables.loss, let adam = tables.adam else { return figures }
    var lossPanel = Panel(
        xLabel: "iterations", yLabel: "loss", xRange: 0...Double(iterations), yRange: 0...2.5,
        series: weightInits.map { weightInit in
            Series(
                loss, x: "iteration", y: "\(weightInit) smoothed", title: "\(weightInit)",
                style: .linesWithMarkers(every: printEvery))
        })
    let optimizerName = options.optimizer == .sgd ? "SGD η = 0.01" : mnistOptimizer.name
    lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net, \(optimizerName): smoothed training loss by starting scale"
    lossPanel.legend = .at("right center")  // clear of the flat std=0.01 line at the top
    figures.append(Figure(name: "mnist-loss", panel: lossPanel))

    var adamPanel = Panel(
        xLabel: "iterations", yLabel: "smoothed loss", xRange: 0...Double(iterations), yRange: 0...2.5,
        series: [
            Series(loss, x: "iteration", y: "std=0.01 smoothed", title: "std=0.01, \(mnistOptimizer.name)"),
            Series(adam, x: "iteration", y: "std=0.01 Adam smoothed", title: "std=0.01, Adam"),
            Series(loss, x: "iteration", y: "He smoothed", title: "He, \(mnistOptimizer.name)", dashed: true),
        ])
    adamPanel.title = "Exercise 3: does Adam rescue the σ = 0.01 start?"
    adamPanel.legend = .at("right center")
    figures.append(Figure(name: "exercise-adam", panel: adamPanel))
    return figures
}
