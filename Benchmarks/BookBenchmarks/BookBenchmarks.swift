// BookBenchmarks — how fast the pieces of the course run, one at a time.
//
// Run:   make bench                      (these, then every chapter, timed)
//        BOOK_BENCHMARKS=1 swift package benchmark --target BookBenchmarks
//        … --filter 'GEMM.*'             (only the matrix products; the filter must match whole names)
//
// The benchmark target is in the package only with BOOK_BENCHMARKS=1 (see the
// end of Package.swift), so that `swift build` and `swift test` stay fast.
//
// What is measured, from the bottom up:
// - GEMM: every matrix-product shape the chapters use (forward x·W, backward
//   xᵀ·dout and dout·Wᵀ) at batch 100 and 128, the evaluation batch of 1000,
//   and a large 2000×2000 product, the machine's limit (GEMMBenchmarks.swift);
// - layers: each layer's forward and backward pass at batch 100 and 128, and
//   the conversion of a batch of images (LayerBenchmarks.swift);
// - training: one MultiLayerNet training step, one Trainer epoch of the
//   overfitting chapter with its 10 000-image evaluation, and one whole
//   hyperparameter-search trial (TrainingBenchmarks.swift).
//
// Every benchmark runs BLAS on one thread unless its name says otherwise, as
// the chapters do. Where the floating-point work is clear (matrix products),
// the custom metric `FLOP/s` gives the achieved rate; compare it with the
// 2000×2000 GEMM. Throughput is in iterations per second.

import Benchmark
import BookCore

let benchmarks: @Sendable () -> Void = {
    // One BLAS thread, as the chapters run; the two-thread GEMMs set their own and restore this.
    BLAS.setThreads(1)
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, flopRate],
        units: [flopRate: .mega],
        warmupIterations: 3,
        maxDuration: .seconds(1),
        maxIterations: 10_000)

    registerGEMMBenchmarks()
    registerLayerBenchmarks()
    registerTrainingBenchmarks()
}
