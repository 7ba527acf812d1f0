// Experiments.swift — the weight-init chapter's experiments, one configuration or one network at a time (main.swift runs them).

import BookCore
import ChapterKit
import Foundation

/// Each layer's outputs for `inputs` through random layers of `widths` units, no biases,
/// the weights drawn from `stream` of `seed` and scaled as `configuration` says.
func randomLayerOutputs(_ configuration: Configuration, _ inputs: Matrix, widths: [Int], seed: UInt64, stream: UInt64) -> [Matrix] {
    var weightGenerator = SeededGenerator(seed: seed, stream: stream)
    return activationsThroughLayers(
        inputs, widths: widths, weightInit: configuration.weightInit,
        activation: configuration.activation.function,
        generator: &weightGenerator)  // widths.count × [N, n]
}

/// Trains one MNIST net of `hiddenSizes` ReLU layers, its weights drawn from stream 1 of `seed`, on `batches`;
/// returns the loss after each step and calls `step()` after each.
func trainNetwork(
    _ train: Dataset, hiddenSizes: [Int], _ weightInit: WeightInit, _ optimizer: any Optimizer,
    batches: [[Int]], seed: UInt64, step: () -> Void
) -> [Double] {
    var weightGenerator = SeededGenerator(seed: seed, stream: 1)
    let network = MultiLayerNet(
        inputSize: train.features, hiddenSizes: hiddenSizes, outputSize: train.classes,
        activation: .relu, weightInit: weightInit, generator: &weightGenerator)
    var optimizer = optimizer
    var losses: [Double] = []
    for indices in batches {
        let (x, t) = train.batch(indices)  // x: [B, D], t: B labels
        network.gradient(x, labels: t)  // fills ∂L/∂W for every W
        optimizer.update(network.parameters)  // SGD: W ← W − η·∂L/∂W
        losses.append(network.loss(x, labels: t))  // the book records the loss after the step
        step()
    }
    return losses
}

/// RMS of ∂L/∂aₖ and of ∂L/∂Wₖ for every layer k of `widths`, from ∂L/∂a_last = `upstream`,
/// the weights drawn again from `stream` of `seed`.
func backwardSizes(
    _ configuration: Configuration, inputs: Matrix, upstream: Matrix, widths: [Int], seed: UInt64, stream: UInt64
) -> (outputs: [Double], weights: [Double]) {
    var generator = SeededGenerator(seed: seed, stream: stream)
    var outputs = [inputs], weights: [Matrix] = []
    for width in widths {  // the forward pass again, keeping the weights
        let sigma = configuration.weightInit.standardDeviation(inputs: outputs.last!.columns)
        weights.append(Matrix.randomNormal(outputs.last!.columns, width, standardDeviation: sigma, using: &generator))  // [n, n]
        outputs.append(Matrix.product(outputs.last!, weights.last!).map(configuration.activation.function))  // [N, n]
    }
    var da = upstream, outputSizes: [Double] = [], weightSizes: [Double] = []
    for k in widths.indices.reversed() {
        let dz = da.zip(outputs[k + 1]) { g, y in g * configuration.activation.slope(y) }  // ∂L/∂zₖ
        outputSizes.insert(rootMeanSquare(da), at: 0)
        weightSizes.insert(rootMeanSquare(Matrix.product(outputs[k], dz, transposeA: true)), at: 0)  // ∂L/∂Wₖ [n, n]
        da = Matrix.product(dz, weights[k], transposeB: true)  // ∂L/∂aₖ₋₁
    }
    return (outputSizes, weightSizes)
}
