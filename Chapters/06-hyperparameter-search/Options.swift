// Options.swift — the hyperparameter-search chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hyperparameter-search",
        abstract: "Chapter 6: random search for the learning rate and the weight decay, judged on a validation set.",
        discussion:
            "Holds out 100 of the first 500 MNIST training images for validation, then runs "
            + "100 trials, each training a 784-[100×6]-10 ReLU network for 50 epochs with a "
            + "learning rate and a weight decay drawn on a log scale. Prints every trial and the "
            + "ranking, writes trials.csv, and draws the best 20 trials and a scatter of all of them. "
            + "Ranges are powers of ten as low,high: --lr-range -6,-2 draws lr = 10^U(-6, -2).")

    @OptionGroup var common: ChapterOptions

    @Option(help: "How many random trials (the book: 100; --quick: 4).")
    var trials: Int?

    @Option(help: "Epochs per trial, of 4 updates each (the book: 50; --quick: 4).")
    var epochs: Int?

    @Option(
        name: .customLong("lr-range"), parsing: .unconditional,
        help: ArgumentHelp(
            "Learning rate = 10^U(low, high) (the book's narrowed range: -3,-2; its first pass: -6,-2).",
            valueName: "low,high"),
        transform: { try parseExponentRange($0, flag: "--lr-range") })
    var learningRateRange: ClosedRange<Double>?

    @Option(
        name: .customLong("weight-decay-range"), parsing: .unconditional,
        help: ArgumentHelp(
            "Weight decay = 10^U(low, high) (the book's narrowed range: -8,-6; its first pass: -8,-4).",
            valueName: "low,high"),
        transform: { try parseExponentRange($0, flag: "--weight-decay-range") })
    var weightDecayRange: ClosedRange<Double>?

    @Option(help: "At most this many trials at once (default: one per core). The results do not depend on it.")
    var jobs: Int?

    func validate() throws {
        if let trials { try validatePositive(trials, flag: "--trials") }
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        if let jobs { try validatePositive(jobs, flag: "--jobs") }
    }
}
