// Experiments.swift — the batch-norm chapter's training helpers, shown where main.swift uses them.
//
// Functions here run inside trainSideBySide's concurrent closures, where
// main.swift's globals cannot be read: each takes what it needs as parameters.

import BookCore
import ChapterKit
import Foundation

/// A network without and one with batch normalization, from the same start.
struct Pair { let plain: MultiLayerNetExtend, batchNorm: MultiLayerNetExtend }

/// Trains a pair on the same batches of `train` (stream `stream` of `seed`; weights: `stream + 1`)
/// for `updates` SGD steps, calling `measure` after iterations 0, `measureEvery`, ….
@discardableResult
func trainPair(
    on train: Dataset, hiddenSizes: [Int], seed: UInt64,
    init weightInit: WeightInit, learningRate: Double, batchSize: Int, stream: UInt64,
    updates: Int, measureEvery: Int, measure: (Pair) -> Void
) -> Pair {
    var batchGenerator = SeededGenerator(seed: seed, stream: stream)
    // The book draws each network's weights separately; here both start from
    // the same weights (two copies of one generator), so that the curves
    // differ only by batch normalization: a deliberate difference.
    var plainGenerator = SeededGenerator(seed: seed, stream: stream + 1), batchNormGenerator = plainGenerator
    let pair = Pair(
        plain: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
            weightInit: weightInit, generator: &plainGenerator),
        batchNorm: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
            weightInit: weightInit, useBatchNorm: true, generator: &batchNormGenerator))
    var optimizer = SGD(learningRate: learningRate)  // stateless: one serves both, as in the book
    for iteration in 0..<updates {
        let (x, t) = train.batch(batchGenerator.choice(train.count, count: batchSize))  // x: [B, D], t: B labels
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

/// The book's measurements: accuracy on the `trainingImages` images `trainX` every epoch, for `epochs`
/// epochs, in test mode (running averages).
func accuracyCurves(
    on train: Dataset, trainingImages: Int, trainX: Matrix, trainLabels: [Int],
    hiddenSizes: [Int], epochs: Int, seed: UInt64,
    init weightInit: WeightInit, learningRate: Double, batchSize: Int, stream: UInt64,
    step: () -> Void
) -> Curves {
    let perEpoch = max(trainingImages / batchSize, 1)
    var curves = Curves()
    trainPair(
        on: train, hiddenSizes: hiddenSizes, seed: seed,
        init: weightInit, learningRate: learningRate, batchSize: batchSize, stream: stream,
        updates: (epochs - 1) * perEpoch + 1, measureEvery: perEpoch
    ) { pair in
        curves.plain.append(pair.plain.accuracy(trainX, labels: trainLabels))
        curves.batchNorm.append(pair.batchNorm.accuracy(trainX, labels: trainLabels))
        curves.batchNormW1.append(pair.batchNorm.affineLayers[0].weight.value.sumOfSquares().squareRoot())
        step()
    }
    return curves
}

/// Loss and ‖∂L/∂W1‖ of a fresh He-initialised pair on one batch, with W1 multiplied by each factor c.
func measureScaleInvariance(
    on train: Dataset, hiddenSizes: [Int], seed: UInt64, factors: [Double]
) -> [(c: Double, plain: (Double, Double), batchNorm: (Double, Double))] {
    let (x, t) = train.batch(Array(0..<100))  // x: [B, D]
    let pair = trainPair(
        on: train, hiddenSizes: hiddenSizes, seed: seed,
        init: .he, learningRate: 0.01, batchSize: 100, stream: 300, updates: 0, measureEvery: 1
    ) { _ in }
    return factors.map { c in
        func lossAndGradient(_ network: MultiLayerNet) -> (Double, Double) {
            let w1 = network.affineLayers[0].weight
            let original = w1.value  // [D, H]
            w1.value = original * c
            let loss = network.gradient(x, labels: t)  // training mode: batch statistics
            defer { w1.value = original }
            return (loss, w1.gradient.sumOfSquares().squareRoot())
        }
        return (c, lossAndGradient(pair.plain), lossAndGradient(pair.batchNorm))
    }
}
