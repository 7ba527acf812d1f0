// Options.swift — the optimizers chapter's command-line flags, parsed and
// checked once into typed values, and applied to the chapter's Settings.

import ArgumentParser
import BookCore
import ChapterKit
import Foundation

struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "Chapter 1: how Momentum, AdaGrad and Adam step better than plain SGD.",
        discussion:
            "Runs the optimizers for \(Settings(quick: false).valleySteps) steps on the valley f(x, y) = x²/20 + y², trains one MNIST network with each on the same mini-batches, then races every optimizer of the course (\(OptimizerName.allCases.map(\.rawValue).joined(separator: ", "))) over a range of learning rates."
    )

    @OptionGroup var common: ChapterOptions
    @Option(
        help:
            "Training iterations of the MNIST comparison (the book: \(Settings(quick: false).iterations); --quick: \(Settings(quick: true).iterations))."
    )
    var iterations: Int?
    @Option(
        help: ArgumentHelp(
            "The optimizers of the MNIST comparison, with the book's defaults: any of \(OptimizerName.allCases.map(\.rawValue).joined(separator: ", ")), separated by commas (default: \(Settings(quick: false).comparison.map(\.rawValue).joined(separator: ","))).",
            valueName: "names"),
        transform: { try parseOptimizerNames($0, flag: "--optimizers") })
    var optimizers: [OptimizerName]?
    @Option(
        parsing: .unconditional, help: ArgumentHelp("Where the valley walk starts (default: -7,2).", valueName: "x,y"),
        transform: { text in
            let point = try parsePoint(text, flag: "--valley-start")
            return Point(x: point.x, y: point.y)
        })
    var valleyStart: Point?
    @Option(
        help:
            "Iterations of each network in the learning-rate race (default \(Settings(quick: false).raceIterations); --quick: \(Settings(quick: true).raceIterations); 0: no race)."
    )
    var raceIterations: Int?
    @Flag(
        help:
            "The valley, interactive, instead of the chapter: in a window a click sets the start, 1–4 pick an optimizer, + and - scale its η, q quits; in a terminal a prompt takes x,y, a name and its η (adam 0.5), 1–4, +, - or q."
    )
    var explore = false

    func validate() throws {
        if let iterations { try validatePositive(iterations, flag: "--iterations") }
        if let raceIterations { try validatePositive(raceIterations, flag: "--race-iterations", minimum: 0) }
    }

    /// The chapter's settings for `--quick` or not, with every flag given applied.
    var settings: Settings {
        var settings = Settings(quick: common.quick)
        settings.seed = common.seed
        if let iterations { settings.iterations = iterations }
        if let optimizers { settings.comparison = optimizers }
        if let valleyStart { settings.valleyStart = valleyStart }
        if let raceIterations { settings.raceIterations = raceIterations }
        return settings
    }
}
