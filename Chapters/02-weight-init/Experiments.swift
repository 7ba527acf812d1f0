// Experiments.swift — the weight-init chapter's experiments, one configuration or one network at a time (main.swift runs them).

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
extension HistogramActivation {
    /// y = 1/(1 + e^(−z)), f′ = y(1 − y).
    static let sigmoid = HistogramActivation(
        name: "sigmoid", function: Sigmoid.sigmoid, slope: { y in y * (1 - y) },
        peakSlope: 0.25, range: 0...1)
    /// y = tanh z, f′ = 1 − y².
    static let hyperbolicTangent = HistogramActivation(
        name: "tanh", function: { tanh($0) }, slope: { y in 1 - y * y },
        peakSlope: 1, range: -1...1)
    /// y = max(0, z), f′ = 1 for z > 0, else 0.
    static let relu = HistogramActivation(
        name: "ReLU", function: { max(0, $0) }, slope: { y in y > 0 ? 1 : 0 },
        peakSlope: 1, range: nil)  // no top: histograms run to the largest output
}

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

    /// A label such as `sigmoid, σ = 0.01` or `ReLU, He σ = √(2/100) = 0.141`, for layers of `width` inputs.
    func label(width: Int) -> String {
        let sigma = weightInit.standardDeviation(inputs: width)
        let scale =
            switch weightInit {
            case .standardDeviation: "σ = " + String(format: "%g", sigma)
            case .xavier: "Xavier σ = √(1/\(width)) = " + String(format: "%.3g", sigma)
            case .he: "He σ = √(2/\(width)) = " + String(format: "%.3g", sigma)
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
    /// Units per layer (the width of the inputs too).
    let width: Int
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
    /// Per layer, how the spread splits between inputs and units (see `UnitSpread`).
    let units: [UnitSpread]

    init(_ configuration: Configuration, _ layers: [Matrix], bins: Int) {
        self.configuration = configuration
        width = layers[0].columns
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
                Histogram(layer.elements.filter { $0 > 0 }.map(log10), bins: Self.logBinCount, range: Self.logRange)
            }
        deadShares = layers.map { layer in
            let dead = (0..<layer.columns).filter { j in (0..<layer.rows).allSatisfy { layer[$0, j] == 0 } }
            return Double(dead.count) / Double(layer.columns)
        }
        units = layers.map { UnitSpread($0, activation: activation, bins: bins, range: range) }
    }

    /// The configuration's label, e.g. `ReLU, He σ = √(2/100) = 0.141`.
    var label: String { configuration.label(width: width) }

    /// One line for the console.
    var summary: String {
        func row(_ values: [Double], _ format: String) -> String { values.map { String(format: format, $0) }.joined(separator: " ") }
        return label.padding(toLength: 36, withPad: " ", startingAt: 0)
            + " spread " + row(spreads, "%8.2g") + "   flat " + row(flatShares.map { 100 * $0 }, "%3.0f%%")
    }
}

/// One layer's outputs [N, n], split by unit: the variance of all N·n outputs is
/// the mean of each unit's variance across the N inputs (within²) plus the
/// variance of the units' means (between²), exactly (the law of total variance).
struct UnitSpread {
    /// √(mean over units of each unit's variance across the inputs): what depends on the input.
    let within: Double
    /// The standard deviation of the units' means: a fixed offset per unit, the same for every input.
    let between: Double
    /// The mean of all outputs.
    let mean: Double
    /// Share of units whose N outputs all fall in one bin of the layer's histogram.
    let oneBinShare: Double
    /// √(mean f′²) over all outputs: the slope the backward pass multiplies by.
    let slopeRMS: Double

    init(_ layer: Matrix, activation: HistogramActivation, bins: Int, range: ClosedRange<Double>) {
        let (rows, units) = (layer.rows, layer.columns)
        let width = (range.upperBound - range.lowerBound) / Double(bins)
        func bin(_ y: Double) -> Int { min(max(Int((y - range.lowerBound) / width), 0), bins - 1) }
        var sums = [Double](repeating: 0, count: units), squares = sums
        var lowest = [Int](repeating: bins, count: units), highest = [Int](repeating: -1, count: units)
        var slopeSquares = 0.0
        for i in 0..<rows {  // one pass over the [N, n] outputs, row by row
            for j in 0..<units {
                let y = layer[i, j]
                sums[j] += y
                let b = bin(y)
                lowest[j] = min(lowest[j], b)
                highest[j] = max(highest[j], b)
                slopeSquares += activation.slope(y) * activation.slope(y)
            }
        }
        let means = sums.map { $0 / Double(rows) }
        for i in 0..<rows {
            for j in 0..<units {
                let d = layer[i, j] - means[j]
                squares[j] += d * d
            }
        }
        within = (squares.reduce(0, +) / Double(rows * units)).squareRoot()
        between = standardDeviation(means)
        mean = means.reduce(0, +) / Double(units)
        oneBinShare = Double(zip(lowest, highest).filter { $0 == $1 }.count) / Double(units)
        slopeRMS = (slopeSquares / Double(layer.count)).squareRoot()
    }
}

extension LayerResult {
    /// The range of log₁₀ of ReLU's positive outputs in `activations-relu-log.dat`:
    /// 10⁻¹⁰ to 10², wide enough for σ = 0.01's fifth layer, in quarter decades.
    static let logRange = -10.0...2.0
    /// Quarter-decade bins over `logRange`.
    static let logBinCount = 48
}

/// What the MNIST experiment measured.
struct MNISTResults {
    /// The starting scales of the comparison, in order.
    var weightInits: [WeightInit]
    /// The comparison's optimizer (`SGD` by default).
    var optimizerName: String
    /// Each comparison net's loss after every update.
    var losses: [[Double]]
    /// Exercise 3: the σ = 0.01 net trained by Adam.
    var adam: [Double]
}

/// Everything the chapter's experiments measured.
struct Results {
    /// The random layers, one per configuration, in order.
    var layers: [LayerResult]
    /// RMS of ∂L/∂aₖ and ∂L/∂Wₖ per layer, one per configuration.
    var backward: [(outputs: [Double], weights: [Double])]
    /// Exercise 2: the spread of each layer at the wide width, one per configuration.
    var wideSpreads: [[Double]]
    /// The MNIST experiment (none with --histograms-only).
    var mnist: MNISTResults?
}

/// Each layer's outputs for `inputs` through random layers of `widths` units, no biases,
/// the weights drawn from `stream` of `seed` and scaled as `configuration` says.
func randomLayerOutputs(_ configuration: Configuration, _ inputs: Matrix, widths: [Int], seed: UInt64, stream: UInt64) -> [Matrix] {
    var weightGenerator = SeededGenerator(seed: seed, stream: stream)
    return activationsThroughLayers(
        inputs, widths: widths, weightInit: configuration.weightInit,
        activation: configuration.activation.function,
        generator: &weightGenerator)  // widths.count × [N, n]
}

/// Trains one MNIST net of the settings' hidden ReLU layers, its weights drawn from stream 1 of the seed,
/// on `batches` of `train`; returns the loss after each step and hands each to `step` as it comes.
func trainNetwork(
    _ weightInit: WeightInit, _ optimizer: any Optimizer, train: Dataset, batches: [[Int]], settings: Settings,
    step: (_ loss: Double) -> Void
) -> [Double] {
    var weightGenerator = SeededGenerator(seed: settings.seed, stream: 1)
    let network = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        activation: .relu, weightInit: weightInit, generator: &weightGenerator)
    var optimizer = optimizer
    var losses: [Double] = []
    for indices in batches {
        let (x, t) = train.batch(indices)  // x: [B, D], t: B labels
        network.gradient(x, labels: t)  // fills ∂L/∂W for every W
        optimizer.update(network.parameters)  // SGD: W ← W − η·∂L/∂W
        losses.append(network.loss(x, labels: t))  // the book records the loss after the step
        step(losses[losses.count - 1])
    }
    return losses
}

/// RMS of ∂L/∂aₖ and of ∂L/∂Wₖ for every layer k of `widths`, from ∂L/∂a_last = `upstream`,
/// the weights drawn again from `stream` of `seed`.
func backwardSizes(
    _ configuration: Configuration, inputs: Matrix, upstream: Matrix, widths: [Int], seed: UInt64, stream: UInt64
) -> (outputs: [Double], weights: [Double]) {
    var generator = SeededGenerator(seed: seed, stream: stream)
    var outputs = [inputs], weights: [Matrix] = []
    for width in widths {  // the forward pass again, keeping the weights
        let sigma = configuration.weightInit.standardDeviation(inputs: outputs.last!.columns)
        weights.append(Matrix.randomNormal(outputs.last!.columns, width, standardDeviation: sigma, using: &generator))  // [n, n]
        outputs.append(Matrix.product(outputs.last!, weights.last!).map(configuration.activation.function))  // [N, n]
    }
    var da = upstream, outputSizes: [Double] = [], weightSizes: [Double] = []
    for k in widths.indices.reversed() {
        let dz = da.zip(outputs[k + 1]) { g, y in g * configuration.activation.slope(y) }  // ∂L/∂zₖ
        outputSizes.insert(rootMeanSquare(da), at: 0)
        weightSizes.insert(rootMeanSquare(Matrix.product(outputs[k], dz, transposeA: true)), at: 0)  // ∂L/∂Wₖ [n, n]
        da = Matrix.product(dz, weights[k], transposeB: true)  // ∂L/∂aₖ₋₁
    }
    return (outputSizes, weightSizes)
}

/// Prints experiment 1's table: per configuration, each layer's spread and share of flat outputs.
func printLayerResults(_ results: [LayerResult], _ settings: Settings) {
    print(
        "Experiment 1: \(settings.sampleCount) random inputs through \(settings.layerCount) layers of \(settings.width) units, no biases.")
    print("  spread: standard deviation of each layer's outputs; flat: share with slope f′ below a tenth of its peak")
    for result in results { print(result.summary) }
}

/// Prints what the MNIST comparison did: any loss that is not finite (said so,
/// never counted), each network's loss every `printEvery` iterations as the
/// book prints it, then the speed of the `runCount` networks' training.
func printMNISTLosses(
    _ losses: [[Double]], weightInits: [WeightInit], settings: Settings, train: Dataset, runCount: Int, seconds: Double
) {
    for (k, curve) in losses.enumerated() {
        if let i = curve.firstIndex(where: { !$0.isFinite }) { print("net \(k + 1) diverged: loss \(curve[i]) at iteration \(i)") }
    }
    for i in stride(from: 0, to: settings.iterations, by: settings.printEvery) {
        print("===========iteration:\(i)===========")
        for (k, weightInit) in weightInits.enumerated() { print("\(weightInit):\(losses[k][i])") }
    }
    let flopsPerStep = ProductFLOPs.trainingStep(
        widths: [train.features] + settings.hiddenSizes + [train.classes], batchSize: settings.batchSize)
    print(
        String(format: "Trained %d networks × %d iterations in %.1f s: ", runCount, settings.iterations, seconds)
            + productSpeed(flops: flopsPerStep * Double(settings.iterations * runCount), seconds: seconds))
}

/// Prints the backward pass's table: per configuration, the RMS of ∂L/∂W at each layer.
func printBackwardSizes(_ results: [LayerResult], _ backward: [(outputs: [Double], weights: [Double])]) {
    print("\nBackward: RMS of the gradient of each layer's weights, ∂L/∂W, layers 1 to \(backward[0].weights.count)")
    for (result, sizes) in zip(results, backward) {
        print(result.label.padding(toLength: 36, withPad: " ", startingAt: 0) + sizes.weights.map { String(format: "%9.2g", $0) }.joined())
    }
}
