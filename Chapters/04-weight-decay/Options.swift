// Options.swift — the weight-decay chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight-decay",
        abstract: "Chapter 4: overfitting, and how weight decay narrows the gap between training and test accuracy.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Accuracy measurements per run, one every 3 updates, labelled epoch 0, 1, … (the book: 201; --quick: 11).")
    var epochs: Int?

    @Option(
        name: .customLong("weight-decay"),
        help: ArgumentHelp("λ of the second run; the first always runs with λ = 0 (the book: 0.1).", valueName: "lambda"))
    var weightDecay: Double = 0.1

    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        guard weightDecay.isFinite && weightDecay > 0 && weightDecay <= 100 else {
            throw ValidationError(
                "--weight-decay must be a positive number up to 100 (the λ of the second run; past 100 each step's 1 − η·λ turns negative), got \(weightDecay)."
            )
        }
    }
}
