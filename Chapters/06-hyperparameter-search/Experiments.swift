// Experiments.swift — what main.swift's experiments are made of: the settings, one trial, the grid's
// values, the ranking, the going-further trials, and what they all return.

import BookCore
import ChapterKit
import Foundation

/// Every setting of the search, in one value (main.swift gives each its reason).
struct SearchSettings: Sendable, Equatable {
    /// Seed of every random draw.
    var seed: UInt64
    /// How many random trials.
    var trialCount: Int
    /// The powers of ten each trial draws η and λ from.
    var learningRateExponents: ClosedRange<Double>
    var weightDecayExponents: ClosedRange<Double>
    /// The first this many training images, shuffled, are split into training and validation.
    var imageCount: Int
    /// The share of them held out for validation.
    var validationFraction: Double
    /// What every trial shares: the network and the Trainer's settings.
    var trial: TrialSettings
    /// How many of the best trials the book's figure draws, and how many to a row.
    var shownTrials: Int
    var gridColumns: Int
    /// Going further: the grid's side, how many of the best settings are retrained, with how many other seeds.
    var gridSide: Int
    var rerunCount: Int
    var rerunSeeds: Int
}

/// What every trial shares: the network of chapters 4 and 5 and the Trainer's settings.
struct TrialSettings: Sendable, Equatable {
    /// The widths of the hidden layers.
    var hiddenSizes: [Int]
    /// How long each trial trains.
    var epochs: Int
    /// The images in one mini-batch.
    var batchSize: Int
}

/// One trial's draw: its number, its η and λ, and the generator of its weights and batches.
struct TrialDraw: Sendable {
    /// 1, 2, …: the trial's number (a rerun keeps the number of the trial it repeats).
    var number: Int
    var learningRate: Double
    var weightDecay: Double
    /// Draws the starting weights, then the mini-batches.
    var generator: SeededGenerator
    /// Where the finished trial is drawn (`--plot live`; `nil`: nowhere).
    var live: LiveFigure? = nil
}

/// What one trial leaves behind.
struct Trial: Sendable {
    /// 1, 2, …: the order of the trials, and the stream of --seed they draw from.
    var number: Int
    var weightDecay: Double
    var learningRate: Double
    /// Accuracy on the measured (validation) and the training images, once per epoch.
    var validationAccuracy: [Double]
    var trainingAccuracy: [Double]
    /// The loss became NaN or infinite, and the Trainer stopped.
    var diverged: Bool
    /// How many updates were made (fewer than planned if it diverged).
    var iterations: Int
    /// The floating-point operations of its matrix products: updates and measurements.
    var productFLOPs: Double
    /// The Trainer's last measurement, on the whole measured set (0 if it diverged).
    var finalAccuracy: Double

    /// What the trial is ranked by: the last validation accuracy, as the book; 0 if it diverged.
    var finalValidationAccuracy: Double { diverged ? 0 : validationAccuracy.last ?? 0 }
    /// The last training accuracy; 0 if it diverged.
    var finalTrainingAccuracy: Double { diverged ? 0 : trainingAccuracy.last ?? 0 }
}

/// The images of the search: what the trials train on, what they are judged on, and the test set.
struct SearchData: Sendable {
    /// The shuffled first images, before the split (train + validation).
    var shuffled: Dataset
    var train: Dataset
    var validation: Dataset
    /// All 10 000 test images, for the winner's one score.
    var test: Dataset
}

/// How the going-further trials are numbered: the grid first, then the reruns, then the winning
/// trial again with λ = 0, last the winner trained on all images.
struct ExtraTrials: Sendable {
    /// The grid's points, (η, λ).
    var gridPoints: [(learningRate: Double, weightDecay: Double)]
    var rerunCount: Int
    var rerunSeeds: Int

    var grid: Int { gridPoints.count }
    var reruns: Int { rerunCount * rerunSeeds }
    var count: Int { grid + reruns }
    /// Where the winning trial without weight decay is, and where the winner on all images is.
    var withoutWeightDecay: Int { count }
    var onAllImages: Int { count + 1 }
}

/// Everything the search produced, for the tables, the CSV and the figures.
struct SearchResults: Sendable {
    /// The random trials, in trial order, and the same trials best first.
    var trials: [Trial]
    var ranked: [Trial]
    /// How the going-further trials are numbered, and the trials themselves (the winner's last).
    var extra: ExtraTrials
    var further: [Trial]
    /// How many images the trials trained on, the winner trained on, and how many test images scored it.
    var trainCount: Int
    var fullSetCount: Int
    var testCount: Int

    /// How many trials diverged.
    var divergedCount: Int { trials.filter(\.diverged).count }
}

/// Trains a fresh network with the draw's η and λ on `trainSet`, measuring on `measureSet`
/// every epoch (on its first `measureLimit` images; `nil`: all).
func runTrial(
    _ draw: TrialDraw, settings: TrialSettings, trainSet: Dataset, measureSet: Dataset, measureLimit: Int? = nil,
    step: () -> Void
) -> Trial {
    var generator = draw.generator
    let network = MultiLayerNet(
        inputSize: trainSet.features, hiddenSizes: settings.hiddenSizes, outputSize: trainSet.classes,
        activation: .relu, weightInit: .he, weightDecay: draw.weightDecay,
        generator: &generator)
    // The validation set takes the test set's place in the Trainer.
    let trainer = Trainer(
        network: network, trainSet: trainSet, testSet: measureSet, epochs: settings.epochs,
        batchSize: settings.batchSize, optimizer: SGD(learningRate: draw.learningRate),
        evaluationSampleLimit: measureLimit, verbose: false, generator: generator)
    let finalAccuracy = trainer.train(afterEachIteration: step)
    // A diverged trial stops early; count its remaining updates as done.
    for _ in trainer.currentIteration..<trainer.maxIterations { step() }
    // A measurement made after the loss stopped being a number measured NaN weights (the argmax of a
    // NaN row is class 0, so it would be the share of zeros): NaN instead.
    var validationAccuracy = trainer.testAccuracy, trainingAccuracy = trainer.trainAccuracy
    if let divergence = trainer.divergence(run: "trial \(draw.number)"),
        Double(divergence.iteration).truncatingRemainder(dividingBy: trainer.iterationsPerEpoch) == 0
    {
        validationAccuracy[validationAccuracy.count - 1] = .nan
        trainingAccuracy[trainingAccuracy.count - 1] = .nan
    }
    let trial = Trial(
        number: draw.number, weightDecay: draw.weightDecay, learningRate: draw.learningRate,
        validationAccuracy: validationAccuracy, trainingAccuracy: trainingAccuracy,
        diverged: trainer.diverged, iterations: trainer.currentIteration,
        productFLOPs: ProductFLOPs.training(trainer), finalAccuracy: finalAccuracy)
    draw.live?.plot(trial)
    return trial
}

/// The centres of `side` equal parts of an exponent range, as powers of ten.
func gridValues(_ exponents: ClosedRange<Double>, side: Int) -> [Double] {
    let span = exponents.upperBound - exponents.lowerBound
    return (0..<side).map { (k: Int) -> Double in
        let exponent = exponents.lowerBound + (Double(k) + 0.5) * span / Double(side)
        return pow(10, exponent)
    }
}

/// The trials, best final validation accuracy first; ties keep trial order (as the book's stable sort does).
func rankedByValidation(_ trials: [Trial]) -> [Trial] {
    trials.indices.sorted {
        trials[$0].finalValidationAccuracy > trials[$1].finalValidationAccuracy
            || (trials[$0].finalValidationAccuracy == trials[$1].finalValidationAccuracy && $0 < $1)
    }.map { trials[$0] }
}

/// Going-further trial `k`: a grid point; a rerun of the setting of rank r with seed s; the winning
/// trial again with λ = 0 (its own weights and batches); last the winner trained on train +
/// validation, measured every epoch on the first 100 test images, finally on all.
func furtherTrial(
    _ k: Int, extra: ExtraTrials, ranked: [Trial], settings: SearchSettings, data: SearchData, step: () -> Void
) -> Trial {
    let seed = settings.seed
    if k < extra.grid {  // grid point k: weights and batches from stream 1001 + k
        let draw = TrialDraw(
            number: k + 1, learningRate: extra.gridPoints[k].learningRate, weightDecay: extra.gridPoints[k].weightDecay,
            generator: SeededGenerator(seed: seed, stream: UInt64(1001 + k)))
        return runTrial(draw, settings: settings.trial, trainSet: data.train, measureSet: data.validation, step: step)
    }
    if k < extra.count {  // rerun: setting of rank r, seed s (streams 2001, 2002, …)
        let (r, s) = ((k - extra.grid) % extra.rerunCount, (k - extra.grid) / extra.rerunCount)
        let draw = TrialDraw(
            number: ranked[r].number, learningRate: ranked[r].learningRate, weightDecay: ranked[r].weightDecay,
            generator: SeededGenerator(seed: seed, stream: UInt64(2001 + 100 * s + r)))
        return runTrial(draw, settings: settings.trial, trainSet: data.train, measureSet: data.validation, step: step)
    }
    if k == extra.withoutWeightDecay {  // the winning trial's stream, past its two draws of λ and η
        var generator = SeededGenerator(seed: seed, stream: UInt64(ranked[0].number))
        _ = (
            generator.logUniform(exponents: settings.weightDecayExponents), generator.logUniform(exponents: settings.learningRateExponents)
        )
        let draw = TrialDraw(number: ranked[0].number, learningRate: ranked[0].learningRate, weightDecay: 0, generator: generator)
        return runTrial(draw, settings: settings.trial, trainSet: data.train, measureSet: data.validation, step: step)
    }
    // The winner on all 500 images (stream 3001).
    let draw = TrialDraw(
        number: ranked[0].number, learningRate: ranked[0].learningRate, weightDecay: ranked[0].weightDecay,
        generator: SeededGenerator(seed: seed, stream: 3001))
    return runTrial(
        draw, settings: settings.trial, trainSet: data.shuffled, measureSet: data.test, measureLimit: 100, step: step)
}
