// Settings.swift — every knob of the weight-init chapter, with its reason, in one value.
// main.swift shows it in its settings; Options.swift applies the flags to a copy.

import BookCore
import ChapterKit
import Foundation

/// The chapter's settings: the book's (`quick: false`), or a tiny budget for the tests.
struct Settings: Equatable, Sendable {
    /// The book's random layers: 1000 inputs of n values, 5 layers of n units, no
    /// biases, 30 bins per histogram. They are cheap, so --quick keeps them whole.
    var sampleCount = 1000
    var width = 100
    var layerCount = 5
    var binCount = 30
    /// Exercise 2 reruns the forward pass wider: 1000 units, ten times the
    /// book's 100 (--wide-width).
    var wideWidth = 1000
    /// The book's MNIST budget: 2000 mini-batches of 128 images, SGD with η = 0.01
    /// (another optimizer at its book default for exercise 3).
    var iterations: Int
    var batchSize = 128
    var optimizer: OptimizerName = .sgd
    /// Four hidden layers of 100 ReLU units: the net of chapter 1, deep enough for a
    /// bad start to stall it [finding: weight-init.mnist-std-0.01-stuck].
    var hiddenSizes = [100, 100, 100, 100]
    /// The book prints each network's loss every 100 iterations.
    var printEvery: Int
    /// Only the random layers (seconds, no MNIST needed).
    var histogramsOnly = false
    /// Every random draw derives from it.
    var seed: UInt64 = 1

    init(quick: Bool) {
        iterations = quick ? 60 : 2000
        printEvery = quick ? 20 : 100
    }

    /// The random layers' widths: `layerCount` layers of `width` units.
    var layerWidths: [Int] { Array(repeating: width, count: layerCount) }
}
