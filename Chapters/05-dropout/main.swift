// Chapter 5 — Dropout: switch units off at random while training
// (the book: section 6.4.3, Figures 6-22 and 6-23)
//
// Question: chapter 4 fought overfitting by penalising large weights. Dropout
// fights it another way: during training every hidden unit is switched off
// at random, afresh for every mini-batch. Does that narrow the gap between
// training and test accuracy of the same 7-layer network on the same 300 images?
//
// Run:   swift run -c release dropout             (or: make dropout)
//        add --verbose to see the book's train loss line for every iteration
//
// Shapes in comments: N training images (300), B batch (100), D input
// features (784 = 28×28), H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings (the flags are declared and checked in Options.swift)

let options = Options.parseOrExit()
// `make seeds` ends with this chapter reading its runs at five seeds (Seeds.swift).
if let folder = options.common.collectSeedsFolder { collectSeeds(options.common, from: folder) }

// The settings, each with its reason, and --quick's budget:
// [source: Settings.swift]
var settings = chapterSettings(seed: options.common.seed, quick: options.common.quick)
settings.epochs = options.epochs ?? settings.epochs
(settings.ratio, settings.weightDecay) = (options.dropoutRatio, options.weightDecay)

let changed = settings != chapterSettings(seed: settings.seed, quick: options.common.quick)
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "dropout", settingsChanged: changed)) }

// MARK: - 2. The idea: a different thinned network for every mini-batch
//
// After each hidden ReLU, a Dropout layer with ratio r (Srivastava et al. 2014):
//
//   training:  mask = [u > r], one u ~ U[0, 1) per unit and example    [B, H]
//              out = x · mask             backward: dx = dout · mask
//   test:      out = x · (1 − r)
//
// [source: BookCore/Layers/Dropout.swift]
//
// Each unit survives with probability 1 − r, so every mini-batch trains a different
// random sub-network; at test time all units are used, each passing its average over
// the masks, (1 − r)·x (its mean, not its spread: section 5). The paper reads the
// whole network as an average of the thinned ones, an ensemble for the price of one:
// an interpretation, not measured here. (Most libraries divide by 1 − r in training
// instead, "inverted dropout".) One Dropout layer on ones shows both modes:

let ideaDropout = Dropout(ratio: settings.ratio, generator: SeededGenerator(seed: settings.seed, stream: 1000))
let ones = Matrix(rows: settings.batchSize, columns: settings.hiddenSizes[0], repeating: 1)  // [B, H]
let trainingOutput = ideaDropout.forward(ones, training: true)  // [B, H]
let testOutput = ideaDropout.forward(ones, training: false)  // [B, H]
print(
    String(
        format: "Dropout r = %g on [%d, %d] ones: training keeps %.1f %% of the units (as 1, the rest 0); test passes every unit as %g",
        settings.ratio, ones.rows, ones.columns, 100 * trainingOutput.sum() / Double(ones.count), testOutput[0, 0]))

// MARK: - 3. Data

let (fullTrain, fullTest) = exitOnError { try options.common.loadMNIST() }
let train = fullTrain.prefix(settings.trainingImages)
let test = fullTest.prefix(settings.testImages)
print("MNIST: the first \(train.count) training images; accuracy measured on those and on \(test.count) test images")

// MARK: - 4. Experiment: the book's Trainer, with and without dropout (the book: 6.4.3, Figure 6-23)
//
// Every run starts from the same weights (stream 1 of the seed; the masks come from
// their own streams) and draws the same mini-batches (stream 0), so runs differ only
// by their setting (the book's two scripts draw fresh ones). Runs 0 and 1 are the
// book's; 2 and 6 are section 5's; 3 to 5 answer the exercises.

let (r, η, λ) = (settings.ratio, settings.learningRate, settings.weightDecay)
let setups = [
    RunSetup(label: String(format: "dropout r = %g", r), ratio: r, weightDecay: λ, learningRate: η),
    RunSetup(label: "no dropout", ratio: nil, weightDecay: λ, learningRate: η),
    RunSetup(label: "inverted dropout", ratio: r, weightDecay: λ, learningRate: η, inverted: true, testLimit: settings.invertedTestImages),
    RunSetup(label: "exercise 1, r = 0.5", ratio: settings.exerciseRatio, weightDecay: 0, learningRate: η, testLimit: 0),
    RunSetup(label: "exercise 2, no dropout", ratio: nil, weightDecay: settings.exerciseWeightDecay, learningRate: η, testLimit: 0),
    RunSetup(label: "exercise 2, dropout", ratio: r, weightDecay: settings.exerciseWeightDecay, learningRate: η, testLimit: 0),
    // η / (1 − r)⁶ (section 5).
    RunSetup(
        label: "book's dropout, larger η", ratio: r, weightDecay: λ, learningRate: η / pow(1 - r, 6), testLimit: settings.stepRunImages),
]

// run(_:) builds the run's network, measures its signal, and trains it with the book's Trainer:
// [source: Experiments.swift]
let live = LiveFigure.start(options.common.plot, .accuracies(setups))  // --plot live: drawn as they train (Live.swift)
let side = await trainSideBySide("training", count: setups.count, stepsEach: settings.iterationsPerRun) {
    [settings, verbose = options.verbose] k, step in
    run(setups[k].drawn(on: live?.curves(from: 2 * k)), settings: settings, train: train, test: test, printsTrainLoss: verbose, step: step)
}
live?.finish(runSeconds: side.seconds)
let results = DropoutResults(
    setups: setups, runs: side.results, trainCount: train.count, testCount: test.count, seconds: side.seconds)
for k in 0..<2 {
    print("=== \(setups[k].label) ===")
    results.runs[k].lines.forEach { print($0) }
}
print(
    String(format: "Trained %d networks × %d epochs in %.1f s: ", results.runs.count, settings.epochs, results.seconds)
        + productSpeed(flops: results.runs.reduce(0) { $0 + $1.productFLOPs }, seconds: results.seconds))
// A run whose loss stops being a number stops there; its numbers after that are NaN, and the figures say so.
for case let diverged? in results.runs.map(\.divergence) { print("\(diverged) (NaN in its data, marked in the figures)") }

// MARK: - 5. Going further: the signal's size, inverted dropout, and a larger step
//
// Run 2 is run 0 with every Dropout layer swapped for InvertedDropout
// (InvertedDropout.swift):
//
//   training:  mask = [u > r] / (1 − r)     out = x · mask     backward: dx = dout · mask
//   test:      out = x
//
// [source: InvertedDropout.swift]
//
// The same weights, batches and masks; only the scaling moves into training. Why bother? The book's
// dropout network learns slowly [finding: dropout.slow-learner]. Follow the signal's size from the
// starting weights. An affine output aⱼ = Σᵢ hᵢ·Wᵢⱼ with zero-mean W of variance 2/n (He) has
// E[aⱼ²] = (2/n)·Σᵢ hᵢ²: the next layer feels h's mean square, not its mean. ReLU keeps half of a
// zero-mean symmetric a, E[ReLU(a)²] = ½·E[a²], and He's 2 gives it back: the plain network's RMS
// stays level. A {0, 1} mask keeps a share 1 − r of the hᵢ², so in training each cuts the RMS by
// √(1 − r): (1 − r)³ = 0.8³ ≈ 0.51 at the scores. In test mode each layer multiplies by 1 − r,
// which ReLU passes on (biases 0): exactly 0.8⁶ ≈ 0.26. Inverted dropout's test mode is the plain
// network; in training it grows the RMS by 1/√(1 − r) a layer, 0.8⁻³ ≈ 1.95. Measured (scale.png):
// test mode is exact [finding: dropout.scale-test-mode]; in training every layer is nearer √(1 − r)
// a mask than the mean's 1 − r: at the worst hidden layer off by 2 to 10 %
// [seeds: dropout.scale-training: worst hidden % r=0.2] (the derivation averages over weight draws;
// a seed is one draw) [finding: dropout.scale-training]. The first gradient shrinks more than the
// scores, to 0.27 [seed 1: dropout.gradient-at-start: book's] ≈ 0.8⁶ of the plain network's here,
// 0.15 to 0.36 across seeds [seeds: dropout.gradient-at-start: book's]; inverted dropout's is the
// plain one's times 1.5 to 1.8 [seeds: dropout.gradient-at-start: inverted]
// [finding: dropout.gradient-at-start]. So run 6 tests the step itself: the book's dropout with
// η/0.8⁶ ≈ 0.038, whose first step is 1.02 [seed 1: dropout.gradient-at-start: first step] times
// the plain network's here, 0.57 to 1.38 across seeds
// [seeds: dropout.gradient-at-start: first step]. It learns about as many times faster as its η is
// larger [finding: dropout.larger-step]. Finally, all compared at equal training accuracy, on the
// same test images (equal-training-accuracy.png).

// MARK: - 6. Figures

let tables = makeTables(results, settings: settings)
exitOnError {
    for table in tables.all { try writer.write(table) }
    try options.common.show(makeFigures(tables, results: results, settings: settings), with: writer)
}

// MARK: - 7. What we saw
//
// Without dropout the network memorises its 300 images, as in chapter 4: training accuracy reaches
// 1.0 after 124 epochs [seed 1: dropout.no-dropout-memorises: epoch], 92 to 157 across seeds
// [seeds: dropout.no-dropout-memorises: epoch] [finding: dropout.no-dropout-memorises], while test
// accuracy levels off near 0.75 [seed 1: dropout.no-dropout-test-levels: mean], its mean 0.75 to
// 0.79 across seeds [seeds: dropout.no-dropout-test-levels: mean]
// [finding: dropout.no-dropout-test-levels]. With dropout (r = 0.2 after each hidden layer) the gap
// at epoch 300 is about half as large [finding: dropout.gap-at-end], as the book says. But that
// network learns far more slowly: training accuracy only 0.68 [seed 1: dropout.slow-learner: train]
// at epoch 300, 0.63 to 0.74 across seeds [seeds: dropout.slow-learner: train], test accuracy still
// rising [finding: dropout.slow-learner] and below the plain network's
// [finding: dropout.test-at-end]. Inverted dropout, same masks, learns faster
// [finding: dropout.inverted-faster], and ends with a gap close to no dropout's
// [finding: dropout.inverted-gap-at-end]: much of the book's narrow gap is slow learning.
//
// Does dropout help here? At the highest training accuracy both reach, on the same test images,
// both dropout networks recognise a little more (at lower levels, and for inverted dropout at one
// seed of five, the order varies) [finding: dropout.equal-training-accuracy]. After the 903 updates
// no dropout run ends more than 0.03 above the plain network: the larger step by −0.007 to +0.027
// [seeds: dropout.verdict: larger eta margin], inverted dropout by −0.06 to +0.009
// [seeds: dropout.verdict: inverted margin], the book's run far below [finding: dropout.verdict].
// The start's scale factors hold for random weights: after training, test mode's scores are
// within about a tenth of training mode's [finding: dropout.scale-after-training].

let findings = dropoutFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// MARK: - 8. Exercises
//
// Each command writes under experiments/dropout; figures/dropout keeps the chapter's run.
//
// 1. Try `dropout --dropout-ratio 0.5` (the book's default for the layer).
//    Does the gap close? What does it cost in training and test accuracy?
//
//    Worked answer (try first): that command's run 0 is run 3 here (same weights, batches and
//    masks; run 3 skips the per-epoch measurements), in exercises.dat. The gap all but closes, for
//    a bad reason: the network learns almost nothing in 903 updates
//    [finding: dropout.exercise-ratio-half]. Its training scores are 0.11
//    [seed 1: dropout.scale-training: scores r=0.5] of the plain network's (0.5³ = 0.125 derived;
//    0.10 to 0.15 [seeds: dropout.scale-training: scores r=0.5]), test mode's 0.5⁶ ≈ 0.016, its
//    first gradient 0.055 [seed 1: dropout.gradient-at-start: r=0.5]
//    [finding: dropout.scale-test-mode] [finding: dropout.scale-training]
//    [finding: dropout.gradient-at-start].
//
// 2. Use dropout and weight decay together: `dropout --weight-decay 0.1`.
//    Do their effects add up?
//
//    Worked answer (try first): that command's runs 0 and 1 are runs 5 and 4
//    here (the same networks, batches and masks). Weight decay λ = 0.1 alone
//    narrows the gap somewhat. Together they do not add up: the network stops
//    learning (training accuracy near chance), and its tiny gap means nothing
//    [finding: dropout.exercise-weight-decay].
//
// 3. The figure's training accuracy is measured in test mode (masks off).
//    Measure it with the masks on (`network.accuracy(x, labels: t, training: true)`,
//    which the chapter computes after training). Why is it lower?
//
//    Worked answer (try first): it is lower [finding: dropout.exercise-masks-on].
//    Not because the masked scores are smaller: after training they are about as
//    large as test mode's [finding: dropout.scale-after-training]. Each masked pass
//    reads every image with a random fifth of each layer's units gone: another,
//    thinned network than test mode's, and it gets fewer images right.
