// Settings.swift — the batch-norm chapter's settings in one value, each with its reason.
// main.swift builds it from the book's and the flags, and hands it to every experiment.

import Foundation

/// The chapter's settings: the book's, or with `quick` the tiny budget the tests run.
struct Settings: Equatable, Sendable {
    /// Seed of every random draw (`--seed`).
    var seed: UInt64 = 1
    /// The book trains on the first 1000 training images only, and measures its accuracy on them.
    var trainingImages = 1000
    /// The book's loop: mini-batches of 100 drawn with replacement, SGD with η = 0.01.
    var batchSize = 100
    var learningRate = 0.01
    /// An "epoch" is 1000 / 100 = 10 iterations; accuracy on all 1000 images is
    /// measured after iterations 0, 10, 20, … and the run stops after the 20th
    /// measurement (191 updates per network), exactly as the book's loop does.
    var epochs = 20
    /// Five hidden layers of 100 ReLU units: one more than chapter 2's network.
    var hiddenSizes = [100, 100, 100, 100, 100]
    /// The book's 16 weight scales σ = logspace(0, −4, 16), 1 down to 0.0001: W = σ·randn for every W.
    static let scales: [Double] = {
        let count = 16
        return (0..<count).map { pow(10, -4 * Double($0) / Double(count - 1)) }
    }()
    /// The scales that run, by index: all of them (--quick: 1, 0.086, 0.0022, 0.0001; the files have the same shape).
    var scaleIndices = Array(Settings.scales.indices)
    /// The single-panel figure's scale, σ ≈ 0.086 (scale 5 of 16), chosen after
    /// looking at the grid: just below the scales where the plain network learns
    /// [finding: batch-norm.plain-learns-near-he] [finding: batch-norm.single-scale].
    var singleScaleIndex = 4
    /// Going further: the batch sizes and learning rates tried, all from He's
    /// start; every batch size sees the same 20 000 images.
    var sweepBatchSizes = [2, 4, 8, 16, 32, 100]
    var sweepImages = 20_000
    var sweepRates = [0.01, 0.1, 0.5]

    init(quick: Bool) {
        guard quick else { return }
        (epochs, scaleIndices) = (4, [0, 4, 10, 15])
        (sweepBatchSizes, sweepImages) = ([4, 100], 2000)
    }

    /// Iterations per "epoch" of `trainingImages` images in batches of `batchSize`.
    func iterationsPerEpoch(batchSize: Int) -> Int { max(trainingImages / batchSize, 1) }
}
