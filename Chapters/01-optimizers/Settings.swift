// Settings.swift — every knob of the optimizers chapter, with its reason, in one value.
// main.swift shows it in its settings; Options.swift applies the flags to a copy.

import BookCore
import ChapterKit
import Foundation

/// A point (x, y) of the valley.
struct Point: Equatable, Sendable {
    var x: Double
    var y: Double
}

/// The chapter's settings: the book's (`quick: false`), or a tiny budget for the tests.
struct Settings: Equatable, Sendable {
    /// The book's MNIST budget: 2000 mini-batches of 128 images.
    var iterations: Int
    var batchSize = 128
    /// Four hidden layers of 100 units, ReLU, He initialisation: deep enough that
    /// the optimizer matters, small enough to train many times over.
    var hiddenSizes = [100, 100, 100, 100]
    /// The book prints each optimizer's loss every 100 iterations.
    var printEvery: Int
    /// The book's four optimizers of the MNIST comparison, at their default rates.
    var comparison: [OptimizerName] = [.sgd, .momentum, .adagrad, .adam]
    /// The book starts the valley walk at (−7, 2) and takes 30 steps.
    var valleyStart = Point(x: -7, y: 2)
    var valleySteps = 30
    /// The valley's theory is checked against walks at every η from 0.01 to 3,
    /// in steps of 0.01: past every book rate, and past η = 1, where SGD diverges.
    var theoryRates = (1...300).map { Double($0) / 100 }
    /// The race: every optimizer at seven learning rates, half a decade apart from
    /// 10⁻³ to 1 (the defaults 0.001 and 0.01 among them), for 200 iterations,
    /// a tenth of the budget above, keeping the mean loss of the last 50.
    var raceRates = (0..<7).map { pow(10, -3 + 0.5 * Double($0)) }
    var raceIterations: Int
    var raceTail = 50
    /// The iterations the race's mean is over: its tail, or the whole race where that is shorter.
    var raceTailLength: Int { min(raceTail, raceIterations) }
    /// Every random draw (batches, weights) derives from it.
    var seed: UInt64 = 1

    init(quick: Bool) {
        iterations = quick ? 60 : 2000
        printEvery = quick ? 20 : 100
        raceIterations = quick ? 20 : 200
    }
}
