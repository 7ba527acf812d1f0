// Options.swift — the batch-norm chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

/// The book's settings, whose values the help texts give.
private let defaults = Settings(quick: false)

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-norm",
        abstract: "Chapter 3: batch normalization against the starting weight scale: where it helps, why, and where it stops.",
        discussion:
            "Trains a 784-[100×5]-10 ReLU net with and without batch norm at \(Settings.scales.count) weight scales; then why it helps and where it stops."
    )

    @OptionGroup var common: ChapterOptions
    @Option(
        help:
            "Accuracy measurements per weight scale, one every \(defaults.trainingImages)/B iterations (the book: \(defaults.epochs); --quick: \(Settings(quick: true).epochs))."
    )
    var epochs: Int?
    @Option(help: "SGD's learning rate η in the \(Settings.scales.count)-scale experiment (the book: \(defaults.learningRate)).")
    var learningRate: Double?
    @Option(
        help:
            "Mini-batch size B in the \(Settings.scales.count)-scale experiment; an epoch stays \(defaults.trainingImages) images (the book: \(defaults.batchSize))."
    )
    var batchSize: Int?
    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        if let batchSize { try validatePositive(batchSize, flag: "--batch-size", minimum: 2) }
        if let learningRate, !(learningRate.isFinite && learningRate > 0) {
            throw ValidationError("--learning-rate must be a positive number, got \(learningRate).")
        }
    }

    /// The book's settings (or --quick's) with the flags applied.
    var settings: Settings {
        var settings = Settings(quick: common.quick)
        settings.seed = common.seed
        settings.epochs = epochs ?? settings.epochs
        settings.learningRate = learningRate ?? settings.learningRate
        settings.batchSize = batchSize ?? settings.batchSize
        return settings
    }
}
