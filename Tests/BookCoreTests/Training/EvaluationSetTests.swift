// EvaluationSetTests.swift — the prepared batches, and the fast test-mode
// forward pass against `predict`, bit for bit.

import Foundation
import Testing

@testable import BookCore

@Suite("EvaluationSet")
struct EvaluationSetTests {
    @Test("Batches of batchSize rows in order, the images and labels of Dataset.batch, and the limit")
    func batches() {
        let data = syntheticDataset(labels: [0, 1, 1, 0, 1, 0, 0], features: 3)
        let set = EvaluationSet(data, batchSize: 3)
        #expect(set.count == 7)
        #expect(set.batches.map(\.x.shapeDescription) == ["[3, 3]", "[3, 3]", "[1, 3]"])
        #expect(set.batches.map(\.x) == [data.batch(0..<3).x, data.batch(3..<6).x, data.batch(6..<7).x])
        #expect(set.batches.flatMap(\.labels) == [0, 1, 1, 0, 1, 0, 0])

        let limited = EvaluationSet(data, limit: 5, batchSize: 3)
        #expect(limited.count == 5)
        #expect(limited.batches.map(\.x.rows) == [3, 2])
        #expect(EvaluationSet(data, limit: 100).count == 7)
        #expect(EvaluationSet(data, limit: 0).batches.isEmpty)
    }

    @Test(
        "A test-mode forward pass keeps nothing: the backward pass still answers the last training forward",
        arguments: [true, false])
    func testModeKeepsNothing(_ isAffine: Bool) {
        var g = SeededGenerator(seed: 21)
        func makeLayer() -> any Layer {
            var w = SeededGenerator(seed: 5)
            return isAffine
                ? Affine(weight: Matrix.randomNormal(6, 4, using: &w), bias: Matrix.randomNormal(1, 4, using: &w))
                : ReLU()
        }
        let x = Matrix.randomNormal(5, isAffine ? 6 : 4, using: &g)  // [B, D]
        let other = Matrix.randomNormal(50, isAffine ? 6 : 4, using: &g)  // a measuring batch
        let dout = Matrix.randomNormal(5, 4, using: &g)  // [B, H]
        let alone = makeLayer()
        _ = alone.forward(x, training: true)
        let expected = alone.backward(dout)
        let measured = makeLayer()
        _ = measured.forward(x, training: true)
        _ = measured.forward(other, training: false)  // must not replace what x left
        #expect(measured.backward(dout) == expected)
        #expect(measured.parameters.map(\.gradient) == alone.parameters.map(\.gradient))
    }

    @Test("accuracy(on:) of a prepared set equals the plain accuracy of the whole batch, and of the byte path")
    func accuracyAgrees() {
        var g = SeededGenerator(seed: 31)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [10], outputSize: 3, generator: &g)
        let data = learnableDataset(count: 37, seed: 32)
        let (x, labels) = data.all  // x: [N, D]
        let expected = network.accuracy(x, labels: labels)
        #expect(expected > 0 && expected < 1)  // neither trivial case
        #expect(network.accuracy(on: EvaluationSet(data, batchSize: 5)) == expected)
        #expect(network.accuracy(on: data, batchSize: 5) == expected)
        #expect(network.accuracy(on: EvaluationSet(data, limit: 0)) == 0)
    }

    @Test("Other networks are measured through their own predict, in test mode")
    func fallbackForOtherNetworks() {
        let network = CountingNetwork(predictedClass: 1)
        let data = syntheticDataset(labels: [1, 0, 1, 1])
        #expect(network.accuracy(on: EvaluationSet(data, batchSize: 3)) == 0.75)
        #expect(network.predictions.map(\.rows) == [3, 1])
        #expect(network.predictions.allSatisfy { !$0.training })
    }
}
