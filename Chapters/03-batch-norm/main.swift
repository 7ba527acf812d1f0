// Chapter 3 — Batch Normalization: can we stop caring about the initial weight scale?
//
// Question: chapter 2 showed that the scale of the starting weights decides
// whether a deep network learns at all. Batch normalization re-centres and
// re-scales the inputs of every hidden layer, on every mini-batch. Does that
// make the starting scale matter less — and does it make learning faster?
//
// Run:   swift run -c release batch-norm          (or: make batch-norm)
// Tests: run it with --quick and check the files it writes.
//
// Shapes in comments: N training images (1000), B batch (100), D input
// features (784 = 28×28), H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-norm",
        abstract: "Chapter 3: how batch normalization lets a network learn whatever its starting weight scale.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Accuracy measurements per weight scale, one every 10 iterations (the book: 20; --quick: 4).")
    var epochs: Int?

    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
    }
}

let options = Options.parseOrExit()
let quick = options.common.quick

// The book trains on the first 1000 training images only: 16 scales × 2
// networks then train in seconds, and a slow start shows clearly.
let trainingImages = 1000
// The book's loop: mini-batches of 100 drawn with replacement, SGD with η = 0.01.
let batchSize = 100
let learningRate = 0.01
// An "epoch" is 1000 / 100 = 10 iterations; accuracy on all 1000 images is
// measured after iterations 0, 10, 20, … and the run stops after the 20th
// measurement (191 updates per network), exactly as the book's loop does.
let iterationsPerEpoch = max(trainingImages / batchSize, 1)
let epochs = options.epochs ?? (quick ? 4 : 20)
// Five hidden layers of 100 ReLU units: deeper than chapter 2's net, so a bad
// scale compounds over one more layer.
let hiddenSizes = [100, 100, 100, 100, 100]
// The book's 16 weight scales: σ = logspace(0, −4, 16), from 1 down to 0.0001,
// evenly spaced in log σ. Each one is the σ of every weight matrix, W = σ·randn.
let scaleCount = 16
let scales = (0 ..< scaleCount).map { pow(10, -4 * Double($0) / Double(scaleCount - 1)) }
// --quick runs four of them (1, 0.086, 0.0022, 0.0001); the files have the same shape.
let scaleIndices = quick ? [0, 4, 10, 15] : Array(0 ..< scaleCount)
// The scale of the single-panel figure, chosen after looking at the grid (part 6):
// σ ≈ 0.086 (scale 5 of 16) lies just below the scales where the plain network
// learns well. It does start to learn there, but only just, while the
// batch-normalized network reaches about 0.9: the same network, learning far
// faster — the book's first point about batch normalization.
let singleScaleIndex = 4

// One thread per product; the 16 scales run side by side instead (and the
// same seed then gives the same bits every run).
BLAS.setThreads(1)
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "batch-norm")) }

// MARK: - 2. Data

let (fullTrain, _) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
let train = fullTrain.prefix(trainingImages)
let (trainX, trainLabels) = train.all                                   // trainX: [N, D]
print("MNIST: the first \(train.count) training images of \(fullTrain.count), \(train.features) pixels each")

// MARK: - 3. The idea: normalize every feature over the batch
//
// For a hidden layer's affine output x [B, H], batch normalization works on
// each column (each unit) separately (Ioffe & Szegedy 2015):
//
//   μ = mean of the column over the batch          σ² = mean of (x − μ)²
//   x̂ = (x − μ) / √(σ² + 1e-6)                     out = γ·x̂ + β
//
// Whatever the scale of the weights, x̂ has mean 0 and variance 1, so the
// next layer sees a signal of sensible size; γ and β (learned, starting at 1
// and 0) let the network undo the normalization where that helps. At test
// time μ and σ² are replaced by running averages kept during training.
//
// Here is the first hidden layer of a σ = 1 network on one batch: far too
// large before, unit-sized after.

var ideaGenerator = SeededGenerator(seed: options.common.seed, stream: 1000)
let ideaX = train.batch(Array(0 ..< batchSize)).x                        // [B, D]
let ideaWeight = Matrix.randomNormal(train.features, hiddenSizes[0], standardDeviation: 1,
                                     using: &ideaGenerator)              // [D, H]
let ideaAffine = Affine(weight: ideaWeight, bias: Matrix(rows: 1, columns: hiddenSizes[0]))
let beforeNormalization = ideaAffine.forward(ideaX, training: true)     // [B, H]
let ideaBatchNorm = BatchNormalization(features: hiddenSizes[0])
let afterNormalization = ideaBatchNorm.forward(beforeNormalization, training: true)   // [B, H]

/// The average over the columns of each column's mean and standard deviation over the batch.
func columnSpread(_ m: Matrix) -> (mean: Double, standardDeviation: Double) {
    let mean = m.columnMeans()                                           // [1, H]
    let variance = m.combiningEachRow(with: mean, -).map { $0 * $0 }.columnMeans()   // [1, H]
    let count = Double(m.columns)
    return (mean.sum() / count, variance.map { $0.squareRoot() }.sum() / count)
}
let before = columnSpread(beforeNormalization), after = columnSpread(afterNormalization)
print(String(format: "First hidden layer, σ = 1: per unit, mean %.2f and spread %.2f before batch norm; %.2f and %.2f after",
             before.mean, before.standardDeviation, after.mean, after.standardDeviation))

// MARK: - 4. Experiment: 16 weight scales, each with and without batch normalization

/// Each network's training accuracy at every measurement.
struct ScaleResult: Sendable {
    var plain: [Double] = []
    var batchNorm: [Double] = []
}

let progress = SharedProgress("training", total: scaleIndices.count * epochs)
let started = Date()
let results: [ScaleResult] = await concurrentMap(scaleIndices.count) { k in
    // Scale i draws its mini-batches from stream 2i of the seed and its
    // starting weights from stream 2i + 1, so it does not depend on which
    // other scales ran, or when.
    let i = scaleIndices[k]
    var batchGenerator = SeededGenerator(seed: options.common.seed, stream: UInt64(2 * i))
    let weightGenerator = SeededGenerator(seed: options.common.seed, stream: UInt64(2 * i + 1))
    // The book draws each network's weights separately; here both start from
    // the same weights (two copies of one generator), so that the curves
    // differ only by batch normalization — a deliberate difference.
    var plainGenerator = weightGenerator, batchNormGenerator = weightGenerator
    let plain = MultiLayerNetExtend(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                    weightInit: .standardDeviation(scales[i]), generator: &plainGenerator)
    let batchNorm = MultiLayerNetExtend(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                        weightInit: .standardDeviation(scales[i]), useBatchNorm: true,
                                        generator: &batchNormGenerator)
    var optimizer = SGD(learningRate: learningRate)                      // stateless: one serves both, as in the book
    var result = ScaleResult()
    var iteration = 0
    while result.plain.count < epochs {
        let indices = batchGenerator.choice(train.count, count: batchSize)
        let (x, t) = train.batch(indices)                                // x: [B, D], t: B labels
        for network in [batchNorm, plain] {                              // both on the same batch
            network.gradient(x, labels: t)                               // training mode
            optimizer.update(network.parameters)
        }
        // The book measures after the update of iterations 0, 10, 20, …, in
        // test mode: batch normalization then uses its running averages.
        if iteration % iterationsPerEpoch == 0 {
            result.plain.append(plain.accuracy(trainX, labels: trainLabels))
            result.batchNorm.append(batchNorm.accuracy(trainX, labels: trainLabels))
            progress.advance()
        }
        iteration += 1
    }
    return result
}
let seconds = Date().timeIntervalSince(started)

// What the book prints, scale by scale, in order (whatever order they finished in).
for (k, i) in scaleIndices.enumerated() {
    print("============== \(i + 1)/\(scaleCount) ==============")
    for epoch in 0 ..< epochs {
        print("epoch:\(epoch) | \(results[k].plain[epoch]) - \(results[k].batchNorm[epoch])")
    }
}
print(String(format: "Trained %d networks × %d updates in %.1f s", 2 * scaleIndices.count,
             (epochs - 1) * iterationsPerEpoch + 1, seconds))

// MARK: - 5. Figures

/// `W:0.5412`: the book's panel title, to 4 significant digits.
func scaleLabel(_ i: Int) -> String { "W:" + String(format: "%.4g", scales[i]) }

var table = DataTable("batch-norm: training accuracy (1000 images) per epoch, without and with batch normalization, per weight scale",
                      columns: ["epoch"] + scaleIndices.flatMap { ["\(scaleLabel($0)) normal", "\(scaleLabel($0)) BN"] })
for epoch in 0 ..< epochs {
    table.append([Double(epoch)] + results.flatMap { [$0.plain[epoch], $0.batchNorm[epoch]] })
}

// The book's colours: batch normalization solid blue, the plain network dashed orange.
func curves(_ k: Int, titled: Bool) -> [Series] {
    [Series(file: "batch-norm-scales.dat", x: 1, y: 3 + 2 * k, title: titled ? "Batch Normalization" : "",
            style: .lines, color: "#1f77b4"),
     Series(file: "batch-norm-scales.dat", x: 1, y: 2 + 2 * k, title: titled ? "Normal (without BatchNorm)" : "",
            style: .lines, dashed: true, color: "#ff7f0e")]
}

let gridColumns = scaleIndices.count >= 16 ? 4 : 2
let gridRows = (scaleIndices.count + gridColumns - 1) / gridColumns
let epochRange = 0 ... Double(max(epochs - 1, 1))
let gridPanels = scaleIndices.enumerated().map { k, i in
    let isBottom = k / gridColumns == gridRows - 1, isLeft = k % gridColumns == 0
    let isLast = k == scaleIndices.count - 1
    var panel = Panel(title: scaleLabel(i), xLabel: isBottom ? "epochs" : "", yLabel: isLeft ? "accuracy" : "",
                      xRange: epochRange, yRange: 0 ... 1, series: curves(k, titled: isLast))
    panel.showXTicks = isBottom
    panel.showYTicks = isLeft
    // The book puts the legend at the lower right of the last panel; the top
    // right keeps it off the curves there.
    panel.legend = isLast ? .at("top right") : .hidden
    return panel
}
let gridFigure = Figure(name: "batch-norm-scales",
                        title: "Training accuracy with (solid) and without (dashed) batch normalization, per weight scale σ",
                        panels: gridPanels, layout: (gridRows, gridColumns), size: (1200, 1000))

// The single comparison: the chosen scale if it ran, else the first that did.
let singleK = scaleIndices.firstIndex(of: singleScaleIndex) ?? 0
var singlePanel = Panel(title: "Weight scale σ = \(String(format: "%.4g", scales[scaleIndices[singleK]])): with and without batch normalization",
                        xLabel: "epochs", yLabel: "accuracy", xRange: epochRange, yRange: 0 ... 1,
                        series: curves(singleK, titled: true))
singlePanel.legend = .at("bottom right")
let singleFigure = Figure(name: "batch-norm-single", panel: singlePanel)

exitOnError {
    try writer.write(table, as: "batch-norm-scales.dat")
    try options.common.show([gridFigure, singleFigure], with: writer)
}

// MARK: - 6. What we saw
//
// At 14 of the 16 scales the solid curve (batch normalization) ends higher
// than the dashed one, and at most of them it rises much sooner. The plain
// network learns well only at σ ≈ 0.16 – 0.29, near He's σ for the 100-unit
// layers (√(2/100) ≈ 0.14); there it is even a little ahead. Everywhere else
// it stalls near 0.1, which is guessing one class: at σ ≥ 0.5 its activations
// blow up layer after layer, at σ ≤ 0.05 they shrink to nothing over five
// layers. With batch normalization every hidden layer's input is rescaled to
// unit size, and the same network climbs at every scale — to about 1.0 for
// σ between 0.002 and 0.03, and to 0.4 – 0.8 at the extremes. The starting
// scale still matters, but much less. (Seeds 1, 2 and 3 all give this picture.)
//
// The single panel, σ ≈ 0.086: the plain network only begins to move in
// 190 updates, while the normalized one reaches about 0.9.
//
// One quirk of the book shows at epoch 0: accuracy is measured in test mode
// after a single update, when the running averages (started at zero, momentum
// 0.9) hold only a tenth of the batch statistics, so the first BN point is
// near chance whatever the scale.

let finalPlain = results.map { $0.plain[epochs - 1] }, finalBatchNorm = results.map { $0.batchNorm[epochs - 1] }
let ahead = zip(finalBatchNorm, finalPlain).filter { $0 > $1 }.count
let lowest = finalBatchNorm.indices.min { finalBatchNorm[$0] < finalBatchNorm[$1] }!
print("Batch normalization ends higher at \(ahead) of \(scaleIndices.count) scales. Below 0.2 at the end (chance is about 0.1): "
      + "\(finalPlain.filter { $0 < 0.2 }.count) without it, \(finalBatchNorm.filter { $0 < 0.2 }.count) with it "
      + String(format: "(its lowest: %.2f at σ = %.4g).", finalBatchNorm[lowest], scales[scaleIndices[lowest]]))

// Exercises:
// 1. Give the plain network He initialisation (weightInit: .he) at every scale's
//    place. How close does it get to the batch-normalized curves?
// 2. Raise the learning rate to 0.1. Which networks gain, and which diverge?
// 3. Measure in training mode (accuracy(..., training: true)). Why does the
//    first BN point change most?
