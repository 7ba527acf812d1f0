// Chapter 6 — Hyperparameter search: choosing what the network cannot learn
//
// Question: the learning rate and the weight decay are not learned by
// gradient descent; someone has to choose them. How do we search for good
// values, and what do we judge them on — without fooling ourselves with the
// test set?
//
// Run:   swift run -c release hyperparameter-search    (or: make hyperparameter-search)
//        the book's first, wide pass: add --lr-range -6,-2 --weight-decay-range -8,-4
// Tests: run it with --quick and check the files it writes.
//
// Shapes in comments: N training images (400), V validation images (100),
// B batch (100), D input features (784 = 28×28), H hidden units (100),
// C classes (10).

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

// MARK: - 1. Settings

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hyperparameter-search",
        abstract: "Chapter 6: random search for the learning rate and the weight decay, judged on a validation set.",
        discussion: """
            Holds out 100 of the first 500 MNIST training images for validation, then runs \
            100 trials, each training a 784-[100×6]-10 ReLU network for 50 epochs with a \
            learning rate and a weight decay drawn on a log scale. Prints every trial and the \
            ranking, writes trials.csv, and draws the best 20 trials and a scatter of all of them. \
            Ranges are powers of ten as low,high: --lr-range -6,-2 draws lr = 10^U(-6, -2).
            """)

    @OptionGroup var common: ChapterOptions

    @Option(help: "How many random trials (the book: 100; --quick: 4).")
    var trials: Int?

    @Option(help: "Epochs per trial, of 4 updates each (the book: 50; --quick: 4).")
    var epochs: Int?

    @Option(name: .customLong("lr-range"), parsing: .unconditional,
            help: ArgumentHelp("Learning rate = 10^U(low, high) (the book's narrowed range: -3,-2; its first pass: -6,-2).",
                               valueName: "low,high"))
    var learningRateRange = "-3,-2"

    @Option(name: .customLong("weight-decay-range"), parsing: .unconditional,
            help: ArgumentHelp("Weight decay = 10^U(low, high) (the book's narrowed range: -8,-6; its first pass: -8,-4).",
                               valueName: "low,high"))
    var weightDecayRange = "-8,-6"

    @Option(help: "At most this many trials at once (default: one per core). The results do not depend on it.")
    var jobs: Int?

    func validate() throws {
        if let trials { try validatePositive(trials, flag: "--trials") }
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        if let jobs { try validatePositive(jobs, flag: "--jobs") }
        _ = try parseExponentRange(learningRateRange, flag: "--lr-range")
        _ = try parseExponentRange(weightDecayRange, flag: "--weight-decay-range")
    }
}

let options = Options.parseOrExit()
let quick = options.common.quick
let seed = options.common.seed

// The book's search: 100 trials, each a fresh network trained for 50 epochs.
let trialCount = options.trials ?? (quick ? 4 : 100)
let epochs = options.epochs ?? (quick ? 4 : 50)
// The powers of ten each trial draws from. The defaults are the book's second,
// narrowed ranges; its first pass used lr 10^U(−6, −2), weight decay 10^U(−8, −4).
let learningRateExponents = exitOnError { try parseExponentRange(options.learningRateRange, flag: "--lr-range") }
let weightDecayExponents = exitOnError { try parseExponentRange(options.weightDecayRange, flag: "--weight-decay-range") }
// The book's data: the first 500 training images, 20 % of them held out.
let imageCount = 500
let validationFraction = 0.2
// The network of chapters 4 and 5: six hidden layers of 100 ReLU units, He
// initialisation. Deep and small-data enough that both knobs matter.
let hiddenSizes = [100, 100, 100, 100, 100, 100]
// The book's Trainer settings: 'sgd' and mini-batches of 100.
let optimizerName = OptimizerName.sgd
let batchSize = 100
// The book draws the best 20 trials, 5 to a row.
let shownTrials = min(20, trialCount)
let gridColumns = 5
// Trials run side by side, one per core, BLAS on one thread each.
let jobs = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount

BLAS.setThreads(1)
let writer = exitOnError { try FigureWriter(directory: options.common.outputDirectory(chapter: "hyperparameter-search")) }

// MARK: - 2. Data: a validation set, carved out of the training data
//
// Every trial is judged by its accuracy on images it did not train on. Why
// not the test set? The test set is there to measure the *finished* model
// once, as a stand-in for images nobody has seen yet. If we picked the
// learning rate by its test accuracy, we would be fitting the
// hyperparameters to the test set, and its accuracy would no longer be an
// honest estimate: it would flatter the winner. So the book holds out part of
// the training data instead — a validation set — and never looks at the
// test set here at all.
//
// The book shuffles the 500 images first (its shuffle_dataset): MNIST's files
// are not sorted by class, but shuffling makes sure that the held-out 100 are
// a fair sample whatever order the data came in.

let (fullTrain, _) = exitOnError { try MNIST.load(directory: options.common.dataDirectory) }
var shuffleGenerator = SeededGenerator(seed: seed, stream: 0)
let shuffled = fullTrain.prefix(imageCount).subset(shuffleGenerator.permutation(min(imageCount, fullTrain.count)))
let validationCount = Int(Double(shuffled.count) * validationFraction)                   // 100
let validation = shuffled.subset(Array(0 ..< validationCount))                          // V images
let train = shuffled.subset(Array(validationCount ..< shuffled.count))                 // N images
print("MNIST: the first \(shuffled.count) training images, shuffled: \(train.count) to train on, \(validation.count) held out for validation (the test set is not used)")
print("Validation labels per class: \(validation.labelCounts().map(String.init).joined(separator: " "))")

// MARK: - 3. The idea: random search on a log scale
//
// Each trial draws both hyperparameters at random, the exponent uniformly
// (the book draws the weight decay first, then the learning rate):
//
//   weight decay λ = 10^u,   u ~ U(−8, −6)
//   learning rate η = 10^v,  v ~ U(−3, −2)
//
// On a log scale, because good values span orders of magnitude: η = 0.001
// and η = 0.002 differ as much as 0.01 and 0.02 do. Random rather than a grid
// (Bergstra & Bengio 2012): when one hyperparameter matters much more than the
// other, a 10 × 10 grid tries only 10 values of it; 100 random trials try 100.
//
// The book's recipe is to search wide, look where the good trials landed,
// narrow the ranges and search again; these defaults are its narrowed ranges.
// Few epochs and a small data set keep each trial cheap: the point is to rank
// the settings, not to train the final model.
//
// Trial k (1, 2, …) draws everything — λ, η, its starting weights and its
// mini-batches — from its own generator, stream k of --seed. So a trial gives
// the same numbers whichever core ran it and whenever, and --trials 10 runs
// exactly the first 10 trials of the full search.

var exampleGenerator = SeededGenerator(seed: seed, stream: 1)
let exampleWeightDecay = exampleGenerator.logUniform(exponents: weightDecayExponents)
let exampleLearningRate = exampleGenerator.logUniform(exponents: learningRateExponents)
print(String(format: "Trial 1 draws weight decay 10^%.3f = %.3g, then learning rate 10^%.3f = %.3g",
             log10(exampleWeightDecay), exampleWeightDecay, log10(exampleLearningRate), exampleLearningRate))

// MARK: - 4. Experiment: 100 trials, side by side

/// What one trial leaves behind.
struct Trial: Sendable {
    /// 1, 2, …: the order of the trials, and the stream of --seed they draw from.
    var number: Int
    var weightDecay: Double
    var learningRate: Double
    /// Accuracy on the validation and the training images, once per epoch.
    var validationAccuracy: [Double]
    var trainingAccuracy: [Double]
    /// The loss became NaN or infinite, and the Trainer stopped.
    var diverged: Bool
    /// How many updates were made (fewer than planned if it diverged).
    var iterations: Int
    /// The floating-point operations of its matrix products: updates and measurements.
    var productFLOPs: Double

    /// What the trial is ranked by: the last validation accuracy, as the book; 0 if it diverged.
    var finalValidationAccuracy: Double { diverged ? 0 : validationAccuracy.last ?? 0 }
    /// The last training accuracy; 0 if it diverged.
    var finalTrainingAccuracy: Double { diverged ? 0 : trainingAccuracy.last ?? 0 }
}

// How the Trainer counts: an epoch is max(N / B, 1) = 4 updates, 200 in all;
// it measures both accuracies after the updates 0, 4, …, 196.
let iterationsPerTrial = Int(Double(epochs) * max(Double(train.count) / Double(batchSize), 1))
let progress = SharedProgress("trials", total: trialCount * iterationsPerTrial)
let started = Date()
let trials: [Trial] = await concurrentMap(trialCount, maxConcurrent: jobs) { index in
    let number = index + 1
    var generator = SeededGenerator(seed: seed, stream: UInt64(number))
    let weightDecay = generator.logUniform(exponents: weightDecayExponents)
    let learningRate = generator.logUniform(exponents: learningRateExponents)
    let network = MultiLayerNet(inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
                                activation: .relu, weightInit: .he, weightDecay: weightDecay,
                                generator: &generator)
    // The validation set takes the test set's place in the Trainer.
    let trainer = Trainer(network: network, trainSet: train, testSet: validation, epochs: epochs,
                          batchSize: batchSize, optimizer: optimizerName.make(learningRate: learningRate),
                          verbose: false, generator: generator)
    trainer.train { progress.advance() }
    // A diverged trial stops early; count its remaining updates as done.
    progress.advance(trainer.maxIterations - trainer.currentIteration)
    return Trial(number: number, weightDecay: weightDecay, learningRate: learningRate,
                 validationAccuracy: trainer.testAccuracy, trainingAccuracy: trainer.trainAccuracy,
                 diverged: trainer.diverged, iterations: trainer.currentIteration,
                 productFLOPs: trainer.productFLOPs)
}
let seconds = Date().timeIntervalSince(started)

// What the book prints for every trial, in trial order.
for trial in trials {
    let note = trial.diverged ? "  (diverged at iteration \(trial.iterations - 1): counted as 0)" : ""
    print("val acc:\(trial.finalValidationAccuracy) | lr:\(trial.learningRate), weight decay:\(trial.weightDecay)\(note)")
}

// The ranking: best final validation accuracy first; ties keep trial order
// (as the book's stable sort does).
let ranked = trials.indices.sorted {
    trials[$0].finalValidationAccuracy > trials[$1].finalValidationAccuracy
        || (trials[$0].finalValidationAccuracy == trials[$1].finalValidationAccuracy && $0 < $1)
}.map { trials[$0] }
var rankOfTrial = [Int](repeating: 0, count: trialCount + 1)
for (position, trial) in ranked.enumerated() { rankOfTrial[trial.number] = position + 1 }

print("=========== Hyper-Parameter Optimization Result ===========")
for (position, trial) in ranked.prefix(shownTrials).enumerated() {
    print("Best-\(position + 1)(val acc:\(trial.finalValidationAccuracy)) | lr:\(trial.learningRate), weight decay:\(trial.weightDecay)")
}
let divergedCount = trials.filter(\.diverged).count
print(String(format: "Ran %d trials × %d epochs (%d updates each) in %.1f s, at most %d at a time; %d diverged; ",
             trialCount, epochs, iterationsPerTrial, seconds, min(jobs, trialCount), divergedCount)
      + productSpeed(flops: trials.reduce(0) { $0 + $1.productFLOPs }, seconds: seconds))

// MARK: - 5. Figures and the table of trials

// Every trial's two curves, one pair of columns per trial; epochs numbered
// from 0, as the book's plot does.
var curves = DataTable("hyperparameter-search: validation and training accuracy per epoch of every trial (NaN after a divergence)",
                       columns: ["epoch"] + trials.flatMap { ["validation trial-\($0.number)", "training trial-\($0.number)"] })
for epoch in 0 ..< epochs {
    curves.append([Double(epoch)] + trials.flatMap { trial in
        [trial.validationAccuracy, trial.trainingAccuracy].map { epoch < $0.count ? $0[epoch] : .nan }
    })
}

// One row per trial, for the scatter (diverged trials have accuracy 0).
var table = DataTable("hyperparameter-search: one row per trial (accuracies at the last epoch; 0 if diverged)",
                      columns: ["trial", "learning rate", "weight decay", "validation accuracy",
                                "training accuracy", "diverged", "rank"])
for trial in trials {
    table.append([Double(trial.number), trial.learningRate, trial.weightDecay, trial.finalValidationAccuracy,
                  trial.finalTrainingAccuracy, trial.diverged ? 1 : 0, Double(rankOfTrial[trial.number])])
}

// The same, as a CSV for a spreadsheet, with the seed and stream that reproduce each trial.
var csv = ["trial,seed,stream,learning_rate,weight_decay,final_validation_accuracy,final_training_accuracy,diverged,rank"]
for trial in trials {
    csv.append([String(trial.number), String(seed), String(trial.number), "\(trial.learningRate)", "\(trial.weightDecay)",
                "\(trial.finalValidationAccuracy)", "\(trial.finalTrainingAccuracy)", String(trial.diverged),
                String(rankOfTrial[trial.number])].joined(separator: ","))
}

// The book's figure: the best trials, 5 to a row; validation solid, training
// dashed, y from 0 to 1, y ticks on the first column only, no x ticks.
let bestPanels = ranked.prefix(shownTrials).enumerated().map { position, trial in
    let column = 2 * trial.number
    var panel = Panel(title: "Best-\(position + 1)", xRange: 0 ... Double(max(epochs - 1, 1)), yRange: 0 ... 1,
                      series: [Series(file: "trial-curves.dat", x: 1, y: column, title: "validation", color: "#1f77b4"),
                               Series(file: "trial-curves.dat", x: 1, y: column + 1, title: "training",
                                      dashed: true, color: "#ff7f0e")])
    panel.showXTicks = false
    panel.showYTicks = position % gridColumns == 0
    panel.legend = .hidden
    return panel
}
let gridRows = (shownTrials + gridColumns - 1) / gridColumns
let bestFigure = Figure(
    name: "best-trials",
    title: "The best \(shownTrials) of \(trialCount) trials: validation accuracy (solid) and training accuracy (dashed) over \(epochs) epochs",
    panels: bestPanels, layout: (gridRows, gridColumns), size: (1200, 200 + 180 * gridRows))

// Every trial at its (η, λ), coloured by its final validation accuracy, on the
// searched box: where the good region is, at a glance.
/// The searched values `10^low ... 10^high` (`nil`, to let gnuplot choose, for a single value).
func searchedValues(_ exponents: ClosedRange<Double>) -> ClosedRange<Double>? {
    exponents.lowerBound < exponents.upperBound ? pow(10, exponents.lowerBound) ... pow(10, exponents.upperBound) : nil
}
var scatterSeries = [Series(file: "trials.dat", using: "2:3:4", title: "trial", style: .coloredPoints)]
if divergedCount > 0 {
    scatterSeries.append(Series(file: "trials.dat", using: "2:($6 > 0 ? $3 : 1/0)", title: "diverged",
                                style: .points, color: "black"))
}
var scatter = Panel(title: "\(trialCount) trials: learning rate and weight decay, coloured by final validation accuracy",
                    xLabel: "learning rate", yLabel: "weight decay",
                    xRange: searchedValues(learningRateExponents), yRange: searchedValues(weightDecayExponents),
                    series: scatterSeries)
scatter.logX = true
scatter.logY = true
scatter.colorLabel = "final validation accuracy"
scatter.colorRange = 0 ... 1
scatter.legend = divergedCount > 0 ? .at("top left") : .hidden
let scatterFigure = Figure(name: "trials-scatter", panel: scatter, size: (900, 640))

exitOnError {
    try writer.write(curves, as: "trial-curves.dat")
    try writer.write(table, as: "trials.dat")
    try writer.writeText(csv.joined(separator: "\n") + "\n", as: "trials.csv")
    print("Table of every trial: \(writer.path("trials.csv"))")
    try options.common.show([bestFigure, scatterFigure], with: writer)
}

// MARK: - 6. What we saw
//
// With the narrowed ranges the best trials reach a validation accuracy of
// about 0.8, as in the book (seeds 1, 2, 3: 0.79, 0.81, 0.79), and the
// ranking is led by the largest learning rates: with each seed all ten best
// trials have η in the upper half of the range (mean log10 η ≈ −2.1). In 50
// epochs of 4 small updates, η near 0.01 simply gets further than η near
// 0.001. Within 10⁻⁸ … 10⁻⁶ the weight decay hardly matters — the penalty
// ½·λ·ΣW² is tiny next to the loss — so the scatter shows vertical bands:
// colour changes from left to right, not from bottom to top. The next step
// of the book's recipe would be to search larger learning rates and wider
// weight decays.
//
// The validation set has only 100 images, so accuracies come in steps of 0.01
// and neighbouring ranks are within the noise: the search says "η near the top
// of the range", not "this exact η".

let topCount = min(10, trialCount)
let top = ranked.prefix(topCount)
let middleExponent = (learningRateExponents.lowerBound + learningRateExponents.upperBound) / 2
let upperHalf = top.filter { log10($0.learningRate) >= middleExponent }.count
let meanTopExponent = top.map { log10($0.learningRate) }.reduce(0, +) / Double(topCount)
print(String(format: "Best validation accuracy %.2f. The %d best trials: mean log10(lr) %.2f in the range %g … %g; %d of %d in its upper half",
             ranked[0].finalValidationAccuracy, topCount, meanTopExponent,
             learningRateExponents.lowerBound, learningRateExponents.upperBound, upperHalf, topCount))

// Exercises:
// 1. Run the book's first, wide pass: --lr-range -6,-2 --weight-decay-range -8,-4.
//    Read the ranges for a second pass off trials-scatter.png. Do they match the book's?
// 2. Run --trials 25. How much worse is the best trial than with 100?
// 3. Score the five best trials on the test set (MNIST.load's second value).
//    How far is each one's test accuracy from its validation accuracy, and why
//    is the best validation accuracy the most flattering of all?
// 4. Try --lr-range -2,0. How many trials diverge, and where are they on the scatter?
