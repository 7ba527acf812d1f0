// Settings.swift — the weight-decay chapter's settings in one value, each with its reason.
// main.swift builds it from the book's and the flags, and hands it to every experiment.

import Foundation

/// The chapter's settings: the book's, or with `quick` the tiny budget the tests run.
struct Settings: Equatable, Sendable {
    /// Seed of every random draw (`--seed`).
    var seed: UInt64 = 1
    /// The book keeps only the first 300 training images: few enough that a
    /// 7-layer network can memorise them [finding: weight-decay.memorises].
    var trainingImages = 300
    /// Accuracy is measured on all 300 training images and all 10 000 test
    /// images (--quick: the first 500 test images).
    var testImages = 10_000
    /// Six hidden layers of 100 ReLU units with He initialisation.
    var hiddenSizes = [100, 100, 100, 100, 100, 100]
    /// The book's plain loop: mini-batches of 100 drawn with replacement, SGD η = 0.01.
    var batchSize = 100
    var learningRate = 0.01
    /// How we count, exactly as the book's overfit_weight_decay.py: one "epoch" is
    /// N / B = 300 / 100 = 3 updates. Accuracy is measured right after the update
    /// of iterations 0, 3, 6, …, and the loop stops at the 201st measurement:
    /// 201 points labelled epoch 0 … 200, made after 1, 4, …, 601 updates.
    /// (The book's Trainer, used in chapter 5, counts from 1 instead and makes
    /// 3 · epochs updates; this chapter follows the script, not the Trainer.)
    var epochs = 201
    /// The two runs: without weight decay (the book's weight_decay_lambda = 0)
    /// and with it (the book's 0.1).
    var weightDecay = 0.1
    /// Going further: a sweep of λ, each run on the same batches from the same
    /// start, measured once at the end.
    var sweepLambdas = [0, 0.01, 0.03, 0.1, 0.3, 1]

    init(quick: Bool) {
        guard quick else { return }
        (testImages, epochs) = (500, 11)
    }

    var iterationsPerEpoch: Int { max(trainingImages / batchSize, 1) }
    var updates: Int { (epochs - 1) * iterationsPerEpoch + 1 }
    /// λ of the two runs of the book's experiment.
    var lambdas: [Double] { [0, weightDecay] }
}
