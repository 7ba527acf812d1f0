// TrainerSupport.swift — a transparent stand-in network and small data sets
// for the Trainer and EvaluationSet tests.

import Foundation

@testable import BookCore

/// A network whose every move can be checked: one parameter `p` (`[1, 1]`,
/// starting at 0) whose gradient is always −1, so SGD with η = 1 adds exactly
/// 1 per update and `p` counts the updates. It always predicts `predictedClass`,
/// and records every `predict` call (rows, `p` at that moment, the mode).
final class CountingNetwork: Network {
    let p = Parameter(name: "p", value: Matrix(rows: 1, columns: 1))
    let predictedClass: Int
    let classes: Int
    /// The loss as a function of `p` (finite by default).
    let lossOfP: (Double) -> Double
    /// Every `predict` call: rows, the value of `p`, and `training`.
    private(set) var predictions: [(rows: Int, p: Double, training: Bool)] = []

    init(predictedClass: Int = 0, classes: Int = 2, lossOfP: @escaping (Double) -> Double = { 1 / (1 + $0) }) {
        self.predictedClass = predictedClass
        self.classes = classes
        self.lossOfP = lossOfP
    }

    /// No layers: the stand-in computes everything itself.
    var layers: [any Layer] { [] }
    var parameters: [Parameter] { [p] }
    var updates: Double { p.value[0, 0] }

    func predict(_ x: Matrix, training: Bool) -> Matrix {
        predictions.append((x.rows, updates, training))
        var scores = Matrix(rows: x.rows, columns: classes)  // [B, C]
        for r in 0..<x.rows { scores[r, predictedClass] = 1 }
        return scores
    }

    func loss(_ x: Matrix, labels: [Int], training: Bool) -> Double { lossOfP(updates) }

    @discardableResult
    func gradient(_ x: Matrix, labels: [Int]) -> Double {
        p.gradient = Matrix([[-1]])
        return lossOfP(updates)
    }

    /// The values of `p` seen by the evaluation calls (test mode), in order.
    var evaluatedAt: [Double] { predictions.filter { !$0.training }.map(\.p) }
}

/// A data set of `labels.count` images of `features` pixels; pixel values are
/// drawn from the seed (the stand-in network ignores them).
func syntheticDataset(labels: [UInt8], features: Int = 2, classes: Int = 2, seed: UInt64 = 1) -> Dataset {
    var g = SeededGenerator(seed: seed)
    let pixels = (0..<labels.count * features).map { _ in UInt8(g.index(below: 256)) }
    return Dataset(pixels: pixels, labels: labels, features: features, classes: classes)
}

/// A learnable data set: `count` images of 6 random pixels, labelled by which
/// of the first three pixels is brightest (3 classes).
func learnableDataset(count: Int, seed: UInt64) -> Dataset {
    var g = SeededGenerator(seed: seed)
    var pixels: [UInt8] = [], labels: [UInt8] = []
    for _ in 0..<count {
        let image = (0..<6).map { _ in UInt8(g.index(below: 256)) }
        pixels += image
        labels.append(UInt8(image[0..<3].indices.max { image[$0] < image[$1] }!))
    }
    return Dataset(pixels: pixels, labels: labels, features: 6, classes: 3)
}

/// Collects what a trainer prints.
final class LineLog {
    var lines: [String] = []
    var sink: (String) -> Void { { [unowned self] in self.lines.append($0) } }
}
