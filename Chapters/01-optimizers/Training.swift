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

/// What main.swift prints of the MNIST comparison: a line for each optimizer
/// whose loss is not finite (where it first was), the book's printout (every
/// optimizer's loss every `printEvery` iterations), and the speed line.
func comparisonReport(_ settings: Settings, names: [String], _ losses: [[Double]], seconds: Double, train: Dataset) -> String {
    var lines: [String] = []
    for (name, curve) in zip(names, losses) {
        if let i = curve.firstIndex(where: { !$0.isFinite }) { lines.append("\(name) diverged: loss \(curve[i]) at iteration \(i)") }
    }
    let iterations = settings.iterations
    for i in stride(from: 0, to: iterations, by: settings.printEvery) {
        lines.append("===========iteration:\(i)===========" + names.indices.map { "\n\(names[$0]):\(losses[$0][i])" }.joined())
    }
    let flopsPerStep = ProductFLOPs.trainingStep(
        widths: [train.features] + settings.hiddenSizes + [train.classes], batchSize: settings.batchSize)
    lines.append(
        String(format: "Trained %d networks × %d iterations in %.1f s: ", names.count, iterations, seconds)
            + productSpeed(flops: flopsPerStep * Double(iterations * names.count), seconds: seconds))
    return lines.joined(separator: "\n")
}

/// The race's mean losses, trained one network per (optimizer, rate) in that
/// order, as one row per optimizer with one value per rate (empty: no race).
func byOptimizer(_ losses: [Double], rates: Int) -> [[Double]] {
    stride(from: 0, to: losses.count, by: rates).map { Array(losses[$0..<($0 + rates)]) }
}
