// TrainerTests.swift — the book's Trainer: its epoch arithmetic, what it
// prints, the evaluation sample limit, divergence, and weight decay at work.

import Foundation
import Testing

@testable import BookCore

/// A trainer of the stand-in network with SGD η = 1 (so `p` counts updates), quiet by default.
private func countingTrainer(
    _ network: CountingNetwork, train: Dataset, test: Dataset, epochs: Int, batchSize: Int,
    limit: Int? = nil, evaluationBatchSize: Int = 1000, verbose: Bool = false,
    printsTrainLoss: Bool = true, log: LineLog = LineLog()
) -> Trainer {
    Trainer(
        network: network, trainSet: train, testSet: test, epochs: epochs, batchSize: batchSize,
        optimizer: SGD(learningRate: 1), evaluationSampleLimit: limit, evaluationBatchSize: evaluationBatchSize,
        verbose: verbose, printsTrainLoss: printsTrainLoss,
        generator: SeededGenerator(seed: 3), log: log.sink)
}

@Suite("Trainer")
struct TrainerTests {
    // MARK: Epoch arithmetic

    @Test("12 images, batches of 4, 4 epochs: 3 iterations an epoch, 12 updates, measured after updates 1, 4, 7, 10")
    func wholeEpochs() {
        let network = CountingNetwork()
        let data = syntheticDataset(labels: Array(repeating: 0, count: 12))
        let trainer = countingTrainer(network, train: data, test: data, epochs: 4, batchSize: 4)
        #expect(trainer.iterationsPerEpoch == 3)
        #expect(trainer.maxIterations == 12)
        let final = trainer.train()
        #expect(trainer.currentIteration == 12 && network.updates == 12)
        #expect(trainer.currentEpoch == 4)
        #expect(trainer.trainAccuracy.count == 4 && trainer.testAccuracy.count == 4)
        #expect(trainer.trainLoss.count == 12)
        // Each epoch measures the training set, then the test set, after that
        // iteration's update (iteration 0 counts); the final measurement follows the last update.
        #expect(network.evaluatedAt == [1, 1, 4, 4, 7, 7, 10, 10, 12])
        #expect(final == 1)
        // The loss is recorded after each update, on the same network: 1/(1 + p) with p = 1 … 12.
        #expect(trainer.trainLoss == (1...12).map { 1 / (1 + Double($0)) })
    }

    @Test("A fractional epoch (10 images, batches of 4: 2.5 iterations) fires only at common multiples, as the book's float modulo")
    func fractionalEpochs() {
        let network = CountingNetwork()
        let data = syntheticDataset(labels: Array(repeating: 0, count: 10))
        let trainer = countingTrainer(network, train: data, test: data, epochs: 3, batchSize: 4)
        #expect(trainer.iterationsPerEpoch == 2.5)
        #expect(trainer.maxIterations == 7)  // Int(3 · 2.5)
        trainer.train()
        #expect(network.updates == 7)
        // 0 % 2.5 == 0 and 5 % 2.5 == 0; iterations 2.5 and 7.5 do not exist.
        #expect(trainer.trainAccuracy.count == 2 && trainer.currentEpoch == 2)
        #expect(network.evaluatedAt == [1, 1, 6, 6, 7])
    }

    @Test("Fewer images than a batch: iterations per epoch is max(N/B, 1) = 1, a measurement after every update")
    func smallTrainingSet() {
        let network = CountingNetwork()
        let data = syntheticDataset(labels: [0, 1, 0, 1, 0])
        let trainer = countingTrainer(network, train: data, test: data, epochs: 3, batchSize: 10)
        #expect(trainer.iterationsPerEpoch == 1)
        #expect(trainer.maxIterations == 3)
        trainer.train()
        #expect(trainer.trainAccuracy == [0.6, 0.6, 0.6])
        #expect(network.evaluatedAt == [1, 1, 2, 2, 3, 3, 3])
    }

    @Test("Zero epochs: no update, no epoch, but the final test accuracy is still measured and printed")
    func zeroEpochs() {
        let network = CountingNetwork()
        let log = LineLog()
        let data = syntheticDataset(labels: [0, 1, 1, 1])
        let trainer = countingTrainer(network, train: data, test: data, epochs: 0, batchSize: 2, verbose: true, log: log)
        #expect(trainer.maxIterations == 0)
        #expect(trainer.train() == 0.25)
        #expect(network.updates == 0 && trainer.trainAccuracy.isEmpty)
        #expect(log.lines == ["=============== Final Test Accuracy ===============", "test acc:0.25"])
    }

    // MARK: Printing

    @Test("Verbose: a train loss line per iteration, the epoch line after it, first epoch 1, then the final block")
    func verboseLines() {
        let network = CountingNetwork()
        let log = LineLog()
        let train = syntheticDataset(labels: [0, 0, 0, 1, 0, 1])  // 4 of 6 predicted right
        let test = syntheticDataset(labels: [0, 1, 1, 1], seed: 2)  // 1 of 4
        let trainer = countingTrainer(network, train: train, test: test, epochs: 2, batchSize: 3, verbose: true, log: log)
        trainer.train()
        let loss = trainer.trainLoss.map { "train loss:\($0)" }
        let epoch = { (n: Int) in "=== epoch:\(n), train acc:0.6666666666666666, test acc:0.25 ===" }
        #expect(
            log.lines == [
                loss[0], epoch(1), loss[1], loss[2], epoch(2), loss[3],
                "=============== Final Test Accuracy ===============", "test acc:0.25",
            ])
    }

    @Test("printsTrainLoss: false keeps the epoch lines and the final block, drops the loss lines")
    func epochLinesOnly() {
        let network = CountingNetwork()
        let log = LineLog()
        let data = syntheticDataset(labels: [0, 1, 0, 1])
        let trainer = countingTrainer(
            network, train: data, test: data, epochs: 3, batchSize: 2, verbose: true,
            printsTrainLoss: false, log: log)
        trainer.train()
        #expect(trainer.trainLoss.count == 6)
        #expect(
            log.lines == [
                "=== epoch:1, train acc:0.5, test acc:0.5 ===",
                "=== epoch:2, train acc:0.5, test acc:0.5 ===",
                "=== epoch:3, train acc:0.5, test acc:0.5 ===",
                "=============== Final Test Accuracy ===============", "test acc:0.5",
            ])
    }

    @Test("Not verbose: nothing at all goes to the log")
    func quiet() {
        let log = LineLog()
        let data = syntheticDataset(labels: [0, 1, 0, 1])
        let trainer = countingTrainer(CountingNetwork(), train: data, test: data, epochs: 3, batchSize: 2, log: log)
        trainer.train()
        #expect(trainer.trainAccuracy.count == 3)
        #expect(log.lines.isEmpty)
    }

    // MARK: Evaluation

    @Test("evaluationSampleLimit: epochs measure the first t images of each set; the final block the whole test set")
    func sampleLimit() {
        let network = CountingNetwork()
        let train = syntheticDataset(labels: [0, 0, 1, 1, 1, 1])  // first 2: all right
        let test = syntheticDataset(labels: [0, 1, 1, 1, 1], seed: 2)  // first 2: half; all 5: 0.2
        let trainer = countingTrainer(network, train: train, test: test, epochs: 2, batchSize: 3, limit: 2)
        let final = trainer.train()
        #expect(trainer.trainAccuracy == [1, 1])
        #expect(trainer.testAccuracy == [0.5, 0.5])
        #expect(final == 0.2)
        #expect(network.predictions.filter { !$0.training }.map(\.rows) == [2, 2, 2, 2, 5])
        #expect(trainer.imagesMeasured == 2 + 2 + 2 + 2 + 5)
    }

    @Test("Evaluation runs in batches of evaluationBatchSize rows, in test mode")
    func evaluationBatches() {
        let network = CountingNetwork()
        let train = syntheticDataset(labels: [UInt8](repeating: 0, count: 7))
        let test = syntheticDataset(labels: [0, 0, 0, 0, 1], seed: 2)
        let trainer = countingTrainer(network, train: train, test: test, epochs: 1, batchSize: 7, evaluationBatchSize: 3)
        #expect(trainer.train() == 0.8)
        #expect(network.predictions.map(\.rows) == [3, 3, 1, 3, 2, 3, 2])
        #expect(network.predictions.allSatisfy { !$0.training })
        #expect(trainer.trainAccuracy == [1] && trainer.testAccuracy == [0.8])
    }

    @Test("A set too large to keep as Doubles is measured batch by batch from its bytes, with the same result")
    func largeSetFallback() {
        let count = Trainer.cachedEvaluationLimit + 1
        let labels = (0..<count).map { UInt8($0 % 4 == 0 ? 0 : 1) }
        let big = Dataset(pixels: [UInt8](repeating: 7, count: count), labels: labels, features: 1, classes: 2)
        let network = CountingNetwork()
        let trainer = countingTrainer(
            network, train: syntheticDataset(labels: [0, 1]), test: big,
            epochs: 1, batchSize: 2, evaluationBatchSize: 5000)
        let final = trainer.train()
        let expected = Double(labels.filter { $0 == 0 }.count) / Double(count)
        #expect(trainer.testAccuracy == [expected])
        #expect(final == expected)
        #expect(network.predictions.filter { $0.rows == 1 }.count == 2)  // 20 001 = 4 × 5000 + 1, twice
    }

    // MARK: Divergence

    @Test("A huge learning rate drives the loss to NaN or infinity: training stops, diverged is set, nothing crashes")
    func divergence() {
        var g = SeededGenerator(seed: 5)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [20, 20, 20], outputSize: 3, generator: &g)
        let data = learnableDataset(count: 60, seed: 6)
        let log = LineLog()
        let trainer = Trainer(
            network: network, trainSet: data, testSet: data, epochs: 200, batchSize: 10,
            optimizer: SGD(learningRate: 1e30), verbose: true, printsTrainLoss: false,
            generator: SeededGenerator(seed: 7), log: log.sink)
        let final = trainer.train()
        #expect(trainer.diverged)
        #expect(trainer.trainLoss.last.map { !$0.isFinite } == true)
        #expect(trainer.trainLoss.dropLast().allSatisfy { $0.isFinite })
        #expect(trainer.currentIteration == trainer.trainLoss.count)
        #expect(trainer.currentIteration < trainer.maxIterations)
        #expect(final == 0)
        #expect(log.lines.last?.contains("training stopped (diverged)") == true)
        #expect(!log.lines.contains("=============== Final Test Accuracy ==============="))
    }

    @Test("A sensible learning rate on the same data does not diverge and learns")
    func noDivergence() {
        var g = SeededGenerator(seed: 5)
        let network = MultiLayerNet(inputSize: 6, hiddenSizes: [20, 20, 20], outputSize: 3, generator: &g)
        let data = learnableDataset(count: 60, seed: 6)
        let trainer = Trainer(
            network: network, trainSet: data, testSet: data, epochs: 100, batchSize: 10,
            optimizer: Adam(learningRate: 0.01), verbose: false,
            generator: SeededGenerator(seed: 7))
        let final = trainer.train()
        #expect(!trainer.diverged && trainer.currentIteration == trainer.maxIterations)
        #expect(trainer.trainAccuracy.first! < 0.7)
        #expect(final > 0.9)
    }

    // MARK: Weight decay

    @Test("Weight decay λ = 0.1 ends with a clearly smaller ΣW² than λ = 0, from the same start and batches")
    func weightDecayShrinksWeights() {
        let data = learnableDataset(count: 30, seed: 11)
        func trainedSquares(weightDecay: Double) -> (start: Double, end: Double) {
            var g = SeededGenerator(seed: 12)
            let network = MultiLayerNet(
                inputSize: 6, hiddenSizes: [20, 20], outputSize: 3,
                weightDecay: weightDecay, generator: &g)
            let squares = { network.sumOfSquaredWeights() }
            let start = squares()
            let trainer = Trainer(
                network: network, trainSet: data, testSet: data, epochs: 100, batchSize: 10,
                optimizer: SGD(learningRate: 0.1), verbose: false,
                generator: SeededGenerator(seed: 13))
            trainer.train()
            #expect(!trainer.diverged)
            return (start, squares())
        }
        let plain = trainedSquares(weightDecay: 0)
        let decayed = trainedSquares(weightDecay: 0.1)
        #expect(plain.start == decayed.start)  // the same starting weights
        // 300 updates shrink every weight by (1 − ηλ) = 0.99 first: alone, a factor 0.99^600 ≈ 0.002 on ΣW².
        #expect(decayed.end < 0.5 * plain.end, "ΣW²: \(decayed.end) with λ = 0.1, \(plain.end) without")
        #expect(decayed.end < decayed.start)
    }
}
