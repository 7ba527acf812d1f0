// Chapter 2 — Weight initialisation: why the starting weights decide whether a network learns
//
// Question: before the first step of training, every weight must get some
// value. Why not all zeros, or all tiny? How large should they be, and why
// does the answer depend on the width of the layer and on the activation?
//
// Run:   swift run -c release weight-init          (or: make weight-init)
//        … --histograms-only                        the activation histograms alone, no MNIST needed
// Tests: run it with --quick (and with --histograms-only) and check the files it writes.
//
// Shapes in comments: N random inputs of the histogram experiment (1000),
// B batch (128 here), D input features (784 = 28×28), H hidden units (100),
// C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight-init",
        abstract: "Chapter 2: how the starting weight scale shapes the activations, and whether an MNIST network learns.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Training iterations of the MNIST experiment (the book: 2000; --quick: 60).")
    var iterations: Int?

    @Flag(help: "Draw only the activation histograms (seconds, no MNIST needed); skip the MNIST comparison.")
    var histogramsOnly = false

    func validate() throws {
        if let iterations {
            try validatePositive(iterations, flag: "--iterations")
            if histogramsOnly {
                throw ValidationError("--iterations sets the MNIST experiment, which --histograms-only skips; drop one of them.")
            }
        }
    }
}

let options = Options.parseOrExit()
let quick = options.common.quick

// The histogram experiment, as the book sets it up: 1000 random inputs of
// 100 values each, pushed through 5 layers of 100 units; 30 bins per histogram.
// It costs well under a second, so --quick keeps it whole.
let sampleCount = 1000
let inputWidth = 100
let layerWidths = [100, 100, 100, 100, 100]
let binCount = 30

// The book's MNIST budget: 2000 mini-batches of 128 images, SGD with η = 0.01.
let iterations = options.iterations ?? (quick ? 60 : 2000)
let batchSize = 128
let learningRate = 0.01
// Four hidden layers of 100 ReLU units: the same net as the optimizers chapter,
// deep enough for a bad start to stall it.
let hiddenSizes = [100, 100, 100, 100]
// The book prints each network's loss every 100 iterations.
let printEvery = quick ? 20 : 100

// One thread per product; independent work runs side by side instead (and
// the same seed then gives the same bits every run).
BLAS.setThreads(1)
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "weight-init")) }

// MARK: - 2. The idea: keep the spread of the signal the same in every layer
//
// A unit of a fully connected layer sums n inputs aᵢ, each times a weight wᵢ:
//
//   z = Σᵢ aᵢ·wᵢ        (n terms; wᵢ drawn independently from N(0, σ²))
//   Var(z) = n · σ² · E[a²]
//
// So each layer multiplies the spread of the signal by about √n·σ (times
// what the activation does to it). Too large a σ and z grows layer by layer;
// too small and it shrinks. Both stop a network from learning:
//
// • Too large (σ = 1, n = 100: z has a spread of about 10). The sigmoid
//   y = 1/(1 + e^(−z)) is flat for large |z|, so nearly every output sits
//   at 0 or 1. Its slope there, y·(1 − y), is almost 0, and backpropagation
//   multiplies the gradient by that slope in every layer: the gradient
//   vanishes before it reaches the first layers.
// • Too small (σ = 0.01: z has a spread of about 0.1). Every output is close
//   to σ(0) = 0.5. The gradient survives, but 100 units that all say 0.5
//   say no more than one unit: the layer's expressive power is gone. (All
//   weights equal — zero, say — is the extreme case: every unit of a layer
//   computes the same thing and gets the same update, for ever.)
// • Just right. Choose σ so that √n·σ = 1:
//
//     Xavier (Glorot & Bengio 2010):  σ = √(1/n)     for sigmoid and tanh,
//                                                     which are linear near 0
//     He (He et al. 2015):            σ = √(2/n)     for ReLU, which zeroes half
//                                                     of its inputs, and so halves
//                                                     E[a²]; twice the variance
//                                                     makes up for it
//
//   n is the number of units feeding the layer (100 here; 784 for the first
//   layer of the MNIST net). The paper's Xavier uses 2/(n_in + n_out); the
//   book, and so the course, uses n_in alone — the same here, where widths are equal.

/// A function squashing each pre-activation, with what the histograms need to know about it.
struct HistogramActivation {
    /// Its name in titles and file names.
    let name: String
    /// y = f(z).
    let function: (Double) -> Double
    /// The slope f′(z) as a fraction of its largest value, computed from the output y.
    let relativeSlope: (Double) -> Double
    /// The histogram's range; `nil` for 0 … the largest output (ReLU, which has no top).
    let range: ClosedRange<Double>?
}

// sigmoid: y = 1/(1 + e^(−z)), f′ = y(1 − y), at most ¼ (at z = 0).
let sigmoid = HistogramActivation(name: "sigmoid", function: Sigmoid.sigmoid,
                                  relativeSlope: { y in 4 * y * (1 - y) }, range: 0 ... 1)
// tanh: y = (e^z − e^(−z))/(e^z + e^(−z)), f′ = 1 − y², at most 1. A sigmoid
// stretched to −1 … 1 and centred on 0.
let hyperbolicTangent = HistogramActivation(name: "tanh", function: { tanh($0) },
                                            relativeSlope: { y in 1 - y * y }, range: -1 ... 1)
// ReLU: y = max(0, z), f′ = 1 for z > 0, else 0.
let relu = HistogramActivation(name: "ReLU", function: { max(0, $0) },
                               relativeSlope: { y in y > 0 ? 1 : 0 }, range: nil)

/// One run of the histogram experiment: an activation and a weight scale.
struct HistogramConfiguration {
    let activation: HistogramActivation
    let weightInit: WeightInit

    /// The figure's (and data file's) name, e.g. `activations-sigmoid-std-0.01`.
    var name: String {
        let scale = switch weightInit {
        case .standardDeviation(let sigma): "std-" + String(format: "%g", sigma)
        case .xavier: "xavier"
        case .he: "he"
        }
        return "activations-\(activation.name.lowercased())-\(scale)"
    }

    /// A label such as `sigmoid, σ = 0.01` or `ReLU, He σ = √(2/100) = 0.141`.
    var label: String {
        let sigma = weightInit.standardDeviation(inputs: inputWidth)
        let scale = switch weightInit {
        case .standardDeviation: "σ = " + String(format: "%g", sigma)
        case .xavier: "Xavier σ = √(1/\(inputWidth)) = " + String(format: "%.3g", sigma)
        case .he: "He σ = √(2/\(inputWidth)) = " + String(format: "%.3g", sigma)
        }
        return "\(activation.name), \(scale)"
    }
}

// The book's experiment is sigmoid with σ = 1; its text then tries σ = 0.01
// and Xavier, and the same questions for tanh and ReLU.
let configurations = [
    HistogramConfiguration(activation: sigmoid, weightInit: .standardDeviation(1)),
    HistogramConfiguration(activation: sigmoid, weightInit: .standardDeviation(0.01)),
    HistogramConfiguration(activation: sigmoid, weightInit: .xavier),
    HistogramConfiguration(activation: hyperbolicTangent, weightInit: .xavier),
    HistogramConfiguration(activation: relu, weightInit: .standardDeviation(0.01)),
    HistogramConfiguration(activation: relu, weightInit: .xavier),
    HistogramConfiguration(activation: relu, weightInit: .he),
]

// MARK: - 3. Experiment 1: histograms of the activations, layer by layer
//
// ReLU outputs exactly 0 for about half of the units, whatever the scale.
// Counted, those zeros would make one bar that dwarfs all the others; the
// book's ReLU histograms leave that spike out too. The course counts only the
// positive outputs, over 0 … the largest output of the five layers, and
// writes the share of zeros in each panel's title ("zeros 50%").

/// The standard deviation of some values (dividing by their count, as NumPy's `std`).
func standardDeviation(_ values: [Double]) -> Double {
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(values.count)).squareRoot()
}

/// What one configuration did to the activations of each layer.
struct HistogramResult {
    let configuration: HistogramConfiguration
    /// One histogram per layer; for ReLU, of the positive outputs only.
    let histograms: [Histogram]
    /// The spread of each layer's outputs.
    let spreads: [Double]
    /// The share of each layer's units whose slope is below a tenth of its peak:
    /// there the gradient all but vanishes (for ReLU: the units at 0).
    let flatShares: [Double]
    /// The share of each layer's outputs that are exactly 0.
    let zeroShares: [Double]
}

// The same inputs for every configuration (stream 2 of the seed), and the
// same standard normals under every weight scale (stream 3): the histograms
// differ only by σ and the activation. The book draws fresh numbers on every
// run; the course fixes them so that the comparison is exact.
var inputGenerator = SeededGenerator(seed: options.common.seed, stream: 2)
let inputs = Matrix.randomNormal(sampleCount, inputWidth, using: &inputGenerator)       // [N, 100]

let histogramStarted = Date()
let histogramResults: [HistogramResult] = configurations.map { configuration in
    var weightGenerator = SeededGenerator(seed: options.common.seed, stream: 3)
    let layers = activationsThroughLayers(inputs, widths: layerWidths, weightInit: configuration.weightInit,
                                          activation: configuration.activation.function,
                                          generator: &weightGenerator)                    // 5 × [N, 100]
    let activation = configuration.activation
    let largest = layers.map { $0.elements.max() ?? 0 }.max() ?? 0
    let range = activation.range ?? 0 ... (largest > 0 ? largest : 1)
    let histograms = layers.map { layer in
        // ReLU: leave the zeros out (see above); the others count every output.
        Histogram(activation.range == nil ? layer.elements.filter { $0 > 0 } : layer.elements,
                  bins: binCount, range: range)
    }
    let count = Double(sampleCount * inputWidth)
    return HistogramResult(
        configuration: configuration,
        histograms: histograms,
        spreads: layers.map { standardDeviation($0.elements) },
        flatShares: layers.map { layer in Double(layer.elements.filter { activation.relativeSlope($0) < 0.1 }.count) / count },
        zeroShares: layers.map { layer in Double(layer.elements.filter { $0 == 0 }.count) / count })
}
let histogramSeconds = Date().timeIntervalSince(histogramStarted)

// The book prints nothing here; the course prints two numbers per layer, so
// that the story can be read without the figures.
print("Experiment 1: \(sampleCount) random inputs through \(layerWidths.count) layers of \(layerWidths[0]) units, no biases.")
print("  spread = standard deviation of each layer's outputs, layers 1 to \(layerWidths.count)")
print("  flat   = share of units whose slope f′ is below a tenth of its peak (the gradient all but vanishes; ReLU: units at 0)")
for result in histogramResults {
    let spreads = result.spreads.map { String(format: "%6.3f", $0) }.joined(separator: " ")
    let flats = result.flatShares.map { String(format: "%4.0f%%", 100 * $0) }.joined(separator: " ")
    print(result.configuration.label.padding(toLength: 36, withPad: " ", startingAt: 0)
          + " spread " + spreads + "   flat " + flats)
}
print(String(format: "(%d configurations in %.2f s)", configurations.count, histogramSeconds))

// Each figure's data: the bin centres, then one column of counts per layer.
let histogramTables: [DataTable] = histogramResults.map { result in
    let layerNames = (1 ... layerWidths.count).map { "\($0)-layer" }
    var description = "weight-init: \(result.configuration.label): counts of each layer's \(sampleCount)×\(layerWidths[0]) outputs in \(binCount) bins"
    if result.configuration.activation.range == nil {
        let zeros = result.zeroShares.map { String(format: "%.1f%%", 100 * $0) }.joined(separator: ", ")
        description += " (positive outputs only; zeros by layer: \(zeros))"
    }
    return DataTable(description, columns: [("bin center", result.histograms[0].centers)]
                     + zip(layerNames, result.histograms).map { ($0, $1.counts.map(Double.init)) })
}

// MARK: - 4. Experiment 2: three starting scales on MNIST
//
// The book's comparison: the same 784-100-100-100-100-10 ReLU net, started
// with σ = 0.01, with Xavier and with He, trained with plain SGD.

/// Trains one network per weight scale on the same mini-batches and prints
/// what the book prints; returns each network's loss after every update.
func compareOnMNIST(_ weightInits: [WeightInit]) async -> [[Double]] {
    let (train, _) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
    print("\nExperiment 2: MNIST, \(train.count) training images of \(train.features) pixels")

    // The mini-batches are drawn once, with replacement as the book's
    // np.random.choice does, and every network trains on the same ones.
    var generator = SeededGenerator(seed: options.common.seed)
    let batches = (0 ..< iterations).map { _ in generator.choice(train.count, count: batchSize) }
    let seed = options.common.seed, iterations = iterations

    // The three networks are independent: train them side by side. Each draws
    // its weights from stream 1 of the seed, so all three start from the same
    // standard normals, scaled by their own σ.
    let progress = SharedProgress("training", total: iterations * weightInits.count)
    let started = Date()
    let losses: [[Double]] = await concurrentMap(weightInits.count) { k in
        var weightGenerator = SeededGenerator(seed: seed, stream: 1)
        let network = MultiLayerNet(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                    activation: .relu, weightInit: weightInits[k], generator: &weightGenerator)
        var optimizer = SGD(learningRate: learningRate)
        var lossHistory: [Double] = []
        for indices in batches {
            let (x, t) = train.batch(indices)                    // x: [B, D], t: B labels
            network.gradient(x, labels: t)                      // fills ∂L/∂W for every W
            optimizer.update(network.parameters)                 // W ← W − η·∂L/∂W
            lossHistory.append(network.loss(x, labels: t))       // the book records the loss after the step
            progress.advance()
        }
        return lossHistory
    }
    let seconds = Date().timeIntervalSince(started)

    // How close to the machine this ran (as in chapter 1): the FLOPs of the matrix products, per second.
    let flopsPerStep = MultiLayerNet.productFLOPs(inputSize: train.features, hiddenSizes: hiddenSizes,
                                                  outputSize: train.classes, batchSize: batchSize)
    let totalFLOPs = flopsPerStep * Double(iterations * weightInits.count)
    print(String(format: "Trained %d networks × %d iterations in %.1f s: ", weightInits.count, iterations, seconds)
          + productSpeed(flops: totalFLOPs, seconds: seconds))

    // What the book prints: every network's loss every 100 iterations.
    for i in stride(from: 0, to: iterations, by: printEvery) {
        print("===========iteration:\(i)===========")
        for (k, weightInit) in weightInits.enumerated() {
            print("\(weightInit):\(losses[k][i])")
        }
    }
    return losses
}

// The book's three: a small fixed σ, Xavier, He (legends: std=0.01, Xavier, He).
let weightInits: [WeightInit] = [.standardDeviation(0.01), .xavier, .he]
let losses: [[Double]] = if options.histogramsOnly { [] } else { await compareOnMNIST(weightInits) }

// MARK: - 5. Figures
//
// Seven figures of five histograms (one per layer, a shared y scale, so the
// layers compare at a glance), and the MNIST loss curves.

/// A 1 × 5 grid of one configuration's histograms.
func histogramFigure(_ result: HistogramResult) -> Figure {
    let name = result.configuration.name
    let isReLU = result.configuration.activation.range == nil
    let tallest = Double(result.histograms.map(\.largestCount).max() ?? 1)
    let panels = result.histograms.enumerated().map { k, histogram in
        var title = "\(k + 1)-layer"
        if isReLU { title += String(format: " (zeros %.0f%%)", 100 * result.zeroShares[k]) }
        var panel = Panel(title: title, xLabel: isReLU ? "output (> 0)" : "output", yLabel: k == 0 ? "count" : "",
                          xRange: histogram.range, yRange: 0 ... (tallest * 1.05).rounded(.up),
                          series: [Series(file: name + ".dat", x: 1, y: 2 + k, style: .boxes, color: "#1f77b4")])
        panel.showYTicks = k == 0      // one shared y scale: label it once, as the book does
        panel.legend = .hidden
        return panel
    }
    return Figure(name: name, title: result.configuration.label + ": outputs of each layer",
                  panels: panels, layout: (1, layerWidths.count), size: (1500, 360))
}
var figures = histogramResults.map(histogramFigure)

exitOnError {
    for (result, table) in zip(histogramResults, histogramTables) {
        try writer.write(table, as: result.configuration.name + ".dat")
    }
}

let smoothed = losses.map(smoothCurve)
if !options.histogramsOnly {
    var lossTable = DataTable("weight-init: MNIST training loss per iteration (raw, and smoothed as the book does)",
                              columns: ["iteration"] + weightInits.map { "\($0) raw" }
                                       + weightInits.map { "\($0) smoothed" })
    for i in 0 ..< iterations {
        lossTable.append([Double(i)] + losses.map { $0[i] } + smoothed.map { $0[i] })
    }
    var lossPanel = Panel(xLabel: "iterations", yLabel: "loss", xRange: 0 ... Double(iterations), yRange: 0 ... 2.5,
                          series: weightInits.enumerated().map { k, weightInit in
                              Series(file: "mnist-loss.dat", x: 1, y: 2 + weightInits.count + k,
                                     title: "\(weightInit)", style: .linesWithMarkers(every: printEvery))
                          })
    lossPanel.title = "MNIST, 784-100-100-100-100-10 ReLU net, SGD η = 0.01: smoothed training loss by starting scale"
    lossPanel.legend = .at("right center")   // clear of the flat std=0.01 line at the top
    figures.append(Figure(name: "mnist-loss", panel: lossPanel))
    exitOnError { _ = try writer.write(lossTable, as: "mnist-loss.dat") }
}
exitOnError { try options.common.show(figures, with: writer) }

// MARK: - 6. What we saw
//
// Sigmoid, σ = 1: the outputs pile up at 0 and 1, where the slope is almost
// 0 — the gradient vanishes. σ = 0.01: they all bunch at 0.5 — the units
// agree, and the layer says no more than one unit would. Xavier: a broad hump
// in every layer, no unit stuck (with sigmoid it narrows and turns ragged in
// the deeper layers; tanh, centred on 0, keeps a symmetric bell that slowly
// narrows).
//
// ReLU, σ = 0.01: the outputs shrink more than tenfold per layer, to almost
// nothing by layer 5. Xavier: they still shrink layer by layer, by about √2
// each (ReLU halves the variance, Xavier does not make up for it). He: the
// same spread in every layer.
//
// On MNIST, σ = 0.01 does not learn at all: its loss stays at ln 10 ≈ 2.30,
// the loss of guessing uniformly, because its signals and gradients are tiny.
// He and Xavier both learn; He ends lowest, Xavier close behind.

if !options.histogramsOnly {
    let finalLosses = weightInits.indices.map { smoothed[$0][iterations - 1] }
    let ranking = weightInits.indices.sorted { finalLosses[$0] < finalLosses[$1] }
    print("Smoothed loss at the last iteration, lowest first: "
          + ranking.map { "\(weightInits[$0]) " + String(format: "%.3f", finalLosses[$0]) }.joined(separator: ", "))
}

// Exercises:
// 1. Give the histogram experiment σ = 0.1 with sigmoid, then with ReLU. Which
//    of the book's failure modes does each one show, if any?
// 2. Make the layers 1000 units wide (`inputWidth` and `layerWidths`). Which
//    configurations change, and which stay the same? Why does Xavier adapt?
// 3. Train the MNIST net with `weightInit: .standardDeviation(0.01)` and Adam
//    instead of SGD. Does a good optimizer rescue a bad start?
