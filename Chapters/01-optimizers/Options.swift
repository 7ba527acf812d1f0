// Options.swift — the optimizers chapter's command-line flags, checked.
// main.swift reads them in its settings, where each value's reason is given.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Chapter 1: how Momentum, AdaGrad and Adam step better than plain SGD.",
        discussion:
            "Runs the optimizers for 30 steps on the valley f(x, y) = x²/20 + y², trains one MNIST network with each on the same mini-batches, then races all six over a range of learning rates."
    )

    @OptionGroup var common: ChapterOptions
    @Option(help: "Training iterations of the MNIST comparison (the book: 2000; --quick: 60).")
    var iterations: Int?
    @Option(help: ArgumentHelp("The optimizers of the MNIST comparison, with the book's defaults.", valueName: "names"))
    var optimizers = "sgd,momentum,adagrad,adam"
    @Option(parsing: .unconditional, help: ArgumentHelp("Where the valley walk starts.", valueName: "x,y"))
    var valleyStart = "-7,2"
    @Option(help: "Iterations of each network in the learning-rate race (default 200; --quick: 20; 0: no race).")
    var raceIterations: Int?
    func validate() throws {
        if let iterations { try validatePositive(iterations, flag: "--iterations") }
        if let raceIterations { try validatePositive(raceIterations, flag: "--race-iterations", minimum: 0) }
        _ = try parseOptimizerNames(optimizers, flag: "--optimizers")
        _ = try parsePoint(valleyStart, flag: "--valley-start")
    }
}
