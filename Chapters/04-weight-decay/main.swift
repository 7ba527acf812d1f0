// Chapter 4 — Weight decay: overfitting, and a penalty on large weights
// (the book: sections 6.4.1 and 6.4.2, Figures 6-20 and 6-21)
//
// Question: a deep network trained on only 300 images can learn them by
// heart — 100 % training accuracy — and still do much worse on the 10 000
// test images it has never seen. That gap is overfitting. Does penalising
// large weights (weight decay) narrow it?
//
// Run:   swift run -c release weight-decay        (or: make weight-decay)
//
// Shapes in comments: N training images (300), B batch (100), D input
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
let (lambdas, updates) = (settings.lambdas, settings.updates)
// Any setting changed from the chapter's own sends the files to experiments/.
let outputDirectory = options.common.outputDirectory(
    chapter: "weight-decay", settingsChanged: settings != Settings(quick: options.common.quick))
let writer = exitOnError { try FigureWriter(directory: outputDirectory) }

// MARK: - 2. The idea: make large weights cost something
//
// The book's reasoning: overfitting often comes with large weights, so make
// large weights cost something. Weight decay adds their size to the loss,
// summed over every affine weight matrix Wₖ (not the biases):
//
//   L' = L + ½·λ·Σₖ ‖Wₖ‖²            ∂L'/∂Wₖ = ∂L/∂Wₖ + λ·Wₖ
//
// [source: BookCore/Networks/MultiLayerNet.swift#gradient]
//
// With SGD, W ← W − η·∂L'/∂W, the step becomes Wₖ ← (1 − η·λ)·Wₖ − η·∂L/∂Wₖ:
//
// [source: BookCore/Optimizers/SGD.swift#update]
//
// every weight shrinks by the factor 1 − η·λ (0.999 here) as it follows the
// loss, hence "decay"; a weight stays put only where −∂L/∂Wₖ = λ·Wₖ, the
// loss pushing back as hard as the decay pulls.

var ideaGenerator = SeededGenerator(seed: settings.seed, stream: 1)
let ideaNetwork = MultiLayerNet(
    inputSize: 784, hiddenSizes: settings.hiddenSizes, outputSize: 10, weightDecay: settings.weightDecay, generator: &ideaGenerator)
let ideaPenalty = ideaNetwork.weightDecayPenalty()  // ½·λ·Σₖ ‖Wₖ‖²
let shrinkPerStep = 1 - settings.learningRate * settings.weightDecay  // 1 − η·λ
let shrinkOfSquares = pow(shrinkPerStep, Double(2 * updates))  // (1 − η·λ)^(2·updates) on ΣW²
print(
    String(
        format: "At the start, λ = %g: penalty ½·λ·ΣW² = %.1f; each step multiplies W by %g, so %d steps alone multiply ΣW² by %.3f",
        settings.weightDecay, ideaPenalty, shrinkPerStep, updates, shrinkOfSquares))

// MARK: - 3. Data: the first 300 training images, all 10 000 test images

let (fullTrain, fullTest) = exitOnError { try options.common.loadMNIST() }
let train = fullTrain.prefix(settings.trainingImages)
let test = fullTest.prefix(settings.testImages)
// The update rule, checked on the first batch against the same network's step without decay:
// [source: Experiments.swift]
let decayCheck = decayStep(settings: settings, on: train)
print(String(format: "One step with λ = %g is (1 − η·λ)·W − η·∂L/∂W to within %.1e", decayCheck.lambda, decayCheck.deviation))
let trainSet = EvaluationSet(train)  // 1 batch x: [300, D]
let testSet = EvaluationSet(test)  // 10 batches x: [1000, D]
print("MNIST: the first \(train.count) training images; accuracy measured on those and on \(test.count) test images")

// MARK: - 4. Experiment: the same network, the same batches, λ = 0 and λ = 0.1 (the book: 6.4.1 and 6.4.2, Figures 6-20 and 6-21)

/// One run's measurements, one value per epoch.
struct Run: Sendable {
    var trainAccuracy: [Double] = []
    var testAccuracy: [Double] = []
    /// `Σₖ ‖Wₖ‖²`, the size the penalty acts on.
    var weightSquares: [Double] = []
    /// The floating-point operations of its matrix products: updates and measurements.
    var productFLOPs = 0.0
    /// The iteration whose loss (or weights) first was not finite: it stops there, measured as NaN.
    var diverged: Int?
}

// The mini-batches are drawn once (stream 0 of the seed) and every run trains
// on the same ones from the same weights (stream 1), so runs differ only by
// λ. (The book runs its script twice, with fresh weights and batches each time.)
var batchGenerator = SeededGenerator(seed: settings.seed, stream: 0)
let batches = (0..<updates).map { _ in batchGenerator.choice(train.count, count: settings.batchSize) }

/// Trains the network with weight decay `lambda` on `batches`, measuring
/// after the update of every iteration for which `measuresAt` is true (and drawing it on `live`).
func train(lambda: Double, measuresAt: (Int) -> Bool, live: LiveCurves? = nil, step: () -> Void) -> Run {
    var weightGenerator = SeededGenerator(seed: settings.seed, stream: 1)
    let network = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        activation: .relu, weightInit: .he, weightDecay: lambda, generator: &weightGenerator)
    var optimizer = SGD(learningRate: settings.learningRate)
    var run = Run()
    for (i, indices) in batches.enumerated() {
        if run.diverged == nil {
            let (x, t) = train.batch(indices)  // x: [B, D], t: B labels
            let loss = network.gradient(x, labels: t)  // ∂L'/∂W, with λ·W added
            if loss.isFinite { optimizer.update(network.parameters) } else { run.diverged = i }
        }
        if measuresAt(i) {  // after the update, as the book; NaN once diverged
            let squares = network.sumOfSquaredWeights()
            if !squares.isFinite { run.diverged = run.diverged ?? i }
            let finite = run.diverged == nil
            run.trainAccuracy.append(finite ? network.accuracy(on: trainSet) : .nan)
            run.testAccuracy.append(finite ? network.accuracy(on: testSet) : .nan)
            run.weightSquares.append(finite ? squares : .nan)
            live?.append(x: Double(run.trainAccuracy.count - 1), run.trainAccuracy.last!, run.testAccuracy.last!)
        }
        step()
    }
    run.productFLOPs =
        Double(batches.count) * ProductFLOPs.trainingStep(of: network.layers, batchSize: settings.batchSize, lossAfterUpdate: false)
        + ProductFLOPs.forward(of: network.layers, images: run.trainAccuracy.count * (train.count + test.count))
    return run
}

let live = LiveFigure.start(options.common.plot, .accuracies(lambdas))  // --plot live: drawn as they train (Live.swift)
let book = await trainSideBySide("training", count: lambdas.count, stepsEach: updates) { k, step in  // one per core
    train(lambda: lambdas[k], measuresAt: { $0 % settings.iterationsPerEpoch == 0 }, live: live?.curves(from: 2 * k), step: step)
}
live?.finish(runSeconds: book.seconds)
let runs = book.results

// What the book prints, one run after the other.
for k in lambdas.indices {
    print("=== weight decay \(lambdaLabel(lambdas[k])) ===")
    for epoch in 0..<settings.epochs {
        print("epoch:\(epoch), train acc:\(runs[k].trainAccuracy[epoch]), test acc:\(runs[k].testAccuracy[epoch])")
    }
}
print(
    String(
        format: "Trained %d networks × %d updates, measuring %d × (%d + %d) images, in %.1f s: ",
        lambdas.count, updates, settings.epochs, train.count, test.count, book.seconds)
        + productSpeed(flops: runs.reduce(0) { $0 + $1.productFLOPs }, seconds: book.seconds))

// MARK: - 5. Going further: how much λ?
//
// The book tries one λ. Here a sweep from 0 to 1, on the same batches from
// the same start, each run measured once, after the last update: does the
// gap close steadily as λ grows, and what happens to the test accuracy?

let sweep = await trainSideBySide("λ sweep", count: settings.sweepLambdas.count, stepsEach: updates) { k, step in
    train(lambda: settings.sweepLambdas[k], measuresAt: { $0 == updates - 1 }, step: step)
}

// A run whose loss or weights stop being numbers has diverged: it stopped there.
for (run, lambda) in zip(runs + sweep.results, lambdas + settings.sweepLambdas) where run.diverged != nil {
    print("The run with \(lambdaLabel(lambda)) diverged at iteration \(run.diverged!); its later measurements are NaN.")
}

// MARK: - 6. Figures

let results = Results(step: decayCheck, runs: runs, sweep: sweep.results)
let tables = makeTables(results, settings: settings)
exitOnError {
    for table in tables.all { try writer.write(table) }
    try options.common.show(makeFigures(tables, settings: settings), with: writer)
}

// MARK: - 7. What we saw

let findings = weightDecayFindings(tables)
printFindings(findings)
exitOnError { try writer.write(findings) }

// The step is the one written above [finding: weight-decay.update-rule]; no run diverged
// [finding: weight-decay.all-finite]. Without weight decay the network learns its 300 images by
// heart [finding: weight-decay.memorises], while the test accuracy levels off
// [finding: weight-decay.test-levels-off]: the gap of overfitting. With λ = 0.1 the training
// accuracy stops short of 1.0 and the gap is clearly narrower [finding: weight-decay.gap-narrower].
// weight-norm.png shows ΣW²: with the penalty it falls to about a third, close to what the
// shrinking factor alone would give [finding: weight-decay.sum-falls]; without it, it hardly moves
// while the network memorises [finding: weight-decay.no-growth]: here the network memorised without
// its weights growing in ΣW², against the book's reasoning. Weight decay did not recognise more
// test images either [finding: weight-decay.test-not-higher]; since the gap is train − test, it
// narrowed only by fitting the training images less.
//
// The sweep (lambda-sweep.png), whose λ = 0 run repeats the one above to the bit
// [finding: weight-decay.sweep-repeats-the-runs]: the gap narrows as λ grows
// [finding: weight-decay.sweep-gap] and ΣW² falls steadily [finding: weight-decay.sweep-weights];
// the best test accuracy comes at a small λ, 0.03 at every seed
// [seeds: weight-decay.sweep-test: best lambda], 0.006 to 0.014 above λ = 0
// [seeds: weight-decay.sweep-test: best test minus lambda=0], and from λ = 0.3 on the network
// learns nothing [finding: weight-decay.sweep-test]: its weights shrink as 1 − η·λ alone would
// [finding: weight-decay.sweep-decay-alone].

// MARK: - 8. Exercises
//
// 1. `weight-decay --weight-decay 0.01`, then `--weight-decay 1`. Where does
//    the gap close, and what happens to the test accuracy?
//    Worked answer (try first): each command's second run is the sweep's
//    (same batches and start; measuring changes no weight). At 0.01 the run is
//    close to λ = 0; at 1 the gap is small because the network barely fits
//    even its training images [finding: weight-decay.exercise-small-and-large].
//
// 2. Without any gradient, how far would decay alone shrink ΣW² at λ = 0.1
//    over the 600 steps from the first measurement to the last? (Each step
//    multiplies every weight by 1 − η·λ.)
//    Worked answer (try first): by (1 − 0.001)^(2·600) ≈ 0.30, the dashed
//    curve of weight-norm.png; the decayed run ends a little above it
//    [finding: weight-decay.sum-falls]: the gradient holds up a little.
//
// 3. The book's reasoning is that overfitting comes with large weights. Did
//    the weights of the λ = 0 run grow while it memorised its 300 images?
//    Worked answer (try first): no; weight-norm.png draws ΣW², which without
//    decay hardly moves [finding: weight-decay.no-growth] while the training
//    accuracy reaches 1.0 [finding: weight-decay.memorises].
