// Experiments.swift — what the dropout chapter's runs are: their settings, one
// run's setup and what it leaves behind. main.swift trains them.

import BookCore
import ChapterKit
import Foundation

/// Every setting of the chapter, in one value (main.swift gives each its reason).
struct DropoutSettings: Sendable, Equatable {
    /// Seed of every random draw.
    var seed: UInt64
    /// The first this many training images are the training set.
    var trainingImages: Int
    /// The first this many test images are the test set.
    var testImages: Int
    /// The widths of the hidden layers.
    var hiddenSizes: [Int]
    /// SGD's η.
    var learningRate: Double
    /// Images per mini-batch.
    var batchSize: Int
    /// The Trainer's epochs (one accuracy measurement each).
    var epochs: Int
    /// The dropout ratio r of the book's runs.
    var ratio: Double
    /// λ of the L2 penalty of the book's runs.
    var weightDecay: Double
    /// The inverted-dropout run and the step-size run measure each epoch on only this many images of each set.
    var invertedTestImages: Int
    var stepRunImages: Int
    /// Exercise 1's dropout ratio.
    var exerciseRatio: Double
    /// Exercise 2's λ.
    var exerciseWeightDecay: Double
    /// The training accuracies at which the runs are compared.
    var trainingLevels: [Double]

    /// Updates per run, as the Trainer counts them: `Int(epochs · max(N / B, 1))`.
    var iterationsPerRun: Int {
        Int(Double(epochs) * max(Double(trainingImages) / Double(batchSize), 1))
    }
}

/// What one run is: its dropout (if any), its λ and η, and how it is measured.
struct RunSetup: Sendable {
    /// For printing and error messages.
    var label: String
    /// The dropout ratio r (`nil`: no dropout).
    var ratio: Double?
    /// λ of the L2 penalty.
    var weightDecay: Double
    /// SGD's η.
    var learningRate: Double
    /// The inverted dropout of section 5 instead of the book's.
    var inverted = false
    /// Measure each epoch on only this many images of each set (`nil`: all; 0: none, only the end counts).
    var testLimit: Int? = nil
    /// Where it draws its accuracies each epoch as it trains (`--plot live`; `nil`: nowhere).
    var live: LiveCurves? = nil

    /// `dropout=0.2`, `no-dropout` or `inverted=0.2`: the run's name in column names.
    var column: String {
        guard let ratio else { return "no-dropout" }
        return String(format: inverted ? "inverted=%g" : "dropout=%g", ratio)
    }
}

/// How large a network's signal is, measured on the training images.
struct Scale: Sendable {
    /// The RMS √(mean of squares) of each affine layer's output, a₁ … a₆ and the scores (last),
    /// in training mode (masks on) and in test mode.
    var training: [Double]
    var test: [Double]
    /// The RMS of the weights' gradient of the mean loss on those images (training mode).
    var gradient: Double
}

/// What one run leaves behind. A run that diverged has NaN wherever its numbers would be garbage.
struct Run: Sendable {
    /// Accuracy (test mode) at each measurement, on the training and the test images (NaN: measured
    /// after the loss stopped being a number).
    var trainAccuracy: [Double]
    var testAccuracy: [Double]
    /// For each training level, the accuracy on all test images at the first measurement whose
    /// training accuracy reaches it (NaN: never reached).
    var testAtLevels: [Double]
    /// After the last update, in test mode: all training images, all test images.
    var finalTrainAccuracy: Double
    var finalTestAccuracy: Double
    /// After the last update, on the training images with the masks on.
    var maskedTrainAccuracy: Double
    /// The signal's size at the start (the same starting network, untrained) and after the last update.
    var start: Scale
    var end: Scale
    /// The Trainer's printed lines, in order.
    var lines: [String]
    /// The floating-point operations of its matrix products: updates and measurements.
    var productFLOPs: Double
    /// Set when its loss became NaN or infinite.
    var divergence: TrainingDiverged?
}

/// Everything the chapter's experiment produced, for the tables and figures.
struct DropoutResults: Sendable {
    /// The runs, in the order of `setups`.
    var setups: [RunSetup]
    var runs: [Run]
    /// How many training and test images the runs used.
    var trainCount: Int
    var testCount: Int
    /// Wall-clock seconds of all runs together.
    var seconds: Double
}

/// The run's network: the book's 7-layer ReLU network with He's starting weights (stream 1 of the
/// seed), with dropout after each hidden ReLU if the setup has a ratio; for inverted dropout, the
/// same layers with each `Dropout` swapped for an `InvertedDropout` of the same ratio and generator.
func makeNetwork(_ setup: RunSetup, settings: DropoutSettings, inputs: Int, classes: Int) -> MultiLayerNet {
    var weightGenerator = SeededGenerator(seed: settings.seed, stream: 1)
    let book = MultiLayerNetExtend(
        inputSize: inputs, hiddenSizes: settings.hiddenSizes, outputSize: classes,
        activation: .relu, weightInit: .he, weightDecay: setup.weightDecay,
        useDropout: setup.ratio != nil, dropoutRatio: setup.ratio ?? 0.5,
        generator: &weightGenerator)
    guard setup.inverted else { return book }
    let layers = book.layers.map { layer -> any Layer in
        guard let dropout = layer as? Dropout else { return layer }
        return InvertedDropout(ratio: dropout.ratio, generator: dropout.generator)
    }
    return MultiLayerNet(layers: layers, weightDecay: setup.weightDecay)
}

/// The RMS √(mean of squares) of a matrix's elements.
func rms(_ m: Matrix) -> Double { (m.sumOfSquares() / Double(m.count)).squareRoot() }

/// The signal's size in `network` for the images `x` (with their labels): each affine layer's output
/// in both modes, and the weights' gradient.
func measureScale(_ network: MultiLayerNet, _ x: Matrix, labels: [Int]) -> Scale {
    func affineOutputs(training: Bool) -> [Double] {
        var h = x  // [N, D]
        var sizes: [Double] = []
        for layer in network.layers {
            h = layer.forward(h, training: training)  // [N, width]
            if layer is Affine { sizes.append(rms(h)) }
        }
        return sizes
    }
    let training = affineOutputs(training: true)
    let test = affineOutputs(training: false)
    network.gradient(x, labels: labels)
    let weights = network.affineLayers.map(\.weight)
    let squares = weights.reduce(0) { $0 + $1.gradient.sumOfSquares() }
    let count = weights.reduce(0) { $0 + $1.gradient.count }
    return Scale(training: training, test: test, gradient: (squares / Double(count)).squareRoot())
}

/// The products of one `measureScale` on `images` images: two forward passes and a gradient.
func scaleFLOPs(_ network: MultiLayerNet, images: Int) -> Double {
    2 * ProductFLOPs.forward(of: network.layers, images: images)
        + ProductFLOPs.trainingStep(of: network.layers, batchSize: images, lossAfterUpdate: false)
}

/// One run: its network, the book's Trainer, and the measurements afterwards.
func run(
    _ setup: RunSetup, settings: DropoutSettings, train: Dataset, test: Dataset, printsTrainLoss: Bool, step: () -> Void
) -> Run {
    let (x, t) = train.batch(0..<train.count)  // x: [N, D]
    // The scale at the start, measured on a twin: its own copies of the same weights and mask
    // generators, so the trained network draws exactly the masks it would draw without it.
    let start = measureScale(makeNetwork(setup, settings: settings, inputs: train.features, classes: train.classes), x, labels: t)
    let network = makeNetwork(setup, settings: settings, inputs: train.features, classes: train.classes)
    // The Trainer prints as the book's verbose mode does; the lines are kept and printed after all runs.
    var lines: [String] = []
    let trainer = Trainer(
        network: network, trainSet: train, testSet: test, epochs: settings.epochs, batchSize: settings.batchSize,
        optimizer: SGD(learningRate: setup.learningRate),
        evaluationSampleLimit: setup.testLimit, verbose: true, printsTrainLoss: printsTrainLoss,
        generator: SeededGenerator(seed: settings.seed, stream: 0),
        log: { lines.append($0) })
    // Where the training accuracy first reaches each level, the test accuracy on all test images: the
    // per-epoch one unless the run measures fewer each epoch, then measured there, so that every run
    // is compared at equal training accuracy on the same images.
    var testAtLevels = [Double](repeating: .nan, count: settings.trainingLevels.count)
    var (measured, extraImages) = (0, 0)
    let finalTestAccuracy = trainer.train {
        step()
        guard trainer.trainAccuracy.count > measured else { return }
        measured = trainer.trainAccuracy.count
        if !trainer.diverged {
            setup.live?.append(x: Double(measured - 1), trainer.trainAccuracy[measured - 1], trainer.testAccuracy[measured - 1])
        }
        for (i, level) in settings.trainingLevels.enumerated() where testAtLevels[i].isNaN && trainer.trainAccuracy[measured - 1] >= level {
            guard setup.testLimit != nil else {
                testAtLevels[i] = trainer.testAccuracy[measured - 1]
                continue
            }
            testAtLevels[i] = network.accuracy(on: test)
            extraImages += test.count
        }
    }
    let divergence = trainer.divergence(run: setup.label)
    // After a divergence the weights are not numbers: the argmax of a NaN row is class 0, so an
    // "accuracy" would be the share of zeros. Such measurements are NaN instead.
    var trainAccuracy = trainer.trainAccuracy, testAccuracy = trainer.testAccuracy
    if let divergence, Double(divergence.iteration).truncatingRemainder(dividingBy: trainer.iterationsPerEpoch) == 0 {
        trainAccuracy[trainAccuracy.count - 1] = .nan
        testAccuracy[testAccuracy.count - 1] = .nan
    }
    func unlessDiverged(_ value: Double) -> Double { divergence == nil ? value : .nan }
    return Run(
        trainAccuracy: trainAccuracy, testAccuracy: testAccuracy, testAtLevels: testAtLevels,
        finalTrainAccuracy: unlessDiverged(network.accuracy(x, labels: t)),
        finalTestAccuracy: unlessDiverged(finalTestAccuracy),
        maskedTrainAccuracy: unlessDiverged(network.accuracy(x, labels: t, training: true)),  // exercise 3: masks on
        start: start, end: measureScale(network, x, labels: t),
        lines: lines,
        productFLOPs: ProductFLOPs.training(trainer) + 2 * scaleFLOPs(network, images: x.rows)
            + ProductFLOPs.forward(of: network.layers, images: extraImages),
        divergence: divergence)
}
