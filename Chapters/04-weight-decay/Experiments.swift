// Experiments.swift — the weight-decay chapter's check of its update rule, and its results in one value.

import BookCore
import ChapterKit
import Foundation

/// Everything the experiments measured: the step check, the book's two runs, then the sweep's.
struct Results: Sendable { var step: DecayStep, runs: [Run], sweep: [Run] }

/// One SGD step of the same network with and without weight decay, from the same weights on the same batch.
struct DecayStep: Sendable {
    /// λ and η of the step.
    var lambda: Double, learningRate: Double
    /// The largest |W′ − ((1 − η·λ)·W − η·∂L/∂W)| over every weight, with ∂L/∂W from the network without decay.
    var deviation: Double
    /// The largest |W| before the step, the scale of that deviation.
    var largestWeight: Double
}

/// Checks `W ← (1 − η·λ)·W − η·∂L/∂W` on the first batch of `train`: the decayed network's step
/// against the undecayed network's step from the same start.
func decayStep(settings: Settings, on train: Dataset) -> DecayStep {
    var generator = SeededGenerator(seed: settings.seed, stream: 2)
    var twinGenerator = generator
    let decayed = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        weightDecay: settings.weightDecay, generator: &generator)
    let plain = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        weightDecay: 0, generator: &twinGenerator)
    let before = decayed.affineLayers.map { $0.weight.value }  // W, per layer
    let (x, t) = train.batch(Array(0..<settings.batchSize))  // x: [B, D]
    var optimizer = SGD(learningRate: settings.learningRate)
    for network in [decayed, plain] {
        network.gradient(x, labels: t)
        optimizer.update(network.parameters)
    }
    let shrink = 1 - settings.learningRate * settings.weightDecay  // 1 − η·λ
    var deviation = 0.0
    for (k, w) in before.enumerated() {
        let plainStep = plain.affineLayers[k].weight.value - w  // −η·∂L/∂W, [n_in, n_out]
        let expected = shrink * w + plainStep  // (1 − η·λ)·W − η·∂L/∂W
        let difference = decayed.affineLayers[k].weight.value - expected
        deviation = max(deviation, difference.map(abs).elements.max()!)
    }
    return DecayStep(
        lambda: settings.weightDecay, learningRate: settings.learningRate, deviation: deviation,
        largestWeight: before.map { $0.map(abs).elements.max()! }.max()!)
}
