// Experiments.swift — what main.swift's experiments call: one trial, the grid's values, the ranking, the going-further trials.

import BookCore
import ChapterKit
import Foundation

/// What every trial shares: the network of chapters 4 and 5 and the Trainer's settings.
struct TrialSettings: Sendable {
    /// The widths of the hidden layers.
    var hiddenSizes: [Int]
    /// How long each trial trains.
    var epochs: Int
    /// The images in one mini-batch.
    var batchSize: Int
    /// The Trainer's optimizer, made with each trial's learning rate.
    var optimizer: OptimizerName
}

/// Trains a fresh network with η and λ on `trainSet`, measuring on `measureSet`
/// every epoch; its weights and batches come from `generator`.
func runTrial(
    _ number: Int, learningRate: Double, weightDecay: Double, generator: SeededGenerator, settings: TrialSettings,
    trainSet: Dataset, measureSet: Dataset, measureLimit: Int? = nil,
    step: () -> Void
) -> Trial {
    var generator = generator
    let network = MultiLayerNet(
        inputSize: trainSet.features, hiddenSizes: settings.hiddenSizes, outputSize: trainSet.classes,
        activation: .relu, weightInit: .he, weightDecay: weightDecay,
        generator: &generator)
    // The validation set takes the test set's place in the Trainer.
    let trainer = Trainer(
        network: network, trainSet: trainSet, testSet: measureSet, epochs: settings.epochs,
        batchSize: settings.batchSize, optimizer: settings.optimizer.make(learningRate: learningRate),
        evaluationSampleLimit: measureLimit, verbose: false, generator: generator)
    let finalAccuracy = trainer.train(afterEachIteration: step)
    // A diverged trial stops early; count its remaining updates as done.
    for _ in trainer.currentIteration..<trainer.maxIterations { step() }
    return Trial(
        number: number, weightDecay: weightDecay, learningRate: learningRate,
        validationAccuracy: trainer.testAccuracy, trainingAccuracy: trainer.trainAccuracy,
        diverged: trainer.diverged, iterations: trainer.currentIteration,
        productFLOPs: trainer.productFLOPs, finalAccuracy: finalAccuracy)
}

/// The centres of `side` equal parts of an exponent range, as powers of ten.
func gridValues(_ exponents: ClosedRange<Double>, side: Int) -> [Double] {
    (0..<side).map {
        pow(10, exponents.lowerBound + (Double($0) + 0.5) * (exponents.upperBound - exponents.lowerBound) / Double(side))
    }
}

/// The trials, best final validation accuracy first; ties keep trial order (as the book's stable sort does).
func rankedByValidation(_ trials: [Trial]) -> [Trial] {
    trials.indices.sorted {
        trials[$0].finalValidationAccuracy > trials[$1].finalValidationAccuracy
            || (trials[$0].finalValidationAccuracy == trials[$1].finalValidationAccuracy && $0 < $1)
    }.map { trials[$0] }
}

/// Going-further trial `k`: a grid point; a rerun of the setting of rank r with seed s; last the
/// winner trained on `fullSet`, measured every epoch on the first 100 `test` images, finally on all.
func furtherTrial(
    _ k: Int, gridPoints: [(Double, Double)], extra: ExtraTrials, ranked: [Trial], rerunCount: Int,
    seed: UInt64, settings: TrialSettings, train: Dataset, validation: Dataset, fullSet: Dataset, test: Dataset,
    step: () -> Void
) -> Trial {
    if k < extra.grid {  // grid point k: weights and batches from stream 1001 + k
        return runTrial(
            k + 1, learningRate: gridPoints[k].0, weightDecay: gridPoints[k].1,
            generator: SeededGenerator(seed: seed, stream: UInt64(1001 + k)), settings: settings,
            trainSet: train, measureSet: validation, step: step)
    }
    if k < extra.count {  // rerun: setting of rank r, seed s (streams 2001, 2002, …)
        let (r, s) = ((k - extra.grid) % rerunCount, (k - extra.grid) / rerunCount)
        return runTrial(
            ranked[r].number, learningRate: ranked[r].learningRate, weightDecay: ranked[r].weightDecay,
            generator: SeededGenerator(seed: seed, stream: UInt64(2001 + 100 * s + r)), settings: settings,
            trainSet: train, measureSet: validation, step: step)
    }
    // The winner on all 500 images (stream 3001).
    return runTrial(
        ranked[0].number, learningRate: ranked[0].learningRate, weightDecay: ranked[0].weightDecay,
        generator: SeededGenerator(seed: seed, stream: 3001), settings: settings, trainSet: fullSet,
        measureSet: test, measureLimit: 100, step: step)
}
