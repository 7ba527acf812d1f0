// Chapter 4 — Weight decay: overfitting, and a penalty on large weights
//
// Question: a deep network trained on only 300 images can learn them by
// heart — 100 % training accuracy — and still do much worse on the 10 000
// test images it has never seen. That gap is overfitting. Does penalising
// large weights (weight decay) narrow it?
//
// Run:   swift run -c release weight-decay        (or: make weight-decay)
// Tests: run it with --quick and check the files it writes.
//
// Shapes in comments: N training images (300), B batch (100), D input
// features (784 = 28×28), H hidden units (100), C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight-decay",
        abstract: "Chapter 4: overfitting, and how weight decay narrows the gap between training and test accuracy.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Accuracy measurements per run, one every 3 updates, labelled epoch 0, 1, … (the book: 201; --quick: 11).")
    var epochs: Int?

    @Option(name: .customLong("weight-decay"),
            help: ArgumentHelp("λ of the second run; the first always runs with λ = 0 (the book: 0.1).", valueName: "lambda"))
    var weightDecay: Double = 0.1

    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        guard weightDecay.isFinite && weightDecay > 0 && weightDecay <= 100 else {
            throw ValidationError("--weight-decay must be a positive number up to 100 (the λ of the second run; past 100 each step's 1 − η·λ turns negative), got \(weightDecay).")
        }
    }
}

let options = Options.parseOrExit()
let quick = options.common.quick

// The book keeps only the first 300 training images: few enough that a
// 7-layer network can memorise them, which is the point of the chapter.
let trainingImages = 300
// Accuracy is measured on all 300 training images and all 10 000 test images
// (--quick: the first 500 test images, so that a debug build runs in seconds).
let testImages = quick ? 500 : 10_000
// Six hidden layers of 100 ReLU units with He initialisation: far more
// capacity than 300 images need.
let hiddenSizes = [100, 100, 100, 100, 100, 100]
// The book's plain loop: mini-batches of 100 drawn with replacement, SGD η = 0.01.
let batchSize = 100
let learningRate = 0.01
// How we count, exactly as the book's overfit_weight_decay.py: one "epoch" is
// N / B = 300 / 100 = 3 updates. Accuracy is measured right after the update
// of iterations 0, 3, 6, …, and the loop stops at the 201st measurement:
// 201 points labelled epoch 0 … 200, made after 1, 4, …, 601 updates.
// (The book's Trainer, used in chapter 5, counts from 1 instead and makes
// 3 · epochs updates; this chapter follows the script, not the Trainer.)
let iterationsPerEpoch = max(trainingImages / batchSize, 1)
let epochs = options.epochs ?? (quick ? 11 : 201)
let updates = (epochs - 1) * iterationsPerEpoch + 1
// The two runs: without weight decay (the book's weight_decay_lambda = 0) and
// with it (the book's 0.1).
let lambdas = [0, options.weightDecay]
/// `λ = 0`, `λ = 0.1`: headers, titles and legends.
func lambdaLabel(_ k: Int) -> String { String(format: "λ = %g", lambdas[k]) }
/// `lambda=0`, `lambda=0.1`: column names, kept ASCII for any tool that reads the file.
func lambdaColumn(_ k: Int) -> String { String(format: "lambda=%g", lambdas[k]) }

// The two runs are independent: train them side by side, one per core, with
// BLAS on one thread each (and so the same bits every run).
BLAS.setThreads(1)
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "weight-decay")) }

// MARK: - 2. Data

let (fullTrain, fullTest) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
let train = fullTrain.prefix(trainingImages)
let test = fullTest.prefix(testImages)
// Both sets as Double batches once, not converted again at every measurement.
let trainSet = EvaluationSet(train)                                       // 1 batch x: [300, D]
let testSet = EvaluationSet(test)                                         // 10 batches x: [1000, D]
print("MNIST: the first \(train.count) training images; accuracy measured on those and on \(test.count) test images")

// MARK: - 3. The idea: make large weights cost something
//
// Overfitting needs large weights: to bend the decision boundary around every
// one of 300 images, some weights must grow. Weight decay adds their size to
// the loss, summed over every affine weight matrix Wₖ (not the biases):
//
//   L' = L + ½·λ·Σₖ ‖Wₖ‖²            ∂L'/∂Wₖ = ∂L/∂Wₖ + λ·Wₖ
//
// With SGD the step becomes Wₖ ← (1 − η·λ)·Wₖ − η·∂L/∂Wₖ: before each step
// every weight shrinks by the factor 1 − η·λ (0.999 here) — hence "decay".
// Only a gradient that keeps pushing can hold a weight up.

var ideaGenerator = SeededGenerator(seed: options.common.seed, stream: 1)
let ideaNetwork = MultiLayerNet(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                weightDecay: options.weightDecay, generator: &ideaGenerator)
let ideaX = train.batch(Array(0 ..< batchSize))                          // x: [B, D]
let ideaLoss = ideaNetwork.loss(ideaX.x, labels: ideaX.labels)
let ideaPenalty = ideaNetwork.weightDecayPenalty()
let shrinkPerStep = 1 - learningRate * options.weightDecay
print(String(format: "At the start, λ = %g: cross-entropy %.3f + penalty ½·λ·ΣW² %.3f; each step first shrinks W by %g (%d steps alone: ×%.3f)",
             options.weightDecay, ideaLoss - ideaPenalty, ideaPenalty, shrinkPerStep, updates,
             pow(shrinkPerStep, Double(updates))))

// MARK: - 4. Experiment: the same network, the same batches, λ = 0 and λ = 0.1

/// One run's measurements, one value per epoch.
struct Run: Sendable {
    var trainAccuracy: [Double] = []
    var testAccuracy: [Double] = []
    /// `Σₖ ‖Wₖ‖²`, the size the penalty acts on.
    var weightSquares: [Double] = []
    /// The floating-point operations of its matrix products: updates and measurements.
    var productFLOPs = 0.0
}

// The mini-batches are drawn once (stream 0 of the seed) and both runs train
// on the same ones; both start from the same weights (stream 1). So the two
// runs differ only by λ. (The book runs its script twice, with fresh random
// weights and batches each time.)
var batchGenerator = SeededGenerator(seed: options.common.seed, stream: 0)
let batches = (0 ..< updates).map { _ in batchGenerator.choice(train.count, count: batchSize) }

let progress = SharedProgress("training", total: updates * lambdas.count)
let started = Date()
let runs: [Run] = await concurrentMap(lambdas.count) { k in
    var weightGenerator = SeededGenerator(seed: options.common.seed, stream: 1)
    let network = MultiLayerNet(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                activation: .relu, weightInit: .he, weightDecay: lambdas[k],
                                generator: &weightGenerator)
    var optimizer = SGD(learningRate: learningRate)
    var run = Run()
    for (i, indices) in batches.enumerated() {
        let (x, t) = train.batch(indices)                                 // x: [B, D], t: B labels
        network.gradient(x, labels: t)                                    // ∂L'/∂W, with λ·W added
        optimizer.update(network.parameters)
        if i % iterationsPerEpoch == 0 {                                  // after the update, as the book
            run.trainAccuracy.append(network.accuracy(on: trainSet))
            run.testAccuracy.append(network.accuracy(on: testSet))
            run.weightSquares.append(network.sumOfSquaredWeights())
        }
        progress.advance()
    }
    run.productFLOPs = Double(batches.count) * network.productFLOPs(batchSize: batchSize, lossAfterUpdate: false)
        + network.forwardFLOPs(images: run.trainAccuracy.count * (train.count + test.count))
    return run
}
let seconds = Date().timeIntervalSince(started)

// What the book prints, one run after the other (whichever finished first).
for k in lambdas.indices {
    print("=== weight decay \(lambdaLabel(k)) ===")
    for epoch in 0 ..< epochs {
        print("epoch:\(epoch), train acc:\(runs[k].trainAccuracy[epoch]), test acc:\(runs[k].testAccuracy[epoch])")
    }
}
print(String(format: "Trained %d networks × %d updates, measuring %d × (%d + %d) images, in %.1f s: ",
             lambdas.count, updates, epochs, train.count, test.count, seconds)
      + productSpeed(flops: runs.reduce(0) { $0 + $1.productFLOPs }, seconds: seconds))
for (k, run) in runs.enumerated() where run.weightSquares.contains(where: { !$0.isFinite }) {
    printError("warning: the run with \(lambdaLabel(k)) diverged (its weights became NaN or infinite): "
               + String(format: "each step multiplies them by 1 − η·λ = %g. Try a smaller --weight-decay.", 1 - learningRate * lambdas[k]))
}

// MARK: - 5. Figures

var table = DataTable("weight-decay: accuracy on the \(train.count) training and \(test.count) test images per epoch, and the sum of squared weights, per lambda",
                      columns: ["epoch"]
                          + lambdas.indices.flatMap { ["train \(lambdaColumn($0))", "test \(lambdaColumn($0))"] }
                          + lambdas.indices.map { "gap \(lambdaColumn($0))" }
                          + lambdas.indices.map { "sumW2 \(lambdaColumn($0))" })
for epoch in 0 ..< epochs {
    let accuracies = runs.flatMap { [$0.trainAccuracy[epoch], $0.testAccuracy[epoch]] }
    let gaps = runs.map { $0.trainAccuracy[epoch] - $0.testAccuracy[epoch] }
    table.append([Double(epoch)] + accuracies + gaps + runs.map { $0.weightSquares[epoch] })
}

// The book's plot: train with circles, test with squares, a marker every 10 epochs.
let epochRange = 0 ... Double(max(epochs - 1, 1))
let markers = Series.Style.linesWithMarkers(every: 10)
var panels = lambdas.indices.map { k in
    var panel = Panel(title: k == 0 ? "λ = 0: no weight decay" : "\(lambdaLabel(k)): weight decay",
                      xLabel: "epochs", yLabel: "accuracy", xRange: epochRange, yRange: 0 ... 1,
                      series: [
                          Series(file: "weight-decay.dat", x: 1, y: 2 + 2 * k, title: "train", style: markers, color: "#1f77b4"),
                          Series(file: "weight-decay.dat", x: 1, y: 3 + 2 * k, title: "test", style: markers, color: "#ff7f0e"),
                      ])
    panel.legend = .at("bottom right")
    return panel
}
var gapPanel = Panel(title: "The gap: train minus test accuracy", xLabel: "epochs", yLabel: "train − test accuracy",
                     xRange: epochRange,
                     series: lambdas.indices.map { k in
                         Series(file: "weight-decay.dat", x: 1, y: 2 + 2 * lambdas.count + k, title: lambdaLabel(k),
                                style: markers, color: k == 0 ? "#d62728" : "#2ca02c")
                     })
gapPanel.legend = .at("top left")
panels.append(gapPanel)
let figure = Figure(name: "weight-decay",
                    title: "784-[100×6]-10 ReLU net on 300 MNIST images: overfitting without and with weight decay",
                    panels: panels, layout: (1, 3), size: (1500, 500))

exitOnError {
    try writer.write(table, as: "weight-decay.dat")
    try options.common.show([figure], with: writer)
}

// MARK: - 6. What we saw
//
// Without weight decay the training accuracy reaches 1.0 after about 100 – 140
// epochs and stays there: the network has memorised its 300 images. The test
// accuracy levels off near 0.75 (0.73 – 0.78 over seeds 1, 2 and 3), so the
// gap ends near 0.25 — the book's picture. With λ = 0.1 the training accuracy
// stops near 0.9 and the gap ends near 0.16: clearly narrower. ΣW² shows why:
// without the penalty it drifts up from about 1230; with it, it falls to about
// 400, a third. Note what weight decay did *not* do here: the test accuracy
// itself ends a little lower (about 0.72 against 0.75). It narrowed the gap by
// fitting the training images less, not by recognising more test images.

let last = epochs - 1
for (k, run) in runs.enumerated() {
    print(String(format: "%@: at epoch %d train %.3f, test %.3f, gap %.3f, ΣW² %.1f (it started at %.1f)",
                 lambdaLabel(k), last, run.trainAccuracy[last], run.testAccuracy[last],
                 run.trainAccuracy[last] - run.testAccuracy[last], run.weightSquares[last], run.weightSquares[0]))
}

// Exercises:
// 1. Try --weight-decay 0.01 and --weight-decay 1. Where does the gap close,
//    and what happens to the test accuracy itself?
// 2. Train on 3000 images instead of 300 (change `trainingImages`). Is weight
//    decay still needed?
// 3. The penalty also shrinks the last layer's weights. Leave W7 out of it
//    (a subclass of MultiLayerNet). Does the gap change?
