// Training.swift — one MNIST network of the optimizers chapter, trained in the
// book's loop (main.swift runs it for the comparison and for the race).

import BookCore
import ChapterKit
import Foundation

/// Trains one network with `optimizer` on the first `steps` of `batches` of
/// `train` and returns its loss after every update, handing each to `step` as it comes.
///
/// The book gives each network its own random start. The course gives all of
/// them the same one (stream 1 of the seed), so that the curves differ only by
/// the optimizer: a deliberate difference from the book.
func lossCurve(
    _ optimizer: any Optimizer, steps: Int, train: Dataset, batches: [[Int]], settings: Settings, step: (_ loss: Double) -> Void
) -> [Double] {
    var weightGenerator = SeededGenerator(seed: settings.seed, stream: 1)
    let network = MultiLayerNet(
        inputSize: train.features, hiddenSizes: settings.hiddenSizes, outputSize: train.classes,
        activation: .relu, weightInit: .he, generator: &weightGenerator)
    var optimizer = optimizer
    var losses: [Double] = []
    for indices in batches.prefix(steps) {
        let (x, t) = train.batch(indices)  // x: [B, D], t: B labels
        network.gradient(x, labels: t)  // fills ∂L/∂W for every W
        optimizer.update(network.parameters)  // one step
        losses.append(network.loss(x, labels: t))  // the book records the loss after the step
        step(losses[losses.count - 1])
    }
    return losses
}
