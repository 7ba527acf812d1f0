// Options.swift — the batch-norm chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-norm",
        abstract: "Chapter 3: how batch normalization lets a network learn whatever its starting weight scale.",
        discussion:
            "Trains a 784-[100×5]-10 ReLU net with and without batch norm at 16 weight scales; then why it helps and where it stops.")

    @OptionGroup var common: ChapterOptions
    @Option(help: "Accuracy measurements per weight scale, one every 1000/B iterations (the book: 20; --quick: 4).")
    var epochs: Int?
    @Option(help: "SGD's learning rate η in the 16-scale experiment (the book: 0.01).")
    var learningRate = 0.01
    @Option(help: "Mini-batch size B in the 16-scale experiment; an epoch stays 1000 images (the book: 100).")
    var batchSize = 100
    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        try validatePositive(batchSize, flag: "--batch-size", minimum: 2)
        guard learningRate.isFinite && learningRate > 0 else {
            throw ValidationError("--learning-rate must be a positive number, got \(learningRate).")
        }
    }
}
