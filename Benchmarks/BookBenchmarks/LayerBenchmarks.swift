// LayerBenchmarks.swift — each layer's forward and backward pass, and the
// conversion of a batch of images, at the chapters' batch sizes.
//
// Shapes as the chapters use them: Affine 784→100 as a first layer (no input
// gradient) and 100→100 as a hidden one; the element-wise layers on [B, 100];
// SoftmaxWithLoss on the [B, 10] scores. Each iteration is one forward and one
// backward pass, in training mode.

import Benchmark
import BookCore

func registerLayerBenchmarks() {
    for batch in [100, 128] {
        registerAffine(batch: batch, inputs: 784, outputs: 100, computesInputGradient: false)
        registerAffine(batch: batch, inputs: 100, outputs: 100, computesInputGradient: true)
        registerLayer("ReLU", batch: batch) { ReLU() }
        registerLayer("Sigmoid", batch: batch) { Sigmoid() }
        registerLayer("BatchNormalization", batch: batch) { BatchNormalization(features: 100) }
        registerLayer("Dropout(0.2)", batch: batch) { Dropout(ratio: 0.2, generator: SeededGenerator(seed: 1)) }
        registerSoftmaxWithLoss(batch: batch)
        registerBatchConversion(batch: batch)
    }
}

/// A layer with its input and incoming gradient, made once per benchmark run.
final class LayerWork {
    let layer: any Layer
    let x: Matrix
    let dout: Matrix

    init(layer: any Layer, x: Matrix, dout: Matrix) {
        self.layer = layer
        self.x = x
        self.dout = dout
    }

    /// One forward pass (training mode) and one backward pass.
    func forwardBackward() {
        blackHole(layer.forward(x, training: true))
        blackHole(layer.backward(dout))
    }
}

/// An element-wise layer on `[batch, 100]`.
func registerLayer(_ name: String, batch: Int, make: @escaping () -> any Layer) {
    Benchmark("Layer \(name) forward+backward [\(batch), 100]") { benchmark, work in
        for _ in benchmark.scaledIterations { work.forwardBackward() }
    } setup: {
        LayerWork(layer: make(), x: randomMatrix(batch, 100, stream: 1), dout: randomMatrix(batch, 100, stream: 2))
    }
}

/// An affine layer `[inputs, outputs]` on `[batch, inputs]`; FLOPs: two or three products.
func registerAffine(batch: Int, inputs: Int, outputs: Int, computesInputGradient: Bool) {
    let products = computesInputGradient ? 3.0 : 2.0
    let flops = products * Matrix.productFLOPs(m: batch, k: inputs, n: outputs)
    let note = computesInputGradient ? "" : " (no dx, as a first layer)"
    Benchmark("Layer Affine \(inputs)→\(outputs) forward+backward\(note) [\(batch), \(inputs)]") { benchmark, work in
        measure(benchmark, flops: flops) { work.forwardBackward() }
    } setup: {
        let affine = Affine(
            weight: randomMatrix(inputs, outputs, stream: 3), bias: randomMatrix(1, outputs, stream: 4),
            computesInputGradient: computesInputGradient)
        return LayerWork(
            layer: affine, x: randomMatrix(batch, inputs, stream: 1),
            dout: randomMatrix(batch, outputs, stream: 2))
    }
}

/// Softmax and cross-entropy on `[batch, 10]` scores, with labels cycling through the classes.
func registerSoftmaxWithLoss(batch: Int) {
    Benchmark("Layer SoftmaxWithLoss forward+backward [\(batch), 10]") { benchmark, scores in
        let layer = SoftmaxWithLoss()
        let labels = (0..<batch).map { $0 % 10 }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(layer.forward(scores, labels: labels))
            blackHole(layer.backward())
        }
    } setup: {
        randomMatrix(batch, 10, stream: 1)
    }
}

/// Random batches of indices, handed out in turn.
final class BatchCycle {
    let batches: [[Int]]
    private var next = 0

    init(batches: [[Int]]) { self.batches = batches }

    /// The next batch of indices, starting again after the last.
    func take() -> [Int] {
        defer { next = (next + 1) % batches.count }
        return batches[next]
    }
}

/// `Dataset.batch`: `batch` images drawn at random from the training set,
/// turned from bytes into a `[batch, 784]` matrix of `Double`s. Each call
/// takes the next of 256 random batches, so that, as in training, most
/// images come from memory rather than from the cache.
func registerBatchConversion(batch: Int) {
    Benchmark("Data Dataset.batch of \(batch) random images → [\(batch), 784]") { (benchmark: Benchmark, cycle: BatchCycle) in
        let train = benchmarkData.train
        for _ in benchmark.scaledIterations { blackHole(train.batch(cycle.take())) }
    } setup: {
        var generator = SeededGenerator(seed: 1)
        let count = benchmarkData.train.count  // loads the data before timing
        return BatchCycle(batches: (0..<256).map { _ in generator.choice(count, count: batch) })
    }
}
