// Settings.swift — the hyperparameter search's settings in one value, each with its reason.
// main.swift builds it, applies the flags, and hands it to every trial.

import Foundation

/// The chapter's settings before any flag but `--seed` and `--quick`.
func chapterSettings(seed: UInt64, quick: Bool) -> SearchSettings {
    SearchSettings(
        seed: seed,
        trialCount: quick ? 4 : 100,  // the book's search: 100 trials, each a fresh network
        // The powers of ten each trial draws from. The defaults are the book's second,
        // narrowed ranges; its first pass used lr 10^U(−6, −2), weight decay 10^U(−8, −4).
        learningRateExponents: -3 ... -2, weightDecayExponents: -8 ... -6,
        imageCount: 500, validationFraction: 0.2,  // the book's data: 500 training images, 20 % held out
        // The network of chapters 4 and 5: six hidden layers of 100 ReLU units, He
        // initialisation; the book's Trainer: SGD (η drawn per trial), mini-batches of 100.
        trial: TrialSettings(hiddenSizes: [100, 100, 100, 100, 100, 100], epochs: quick ? 4 : 50, batchSize: 100),
        shownTrials: 20, gridColumns: 5,  // the book draws the best 20 trials, 5 to a row
        // Going further: a 4 × 4 grid against random groups of 16 trials; the 5
        // best settings retrained with 2 other seeds; the winner scored once on the test set.
        gridSide: quick ? 2 : 4, rerunCount: 5, rerunSeeds: 2)
}
