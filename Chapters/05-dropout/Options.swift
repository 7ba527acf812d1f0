// Options.swift — the dropout chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropout",
        abstract: "Chapter 5: how dropout narrows the gap between training and test accuracy.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Epochs of 3 updates each, one accuracy measurement per epoch (the book: 301; --quick: 11).")
    var epochs: Int?

    @Option(
        name: .customLong("dropout-ratio"),
        help: ArgumentHelp("The probability r of dropping a hidden unit in training (the book: 0.2).", valueName: "r"))
    var dropoutRatio: Double = 0.2

    @Option(
        name: .customLong("weight-decay"),
        help: ArgumentHelp(
            "λ of chapter 4's L2 penalty, for the book's runs and section 5's (the book: 0; exercise 2: 0.1).",
            valueName: "lambda"))
    var weightDecay: Double = 0

    @Flag(help: "Also print the Trainer's `train loss:` line for every iteration, as the book's verbose mode does.")
    var verbose = false

    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        guard dropoutRatio > 0 && dropoutRatio < 1 else {
            throw ValidationError(
                "--dropout-ratio must lie strictly between 0 and 1 (the probability of dropping a unit), got \(dropoutRatio).")
        }
        guard weightDecay >= 0 && weightDecay.isFinite else {
            throw ValidationError("--weight-decay must be 0 or more, got \(weightDecay).")
        }
    }
}
