// Support.swift — what the benchmarks share: the FLOP-rate metric, timing a
// loop of known work, random inputs, and the data (MNIST, or a stand-in).

import Benchmark
import BookCore
import Foundation

/// Floating-point operations per second of the measured loop (shown in millions).
let flopRate = BenchmarkMetric.custom("FLOP/s", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` once per scaled iteration and records the achieved FLOP rate,
/// given the work of one call.
///
/// - Parameters:
///   - benchmark: The running benchmark.
///   - flops: The floating-point operations of one call of `body`.
///   - body: The work to measure.
func measure(_ benchmark: Benchmark, flops: Double, _ body: () -> Void) {
    let started = DispatchTime.now().uptimeNanoseconds
    for _ in benchmark.scaledIterations { body() }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let calls = Double(benchmark.scaledIterations.count)
    benchmark.measurement(flopRate, Int(flops * calls / max(seconds, 1e-9)))
}

/// A random `[rows, columns]` matrix of N(0, 1) values, the same every run.
func randomMatrix(_ rows: Int, _ columns: Int, stream: UInt64 = 0) -> Matrix {
    var generator = SeededGenerator(seed: 2024, stream: stream)
    return Matrix.randomNormal(rows, columns, using: &generator)  // [rows, columns]
}

/// The data the training benchmarks use: MNIST where the chapters find it
/// (`MNIST_DIR`, else the download cache) when all four files are there —
/// nothing is downloaded — else random images of the same shapes (60 000
/// training and 10 000 test images of 784 bytes, 10 classes). Both cost the
/// same, so the benchmarks run anywhere.
let benchmarkData: (train: Dataset, test: Dataset) = {
    if MNIST.isAvailable(), let (train, test) = try? MNIST.load() {
        return (train, test)
    }
    return (syntheticDataset(count: 60_000, stream: 1), syntheticDataset(count: 10_000, stream: 2))
}()

/// `count` random 784-pixel images with labels cycling through 0 … 9.
func syntheticDataset(count: Int, stream: UInt64) -> Dataset {
    var generator = SeededGenerator(seed: 2024, stream: stream)
    let pixels = (0..<count * 784).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let labels = (0..<count).map { UInt8($0 % 10) }
    return Dataset(pixels: pixels, labels: labels, features: 784, classes: 10)
}
