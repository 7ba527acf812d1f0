// EvaluationSetTests.swift — the prepared batches, and the fast test-mode
// forward pass against `predict`, bit for bit.

@testable import BookCore
import Foundation
import Testing

@Suite("EvaluationSet")
struct EvaluationSetTests {
    @Test("Batches of batchSize rows in order, the images and labels of Dataset.batch, and the limit")
    func batches() {
        let data = syntheticDataset(labels: [0, 1, 1, 0, 1, 0, 0], features: 3)
        let set = EvaluationSet(data, batchSize: 3)
        #expect(set.count == 7)
        #expect(set.batches.map(\.x.shape) == ["[3, 3]", "[3, 3]", "[1, 3]"])
        #expect(set.batches.map(\.x) == [data.batch(0 ..< 3).x, data.batch(3 ..< 6).x, data.batch(6 ..< 7).x])
        #expect(set.batches.flatMap(\.labels) == [0, 1, 1, 0, 1, 0, 0])

        let limited = EvaluationSet(data, limit: 5, batchSize: 3)
        #expect(limited.count == 5)
        #expect(limited.batches.map(\.x.rows) == [3, 2])
        #expect(EvaluationSet(data, limit: 100).count == 7)
        #expect(EvaluationSet(data, limit: 0).batches.isEmpty)
    }

    @Test("evaluationScores equals predict(training: false) bit for bit: ReLU and sigmoid nets",
          arguments: [Activation.relu, .sigmoid])
    func fastForwardPlain(_ activation: Activation) {
        var g = SeededGenerator(seed: 21)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [9, 8, 7], outputSize: 3, activation: activation,
                                    generator: &g)
        // Non-zero biases, so that the bias step is checked too.
        for affine in network.affineLayers {
            affine.bias.value = Matrix.randomNormal(1, affine.bias.value.columns, using: &g)   // [1, H]
        }
        let x = Matrix.randomNormal(50, 6, using: &g)                        // [B, D]
        #expect(network.evaluationScores(x) == network.predict(x, training: false))
    }

    @Test("evaluationScores equals predict(training: false) with batch normalization and dropout, after training")
    func fastForwardExtended() {
        var g = SeededGenerator(seed: 22)
        let network = MultiLayerNetExtend(inputSize: 6, hiddenSizes: [9, 8], outputSize: 3, useBatchNorm: true,
                                          useDropout: true, dropoutRatio: 0.2, generator: &g)
        let data = learnableDataset(count: 40, seed: 23)
        let trainer = Trainer(network: network, trainSet: data, testSet: data, epochs: 5, batchSize: 10,
                              verbose: false, generator: SeededGenerator(seed: 24))
        trainer.train()                                                      // running statistics move
        let x = data.all.x                                                    // [N, D]
        #expect(network.evaluationScores(x) == network.predict(x, training: false))
    }

    @Test("accuracy(on:) of a prepared set equals the plain accuracy of the whole batch, and of the byte path")
    func accuracyAgrees() {
        var g = SeededGenerator(seed: 31)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [10], outputSize: 3, generator: &g)
        let data = learnableDataset(count: 37, seed: 32)
        let (x, labels) = data.all                                           // x: [N, D]
        let expected = network.accuracy(x, labels: labels)
        #expect(expected > 0 && expected < 1)                                 // neither trivial case
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
