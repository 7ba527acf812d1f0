// Experiments.swift — the batch-norm chapter's training helpers, shown where main.swift uses them.
//
// Each takes the chapter's `Settings` and what it trains on, and returns its
// measurements: they run inside trainSideBySide's concurrent closures.

import BookCore
import ChapterKit
import Foundation

/// A network without and one with batch normalization, from the same start.
struct Pair { let plain: MultiLayerNetExtend, batchNorm: MultiLayerNetExtend }

/// How one pair trains: its starting weights, its SGD step and batch size, its random streams.
struct PairSetup: Sendable {
    /// How the starting weights are drawn.
    var weightInit: WeightInit
    /// SGD's η.
    var learningRate: Double
    /// Images per mini-batch.
    var batchSize: Int
    /// Batches from stream `stream` of the seed, starting weights from `stream + 1`.
    var stream: UInt64
}

/// Trains a pair on the same batches of `train` for `updates` SGD steps,
/// calling `measure` after iterations 0, `measureEvery`, ….
@discardableResult
func trainPair(
    _ setup: PairSetup, settings: Settings, on train: Dataset,
    updates: Int, measureEvery: Int, measure: (Pair) -> Void
) -> Pair {
    var batchGenerator = SeededGenerator(seed: settings.seed, stream: setup.stream)
    // The book draws each network's weights separately; here both start from
    // the same weights (two copies of one generator), so that the curves
    // differ only by batch normalization: a deliberate difference.
    var plainGenerator = SeededGenerator(seed: settings.seed, stream: setup.stream + 1)
    var batchNormGenerator = plainGenerator
    let pair = Pair(
        plain: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
            weightInit: setup.weightInit, generator: &plainGenerator),
        batchNorm: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
            weightInit: setup.weightInit, useBatchNorm: true, generator: &batchNormGenerator))
    var optimizer = SGD(learningRate: setup.learningRate)  // stateless: one serves both, as in the book
    for iteration in 0..<updates {
        let (x, t) = train.batch(batchGenerator.choice(train.count, count: setup.batchSize))  // x: [B, D], t: B labels
        for network in [pair.batchNorm, pair.plain] {  // both on the same batch
            network.gradient(x, labels: t)  // training mode
            optimizer.update(network.parameters)
        }
        if iteration % measureEvery == 0 { measure(pair) }  // after the update, as the book
    }
    return pair
}

/// Accuracy curves of a pair, and ‖W1‖ of the batch-norm network.
struct Curves: Sendable { var plain: [Double] = [], batchNorm: [Double] = [], batchNormW1: [Double] = [] }

/// The book's measurements: accuracy on the training images `trainSet` every
/// epoch, for `settings.epochs` epochs, in test mode (running averages).
func accuracyCurves(
    _ setup: PairSetup, settings: Settings, on train: Dataset, measuredOn trainSet: EvaluationSet,
    step: () -> Void
) -> Curves {
    let perEpoch = settings.iterationsPerEpoch(batchSize: setup.batchSize)
    var curves = Curves()
    trainPair(setup, settings: settings, on: train, updates: (settings.epochs - 1) * perEpoch + 1, measureEvery: perEpoch) {
        pair in
        curves.plain.append(pair.plain.accuracy(on: trainSet))
        curves.batchNorm.append(pair.batchNorm.accuracy(on: trainSet))
        curves.batchNormW1.append(pair.batchNorm.affineLayers[0].weight.value.sumOfSquares().squareRoot())
        step()
    }
    return curves
}

/// A loss and the norm of its gradient with respect to W1.
struct LossAndGradient: Sendable { var loss: Double, gradient: Double }

/// One row of the scale-invariance measurement: W1 multiplied by `c`.
struct Invariance: Sendable { var c: Double, plain: LossAndGradient, batchNorm: LossAndGradient }

/// Loss and ‖∂L/∂W1‖ of a fresh He-initialised pair on one batch, with W1 multiplied by each factor c.
func measureScaleInvariance(settings: Settings, on train: Dataset, factors: [Double]) -> [Invariance] {
    let (x, t) = train.batch(Array(0..<100))  // x: [B, D]
    let setup = PairSetup(weightInit: .he, learningRate: 0.01, batchSize: 100, stream: 300)
    let pair = trainPair(setup, settings: settings, on: train, updates: 0, measureEvery: 1) { _ in }
    return factors.map { c in
        func lossAndGradient(_ network: MultiLayerNet) -> LossAndGradient {
            let w1 = network.affineLayers[0].weight
            let original = w1.value  // [D, H]
            w1.value = original * c
            let loss = network.gradient(x, labels: t)  // training mode: batch statistics
            defer { w1.value = original }
            return LossAndGradient(loss: loss, gradient: w1.gradient.sumOfSquares().squareRoot())
        }
        return Invariance(c: c, plain: lossAndGradient(pair.plain), batchNorm: lossAndGradient(pair.batchNorm))
    }
}

/// Everything the chapter's experiments measured.
struct Results: Sendable {
    /// Per scale that ran, in `settings.scaleIndices` order.
    var scales: [Curves]
    /// Per factor c on W1.
    var invariance: [Invariance]
    /// Per sweep batch size: test accuracy without and with batch normalization.
    var batchSizes: [[Double]]
    /// Per sweep learning rate.
    var rates: [Curves]
}
