// Experiments.swift — the batch-norm chapter's training helpers, shown where main.swift uses them.
//
// Each takes the chapter's `Settings` and what it trains on, and returns its
// measurements: they run inside trainSideBySide's concurrent closures.

import BookCore
import ChapterKit
import Foundation

/// A network without and one with batch normalization, from the same start,
/// and the iteration at which each one's loss was first not finite (`nil`: never).
struct Pair {
    let plain: MultiLayerNetExtend, batchNorm: MultiLayerNetExtend
    var plainDiverged: Int? = nil, batchNormDiverged: Int? = nil
}

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
    var pair = Pair(
        plain: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
            weightInit: setup.weightInit, generator: &plainGenerator),
        batchNorm: MultiLayerNetExtend(
            inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
            weightInit: setup.weightInit, useBatchNorm: true, generator: &batchNormGenerator))
    var optimizer = SGD(learningRate: setup.learningRate)  // stateless: one serves both, as in the book
    for iteration in 0..<updates {
        let (x, t) = train.batch(batchGenerator.choice(train.count, count: setup.batchSize))  // x: [B, D], t: B labels
        // One step; a network whose loss is not finite has diverged and takes no more.
        func step(_ network: MultiLayerNet, _ diverged: inout Int?) {
            guard diverged == nil else { return }
            let loss = network.gradient(x, labels: t)  // training mode
            guard loss.isFinite else {
                diverged = iteration
                return
            }
            optimizer.update(network.parameters)
        }
        step(pair.batchNorm, &pair.batchNormDiverged)  // both on the same batch
        step(pair.plain, &pair.plainDiverged)
        if iteration % measureEvery == 0 { measure(pair) }  // after the update, as the book
    }
    return pair
}

/// An accuracy as the book prints it, or `NaN (diverged)`.
func shown(_ accuracy: Double) -> String { accuracy.isNaN ? "NaN (diverged)" : "\(accuracy)" }

/// The accuracy in test mode, or NaN once the network has diverged or when a
/// score is not finite: the argmax of a NaN row is 0, a guess of digit 0
/// that would count as right for every zero.
func finiteAccuracy(_ network: MultiLayerNet, diverged: Int?, on set: EvaluationSet) -> Double {
    guard diverged == nil else { return .nan }
    var correct = 0
    for (x, labels) in set.batches {
        let scores = network.predict(x, training: false)  // [1000, C]
        guard scores.elements.allSatisfy(\.isFinite) else { return .nan }
        correct += zip(scores.argmaxOfEachRow(), labels).filter { $0 == $1 }.count
    }
    return Double(correct) / Double(set.count)
}

/// What a network's batch-normalization layers do to one batch, normalized
/// with the batch's own statistics as in training (no layer's state changes).
struct Normalization: Sendable {
    /// Per batch-norm layer: the batch variance v of its input, averaged over the units.
    var variance: [Double] = []
    /// Per batch-norm layer: the RMS of x̂ = (x − μ)/√(v + ε) over the batch and the units.
    var rms: [Double] = []
    /// The RMS of the scores, and how many rows have the right class highest.
    var scoresRMS = 0.0, correct = 0
}

/// The forward pass of `network` on `x` with every batch-norm layer using the
/// batch's statistics, step by step as `BatchNormalization` does (its
/// running averages untouched), recording v and x̂ per layer.
func normalization(of network: MultiLayerNet, on x: Matrix, labels: [Int]) -> Normalization {
    var result = Normalization()
    var activations = x  // [B, D]
    for layer in network.layers {
        guard let batchNorm = layer as? BatchNormalization else {
            activations = layer.forward(activations, training: false)  // [B, H], or the scores [B, C]
            continue
        }
        let mean = activations.columnMeans()  // μ, [1, H]
        let centered = activations - mean  // [B, H]
        let variance = (centered * centered).columnMeans()  // v, [1, H]
        let normalized = centered / sqrt(variance + BatchNormalization.epsilon)  // x̂, [B, H]
        result.variance.append(variance.sum() / Double(variance.count))
        result.rms.append((normalized.sumOfSquares() / Double(normalized.count)).squareRoot())
        activations = batchNorm.gamma.value * normalized + batchNorm.beta.value  // γ·x̂ + β, [B, H]
    }
    result.scoresRMS = (activations.sumOfSquares() / Double(activations.count)).squareRoot()
    result.correct = zip(activations.argmaxOfEachRow(), labels).filter { $0 == $1 }.count
    return result
}

/// The accuracy on `test` cut into batches of `batchSize`, each normalized by its own statistics.
func batchStatisticsAccuracy(_ network: MultiLayerNet, on test: Dataset, batchSize: Int) -> Double {
    let correct = stride(from: 0, to: test.count - batchSize + 1, by: batchSize).reduce(0) { total, start in
        let (x, labels) = test.batch(start..<start + batchSize)  // x: [B, D]
        return total + normalization(of: network, on: x, labels: labels).correct
    }
    return Double(correct) / Double(test.count / batchSize * batchSize)
}

/// Accuracy curves of a pair, ‖W1‖ of the batch-norm network, when each
/// diverged, and what normalization does to the first 100 training images
/// at the start and after training.
struct Curves: Sendable {
    var plain: [Double] = [], batchNorm: [Double] = [], batchNormW1: [Double] = []
    var plainDiverged: Int?, batchNormDiverged: Int?
    var plainStart = Normalization(), start = Normalization(), end = Normalization()
    var batchNormW1Start = 0.0
}

/// The book's measurements: accuracy on the training images `trainSet` every
/// epoch, for `settings.epochs` epochs, in test mode (running averages).
func accuracyCurves(
    _ setup: PairSetup, settings: Settings, on train: Dataset, measuredOn trainSet: EvaluationSet,
    step: () -> Void
) -> Curves {
    let perEpoch = settings.iterationsPerEpoch(batchSize: setup.batchSize)
    var curves = Curves()
    let (x, t) = train.batch(Array(0..<100))  // x: [100, D]
    let fresh = trainPair(setup, settings: settings, on: train, updates: 0, measureEvery: 1) { _ in }
    curves.plainStart = normalization(of: fresh.plain, on: x, labels: t)
    curves.start = normalization(of: fresh.batchNorm, on: x, labels: t)
    curves.batchNormW1Start = fresh.batchNorm.affineLayers[0].weight.value.sumOfSquares().squareRoot()
    let updates = (settings.epochs - 1) * perEpoch + 1
    let pair = trainPair(setup, settings: settings, on: train, updates: updates, measureEvery: perEpoch) { pair in
        curves.plain.append(finiteAccuracy(pair.plain, diverged: pair.plainDiverged, on: trainSet))
        curves.batchNorm.append(finiteAccuracy(pair.batchNorm, diverged: pair.batchNormDiverged, on: trainSet))
        curves.batchNormW1.append(pair.batchNorm.affineLayers[0].weight.value.sumOfSquares().squareRoot())
        step()
    }
    (curves.plainDiverged, curves.batchNormDiverged) = (pair.plainDiverged, pair.batchNormDiverged)
    curves.end = normalization(of: pair.batchNorm, on: x, labels: t)
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
    /// Per sweep batch size: test accuracy without and with batch normalization
    /// (running averages), and with each test batch of that size normalized by its own statistics.
    var batchSizes: [[Double]]
    /// Per sweep learning rate.
    var rates: [Curves]
}
