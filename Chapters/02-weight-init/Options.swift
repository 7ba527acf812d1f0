// Options.swift — the weight-init chapter's command-line flags, parsed and
// checked once, and applied to the chapter's Settings.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weight-init",
        abstract: "Chapter 2: how the starting weight scale shapes the activations and gradients, and whether an MNIST network learns.")

    @OptionGroup var common: ChapterOptions
    @Option(help: "Training iterations of the MNIST experiment (the book: 2000; --quick: 60).")
    var iterations: Int?
    @Option(help: "Units per layer of the random-layer experiments (the book: 100).")
    var width = 100
    @Option(help: "Units per layer of exercise 2's wider layers (the book's exercise: 1000).")
    var wideWidth = 1000
    @Option(help: "The optimizer of the MNIST comparison, at its book default learning rate (the book: sgd, η = 0.01).")
    var optimizer: OptimizerName = .sgd
    @Flag(help: "Run only the random-layer experiments (seconds, no MNIST needed); skip the MNIST comparison.")
    var histogramsOnly = false

    func validate() throws {
        for (value, flag) in [(width, "--width"), (wideWidth, "--wide-width")] {
            try validatePositive(value, flag: flag)
            if value > 2000 { throw ValidationError("\(flag) \(value) is more than 2000; wider layers take minutes and gigabytes.") }
        }
        if let iterations {
            try validatePositive(iterations, flag: "--iterations")
            if histogramsOnly {
                throw ValidationError("--iterations sets the MNIST experiment, which --histograms-only skips; drop one of them.")
            }
        }
    }

    /// The chapter's settings for `--quick` or not, with every flag given applied.
    var settings: Settings {
        var settings = Settings(quick: common.quick)
        settings.seed = common.seed
        if let iterations { settings.iterations = iterations }
        settings.width = width
        settings.wideWidth = wideWidth
        settings.optimizer = optimizer
        settings.histogramsOnly = histogramsOnly
        return settings
    }
}
