// Chapter 3 — Batch Normalization: can we stop caring about the initial weight scale?
// (the book: section 6.3, Figures 6-18 and 6-19)
//
// Question: chapter 2 showed that the scale of the starting weights decides
// whether a deep network learns at all. Batch normalization re-centres and
// re-scales the inputs of every hidden layer, on every mini-batch. Does that
// make the starting scale matter less, and does it make learning faster?
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
//
// The flags are declared and checked in Options.swift; `--help` lists them.

let options = Options.parseOrExit()

// The settings, each with its reason, and --quick's tiny budget:
// [source: Settings.swift]

// The flags, checked in Options.swift, change the book's settings.
let settings: Settings = {
    var settings = Settings(quick: options.common.quick)
    settings.seed = options.common.seed
    settings.epochs = options.epochs ?? settings.epochs
    settings.learningRate = options.learningRate ?? settings.learningRate
    settings.batchSize = options.batchSize ?? settings.batchSize
    return settings
}()
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "batch-norm")) }

// MARK: - 2. The idea: normalize every feature over the batch
//
// For a hidden layer's affine output x [B, H], batch normalization works on
// each column (each unit) separately (Ioffe & Szegedy 2015):
//
//   μ = mean of the column over the batch          σ² = mean of (x − μ)²
//   x̂ = (x − μ) / √(σ² + 1e-6)                     out = γ·x̂ + β
//
// Whatever the scale of the weights, x̂ has mean 0 and variance 1; γ and β
// (learned, from 1 and 0) can undo that where it helps. At test time μ and σ²
// are running averages kept in training (μ̄ ← 0.9·μ̄ + 0.1·μ from 0, likewise σ̄²).
//
// The steps, on the first hidden layer of a σ = 1 network and a batch of
// random inputs: far too large before, unit-sized after, as BookCore's layer.

var ideaGenerator = SeededGenerator(seed: settings.seed, stream: 1000)
let ideaX = Matrix.randomNormal(100, 784, standardDeviation: 1, using: &ideaGenerator)  // [B, D]
let ideaW = Matrix.randomNormal(784, settings.hiddenSizes[0], standardDeviation: 1, using: &ideaGenerator)  // [D, H]
let affineOutput = Matrix.product(ideaX, ideaW)  // [B, H]
let mean = affineOutput.columnMeans()  // [1, H]
let centered = affineOutput - mean  // [B, H]
let variance = (centered * centered).columnMeans()  // [1, H]
let normalized = centered / sqrt(variance + BatchNormalization.epsilon)  // [B, H]
let layerOutput = BatchNormalization(features: settings.hiddenSizes[0]).forward(affineOutput, training: true)  // [B, H]
print(
    String(
        format: "One layer, σ = 1: a unit's spread over the batch is %.1f before, %.2f after; BatchNormalization agrees to %.0e",
        sqrt(variance).sum() / Double(settings.hiddenSizes[0]),
        sqrt((normalized * normalized).columnMeans()).sum() / Double(settings.hiddenSizes[0]),
        (normalized - layerOutput).map(abs).elements.max()!))

// MARK: - 3. Data: the first 1000 training images, and 2000 test images for the sweeps

let (fullTrain, fullTest) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
let train = fullTrain.prefix(settings.trainingImages)
let trainSet = EvaluationSet(train)  // 1 batch x: [N, D]
let testSet = EvaluationSet(fullTest.prefix(2000))  // 2 batches of [1000, D]
print("MNIST: the first \(train.count) training images of \(fullTrain.count), \(train.features) pixels each")

// MARK: - 4. Experiment: 16 weight scales, with and without batch normalization (the book: 6.3.2, Figure 6-19)

// Pair, trainPair (both networks on the same batches) and accuracyCurves (the book's measurements):
// [source: Experiments.swift]

// Scale i draws its batches from stream 2i of the seed and its weights from
// stream 2i + 1, so it does not depend on which other scales ran, or when.
let scaleIndices = settings.scaleIndices
let scaleRuns = await trainSideBySide("\(scaleIndices.count) scales", count: scaleIndices.count, stepsEach: settings.epochs) {
    k, step in
    let setup = PairSetup(
        weightInit: .standardDeviation(Settings.scales[scaleIndices[k]]), learningRate: settings.learningRate,
        batchSize: settings.batchSize, stream: UInt64(2 * scaleIndices[k]))
    return accuracyCurves(setup, settings: settings, on: train, measuredOn: trainSet, step: step)
}
// What the book prints, scale by scale, in order (whatever order they finished in).
for (k, i) in scaleIndices.enumerated() {
    print("============== \(i + 1)/\(Settings.scales.count) ==============")
    for epoch in 0..<settings.epochs {
        print("epoch:\(epoch) | \(scaleRuns.results[k].plain[epoch]) - \(scaleRuns.results[k].batchNorm[epoch])")
    }
}
print(
    String(
        format: "Trained %d networks × %d updates in %.1f s", 2 * scaleIndices.count,
        (settings.epochs - 1) * settings.iterationsPerEpoch(batchSize: settings.batchSize) + 1, scaleRuns.seconds))

// MARK: - 5. Going further: why it works, and where it stops helping
//
// Why: with batch normalization after it, the loss does not depend on the
// scale of W1 (multiplying W1 by c multiplies x·W1 and its batch mean and
// spread by c, and x̂ is unchanged), but the gradient with respect to W1
// scales by 1/c. So an SGD step of fixed η moves W1 by a fraction η·‖g‖/‖W1‖
// that falls as 1/c²: the scale of W sets the effective learning rate.
// We multiply W1 of a fresh He-initialised network by c and measure.

// measureScaleInvariance (in Experiments.swift) scales W1 of one pair and measures loss and gradient.
let invariance = measureScaleInvariance(settings: settings, on: train, factors: [0.1, 0.3, 1, 3, 10])

// Where: batch statistics of a few images are noisy, and at test time the
// running averages stand in for them. Each batch size below sees the same
// 20 000 images from He's start, so the smaller batches take more, smaller
// steps; we measure on 2000 test images at the end.
let batchSweep = await trainSideBySide("batch sizes", count: settings.sweepBatchSizes.count, stepsEach: 1) { k, step in
    let size = settings.sweepBatchSizes[k], updates = settings.sweepImages / size
    let setup = PairSetup(weightInit: .he, learningRate: 0.01, batchSize: size, stream: 100)
    let pair = trainPair(setup, settings: settings, on: train, updates: updates, measureEvery: updates) { _ in }
    step()
    return [pair.plain.accuracy(on: testSet), pair.batchNorm.accuracy(on: testSet)]
}

// And a larger learning rate: from He's start, does batch normalization let
// the network take bigger steps and learn faster than without? We also
// follow ‖W1‖ of the normalized network, which sets its effective step.
let rateSweep = await trainSideBySide("learning rates", count: settings.sweepRates.count, stepsEach: settings.epochs) {
    k, step in
    let setup = PairSetup(weightInit: .he, learningRate: settings.sweepRates[k], batchSize: 100, stream: 200)
    return accuracyCurves(setup, settings: settings, on: train, measuredOn: trainSet, step: step)
}

// MARK: - 6. Figures

let results = Results(
    scales: scaleRuns.results, invariance: invariance, batchSizes: batchSweep.results, rates: rateSweep.results)
let tables = makeTables(results, settings: settings)
exitOnError {
    for table in tables.all { try writer.write(table) }
    try options.common.show(makeFigures(tables, settings: settings), with: writer)
}

// MARK: - 7. What we saw

let findings = batchNormFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// The grid: batch normalization ends higher at most scales
// [finding: batch-norm.ahead-at-most-scales] and gets there sooner
// [finding: batch-norm.sooner-at-most-scales]. The plain network learns only
// near He's scale [finding: batch-norm.plain-learns-near-he] (chapter 2's
// exploding or vanishing activations are the likely cause: a hypothesis here,
// not measured), and there it is clearly ahead
// [finding: batch-norm.plain-ahead-where-well-scaled]. So normalization
// rescues bad scales, while near a good one it can trail, as here, or lead,
// as from He's start [finding: batch-norm.exercise-he-plain]. With it the
// network climbs at every scale [finding: batch-norm.climbs-everywhere]; the
// single panel shows one scale close up [finding: batch-norm.single-scale].
// The first BN point is near chance [finding: batch-norm.first-point-near-chance];
// our explanation (a hypothesis): one update in, the running averages (from
// zero, momentum 0.9) hold a tenth of the batch's.
//
// Going further: scaling W1 by c leaves the loss alone
// [finding: batch-norm.loss-ignores-scale] and divides the gradient by c
// [finding: batch-norm.gradient-scales-inversely]. A scale-invariant loss has
// its gradient perpendicular to W, so every SGD step lengthens W1
// [finding: batch-norm.weights-grow], by a few percent here: too little to
// be the whole story. Normalization does allow larger steps: at η = 0.5 it
// learns the 1000 images while the plain network lurches
// [finding: batch-norm.larger-rate]. From a good start it buys no test
// accuracy at this budget [finding: batch-norm.batch-sizes-no-lead], and with
// two images per batch it collapses [finding: batch-norm.small-batches]: x̂
// of each unit is then ±1 whatever the images, and (our hypothesis) the
// running averages used at test time describe a different layer.

// MARK: - 8. Exercises
//
// 1. Give both networks He's start, σ = √(2/n). How close does the plain one come?
//    Worked answer (try first): the η = 0.01 panel of learning-rate.png does
//    this: the plain network ends within about 0.1 of the normalized one
//    [finding: batch-norm.exercise-he-plain]. A good start is most of the gain.
//
// 2. `batch-norm --learning-rate 0.1`: which networks gain, which fall apart?
//    Worked answer (try first): it prints the book's lines at η = 0.1 and
//    redraws the grid. Near He's scale learning-rate.png shows what to
//    expect: the normalized network reaches 0.9 in fewer epochs, and at 0.5
//    only it stays stable [finding: batch-norm.larger-rate]. Look for plain
//    networks that learned at 0.01 and stall at 0.1.
//
// 3. `batch-norm --batch-size 2` (an epoch stays 1000 images, 500 updates).
//    Worked answer (try first): batch-size.png ran B = 2 from He's start:
//    the normalized network ends near chance while the plain one learns
//    [finding: batch-norm.small-batches]: two images give every unit x̂ = ±1.
