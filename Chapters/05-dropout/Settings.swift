// Settings.swift — the dropout chapter's settings in one value, each with its reason.
// main.swift builds it, applies the flags, and hands it to every run.

import Foundation

/// The chapter's settings before any flag but `--seed` and `--quick`.
func chapterSettings(seed: UInt64, quick: Bool) -> DropoutSettings {
    DropoutSettings(
        seed: seed,
        // Chapter 4's setting, to compare like with like: the first 300 training
        // images, all 10 000 test images (--quick: 500), six hidden layers of 100
        // ReLU units with He initialisation.
        trainingImages: 300, testImages: quick ? 500 : 10_000, hiddenSizes: [100, 100, 100, 100, 100, 100],
        // The book's Trainer settings: SGD with η = 0.01, mini-batches of 100.
        learningRate: 0.01, batchSize: 100,
        // The Trainer: an epoch is max(N / B, 1) = 3 updates, 903 in all, accuracy measured
        // after updates 0, 3, …, 900: 301 measurements, numbered 0 … 300 in the figure.
        epochs: quick ? 11 : 301,
        // The book's dropout ratio, and no weight decay.
        ratio: 0.2, weightDecay: 0,
        // Section 5's runs measure each epoch on fewer images, inverted dropout on the first 2000
        // test images (a fifth of the cost), the step run on 300 of each set, and on all test images
        // where their training accuracy first reaches a level; the exercise runs only at the end.
        invertedTestImages: 2000, stepRunImages: 300,
        // Exercise 1's ratio, and exercise 2's λ (chapter 4's).
        exerciseRatio: 0.5, exerciseWeightDecay: 0.1,
        // Where the "equal training accuracy" comparison looks.
        trainingLevels: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0])
}
