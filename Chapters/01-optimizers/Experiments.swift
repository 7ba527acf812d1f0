// Experiments.swift — what the optimizers chapter's experiments return
// (main.swift runs them), handed to Figures.swift as one value.

import BookCore
import ChapterKit
import Foundation

/// Everything the chapter's experiments measured.
struct Results {
    /// The valley's optimizers, in order.
    var valleyNames: [String]
    /// Each valley optimizer's positions before each update, from the chosen start.
    var valley: [[Point]]
    /// The same walks from just above the valley floor (exercise 3).
    var floor: [[Point]]
    /// The MNIST comparison's optimizers, in order.
    var comparisonNames: [String]
    /// Each comparison optimizer's loss after every update.
    var comparison: [[Double]]
    /// The race's optimizers, in order (every optimizer of the course).
    var raceNames: [String]
    /// Per race optimizer, the mean loss of its last iterations at each of the race's rates (empty: no race).
    var race: [[Double]]
}
