// Options.swift — the weight-decay chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

/// The book's settings, whose values the help texts give.
private let defaults = Settings(quick: false)

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight-decay",
        abstract: "Chapter 4: overfitting, and how weight decay narrows the gap between training and test accuracy.")

    @OptionGroup var common: ChapterOptions

    @Option(
        help:
            "Accuracy measurements per run, one every \(defaults.iterationsPerEpoch) updates, labelled epoch 0, 1, … (the book: \(defaults.epochs); --quick: \(Settings(quick: true).epochs))."
    )
    var epochs: Int?

    @Option(
        name: .customLong("weight-decay"),
        help: ArgumentHelp(
            "λ of the second run; the first always runs with λ = 0 (the book: \(defaults.weightDecay)).", valueName: "lambda"))
    var weightDecay: Double?

    func validate() throws {
        if let epochs { try validatePositive(epochs, flag: "--epochs") }
        // Past 1/η each step's factor 1 − η·λ turns negative.
        let largest = 1 / defaults.learningRate
        if let weightDecay, !(weightDecay.isFinite && weightDecay > 0 && weightDecay <= largest) {
            throw ValidationError(
                "--weight-decay must be a positive number up to \(String(format: "%g", largest)) (the λ of the second run; past \(String(format: "%g", largest)) each step's 1 − η·λ turns negative), got \(weightDecay)."
            )
        }
    }

    /// The book's settings (or --quick's) with the flags applied.
    var settings: Settings {
        var settings = Settings(quick: common.quick)
        settings.seed = common.seed
        settings.epochs = epochs ?? settings.epochs
        settings.weightDecay = weightDecay ?? settings.weightDecay
        return settings
    }
}
