// Chapter 3 — Batch Normalization: can we stop caring about the initial weight scale?
// (the book: section 6.3, Figures 6-18 and 6-19)
//
// Question: chapter 2 showed that the scale of the starting weights decides
// whether a deep network learns at all. Batch normalization re-centres and
// re-scales the inputs of every hidden layer, on every mini-batch. Does that
// make the starting scale matter less, and does it make learning faster?
//
// Run:   swift run -c release batch-norm          (or: make batch-norm)
//
// Shapes in comments: N training images (1000), B batch (100), D input
// features (784 = 28×28), H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings
//
// The settings, each with its reason, and --quick's tiny budget:
// [source: Settings.swift]
//
// The flags (Options.swift, `--help`) change them, checked as they are parsed;
// `options.settings` is the book's settings with the flags applied.

let options = Options.parseOrExit()
// `make seeds` ends with this chapter reading its runs at five seeds (Seeds.swift).
if let folder = options.common.collectSeedsFolder { collectSeeds(options.common, from: folder) }
let settings = options.settings
// Any setting changed from the chapter's own sends the files to experiments/.
let outputDirectory = options.common.outputDirectory(
    chapter: "batch-norm", settingsChanged: settings != Settings(quick: options.common.quick))
let writer = exitOnError { try FigureWriter(directory: outputDirectory) }

// MARK: - 2. The idea: normalize every feature over the batch
//
// For a hidden layer's affine output x [B, H], batch normalization works on
// each column (each unit) separately (Ioffe & Szegedy 2015):
//
//   μ = mean of the column over the batch          v = mean of (x − μ)²
//   x̂ = (x − μ) / √(v + ε),  ε = 1e-6              out = γ·x̂ + β
//
// [source: BookCore/Layers/BatchNormalization.swift#forward]
//
// Each column of x̂ has mean 0 and variance v/(v + ε): 1 as long as the
// batch variance v is well above ε, whatever the scale of the weights. γ and
// β (learned, from 1 and 0) can undo it: γ = √(v + ε), β = μ give back x. At
// test time μ and v are running averages kept in training (μ̄ ← 0.9·μ̄ + 0.1·μ
// from 0, likewise v̄).
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

let (fullTrain, fullTest) = exitOnError { try options.common.loadMNIST() }
let train = fullTrain.prefix(settings.trainingImages)
let trainSet = EvaluationSet(train)  // 1 batch x: [N, D]
let test = fullTest.prefix(2000)
let testSet = EvaluationSet(test)  // 2 batches of [1000, D]
print("MNIST: the first \(train.count) training images of \(fullTrain.count), \(train.features) pixels each")

// MARK: - 4. Experiment: 16 weight scales, with and without batch normalization (the book: 6.3.2, Figure 6-19)

// [source: Experiments.swift]
// Scale i draws its batches from stream 2i of the seed and its weights from
// stream 2i + 1, so it does not depend on which other scales ran, or when.
let scaleIndices = settings.scaleIndices
let live = LiveFigure.start(options.common.plot, .scaleGrid)  // --plot live: each scale drawn as it ends (Live.swift)
let scaleRuns = await trainSideBySide("\(scaleIndices.count) scales", count: scaleIndices.count, stepsEach: settings.epochs) {
    k, step in
    let setup = PairSetup(
        weightInit: .standardDeviation(Settings.scales[scaleIndices[k]]), learningRate: settings.learningRate,
        batchSize: settings.batchSize, stream: UInt64(2 * scaleIndices[k]))
    let curves = accuracyCurves(setup, settings: settings, on: train, measuredOn: trainSet, step: step)
    live?.plot(curves, sigma: Settings.scales[scaleIndices[k]])
    return curves
}
live?.finish(runSeconds: scaleRuns.seconds)
// What the book prints, scale by scale, in order. A network whose loss stops
// being a number has diverged: the book's code trains on and counts the argmax
// of its NaN scores (digit 0) as guesses; here it stops, its accuracies NaN (`shown`).
for (i, run) in zip(scaleIndices, scaleRuns.results) {
    print("============== \(i + 1)/\(Settings.scales.count) ==============")
    for epoch in 0..<settings.epochs {
        print("epoch:\(epoch) | \(shown(run.plain[epoch])) - \(shown(run.batchNorm[epoch]))")
    }
    for (name, iteration) in [("plain", run.plainDiverged), ("batch-norm", run.batchNormDiverged)] where iteration != nil {
        print("  the \(name) network's loss was not finite at iteration \(iteration!): diverged")
    }
}
let gridUpdates = (settings.epochs - 1) * settings.iterationsPerEpoch(batchSize: settings.batchSize) + 1
print(String(format: "Trained %d networks × %d updates in %.1f s", 2 * scaleIndices.count, gridUpdates, scaleRuns.seconds))

// MARK: - 5. Going further: why it works, and where it stops helping
//
// Why: with batch normalization after it, the loss does not depend on the
// scale of W1 while v ≫ ε (multiplying W1 by c multiplies x·W1 and its batch
// mean and spread by c, and x̂ is unchanged), but the gradient with respect to
// W1 scales by 1/c. So an SGD step of fixed η moves W1 by a fraction
// η·‖g‖/‖W1‖ that falls as 1/c²: the scale of W sets the effective learning
// rate. measureScaleInvariance multiplies W1 of a fresh He-initialised pair by c.
let invariance = measureScaleInvariance(settings: settings, on: train, factors: [0.1, 0.3, 1, 3, 10])

// Where: a batch of a few images gives few numbers to normalize by, and at
// test time the running averages stand in for them. Each batch size below
// sees the same 20 000 images from He's start, so the smaller batches take
// more steps (20 000 / B) with the same η: the loss is a mean over the batch,
// so no step is scaled down by B. We measure on 2000 test images at the end,
// with the running averages, and with each test batch of B normalized by its
// own statistics, as in training.
let batchSweep = await trainSideBySide("batch sizes", count: settings.sweepBatchSizes.count, stepsEach: 1) { k, step in
    let size = settings.sweepBatchSizes[k], updates = settings.sweepImages / size
    let setup = PairSetup(weightInit: .he, learningRate: 0.01, batchSize: size, stream: 100)
    let pair = trainPair(setup, settings: settings, on: train, updates: updates, measureEvery: updates) { _ in }
    step()
    return [
        finiteAccuracy(pair.plain, diverged: pair.plainDiverged, on: testSet),
        finiteAccuracy(pair.batchNorm, diverged: pair.batchNormDiverged, on: testSet),
        batchStatisticsAccuracy(pair.batchNorm, on: test, batchSize: size),
    ]
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

let results = Results(scales: scaleRuns.results, invariance: invariance, batchSizes: batchSweep.results, rates: rateSweep.results)
let tables = makeTables(results, settings: settings)
exitOnError {
    for table in tables.all { try writer.write(table) }
    try options.common.show(makeFigures(tables, settings: settings), with: writer)
}

// MARK: - 7. What we saw

let findings = batchNormFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// The grid: the plain network's loss overflows at the two largest scales
// [finding: batch-norm.plain-diverges]; where both stay finite, batch normalization ends higher at
// most [finding: batch-norm.ahead-at-most-scales]. The plain network learns only near He's scale
// [finding: batch-norm.plain-learns-near-he]: its starting scores explode above it and vanish
// below, chapter 2's lesson [finding: batch-norm.plain-scores-at-start]. Where both pass 0.5 the
// plain one gets there first; elsewhere mostly only the normalized one does
// [finding: batch-norm.sooner-where-both-pass]. Where the plain one learns it ends ahead
// [finding: batch-norm.plain-ahead-where-well-scaled]: normalization rescues bad scales, while near
// a good one it can trail, as here, or lead, as from He's start
// [finding: batch-norm.exercise-he-plain]. With it the network climbs at every scale
// [finding: batch-norm.climbs-everywhere]; the single panel shows one scale
// [finding: batch-norm.single-scale]. After one update both are still near chance
// [finding: batch-norm.first-point-near-chance].
//
// Going further: scaling W1 by c leaves the loss alone [finding: batch-norm.loss-ignores-scale] and
// divides the gradient by c [finding: batch-norm.gradient-scales-inversely]. L(c·W) = L(W) for
// every c gives W·∇L = 0, so each SGD step lengthens W: ‖W − η·g‖² = ‖W‖² + η²‖g‖²; here by a few
// percent [finding: batch-norm.weights-grow]. Normalization does allow larger steps: at η = 0.5 it
// learns the 1000 images while the plain network lurches [finding: batch-norm.larger-rate]. From a
// good start it buys no test accuracy at this budget [finding: batch-norm.batch-sizes-no-lead], and
// with two images per batch it collapses [finding: batch-norm.small-batches]: two values a, b
// centre to ±(a − b)/2 with v = ((a − b)/2)², so every x̂ is ±1 (where |a − b| ≫ √ε), whatever the
// images. The running averages are not to blame: each test pair normalized by its own statistics
// does no better [finding: batch-norm.small-batches-own-statistics].
//
// ε (epsilon.png; `normalization`, on the first 100 training images): a layer's batch variance v
// grows as σ², 34·σ² when 100 normalized ReLU units feed it
// [finding: batch-norm.variance-grows-as-sigma-squared], so for the tiniest weights ε is not
// negligible and x̂ shrinks layer after layer as v/(v + ε) predicts
// [finding: batch-norm.epsilon-takes-over]. After training the weights have grown and ε no longer
// matters [finding: batch-norm.epsilon-only-at-start]. The two scales where x̂ started below 0.5
// end lowest, but the drop begins higher, where x̂ starts near 1
// [finding: batch-norm.epsilon-and-accuracy]: ε accounts for its last step only. What comes with
// the whole drop is the steps' size beside the weights: each adds η²‖g‖² to ‖W1‖², with ‖g‖ ∝
// 1/‖W1‖, and ‖W1‖ grows most where accuracy ends lowest
// [finding: batch-norm.weights-grow-at-small-scales].

// MARK: - 8. Exercises
//
// 1. Give both networks He's start, σ = √(2/n). How close does the plain one come?
//    Worked answer (try first): the η = 0.01 panel of learning-rate.png does
//    this: the plain network ends within about 0.1 of the normalized one
//    [finding: batch-norm.exercise-he-plain]. A good start is most of the gain.
//
// 2. `batch-norm --learning-rate 0.1`: which networks gain, which fall apart?
//    Worked answer (try first): from He's start the learning-rate sweep ran it:
//    the normalized network reaches 0.9 sooner [finding: batch-norm.larger-rate].
//    Compare each scale of your run with batch-norm-scales.png; the plain network's
//    largest scales, where it diverged at η = 0.01, are where to look first.
//
// 3. `batch-norm --batch-size 2` (an epoch stays 1000 images, 500 updates).
//    Worked answer (try first): the batch-size sweep ran it from He's start, on test
//    images: batch normalization collapses, the plain network does not
//    [finding: batch-norm.small-batches]: two values per batch normalize to ±1
//    whatever the images, as section 7 derives.
