// TrainingBenchmarks.swift — whole pieces of the chapters' training loops.
//
// - one training step of the optimizers chapter's 784-[100×4]-10 network on a
//   batch of 128: convert the batch, gradient, update, loss (as the chapter's loop);
// - one Trainer epoch of the overfitting chapter: 300 images, 784-[100×6]-10,
//   batches of 100, so 3 updates, then accuracy on the 300 training and the
//   10 000 test images — where that chapter spends nearly all its time;
// - one whole trial of the hyperparameter search: 400 training and 100
//   validation images, 50 epochs (200 updates and 50 measurements of 500 images).
//
// FLOPs count the matrix products only (`ProductFLOPs.trainingStep` for an
// update, including the loss after it; 2·k·n per image and affine layer for a
// measurement); the element-wise work is left out.

import Benchmark
import BookCore
import ChapterKit

func registerTrainingBenchmarks() {
    registerTrainingStep(optimizer: SGD())
    registerTrainingStep(optimizer: Adam())
    registerTrainerEpoch()
    registerHyperparameterTrial()
}

/// A network, its optimizer and the batches it trains on, made once per benchmark run.
final class TrainingState {
    let network: MultiLayerNet
    var optimizer: any Optimizer
    let batches: [[Int]]
    var next = 0

    init(hiddenSizes: [Int], batchSize: Int, optimizer: any Optimizer) {
        var generator = SeededGenerator(seed: 1)
        network = MultiLayerNet(inputSize: 784, hiddenSizes: hiddenSizes, outputSize: 10, generator: &generator)
        self.optimizer = optimizer
        let count = benchmarkData.train.count
        batches = (0..<64).map { _ in generator.choice(count, count: batchSize) }
    }

    /// The optimizers chapter's loop body: batch, gradient, update, loss.
    func step() {
        let (x, t) = benchmarkData.train.batch(batches[next])  // x: [B, D], t: B labels
        next = (next + 1) % batches.count
        network.gradient(x, labels: t)
        optimizer.update(network.parameters)
        blackHole(network.loss(x, labels: t))
    }
}

func registerTrainingStep(optimizer: any Optimizer) {
    let batchSize = 128
    let hiddenSizes = [100, 100, 100, 100]
    Benchmark("Train MultiLayerNet 784-[100×4]-10 step (batch+gradient+\(optimizer.name)+loss), batch \(batchSize)") { benchmark, state in
        let flops = ProductFLOPs.trainingStep(of: state.network.layers, batchSize: batchSize)
        benchmark.startMeasurement()
        measure(benchmark, flops: flops) { state.step() }
    } setup: {
        TrainingState(hiddenSizes: hiddenSizes, batchSize: batchSize, optimizer: optimizer)
    }
}

/// One epoch of the overfitting chapter through the book's Trainer.
func registerTrainerEpoch() {
    let trainingImages = 300, batchSize = 100
    let updatesPerEpoch = trainingImages / batchSize
    Benchmark(
        "Train Trainer epoch, overfitting chapter: 784-[100×6]-10, \(updatesPerEpoch) updates + accuracy on 300 + 10000 images",
        configuration: .init(maxIterations: 200)
    ) { (benchmark: Benchmark, trainer: Trainer) in
        let network = trainer.network as! MultiLayerNet
        let flops =
            Double(updatesPerEpoch) * ProductFLOPs.trainingStep(of: network.layers, batchSize: batchSize)
            + ProductFLOPs.forward(of: network.layers, images: trainer.trainSet.count + trainer.testSet.count)
        benchmark.startMeasurement()
        // The Trainer measures at iterations 0, 3, 6, …: each call makes one
        // measurement and three updates, whatever came before.
        measure(benchmark, flops: flops) {
            for _ in 0..<updatesPerEpoch { trainer.step() }
        }
    } setup: {
        var generator = SeededGenerator(seed: 1)
        let network = MultiLayerNet(
            inputSize: 784, hiddenSizes: [100, 100, 100, 100, 100, 100], outputSize: 10,
            generator: &generator)
        // Epochs enough for any number of benchmark iterations; each step measures when one is due.
        return Trainer(
            network: network, trainSet: benchmarkData.train.prefix(trainingImages),
            testSet: benchmarkData.test, epochs: 100_000, batchSize: batchSize,
            optimizer: SGD(learningRate: 0.01), verbose: false,
            generator: generator)
    }
}

/// The hyperparameter search's data: 400 images to train on, 100 to validate on.
struct TrialSets {
    var train: Dataset
    var validation: Dataset
}

/// One trial of the hyperparameter search, from a fresh network to its final
/// validation accuracy, at the chapter's full budget of 50 epochs.
func registerHyperparameterTrial() {
    let epochs = 50, batchSize = 100
    let hiddenSizes = [100, 100, 100, 100, 100, 100]
    Benchmark(
        "Train hyperparameter trial: 400 train / 100 validation images, \(epochs) epochs (200 updates)",
        configuration: .init(warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 5)
    ) { (benchmark: Benchmark, sets: TrialSets) in
        var generator = SeededGenerator(seed: 1, stream: 1)
        let network = MultiLayerNet(
            inputSize: 784, hiddenSizes: hiddenSizes, outputSize: 10,
            weightDecay: 1e-7, generator: &generator)
        let trainer = Trainer(
            network: network, trainSet: sets.train, testSet: sets.validation, epochs: epochs,
            batchSize: batchSize, optimizer: SGD(learningRate: 0.005),
            verbose: false, generator: generator)
        let measurements = Double(trainer.maxIterations) / trainer.iterationsPerEpoch
        let flops =
            Double(trainer.maxIterations) * ProductFLOPs.trainingStep(of: network.layers, batchSize: batchSize)
            + measurements * ProductFLOPs.forward(of: network.layers, images: sets.train.count + sets.validation.count)
            + ProductFLOPs.forward(of: network.layers, images: sets.validation.count)  // the final accuracy
        benchmark.startMeasurement()
        measure(benchmark, flops: flops) { blackHole(trainer.train()) }
    } setup: {
        let first500 = benchmarkData.train.prefix(500)
        return TrialSets(train: first500.subset(Array(100..<500)), validation: first500.subset(Array(0..<100)))
    }
}
